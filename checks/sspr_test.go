package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestSSPR(t *testing.T) {
	cases := []struct {
		name    string
		enabled []bool
		reg     []bool
		source  string
		status  result.Status
		summary string
	}{
		{"everyone enabled and registered", []bool{true, true}, []bool{true, true}, tenant.MFASourceRegistrationReport, result.StatusPass, "100% of 2 people registered"},
		{"not enabled", []bool{false, false}, []bool{false, false}, tenant.MFASourceRegistrationReport, result.StatusFail, "not enabled"},
		{"half registered", []bool{true, true}, []bool{true, false}, tenant.MFASourceRegistrationReport, result.StatusFail, "50%"},
		{"no P1: per-person methods carry no SSPR data", []bool{true}, []bool{true}, tenant.MFASourceMethods, result.StatusSkipped, "Entra ID P1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.MFARegistration.Set(nil)
			for i := range tc.enabled {
				upn := string(rune('a'+i)) + "@x.test"
				s.user(upn, []string{skuSPB})
				s.MFARegistration.Items = append(s.MFARegistration.Items, tenant.MFARegistration{UserID: "id-" + upn,
					IsSSPREnabled: bptr(tc.enabled[i]), IsSSPRRegistered: bptr(tc.reg[i])})
			}
			s.MFARegistration.Source = tc.source
			r := eval(t, SSPR, s, Settings{})
			if r.Status != tc.status || !strings.Contains(r.Summary, tc.summary) {
				t.Fatalf("%s %q; want %s with %q", r.Status, r.Summary, tc.status, tc.summary)
			}
		})
	}
}
