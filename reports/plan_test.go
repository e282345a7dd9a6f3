package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/plan"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func planOf(t *testing.T, s *tenant.Snapshot) *result.Plan {
	t.Helper()
	rep := audit.Build(s, audit.Options{Tool: "m365ready test", Now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)})
	return plan.Build(s, rep, checks.Settings{}, config.Plan{WaveSize: 8})
}

func renderPlan(t *testing.T, format string, p *result.Plan) []byte {
	t.Helper()
	r, err := NewPlan(format, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.RenderPlan(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPlanGoldenAndHostile: the demo tenant's plan in every plan format is
// pinned; with hostile names, no format lets control or bidi characters
// through, and the CSV defuses formulas.
func TestPlanGoldenAndHostile(t *testing.T) {
	demo, err := tenant.LoadFile("../testdata/demo-snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	ext := map[string]string{"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "html": "html"}
	for _, format := range PlanFormats() {
		golden.Assert(t, "testdata/plan."+format+"."+ext[format], renderPlan(t, format, planOf(t, demo)))
	}
	hostilePlan := planOf(t, hostileSnapshot(t))
	hostilePlan.Progress = progressFrom(t, hostilePlan)
	if len(hostilePlan.Progress.New) == 0 {
		t.Fatal("the hostile plan's progress lists nobody")
	}
	hostilePlan.Progress.New[0].DisplayName = strings.Join(hostile, " ")
	for _, format := range PlanFormats() {
		out := string(renderPlan(t, format, hostilePlan))
		for _, raw := range []string{"\x1b", "\x07", "\u202e"} {
			if strings.Contains(out, raw) {
				t.Errorf("plan %s lets %q through", format, raw)
			}
		}
		switch format {
		case "html":
			if strings.Contains(out, "<script") || !strings.Contains(out, "&lt;script&gt;") {
				t.Errorf("plan html: a hostile name is live, or never reached the page")
			}
		case "markdown":
			if liveTag.MatchString(out) {
				t.Errorf("plan markdown contains a live tag")
			}
		}
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(renderPlan(t, "csv", hostilePlan)), utf8BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	hostileSeen := false
	for _, row := range rows[1:] {
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+@", rune(c[0])) {
				t.Errorf("CSV cell %q would run as a formula", c)
			}
			hostileSeen = hostileSeen || strings.Contains(c, "HYPERLINK")
		}
	}
	if !hostileSeen {
		t.Error("no hostile name reached the plan's CSV: the test proves nothing")
	}
	since := planOf(t, demo)
	since.Progress = progressFrom(t, since)
	golden.Assert(t, "testdata/plan-since.table.txt", renderPlan(t, "table", since))
	var back result.Plan
	if err := json.Unmarshal(renderPlan(t, "json", hostilePlan), &back); err != nil || back.Summary.People != hostilePlan.Summary.People {
		t.Errorf("JSON plan does not read back: %v", err)
	}
}

// progressFrom compares p with an earlier plan made from it: a month
// earlier, when the last wave's people were not in the directory yet, the
// ready ones still had MFA to register, and the first person with an
// Entra-joined PC had it only registered.
func progressFrom(t *testing.T, p *result.Plan) *result.PlanProgress {
	t.Helper()
	var earlier result.Plan
	b, _ := json.Marshal(p)
	json.Unmarshal(b, &earlier)
	earlier.CollectedAt = p.CollectedAt.AddDate(0, -1, 0)
	earlier.Waves = earlier.Waves[:len(earlier.Waves)-1]
	moved := false
	for _, w := range earlier.Waves {
		for i := range w.People {
			person := &w.People[i]
			if person.State == result.PlanReady {
				person.State = result.PlanNeedsAction
				person.Actions = []result.PlanAction{{Code: "plan.register_mfa"}}
			}
			if len(person.PCs) == 1 && person.PCs[0].Join == result.JoinEntra && !moved {
				person.PCs[0].Join, moved = result.JoinRegistered, true
			}
		}
	}
	pr, err := plan.Progress(&earlier, p)
	if err != nil {
		t.Fatal(err)
	}
	return pr
}
