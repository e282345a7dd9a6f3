package reports

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
)

// A check with more findings than the page lists shows the first
// htmlMaxFindings and says how many it left out.
func TestHTMLCapsFindingsPerCheck(t *testing.T) {
	for _, n := range []int{htmlMaxFindings, htmlMaxFindings + 123} {
		fs := make([]result.Finding, n)
		for i := range fs {
			fs[i] = result.Finding{ObjectType: "user", Name: fmt.Sprintf("person-%06d", i), Severity: "high", Detail: "no MFA method"}
		}
		r := &result.Report{Checks: []result.CheckResult{{Check: result.CheckInfo{ID: "IDN-001", Title: "MFA"}, Status: result.StatusFail, Findings: fs}}}
		out := string(render(t, "html", Options{}, r))
		if got := strings.Count(out, `<span class="oname">person-`); got != min(n, htmlMaxFindings) {
			t.Errorf("%d findings: the page lists %d, want %d", n, got, min(n, htmlMaxFindings))
		}
		if !strings.Contains(out, fmt.Sprintf("(%d)", n)) {
			t.Errorf("%d findings: the page does not give the total", n)
		}
		omitted := fmt.Sprintf("%d more not listed here", n-htmlMaxFindings)
		if (n > htmlMaxFindings) != strings.Contains(out, omitted) {
			t.Errorf("%d findings: note %q present=%v", n, omitted, strings.Contains(out, omitted))
		}
	}
}

// TestHTMLStatesThresholds: every check's detail says how it is judged, so
// a pass, warn or fail does not look arbitrary.
func TestHTMLStatesThresholds(t *testing.T) {
	rep := demoReport(t)
	out := string(render(t, "html", Options{}, rep))
	for _, c := range rep.Checks {
		if c.Check.Thresholds == "" {
			t.Errorf("%s has no thresholds", c.Check.ID)
			continue
		}
		if !strings.Contains(out, "How it is judged:</strong> "+template.HTMLEscapeString(c.Check.Thresholds)) {
			t.Errorf("the page does not state %s's thresholds", c.Check.ID)
		}
	}
}
