package audit

import (
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// TestConfigWarnings: an accepted risk that covers a finding counts it and
// warns of nothing; one that matches nothing (a typo) and an account that
// is no user are warnings with stable codes; an expired acceptance, or one
// for a check that could not be evaluated, is no such warning.
func TestConfigWarnings(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	snap, err := tenant.LoadFile("../../testdata/demo-snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	devices, _ := snap.Devices.Get()
	var registered string
	for _, d := range devices {
		if d.TrustType == "Workplace" && d.OperatingSystem == "Windows" {
			registered = d.DisplayName
			break
		}
	}
	if registered == "" {
		t.Fatal("the demo tenant has no registered-only Windows device")
	}
	users, _ := snap.Users.Get()
	settings := checks.Settings{
		// keys as the configuration gives them: lower case
		Accounts: map[string]checks.AccountClass{strings.ToLower(users[0].UserPrincipalName): checks.ClassServiceAccount,
			"nobody@typo.example": checks.ClassBreakGlass},
		Accepted: []result.Acceptance{
			{Check: "DEV-001", Object: registered, Reason: "kiosk", Owner: "o", Expires: "2027-01-31"},
			{Check: "DEV-001", Object: "OFICE-PC1", Reason: "typo", Owner: "o", Expires: "2027-01-31"},
			{Check: "DEV-001", Object: "OLD-PC", Reason: "gone", Owner: "o", Expires: "2026-01-31"},
		},
	}
	r := Build(snap, Options{Now: now, Settings: settings})
	if r.Acceptances[0].Matched != 1 || r.Acceptances[1].Matched != 0 {
		t.Errorf("matched = %d, %d", r.Acceptances[0].Matched, r.Acceptances[1].Matched)
	}
	want := map[result.WarningCode]string{result.WarningAcceptedRiskUnmatched: "OFICE-PC1", result.WarningAccountUnmatched: "nobody@typo.example"}
	if len(r.Warnings) != len(want) {
		t.Fatalf("warnings = %+v", r.Warnings)
	}
	for _, w := range r.Warnings {
		if want[w.Code] != w.Subject {
			t.Errorf("warning %+v", w)
		}
	}
	// The same acceptance for a check that was not evaluated says nothing.
	r = Build(snap, Options{Now: now, Settings: settings, Skip: []string{"DEV-001"}})
	for _, w := range r.Warnings {
		if w.Code == result.WarningAcceptedRiskUnmatched {
			t.Errorf("warning for a skipped check: %+v", w)
		}
	}
}
