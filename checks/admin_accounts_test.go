package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const roleUserAdminID = "fe930be7-5e62-47db-91af-98c3a49a38b1"

func synced(u *tenant.User) { u.OnPremisesSyncEnabled = bptr(true) }

func TestAdminAccounts(t *testing.T) {
	type admin struct {
		upn     string
		role    string
		synced  bool
		methods []string // nil: not in the registration data
	}
	cases := []struct {
		name     string
		admins   []admin
		regsFail bool
		status   result.Status
		score    float64
		codes    map[string]result.FindingCode
	}{
		{"cloud-only with security keys", []admin{{"a@x", roleGlobalAdmin, false, []string{"fido2"}},
			{"b@x", roleUserAdminID, false, []string{"windowsHelloForBusiness", "microsoftAuthenticatorPush"}}},
			false, result.StatusPass, 1, nil},
		{"synced Global Administrator", []admin{{"a@x", roleGlobalAdmin, true, []string{"fido2"}}, {"b@x", roleGlobalAdmin, false, []string{"fido2"}}},
			false, result.StatusFail, 0.5, map[string]result.FindingCode{"a@x": codeAdminSynced.Code}},
		{"synced User Administrator warns", []admin{{"a@x", roleGlobalAdmin, false, []string{"fido2"}}, {"u@x", roleUserAdminID, true, []string{"fido2"}}},
			false, result.StatusWarn, 0.5, map[string]result.FindingCode{"u@x": codeAdminSynced.Code}},
		{"app prompts are phishable, synced passkeys too", []admin{{"a@x", roleGlobalAdmin, false, []string{"microsoftAuthenticatorPush", "passKeySynced"}},
			{"b@x", roleGlobalAdmin, false, []string{"passKeyDeviceBound"}}},
			false, result.StatusWarn, 0.5, map[string]result.FindingCode{"a@x": codeAdminPhishable.Code}},
		{"not in the registration data", []admin{{"a@x", roleGlobalAdmin, false, nil}, {"b@x", roleGlobalAdmin, false, []string{"fido2"}}},
			false, result.StatusWarn, 0.5, map[string]result.FindingCode{"a@x": codeAdminMethodsUnknown.Code}},
		{"registration data denied", []admin{{"a@x", roleGlobalAdmin, false, []string{"fido2"}}},
			true, result.StatusWarn, 0, map[string]result.FindingCode{"a@x": codeAdminMethodsUnknown.Code}},
		{"no administrators", nil, false, result.StatusNotApplicable, -1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.MFARegistration.Set(nil)
			for _, a := range tc.admins {
				var opts []func(*tenant.User)
				if a.synced {
					opts = append(opts, synced)
				}
				s.user(a.upn, []string{skuSPB}, opts...)
				s.role(a.role, userPrincipal(a.upn))
				if a.methods != nil {
					s.mfa(a.upn, a.methods...)
				}
			}
			if tc.regsFail {
				s.MFARegistration.Fail(tenant.Status{State: tenant.StateDenied, Permission: "AuditLog.Read.All"})
			}
			r := eval(t, AdminAccounts, s, Settings{})
			if r.Status != tc.status || (tc.score >= 0 && score(r) != tc.score) {
				t.Fatalf("status %s score %v, want %s %v (%s)", r.Status, score(r), tc.status, tc.score, r.Summary)
			}
			if len(r.Findings) != len(tc.codes) {
				t.Errorf("findings %+v, want %v", r.Findings, tc.codes)
			}
			for upn, code := range tc.codes {
				f := findingFor(r, upn)
				if f == nil || f.Code != code {
					t.Errorf("%s: %+v, want %s", upn, f, code)
				}
			}
			if tc.regsFail {
				if r.Bounds == nil || r.Bounds.High != 1 {
					t.Errorf("unknown methods must leave the best case open: %+v", r.Bounds)
				}
				if f := findingFor(r, "a@x"); f == nil || !strings.Contains(f.Attrs.Reason, "AuditLog.Read.All") {
					t.Errorf("the unknown finding should say why: %+v", f)
				}
			}
		})
	}
	s := newSnap()
	s.RoleAssignments.Fail(tenant.Status{State: tenant.StateDenied, Permission: "RoleManagement.Read.Directory"})
	if r := eval(t, AdminAccounts, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "RoleManagement.Read.Directory") {
		t.Errorf("roles denied: %+v", r)
	}
}

// Administrators through a role-assignable group and through PIM
// eligibility are administrators too; roles held twice are listed once.
func TestAdminAccountsThroughGroupsAndPIM(t *testing.T) {
	s := newSnap()
	s.MFARegistration.Set(nil)
	s.user("g@x", []string{skuSPB}, synced)
	s.user("e@x", []string{skuSPB})
	s.mfa("g@x", "fido2")
	s.mfa("e@x", "microsoftAuthenticatorPush")
	s.role(roleGlobalAdmin, tenant.Principal{ID: "grp", Type: "group", DisplayName: "Tier0"}, userPrincipal("g@x"))
	s.role(roleGlobalAdmin, userPrincipal("g@x"))
	s.RoleEligibilities.Set([]tenant.RoleAssignment{{ID: "el", RoleDefinitionID: roleUserAdminID, DirectoryScopeID: "/",
		Principal: userPrincipal("e@x")}})
	r := eval(t, AdminAccounts, s, Settings{})
	if r.Status != result.StatusFail {
		t.Fatalf("a synchronised Global Administrator through a group: %s (%s)", r.Status, r.Summary)
	}
	if f := findingFor(r, "g@x"); f == nil || f.Code != codeAdminSynced.Code {
		t.Errorf("g@x: %+v", f)
	}
	if f := findingFor(r, "e@x"); f == nil || f.Code != codeAdminPhishable.Code {
		t.Errorf("the PIM-eligible User Administrator: %+v", f)
	}
	facts := r.Facts.(*result.AdminAccountsFacts)
	if len(facts.Admins) != 2 || len(facts.Admins[0].Roles) != 1 {
		t.Errorf("facts %+v", facts.Admins)
	}
}
