package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/reports"
)

// TestPlanCommand: plan runs the same pipeline as audit and writes the plan
// in the format asked; a format the plan has not is a usage error; the
// pilot from the configuration leads wave 1; a redacted plan names nobody.
func TestPlanCommand(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "m365ready.yaml")
	os.WriteFile(cfg, []byte("plan:\n  pilot: [ella.wright@alderfinch.example]\n  waveSize: 5\n"), 0o600)
	c := &fakeCollector{snap: demoSnapshot(t)}
	r := runCLI(t, t.Context(), c, nil, "plan", "--config", cfg, "-o", "json")
	if r.code != ExitOK {
		t.Fatalf("plan: exit %d: %s", r.code, r.errOut)
	}
	var p result.Plan
	if err := json.Unmarshal([]byte(r.out), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Waves) < 2 || !strings.Contains(r.out, "ella.wright@alderfinch.example") || p.Summary.People == 0 {
		t.Fatalf("plan: %d waves, summary %+v", len(p.Waves), p.Summary)
	}
	inPilot := false
	for _, person := range p.Waves[0].People {
		inPilot = inPilot || person.Person.UPN == "ella.wright@alderfinch.example"
	}
	for _, w := range p.Waves[1:] {
		if len(w.People) > 5 {
			t.Errorf("%s: %d people, wave size 5", w.Name, len(w.People))
		}
	}
	if !inPilot {
		t.Error("the configured pilot is not in wave 1")
	}
	if r := runCLI(t, t.Context(), c, nil, "plan", "-o", "junit"); r.code != ExitUsage || !strings.Contains(r.errOut, "unknown plan format") {
		t.Errorf("plan -o junit: exit %d, %s", r.code, r.errOut)
	}
	for _, format := range reports.PlanFormats() {
		r = runCLI(t, t.Context(), c, nil, "plan", "--config", cfg, "--redact", "-o", format)
		for _, name := range []string{"alderfinch", "Mara Finch", "MARA-SURFACE", "Alder & Finch", "Alder &amp; Finch"} {
			if r.code != ExitOK || strings.Contains(r.out, name) {
				t.Errorf("redacted plan -o %s: exit %d, %q in it", format, r.code, name)
			}
		}
	}
}

// TestPlanSince: --since compares with an earlier plan: a person who was
// not ready then and is now is listed as such, in JSON and in the table;
// a missing file, a file that is not a plan, or another tenant's plan is a
// usage error before anything is collected or written.
func TestPlanSince(t *testing.T) {
	dir := t.TempDir()
	c := &fakeCollector{snap: demoSnapshot(t)}
	r := runCLI(t, t.Context(), c, nil, "plan", "-o", "json")
	if r.code != ExitOK {
		t.Fatalf("plan: exit %d: %s", r.code, r.errOut)
	}
	var earlier result.Plan
	if err := json.Unmarshal([]byte(r.out), &earlier); err != nil {
		t.Fatal(err)
	}
	// A month ago the one ready person still had an action to do.
	readyID := ""
	for wi, w := range earlier.Waves {
		for pi, p := range w.People {
			if p.State == result.PlanReady && readyID == "" {
				readyID = p.Person.ID
				earlier.Waves[wi].People[pi].State = result.PlanNeedsAction
				earlier.Waves[wi].People[pi].Actions = []result.PlanAction{{Code: "plan.register_mfa", Who: "person", Detail: "x"}}
			}
		}
	}
	if readyID == "" {
		t.Fatal("the demo plan has nobody ready")
	}
	old := filepath.Join(dir, "old.json")
	b, _ := json.Marshal(earlier)
	os.WriteFile(old, b, 0o600)
	r = runCLI(t, t.Context(), c, nil, "plan", "--since", old, "-o", "json")
	var cur result.Plan
	if err := json.Unmarshal([]byte(r.out), &cur); r.code != ExitOK || err != nil || cur.Progress == nil {
		t.Fatalf("plan --since: exit %d, %v: %s", r.code, err, r.errOut)
	}
	if len(cur.Progress.BecameReady) != 1 || cur.Progress.BecameReady[0].ID != readyID ||
		len(cur.Progress.ActionsDone) != 1 || cur.Progress.ActionsDone[0].Code != "plan.register_mfa" {
		t.Errorf("progress %+v", cur.Progress)
	}
	if r := runCLI(t, t.Context(), c, nil, "plan", "--since", old); r.code != ExitOK || !strings.Contains(r.out, "Progress since") {
		t.Errorf("table: exit %d, no progress section", r.code)
	}
	report := filepath.Join(dir, "report.json")
	if r := runCLI(t, t.Context(), c, nil, "audit", "-o", "json="+report); r.code != ExitOK && r.code != ExitThreshold {
		t.Fatalf("audit: exit %d: %s", r.code, r.errOut)
	}
	earlier.Tenant.ID = "00000000-0000-0000-0000-000000000001"
	b, _ = json.Marshal(earlier)
	other := filepath.Join(dir, "other.json")
	os.WriteFile(other, b, 0o600)
	for _, tc := range []struct{ file, want string }{
		{filepath.Join(dir, "nosuch.json"), "--since"},
		{report, "not a migration plan"},
		{other, "another tenant"},
	} {
		out := filepath.Join(dir, "plan.html")
		r := runCLI(t, t.Context(), c, nil, "plan", "--since", tc.file, "-o", "html="+out)
		if r.code != ExitUsage || !strings.Contains(r.errOut, tc.want) {
			t.Errorf("--since %s: exit %d, %q", filepath.Base(tc.file), r.code, r.errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("--since %s: a plan was written anyway", filepath.Base(tc.file))
		}
	}
}
