package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func devicePolicy(state string) tenant.ConditionalAccess {
	return tenant.ConditionalAccess{ID: "d-" + state, DisplayName: "Require compliant device", State: state,
		IncludeUsers: []string{"All"}, IncludeApplications: []string{"Office365"}, BuiltInControls: []string{"compliantDevice"}}
}

func TestDeviceAccess(t *testing.T) {
	cases := []struct {
		name    string
		build   func(*snap)
		status  result.Status
		summary string
	}{
		{"enforced", func(s *snap) { s.ConditionalAccess.Set([]tenant.ConditionalAccess{devicePolicy("enabled")}) }, result.StatusPass, "requires a compliant"},
		{"hybrid join also counts", func(s *snap) {
			p := devicePolicy("enabled")
			p.BuiltInControls = []string{"domainJoinedDevice"}
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{p})
		}, result.StatusPass, "requires"},
		{"report-only is not yet enforced", func(s *snap) {
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{devicePolicy("enabledForReportingButNotEnforced")})
		},
			result.StatusWarn, "report-only"},
		{"disabled policy does not count", func(s *snap) { s.ConditionalAccess.Set([]tenant.ConditionalAccess{devicePolicy("disabled")}) }, result.StatusFail, "No Conditional Access"},
		{"MFA-only policy does not count", func(s *snap) {
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{template("Require multifactor authentication for all users")})
		}, result.StatusFail, "No Conditional Access"},
		{"a device OR MFA lets people in from any computer", func(s *snap) {
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{template("Require compliant or hybrid Azure AD joined device or multifactor authentication for all users")})
		}, result.StatusFail, "No Conditional Access"},
		{"compliant OR hybrid joined is a device either way", func(s *snap) {
			p := template("Require compliant or hybrid Azure AD joined device for admins")
			p.IncludeUsers, p.IncludeRoles = []string{"All"}, nil
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{p})
		}, result.StatusPass, "of everyone"},
		{"admins only: the people are not covered", func(s *snap) {
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{template("Require compliant or hybrid Azure AD joined device for admins")})
		}, result.StatusFail, "No Conditional Access"},
		{"no Intune or P1: not applicable", func(s *snap) { s.SubscribedSKUs.Items = s.SubscribedSKUs.Items[1:] }, result.StatusNotApplicable, "Business Premium"},
		{"no Windows compliance policy assigned", func(s *snap) {
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{devicePolicy("enabled")})
			s.CompliancePolicies.Set([]tenant.CompliancePolicy{{ID: "cp", DisplayName: "Windows", Platform: "windows10CompliancePolicy",
				Targets: []string{}}, {ID: "ios", DisplayName: "iPhone", Platform: "iosCompliancePolicy", Targets: []string{"allLicensedUsersAssignmentTarget"}}})
		}, result.StatusWarn, "means only \"enrolled\""},
		{"compliance policies unreadable", func(s *snap) {
			s.ConditionalAccess.Set([]tenant.ConditionalAccess{devicePolicy("enabled")})
			s.CompliancePolicies.Fail(tenant.Status{State: tenant.StateDenied, Permission: "DeviceManagementConfiguration.Read.All"})
		}, result.StatusWarn, "not fully verified: compliancePolicies denied"},
		{"CA not readable", func(s *snap) {
			s.ConditionalAccess.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.All"})
		}, result.StatusSkipped, "could not be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.user("ann@x.test", []string{skuSPB})
			s.ConditionalAccess.Set(nil)
			s.CompliancePolicies.Set([]tenant.CompliancePolicy{{ID: "cp", DisplayName: "Windows", Platform: "windows10CompliancePolicy",
				Targets: []string{"allLicensedUsersAssignmentTarget"}}})
			tc.build(s)
			r := eval(t, DeviceAccess, s, Settings{})
			if r.Status != tc.status || !strings.Contains(r.Summary, tc.summary) {
				t.Fatalf("%s %q; want %s with %q", r.Status, r.Summary, tc.status, tc.summary)
			}
		})
	}
}
