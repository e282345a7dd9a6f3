package audit

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
)

// The scoring rules in words. They are written here once: ScoringHelp, the
// README and the reports quote them, and score_test.go holds Score to them.
const (
	// RuleWorstCase says how unknowns count.
	RuleWorstCase = "Every check that could not be evaluated (skipped or errored), and the unknown part of a partly " +
		"evaluated one, counts as 0 in the worst case and as full marks in the best case."
	// RuleCap is the grade cap.
	RuleCap = "A critical check that fails caps the grade at " + string(CapGrade) + ", whatever the score."
)

// RuleGrade says when there is a letter grade and which.
func RuleGrade() string {
	return fmt.Sprintf("The grade is the letter of the worst-case score (%s). It is given only when every critical "+
		"check has a verdict and coverage is at least the minimum (--min-coverage, default %.0f%%); otherwise the "+
		"grade is \"%s\" and the report lists what is missing and why.", result.GradeBands(), 100*DefaultMinCoverage, result.GradeIncomplete)
}

// ScoringHelp explains the score; `checks explain --scoring` prints it and
// the README quotes it.
func ScoringHelp() string {
	var b strings.Builder
	b.WriteString(`How to read the score

  Each check returns a verdict (pass, warn, fail) or says it could not judge
  (skipped, error) or that nothing applies (not applicable). With a verdict
  comes a score from 0 to 1, for example the share of people with an MFA
  method. A check that lacked some of its data (a permission it did not have,
  people it could not look up) gives its verdict on part of the picture: it
  never passes, and its score is a range.

  score     = 100 × Σ(weight × check score) / Σ weight, over checks with a verdict
  worst     = 100 × Σ(weight × lowest possible check score) / Σ applicable weight
  best      = 100 × Σ(weight × highest possible check score) / Σ applicable weight
  coverage  = 1 − (best − worst) / 100: the share of the weight whose result is known
  points a check costs = 100 × weight × (1 − check score) / Σ weight with a verdict

`)
	for _, rule := range []string{RuleWorstCase, RuleGrade(), RuleCap} {
		b.WriteString(wrap(rule, 78, "  "))
		b.WriteString("\n")
	}
	b.WriteString(`  Not-applicable checks (nothing to judge in this tenant) are left out of
  every figure. Category sub-scores use the same formulas within a category.
  "Top actions" are the checks that cost the most points, with the points
  each would recover if fixed.

Critical checks: `)
	var crit []string
	for _, c := range checks.Builtin() {
		if c.Severity == result.SeverityCritical {
			crit = append(crit, c.ID+" "+c.Title)
		}
	}
	b.WriteString(strings.Join(crit, ", ") + "\n\nWeights (override in the config file under \"weights\")\n")
	for _, c := range checks.Builtin() {
		fmt.Fprintf(&b, "  %-8s %5g  %-9s %s\n", c.ID, c.Weight, c.Severity, c.Title)
	}
	return b.String()
}

// wrap breaks text into lines of at most width columns, each indented.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	line := indent
	for _, w := range strings.Fields(text) {
		if len(line) > len(indent) && len([]rune(line))+1+len([]rune(w)) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += w
	}
	if len(line) > len(indent) {
		b.WriteString(line + "\n")
	}
	return b.String()
}
