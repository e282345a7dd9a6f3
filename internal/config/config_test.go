package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/checks"
)

func TestParseValid(t *testing.T) {
	c, err := Parse([]byte(`
accounts:
  - upn: BreakGlass@contoso.com
    class: break-glass
  - id: 1234
    class: shared-mailbox
thresholds:
  staleDeviceDays: 60
  dormantAccountDays: 45
  inactiveGuestDays: 120
  globalAdmins: {min: 2, max: 5}
weights:
  IDN-001: 40
skip: [col-001]
acceptedRisks:
  - check: DEV-001
    object: OFFICE-PC1
    reason: reception kiosk, replaced in Q1
    owner: mara.finch@contoso.com
    expires: 2027-03-31
plan:
  pilot: [Ella.Wright@contoso.com]
  waveSize: 6
  moveWithNewPC: true
`))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Settings
	if s.Accounts["breakglass@contoso.com"] != checks.ClassBreakGlass || s.Accounts["1234"] != checks.ClassSharedMailbox {
		t.Errorf("accounts = %v", s.Accounts)
	}
	if s.StaleDeviceDays != 60 || s.DormantDays != 45 || s.InactiveGuestDays != 120 || s.MinGlobalAdmins != 2 || s.MaxGlobalAdmins != 5 {
		t.Errorf("thresholds = %+v", s)
	}
	if c.Weights["IDN-001"] != 40 || len(c.Skip) != 1 || c.Skip[0] != "COL-001" {
		t.Errorf("weights %v skip %v", c.Weights, c.Skip)
	}
	if len(s.Accepted) != 1 || s.Accepted[0].Object != "OFFICE-PC1" {
		t.Errorf("accepted = %+v", s.Accepted)
	}
	if p := c.Plan; len(p.Pilot) != 1 || p.Pilot[0] != "ella.wright@contoso.com" || p.WaveSize != 6 || !p.MoveWithNewPC {
		t.Errorf("plan = %+v", p)
	}
}

func TestParseRejects(t *testing.T) {
	cases := []struct{ name, doc, want string }{
		{"unknown top-level key", "acounts: []\n", "line 1"},
		{"unknown nested key", "thresholds:\n  staleDays: 5\n", "line 2"},
		{"wrong type", "thresholds:\n  staleDeviceDays: soon\n", "line 2"},
		{"bad class", "accounts:\n  - upn: a@b.c\n    class: vip\n", "line 2"},
		{"unknown check weight", "weights:\n  XYZ-999: 3\n", "line 2"},
		{"negative weight", "weights:\n  IDN-001: -1\n", "line 2"},
		{"unknown skip", "skip:\n  - NOPE\n", "line 2"},
		{"bad expiry", "acceptedRisks:\n  - check: DEV-001\n    object: x\n    reason: r\n    owner: o\n    expires: someday\n", "line 2"},
		{"admin range", "thresholds:\n  globalAdmins: {min: 5, max: 2}\n", "line 2"},
		{"not yaml", "accounts: [\n", "did not find"},
		{"type, in words", "thresholds:\n  staleDeviceDays: ninety\n", `line 2: thresholds.staleDeviceDays: expected a whole number, got "ninety"`},
		{"type in a list", "accounts:\n  - upn: a@b.c\n    class: [x]\n", "line 3: accounts[0].class: expected text, got a list"},
		{"unknown key names the known", "thresholds:\n  staleDays: 5\n", `unknown key "staleDays"; known here: staleDeviceDays, dormantAccountDays`},
		{"zero is not the default", "thresholds:\n  staleDeviceDays: 0\n", "between 1 and 3650"},
		{"zero dormant days", "thresholds:\n  dormantAccountDays: 0\n", "thresholds.dormantAccountDays must be between 1 and 3650"},
		{"zero admins", "thresholds:\n  globalAdmins: {min: 0}\n", "globalAdmins.min must be at least 1"},
		{"min above the default max", "thresholds:\n  globalAdmins: {min: 5}\n", "min 5 is above max 4"},
		{"zero weight", "weights:\n  IDN-001: 0\n", "list it under skip"},
		{"empty waves", "plan:\n  waveSize: 0\n", "plan.waveSize must be between 1 and 1000"},
		{"new PC not a yes or no", "plan:\n  moveWithNewPC: sometimes\n", "line 2"},
		{"pilot by name", "plan:\n  pilot: [Mara Finch]\n", "plan.pilot[0] \"Mara Finch\" must be a user principal name"},
		{"everything skipped", "skip: [IDN-001, IDN-002, IDN-003, IDN-004, IDN-005, IDN-006, IDN-007, IDN-008, DEV-001, DEV-002, DEV-003, DEV-004, DEV-005, DEV-006, DEV-007, DEV-008, DEV-009, DEV-010, LIC-001, COL-001, COL-002, COL-003, COL-004]\n", "nothing would be left"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.doc))
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrInvalid mentioning %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "!!") || strings.Contains(err.Error(), "config.") {
				t.Errorf("error is not one line in the user's words: %q", err)
			}
		})
	}
}

func TestEmptyConfigIsDefaults(t *testing.T) {
	c, err := Parse([]byte("  \n"))
	if err != nil || len(c.Skip) != 0 {
		t.Fatalf("%+v %v", c, err)
	}
}
