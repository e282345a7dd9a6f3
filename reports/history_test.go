package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/result"
)

// historyOf is two tenants' runs, one with hostile names in every place
// tenant or configuration text reaches the history, and accepted risks
// about to expire.
func historyOf() *result.History {
	at := func(d int) time.Time { return time.Date(2026, 9, 1, 6, 0, 0, 0, time.UTC).AddDate(0, 0, 7*d) }
	run := func(id int64, d int, grade string, worst, best, cov float64) result.HistoryRun {
		return result.HistoryRun{ID: id, CollectedAt: at(d), Tool: "m365ready test", Command: "fleet", RunBy: "ops@host", Grade: grade, Worst: worst, Best: best, Coverage: cov}
	}
	evil := strings.Join(hostile, " ")
	return &result.History{GeneratedAt: at(12), ExpiringWithinDays: 30,
		Tenants: []result.TenantHistory{
			{TenantID: "t1", Alias: "alder-finch", Name: "Alder & Finch", Runs: []result.HistoryRun{
				run(1, 0, "F", 31, 44, 0.8), run(4, 1, "D", 52.5, 60, 0.9), run(7, 2, "C", 68, 68, 1)},
				Changes: []result.FindingChange{
					{State: result.FindingFixed, CheckID: "IDN-002", Code: "admin.single", ObjectType: "user", Name: "owner@alder.example"},
					{State: result.FindingNew, CheckID: "IDN-001", Code: "mfa.none", ObjectType: "user", Name: "new.starter@alder.example"},
					{State: result.FindingPersisting, CheckID: "DEV-001", Code: "device.notJoined", Name: "PC-7"}}},
			{TenantID: "t2", Name: evil, Runs: []result.HistoryRun{{ID: 2, CollectedAt: at(0), Tool: evil, Command: "audit", RunBy: evil, Grade: "F", Coverage: 0.5}},
				Changes: []result.FindingChange{}},
		},
		Expiring: []result.ExpiringAcceptance{
			{TenantID: "t2", Name: evil, Check: "IDN-001", Object: evil, Owner: evil, Expires: "2026-11-20", DaysLeft: -4, Expired: true},
			{TenantID: "t1", Alias: "alder-finch", Name: "Alder & Finch", Check: "DEV-004", Object: "PC-LEGACY-01", Owner: "it@alder.example", Expires: "2026-12-10", DaysLeft: 16},
		}}
}

// TestHistoryGoldenAndHostile: every history format is pinned; none lets
// a control or bidi character through; the HTML has no live tag, no
// script, and a chart whose points are where the scores put them.
func TestHistoryGoldenAndHostile(t *testing.T) {
	h := historyOf()
	ext := map[string]string{"table": "txt", "json": "json", "html": "html"}
	for _, format := range HistoryFormats() {
		r, err := NewHistory(format, Options{Width: 120})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := r.RenderHistory(&b, h); err != nil {
			t.Fatal(err)
		}
		golden.Assert(t, "testdata/history."+format+"."+ext[format], b.Bytes())
		out := b.String()
		for _, raw := range []string{"\x1b", "\x07", "\u202e"} {
			if strings.Contains(out, raw) {
				t.Errorf("history %s lets %q through", format, raw)
			}
		}
		if format == "html" && (strings.Contains(out, "<script") || !strings.Contains(out, "&lt;script&gt;")) {
			t.Errorf("history html: tenant text is not escaped")
		}
		if format != "json" && !strings.Contains(out, "expired") {
			t.Errorf("history %s does not list the expired acceptance", format)
		}
	}
}

func TestHistoryChart(t *testing.T) {
	c := historyChartOf(historyOf().Tenants[0])
	// Three runs across the box: x from 40 to 588; worst 31 → y 12 + 69 × 1.76.
	if want := "40.0,133.4 314.0,95.6 588.0,68.3"; c.Worst != want {
		t.Errorf("worst %q, want %q", c.Worst, want)
	}
	if want := "40.0,47.2 314.0,29.6 588.0,12.0"; c.Coverage != want {
		t.Errorf("coverage %q, want %q", c.Coverage, want)
	}
	if one := historyChartOf(historyOf().Tenants[1]); one.Worst != "314.0,188.0" || len(one.Dots) != 1 {
		t.Errorf("one run at score 0: %q", one.Worst)
	}
}
