package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestOneDriveInUse(t *testing.T) {
	recent := now.AddDate(0, 0, -3).Format("2006-01-02")
	cases := []struct {
		name    string
		rows    []tenant.OneDriveUsage
		status  result.Status
		details map[string]string
	}{
		{"everyone active", []tenant.OneDriveUsage{{OwnerPrincipalName: "a@x.test", LastActivityDate: recent}, {OwnerPrincipalName: "b@x.test", LastActivityDate: recent}},
			result.StatusPass, map[string]string{"a@x.test": "", "b@x.test": ""}},
		{"inactive and never set up", []tenant.OneDriveUsage{{OwnerPrincipalName: "a@x.test", LastActivityDate: recent}, {OwnerPrincipalName: "b@x.test"}},
			result.StatusFail, map[string]string{"b@x.test": "no OneDrive activity", "exo@x.test": ""}},
		{"concealed names", []tenant.OneDriveUsage{{OwnerPrincipalName: "0A1B2C00112233445566778899AABBCC", Concealed: true}},
			result.StatusSkipped, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuStandard})
			s.OneDriveUsage.Set(tc.rows)
			r := eval(t, OneDriveInUse, s, Settings{})
			wantOutcome(t, r, tc.status, tc.details)
			if tc.status == result.StatusSkipped && !strings.Contains(r.Reason, "concealed") {
				t.Errorf("reason %q", r.Reason)
			}
		})
	}
	s := newSnap()
	s.OneDriveUsage.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Reports.Read.All"})
	if r := eval(t, OneDriveInUse, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "Reports.Read.All") {
		t.Errorf("%+v", r)
	}
}
