package checks

import (
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestGuestHygiene(t *testing.T) {
	cases := []struct {
		name    string
		build   func(*snap)
		status  result.Status
		details map[string]string
	}{
		{"active guests", func(s *snap) {
			s.user("g1@x.test", nil, guest)
			s.signIn("g1@x.test", 10)
		}, result.StatusPass, map[string]string{"g1@x.test": ""}},
		{"never and inactive", func(s *snap) {
			s.user("g1@x.test", nil, guest)
			s.user("g2@x.test", nil, guest)
			s.user("g3@x.test", nil, guest)
			s.signIn("g1@x.test", -1)
			s.signIn("g2@x.test", 200)
			s.signIn("g3@x.test", 2)
		}, result.StatusFail, map[string]string{"g1@x.test": "never signed in", "g2@x.test": "no sign-in for 200 days", "g3@x.test": ""}},
		{"guest in a privileged role", func(s *snap) {
			for i := 0; i < 9; i++ {
				u := string(rune('a'+i)) + "@x.test"
				s.user(u, nil, guest)
				s.signIn(u, 1)
			}
			s.user("adm@x.test", nil, guest)
			s.signIn("adm@x.test", 1)
			s.role("fe930be7-5e62-47db-91af-98c3a49a38b1", userPrincipal("adm@x.test"))
		}, result.StatusFail, map[string]string{"adm@x.test": "privileged directory role"}},
		{"no sign-in data: inactive guests unknown", func(s *snap) {
			s.user("g1@x.test", nil, guest)
			s.SignInActivity.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P1"})
		}, result.StatusWarn, nil},
		{"no guests", func(s *snap) { s.user("a@x.test", []string{skuSPB}) }, result.StatusNotApplicable, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.SignInActivity.Set(nil)
			s.RoleAssignments.Set(nil)
			tc.build(s)
			r := eval(t, GuestHygiene, s, Settings{})
			wantOutcome(t, r, tc.status, tc.details)
		})
	}
}
