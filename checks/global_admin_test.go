package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestSingleGlobalAdmin(t *testing.T) {
	ga := roleGlobalAdmin
	cases := []struct {
		name     string
		build    func(*snap)
		status   result.Status
		summary  string
		findings []string // substrings expected among finding details
	}{
		{"one admin fails", func(s *snap) {
			s.user("owner@x.test", []string{skuSPB})
			s.role(ga, userPrincipal("owner@x.test"))
		}, result.StatusFail, "Only one Global Administrator", []string{"licensed mailbox", "no emergency-access"}},
		{"two admins pass", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuSPB})
			s.role(ga, userPrincipal("a@x.test"))
			s.role(ga, userPrincipal("b@x.test"))
		}, result.StatusPass, "2 Global Administrators", nil},
		{"second admin through a role-assignable group", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", nil)
			s.role(ga, userPrincipal("a@x.test"))
			s.role(ga, tenant.Principal{ID: "g", Type: "group", DisplayName: "Tier0"}, userPrincipal("b@x.test"))
		}, result.StatusPass, "2 Global Administrators", []string{"emergency-access account (inferred"}},
		{"PIM-eligible admin counts", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuSPB})
			s.role(ga, userPrincipal("a@x.test"))
			s.RoleEligibilities.Set([]tenant.RoleAssignment{{ID: "e", RoleDefinitionID: ga, DirectoryScopeID: "/", Principal: userPrincipal("b@x.test")}})
		}, result.StatusPass, "2 Global Administrators", nil},
		{"PIM not readable is said, and the pass is not verified", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuSPB})
			s.role(ga, userPrincipal("a@x.test"))
			s.role(ga, userPrincipal("b@x.test"))
			s.RoleEligibilities.Fail(tenant.Status{State: tenant.StateDenied, Permission: "RoleEligibilitySchedule.Read.Directory"})
		}, result.StatusWarn, "PIM-eligible administrators could not be read", nil},
		{"without Entra ID P2 nobody is eligible: a known none", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuSPB})
			s.role(ga, userPrincipal("a@x.test"))
			s.role(ga, userPrincipal("b@x.test"))
			s.RoleEligibilities.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P2"})
		}, result.StatusPass, "2 Global Administrators", nil},
		{"disabled admin does not count", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("left@x.test", []string{skuSPB}, disabled)
			s.role(ga, userPrincipal("a@x.test"))
			s.role(ga, userPrincipal("left@x.test"))
		}, result.StatusFail, "Only one", []string{"disabled account still holds"}},
		{"five or more warn", func(s *snap) {
			for _, u := range []string{"a", "b", "c", "d", "e"} {
				s.user(u+"@x.test", []string{skuSPB})
				s.role(ga, userPrincipal(u+"@x.test"))
			}
		}, result.StatusWarn, "more than 4", nil},
		{"group members unreadable", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.RoleAssignments.Items = append(s.RoleAssignments.Items, tenant.RoleAssignment{ID: "g", RoleDefinitionID: ga, DirectoryScopeID: "/",
				Principal:          tenant.Principal{ID: "g", Type: "group", DisplayName: "Tier0"},
				GroupMembersStatus: &tenant.Status{State: tenant.StateDenied, Permission: "GroupMember.Read.All"}})
			s.role(ga, userPrincipal("a@x.test"))
		}, result.StatusFail, "Only one", []string{"could not be read"}},
		{"an application is not a person", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.role(ga, userPrincipal("a@x.test"))
			s.role(ga, tenant.Principal{ID: "sp", Type: "servicePrincipal", DisplayName: "Legacy automation"})
		}, result.StatusFail, "Only one", []string{"application holds Global Administrator"}},
		{"none visible is an error", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.RoleAssignments.Set(nil)
		}, result.StatusError, "incomplete", nil},
		{"scoped assignment does not count", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuSPB})
			s.role(ga, userPrincipal("a@x.test"))
			s.RoleAssignments.Items = append(s.RoleAssignments.Items, tenant.RoleAssignment{ID: "au", RoleDefinitionID: ga,
				DirectoryScopeID: "/administrativeUnits/1", Principal: userPrincipal("b@x.test")})
		}, result.StatusFail, "Only one", nil},
		{"roles not readable: skipped", func(s *snap) {
			s.RoleAssignments.Fail(tenant.Status{State: tenant.StateDenied, Permission: "RoleManagement.Read.Directory"})
		}, result.StatusSkipped, "RoleManagement.Read.Directory", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.RoleAssignments.Set(nil)
			tc.build(s)
			r := eval(t, SingleGlobalAdmin, s, Settings{})
			if r.Status != tc.status || !strings.Contains(r.Summary, tc.summary) {
				t.Fatalf("status %s summary %q; want %s containing %q", r.Status, r.Summary, tc.status, tc.summary)
			}
			for _, want := range tc.findings {
				found := false
				for _, f := range r.Findings {
					found = found || strings.Contains(f.Detail, want)
				}
				if !found {
					t.Errorf("no finding with %q in %+v", want, r.Findings)
				}
			}
		})
	}
}

func TestGlobalAdminRangeIsConfigurable(t *testing.T) {
	s := newSnap()
	s.RoleAssignments.Set(nil)
	for _, u := range []string{"a", "b", "c", "d", "e"} {
		s.user(u+"@x.test", []string{skuSPB})
		s.role(roleGlobalAdmin, userPrincipal(u+"@x.test"))
	}
	if r := eval(t, SingleGlobalAdmin, s, Settings{MinGlobalAdmins: 2, MaxGlobalAdmins: 6}); r.Status != result.StatusPass {
		t.Fatalf("status %s", r.Status)
	}
}
