package reports

import (
	"bytes"
	"fmt"
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
	"github.com/m365ready/m365ready/internal/termtable"
)

// demoReport audits the stored demo snapshot (testdata/demo-snapshot.json, a
// real collection kept fresh by cmd/m365ready's tests) at a fixed time.
func demoReport(t *testing.T) *result.Report {
	t.Helper()
	snap, err := tenant.LoadFile("../testdata/demo-snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	return withPlan(snap, audit.Build(snap, audit.Options{Tool: "m365ready test", Now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}))
}

// withPlan gives the report the plan's counts, as an audit run does.
func withPlan(snap *tenant.Snapshot, rep *result.Report) *result.Report {
	rep.Plan = plan.Overview(plan.Build(snap, rep, checks.Settings{}, config.Plan{WaveSize: config.DefaultWaveSize}))
	return rep
}

func render(t *testing.T, format string, o Options, r *result.Report) []byte {
	t.Helper()
	rd, err := New(format, o)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rd.Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGoldenDemo: the terminal report as a pipe gets it (fixed wrapping)
// and as terminals of 80, 120 and 200 columns show it, with and without
// --details; every format with details is in TestGoldenEveryFormat.
func TestGoldenDemo(t *testing.T) {
	r := demoReport(t)
	golden.Assert(t, "testdata/demo.summary.txt", render(t, "table", Options{}, r))
	for _, width := range []int{80, 120, 200} {
		golden.Assert(t, fmt.Sprintf("testdata/terminal/demo.w%d.txt", width), render(t, "table", Options{Width: width}, r))
		golden.Assert(t, fmt.Sprintf("testdata/terminal/demo.details.w%d.txt", width), render(t, "table", Options{Width: width, Details: true}, r))
	}
}

func TestColourOnlyWhenAsked(t *testing.T) {
	r := demoReport(t)
	if bytes.Contains(render(t, "table", Options{}, r), []byte("\x1b[")) {
		t.Error("plain table contains ANSI escapes")
	}
	if !bytes.Contains(render(t, "table", Options{Color: true}, r), []byte("\x1b[")) {
		t.Error("colour table has no ANSI escapes")
	}
}

// TestFitsEveryWidth: at any width from 60 columns, with and without
// details, in colour or not, no line of the terminal report is wider than
// the terminal, and no word of a summary is cut (each check's summary words
// all appear whole).
func TestFitsEveryWidth(t *testing.T) {
	r := demoReport(t)
	for width := 60; width <= 220; width += 7 {
		for _, o := range []Options{{Width: width}, {Width: width, Details: true, Color: true}} {
			out := string(render(t, "table", o, r))
			for i, line := range strings.Split(out, "\n") {
				if n := termtable.Width(line); n > width {
					t.Errorf("width %d (details %v): line %d is %d columns: %s", width, o.Details, i+1, n, line)
				}
			}
			words := map[string]bool{}
			for _, w := range strings.FieldsFunc(out, func(r rune) bool { return r == ' ' || r == '\n' || r == '|' || r == '│' }) {
				words[w] = true
			}
			for _, c := range r.Checks {
				for _, w := range strings.Fields(c.Summary) {
					if !words[w] && termtable.Width(w) < 12 {
						t.Errorf("width %d: %s summary word %q cut", width, c.Check.ID, w)
					}
				}
			}
		}
	}
}

// TestCriticalShownInEveryFormat: critical means the check's severity, and
// every format says which checks are critical the same way.
func TestCriticalShownInEveryFormat(t *testing.T) {
	rep := demoReport(t)
	for _, format := range Formats() {
		out := string(render(t, format, Options{Details: true}, rep))
		for _, c := range rep.Checks {
			critical := c.Check.Severity == result.SeverityCritical
			shown := false
			switch format {
			case "json":
				shown = true // the severity field itself; the schema test holds its values
			case "csv":
				shown = strings.Contains(out, c.Check.ID+","+c.Check.Title+",critical,") == critical
			default:
				shown = strings.Contains(out, c.Check.ID+" "+c.Check.Title+" (critical)") == critical ||
					strings.Contains(out, c.Check.Title+" (critical)") == critical
			}
			if !shown {
				t.Errorf("%s: %s (%s) is not shown as critical exactly when it is", format, c.Check.ID, c.Check.Severity)
			}
		}
	}
}

// TestReadmeTerminalSample keeps the README's sample of the terminal report
// equal to what the demo tenant really prints at 100 columns.
func TestReadmeTerminalSample(t *testing.T) {
	out := render(t, "table", Options{Width: 100}, demoReport(t))
	golden.AssertSection(t, "../README.md", "<!-- terminal:start (generated from the demo tenant: go test ./reports -update) -->\n",
		"<!-- terminal:end -->", "```text\n"+string(out)+"```\n", "go test ./reports -update")
}
