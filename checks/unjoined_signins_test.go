package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestUnjoinedSignIns(t *testing.T) {
	fold := func(user, trust string, count int) tenant.SignInDevice {
		return tenant.SignInDevice{UserID: "id-" + user, UserPrincipalName: user + "@x.test", DeviceID: "d-" + user + trust,
			DeviceName: "PC-" + user, OperatingSystem: "Windows10", TrustType: trust, Count: count, First: daysAgoT(5), Last: daysAgoT(1)}
	}
	full := tenant.SignInLog{Days: 7, Complete: true, Pages: 1, Devices: []tenant.SignInDevice{
		fold("ann", "Azure AD joined", 10), fold("bob", "Azure AD registered", 4), fold("bob", "Azure AD joined", 2),
		fold("cat", "", 3), fold("dan", "Hybrid Azure AD joined", 5)}}
	partial := full
	partial.Complete, partial.Pages = false, 20
	cases := []struct {
		name    string
		log     *tenant.SignInLog
		status  *tenant.Status
		want    result.Status
		flagged []string
		summary string
	}{
		{"whole window", &full, nil, result.StatusInfo, []string{"bob@x.test", "cat@x.test"}, "2 of 4 people"},
		{"budget spent", &partial, nil, result.StatusInfo, []string{"bob@x.test", "cat@x.test"}, "page budget spent after 20 pages"},
		{"off by default", nil, &tenant.Status{State: tenant.StateNotRequested, Reason: "off by default: --signin-log reads it"},
			result.StatusSkipped, nil, "--signin-log"},
		{"no P1", nil, &tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P1"}, result.StatusSkipped, nil, "P1"},
	}
	for _, tc := range cases {
		s := newSnap()
		if tc.status != nil {
			s.SignInLog.Fail(*tc.status)
		} else {
			s.SignInLog.Set(*tc.log)
		}
		r := eval(t, UnjoinedSignIns, s, Settings{})
		if r.Status != tc.want || !strings.Contains(r.Summary+r.Reason, tc.summary) {
			t.Errorf("%s: %s %q %q", tc.name, r.Status, r.Summary, r.Reason)
			continue
		}
		var got []string
		for _, f := range r.Findings {
			got = append(got, f.Name)
			if f.Code != codeSignInUnjoined.Code || f.Attrs == nil || f.Attrs.Count == 0 || f.Attrs.LastSeen == nil {
				t.Errorf("%s: finding %+v", tc.name, f)
			}
		}
		if strings.Join(got, ",") != strings.Join(tc.flagged, ",") {
			t.Errorf("%s: flagged %v, want %v", tc.name, got, tc.flagged)
		}
		if f, ok := r.Facts.(*result.SignInLogFacts); ok && (f.FromJoined != 17 || f.FromRegistered != 4 || f.FromUnknown != 3) {
			t.Errorf("%s: facts %+v", tc.name, f)
		}
	}
}
