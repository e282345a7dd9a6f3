package reports

import (
	"fmt"
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
