package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// demoReport audits the stored demo snapshot (testdata/demo-snapshot.json, a
// real collection kept fresh by cmd/m365ready's tests) at a fixed time.
func demoReport(t *testing.T) *result.Report {
	t.Helper()
	snap, err := tenant.LoadFile("../testdata/demo-snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	return audit.Build(snap, audit.Options{Tool: "m365ready test", Now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)})
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

func TestGoldenDemo(t *testing.T) {
	r := demoReport(t)
	// The default terminal report; every format with details is in TestGoldenEveryFormat.
	golden.Assert(t, "testdata/demo.summary.txt", render(t, "table", Options{}, r))
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

func TestWidthAware(t *testing.T) {
	out := render(t, "table", Options{Width: 100}, demoReport(t))
	for i, line := range bytes.Split(out, []byte("\n")) {
		if n := len([]rune(string(line))); n > 100 && bytes.HasPrefix(line, []byte("|")) {
			t.Errorf("line %d is %d columns wide at width 100: %s", i+1, n, line)
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
