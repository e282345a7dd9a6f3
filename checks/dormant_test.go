package checks

import (
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func ago(days int) *time.Time { t := now.Add(-time.Duration(days) * 24 * time.Hour); return &t }

func (s *snap) signIn(upn string, days int) {
	a := tenant.SignInActivity{UserID: "id-" + upn}
	if days >= 0 {
		a.LastSuccessfulSignIn = ago(days)
	}
	s.SignInActivity.Items = append(s.SignInActivity.Items, a)
	s.SignInActivity.State = tenant.StateCollected
}

func TestDormant(t *testing.T) {
	cases := []struct {
		name    string
		build   func(*snap)
		status  result.Status
		details map[string]string
	}{
		{"everyone active", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.signIn("a@x.test", 3)
		}, result.StatusPass, map[string]string{"a@x.test": ""}},
		{"dormant and never signed in, new starter spared", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("old@x.test", []string{skuStandard})
			s.user("never@x.test", []string{skuSPB}, func(u *tenant.User) { u.CreatedDateTime = ago(400) })
			s.user("new@x.test", []string{skuSPB}, func(u *tenant.User) { u.CreatedDateTime = ago(5) })
			s.signIn("a@x.test", 1)
			s.signIn("old@x.test", 120)
			s.signIn("never@x.test", -1)
			s.signIn("new@x.test", -1)
		}, result.StatusFail, map[string]string{"old@x.test": "120 days ago", "never@x.test": "never signed in", "new@x.test": ""}},
		{"free SKUs are not held licences", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("old@x.test", []string{skuStandard, skuFlowFree})
			s.signIn("a@x.test", 1)
			s.signIn("old@x.test", 120)
		}, result.StatusFail, map[string]string{"old@x.test": "holds Microsoft 365 Business Standard (O365_BUSINESS_PREMIUM)"}},
		{"disabled accounts and guests are not counted", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("left@x.test", []string{skuSPB}, disabled)
			s.user("g@x.test", nil, guest)
			s.signIn("a@x.test", 1)
			s.signIn("left@x.test", 300)
			s.signIn("g@x.test", 300)
		}, result.StatusPass, map[string]string{"left@x.test": "", "g@x.test": ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.SignInActivity.Set(nil)
			tc.build(s)
			r := eval(t, Dormant, s, Settings{})
			wantOutcome(t, r, tc.status, tc.details)
		})
	}
	s := newSnap()
	s.SignInActivity.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P1"})
	if r := eval(t, Dormant, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "Entra ID P1") {
		t.Errorf("no P1: %+v", r)
	}
}

func TestDormantSummaryListsPaidLicencesOnly(t *testing.T) {
	s := newSnap()
	s.user("a@x.test", []string{skuSPB})
	s.user("old@x.test", []string{skuStandard, skuFlowFree})
	s.signIn("a@x.test", 1)
	s.signIn("old@x.test", 120)
	r := eval(t, Dormant, s, Settings{})
	if strings.Contains(r.Summary, "FLOW_FREE") || strings.Contains(r.Summary, "Free") {
		t.Errorf("summary lists a free SKU: %q", r.Summary)
	}
	f := findingFor(r, "old@x.test")
	if f == nil || len(f.Attrs.SKUs) != 1 || f.Attrs.SKUs[0] != "O365_BUSINESS_PREMIUM" || f.Code != "account.dormant" {
		t.Errorf("finding %+v", f)
	}
}
