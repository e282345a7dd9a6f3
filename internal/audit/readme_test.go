package audit

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/checks"
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
	for _, c := range checks.Builtin() {
		i := strings.Index(readme, "| `"+c.ID+"` | "+c.Title)
		if i < 0 {
			t.Errorf("README's check table lacks %s %s", c.ID, c.Title)
			continue
		}
		row := readme[i : i+strings.Index(readme[i:], "\n")]
		if want := fmt.Sprintf("| %s | %g |", c.Category, c.Weight); !strings.Contains(row, want) {
			t.Errorf("README row for %s lacks %q: %s", c.ID, want, row)
		}
	}
}
