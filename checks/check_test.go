package checks

import (
	"regexp"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestRegistry(t *testing.T) {
	idRE := regexp.MustCompile(`^(LIC|DEV|IDN|COL|CTX)-\d{3}$`)
	seen := map[string]bool{}
	total := 0.0
	for _, c := range Builtin() {
		if !idRE.MatchString(c.ID) || seen[c.ID] {
			t.Errorf("bad or duplicate ID %q", c.ID)
		}
		seen[c.ID] = true
		if c.Title == "" || c.Why == "" || len(c.Remediation) == 0 || len(c.Links) == 0 || c.Evaluate == nil || len(c.Datasets()) == 0 ||
			c.Scope == "" || c.Thresholds == "" || c.Codes == nil {
			t.Errorf("%s: incomplete metadata", c.ID)
		}
		if (c.Weight <= 0) != strings.HasPrefix(c.ID, "CTX-") { // context checks alone have no weight
			t.Errorf("%s: weight %v", c.ID, c.Weight)
		}
		total += c.Weight
		info := c.Info()
		if len(info.Permissions) == 0 {
			t.Errorf("%s: no permissions derived from its datasets", c.ID)
		}
		if c.ID[:3] == "LIC" && c.Category != result.CategoryLicensing {
			t.Errorf("%s: category %s", c.ID, c.Category)
		}
	}
	if len(seen) != 25 {
		t.Errorf("%d checks, want 25", len(seen))
	}
	if total != 100 {
		t.Errorf("weights add up to %v; the documented table adds up to 100", total)
	}
}

func TestRunTurnsPanicsIntoErrors(t *testing.T) {
	boom := Check{ID: "TST-001", Title: "boom", Category: result.CategoryIdentity, Weight: 1,
		Requires: []tenant.Dataset{tenant.DatasetUsers}, Evaluate: func(*Env) Outcome { panic("nil map") }}
	var logged string
	env := NewEnv(newSnap().Snapshot, now, Settings{})
	env.Logf = func(m string) { logged = m }
	r := Run(boom, env)
	if r.Status != result.StatusError || r.Score != nil || !strings.Contains(r.Reason, "nil map") {
		t.Fatalf("%+v", r)
	}
	if !strings.Contains(logged, "TST-001") {
		t.Errorf("panic not logged: %q", logged)
	}
}

func TestRunSkipsOnMissingData(t *testing.T) {
	s := newSnap()
	s.Users = tenant.List[tenant.User]{} // never requested
	r := Run(LicenceMix, NewEnv(s.Snapshot, now, Settings{}))
	if r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "users") || r.Findings == nil {
		t.Fatalf("%+v", r)
	}
}
