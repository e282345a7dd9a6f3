package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func mfaPolicy(state string, excludeUsers ...string) tenant.ConditionalAccess {
	return tenant.ConditionalAccess{ID: "p-" + state, DisplayName: "Require MFA", State: state, IncludeUsers: []string{"All"},
		IncludeApplications: []string{"All"}, BuiltInControls: []string{"mfa"}, ExcludeUsers: excludeUsers}
}

func TestMFAEnforced(t *testing.T) {
	cases := []struct {
		name    string
		build   func(*snap)
		status  result.Status
		summary string
	}{
		{"security defaults on", func(s *snap) { s.SecurityDefaults.Set(tenant.SecurityDefaults{IsEnabled: true}) }, result.StatusPass, "Security defaults"},
		{"no P1: security defaults are the way", func(s *snap) {
			s.SubscribedSKUs.Items = s.SubscribedSKUs.Items[1:]
			s.ConditionalAccess.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P1"})
		}, result.StatusFail, "turn on security defaults"},
		{"enabled policy for everyone", func(s *snap) { s.ConditionalAccess.Set([]tenant.ConditionalAccess{mfaPolicy("enabled")}) }, result.StatusPass, "requires MFA for all users"},
		{"authentication strength counts", func(s *snap) {
			p := mfaPolicy("enabled")
			p.BuiltInControls, p.AuthenticationStrength = nil, "Phishing-resistant MFA"
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{p})
		}, result.StatusPass, "requires MFA"},
		{"report-only is not enforced", func(s *snap) {
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{mfaPolicy("enabledForReportingButNotEnforced")})
		},
			result.StatusFail, "report-only"},
		{"admins-only policy is not everyone", func(s *snap) {
			p := mfaPolicy("enabled")
			p.IncludeUsers, p.IncludeRoles = nil, []string{roleGlobalAdmin}
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{p})
		}, result.StatusFail, "no enabled Conditional Access policy"},
		{"break-glass exclusion expected, others are findings", func(s *snap) {
			s.user("bg@x.test", nil)
			s.user("ceo@x.test", []string{skuSPB})
			s.role(roleGlobalAdmin, userPrincipal("bg@x.test"))
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{mfaPolicy("enabled", "id-bg@x.test", "id-ceo@x.test")})
		}, result.StatusWarn, "1 exclusion"},
		{"CA not readable", func(s *snap) {
			s.ConditionalAccess.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.All"})
		},
			result.StatusSkipped, "could not be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.SecurityDefaults.Set(tenant.SecurityDefaults{})
			s.RoleAssignments.Set(nil)
			s.ConditionalAccess.Set(nil)
			tc.build(s)
			r := eval(t, MFAEnforced, s, Settings{})
			if r.Status != tc.status || !strings.Contains(r.Summary, tc.summary) {
				t.Fatalf("%s %q; want %s with %q", r.Status, r.Summary, tc.status, tc.summary)
			}
		})
	}
	// Security defaults not readable: skipped with the reason.
	s := newSnap()
	s.SecurityDefaults.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.All"})
	if r := eval(t, MFAEnforced, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "Policy.Read.All") {
		t.Errorf("%+v", r)
	}
}
