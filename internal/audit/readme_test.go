package audit

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/result"
)

// TestReadmeScoring keeps the README's formula and weight table in step with
// the code.
func TestReadmeScoring(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	for _, line := range strings.Split(ScoringHelp(), "\n") {
		for _, lead := range []string{"score ", "worst ", "best ", "coverage ", "points a check"} {
			if l := strings.TrimSpace(line); strings.HasPrefix(l, lead) && strings.Contains(l, "=") && !strings.Contains(readme, l) {
				t.Errorf("README lacks the formula line %q", l)
			}
		}
	}
	// The rules are stated once, word for word.
	for _, rule := range []string{RuleWorstCase, RuleGrade(), RuleCap} {
		if n := strings.Count(readme, rule); n != 1 {
			t.Errorf("README states %q %d times, want once", rule, n)
		}
	}
	var crit []string
	for _, c := range checks.Builtin() {
		if c.Severity == result.SeverityCritical {
			crit = append(crit, c.ID)
		}
	}
	slices.Sort(crit)
	if want := "The critical checks are " + strings.Join(crit[:len(crit)-1], ", ") + " and " + crit[len(crit)-1]; !strings.Contains(readme, want) {
		t.Errorf("README lacks %q", want)
	}
}

const (
	checksStart = "<!-- checks:start (generated from the registry: go test ./internal/audit -update) -->\n"
	checksEnd   = "<!-- checks:end -->"
)

// checksTable is the README's table of checks, in registry (report) order.
func checksTable() string {
	var b strings.Builder
	b.WriteString("| ID | Check | Category | Severity | Weight | What it looks at |\n|---|---|---|---|---:|---|\n")
	for _, c := range checks.Builtin() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %g | %s |\n", c.ID, c.Title, c.Category, c.Severity, c.Weight,
			strings.ReplaceAll(c.Scope, "|", `\|`))
	}
	return b.String()
}

// TestReadmeChecksTable keeps the README's checks table equal to the
// registry; -update rewrites it.
func TestReadmeChecksTable(t *testing.T) {
	golden.AssertSection(t, "../../README.md", checksStart, checksEnd, checksTable(), "go test ./internal/audit -update")
}
