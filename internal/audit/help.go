package audit

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/checks"
)

// ScoringHelp explains the score; `checks explain --scoring` prints it and
// the README quotes it.
func ScoringHelp() string {
	var b strings.Builder
	b.WriteString(`How the score works

  Each check returns a verdict (pass, warn, fail, skipped, not applicable, error)
  and, when it could judge, a score from 0 to 1 (for example the share of people
  with an MFA method).

  score    = 100 × Σ(weight × check score) / Σ weight, over evaluated checks
  coverage = Σ weight of evaluated checks / Σ weight of all checks
  points a check costs = 100 × weight × (1 − check score) / Σ evaluated weight

  Evaluated means pass, warn or fail. Skipped, not-applicable and errored checks
  never move the score: they lower coverage, which is always shown beside it.
  Category sub-scores use the same formula within a category.

  Grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, F below. A failing critical check
  (single Global Administrator, an administrator without MFA) caps the grade at D.
  "Top actions" are the checks that cost the most points, with the points each
  would recover if fixed.

Weights (override in the config file under "weights")
`)
	for _, c := range checks.Builtin() {
		crit := ""
		if c.Critical {
			crit = "  (critical)"
		}
		fmt.Fprintf(&b, "  %-8s %5g  %s%s\n", c.ID, c.Weight, c.Title, crit)
	}
	return b.String()
}
