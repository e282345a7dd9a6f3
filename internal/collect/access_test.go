package collect

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/tenant"
)

func b(v bool) *bool { return &v }

func TestDatasetAccess(t *testing.T) {
	a := &Access{AppOnly: true, Granted: []string{"Directory.Read.All", "UserAuthenticationMethod.Read.All", "Policy.Read.All"},
		P1: b(false), P2: b(false), Intune: b(true)}
	cases := []struct {
		d      tenant.Dataset
		ok     bool
		reason string
	}{
		{tenant.DatasetUsers, true, ""},                        // through Directory.Read.All
		{tenant.DatasetMFARegistration, true, ""},              // no P1, but the per-person fallback is allowed
		{tenant.DatasetAuthMethodsPolicy, true, ""},            // Policy.Read.All covers it
		{tenant.DatasetConditionalAccess, false, "licence"},    // no P1
		{tenant.DatasetRoleEligibilities, false, "permission"}, // missing RoleEligibilitySchedule.Read.Directory
		{tenant.DatasetSiteUsage, false, "Reports.Read.All"},
	}
	for _, tc := range cases {
		ok, why := a.DatasetAccess(tc.d)
		if ok != tc.ok || !strings.Contains(why, tc.reason) {
			t.Errorf("%s: %v %q, want %v %q", tc.d, ok, why, tc.ok, tc.reason)
		}
	}
	unknown := &Access{AppOnly: true, Granted: []string{"Policy.Read.All"}}
	if ok, _ := unknown.DatasetAccess(tenant.DatasetConditionalAccess); !ok {
		t.Error("unknown licences must not block a dataset")
	}
}
