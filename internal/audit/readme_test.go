package audit

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/checks"
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
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "score ") || strings.HasPrefix(l, "coverage ") || strings.HasPrefix(l, "points a check") {
			if !strings.Contains(readme, l) {
				t.Errorf("README lacks the formula line %q", l)
			}
		}
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
