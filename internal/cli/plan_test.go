package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
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
	r = runCLI(t, t.Context(), c, nil, "plan", "--config", cfg, "--redact", "-o", "csv")
	if r.code != ExitOK || strings.Contains(r.out, "alderfinch") || strings.Contains(r.out, "Mara Finch") {
		t.Errorf("redacted plan: exit %d, names leak: %v", r.code, strings.Contains(r.out, "alderfinch"))
	}
}
