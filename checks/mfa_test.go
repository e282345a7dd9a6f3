package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestMFAMethods(t *testing.T) {
	cases := []struct {
		name   string
		build  func(*snap)
		status result.Status
		score  float64
		detail map[string]string // user -> substring of finding detail ("" = no finding)
	}{
		{"everyone with two methods", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.mfa("a@x.test", "microsoftAuthenticatorPush", "mobilePhone")
		}, result.StatusPass, 1, map[string]string{"a@x.test": ""}},
		{"password and email never count", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.mfa("a@x.test", "email")
		}, result.StatusFail, 0, map[string]string{"a@x.test": "no MFA method"}},
		{"SMS only costs half a person, a single method a fifth", func(s *snap) {
			for _, u := range []string{"sms", "single", "ok1", "ok2", "ok3", "ok4", "ok5", "ok6", "ok7", "ok8"} {
				s.user(u+"@x.test", []string{skuSPB})
			}
			s.mfa("sms@x.test", "mobilePhone")
			s.mfa("single@x.test", "fido2SecurityKey")
			for _, u := range []string{"ok1", "ok2", "ok3", "ok4", "ok5", "ok6", "ok7", "ok8"} {
				s.mfa(u+"@x.test", "microsoftAuthenticatorPush", "softwareOneTimePasscode")
			}
		}, result.StatusWarn, (8 + creditPhone + creditSingle) / 10, map[string]string{"sms@x.test": "only SMS/voice", "single@x.test": "a single method"}},
		{"missing from registration data is unknown, not unprotected", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuSPB})
			s.mfa("a@x.test", "microsoftAuthenticatorPush", "mobilePhone")
		}, result.StatusWarn, 1, map[string]string{"b@x.test": "unknown"}},
		{"admin without MFA fails whatever the share", func(s *snap) {
			for i := 0; i < 20; i++ {
				u := string(rune('a'+i)) + "@x.test"
				s.user(u, []string{skuSPB})
				s.mfa(u, "microsoftAuthenticatorPush", "mobilePhone")
			}
			s.user("admin@x.test", []string{skuSPB})
			s.mfa("admin@x.test")
			s.role(roleGlobalAdmin, userPrincipal("admin@x.test"))
		}, result.StatusFail, 20.0 / 21.0, map[string]string{"admin@x.test": "administrator: no MFA"}},
		{"admin via role-assignable group", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuSPB})
			s.mfa("a@x.test", "microsoftAuthenticatorPush", "mobilePhone")
			s.mfa("b@x.test")
			s.role("29232cdf-9323-42fd-ade2-1d097af3e4de", tenant.Principal{ID: "grp", Type: "group", DisplayName: "Mail Admins"}, userPrincipal("b@x.test"))
		}, result.StatusFail, 0.5, map[string]string{"b@x.test": "administrator"}},
		{"guests, disabled people and break-glass are not counted", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.mfa("a@x.test", "microsoftAuthenticatorPush", "mobilePhone")
			s.user("g@x.test", nil, guest)
			s.mfa("g@x.test")
			s.user("left@x.test", []string{skuSPB}, disabled)
			s.user("bg@x.test", nil)
			s.role(roleGlobalAdmin, userPrincipal("bg@x.test"))
		}, result.StatusPass, 1, map[string]string{"g@x.test": "", "left@x.test": "", "bg@x.test": ""}},
		{"registration data not licensed", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.MFARegistration.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P1"})
		}, result.StatusSkipped, -1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.MFARegistration.Set(nil)
			tc.build(s)
			r := eval(t, MFAMethods, s, Settings{})
			if r.Status != tc.status || (tc.score >= 0 && (score(r)-tc.score > 1e-9 || tc.score-score(r) > 1e-9)) {
				t.Fatalf("status %s score %v, want %s %v (%s)", r.Status, score(r), tc.status, tc.score, r.Summary)
			}
			for user, want := range tc.detail {
				f := findingFor(r, user)
				switch {
				case want == "" && f != nil:
					t.Errorf("%s: unexpected finding %q", user, f.Detail)
				case want != "" && (f == nil || !strings.Contains(f.Detail, want)):
					t.Errorf("%s: finding %+v, want %q", user, f, want)
				}
			}
		})
	}
}
