package reports

import (
	"fmt"
	"strconv"

	"github.com/m365ready/m365ready/internal/result"
)

// The score is written one way in every format: these helpers are the only
// place a score, range, grade or coverage becomes text.

// fmtScore writes a 0-100 score with one decimal.
func fmtScore(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// scoreValue is the score over evaluated checks, or "n/a".
func scoreValue(s result.Score) string {
	if s.Value == nil {
		return "n/a"
	}
	return fmtScore(*s.Value)
}

// scoreRange is the worst and best case side by side.
func scoreRange(s result.Score) string {
	return "worst case " + fmtScore(s.Range.Worst) + ", best case " + fmtScore(s.Range.Best)
}

// fmtPct writes a share from 0 to 1 as a whole percentage.
func fmtPct(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

// coverageText is the coverage with the minimum a grade needs.
func coverageText(s result.Score) string {
	return fmtPct(s.Coverage) + " (a grade needs " + fmtPct(s.MinCoverage) + ")"
}

// gradeText is the grade as people read it.
func gradeText(s result.Score) string {
	if s.Grade.Letter() {
		return string(s.Grade)
	}
	return "incomplete"
}

// gapLines says, one line per check, why the audit is incomplete.
func gapLines(s result.Score) []string {
	out := make([]string, 0, len(s.Incomplete))
	for _, g := range s.Incomplete {
		line := fmt.Sprintf("%s (%s, %s, %s of the weight unknown)", g.CheckID, g.Severity, g.Status, strconv.FormatFloat(g.Weight, 'f', -1, 64))
		if g.Reason != "" {
			line += ": " + g.Reason
		}
		out = append(out, line)
	}
	return out
}

// gradeTone is how a grade may be coloured: good only for a complete A or B.
type tone int

const (
	toneNeutral tone = iota // incomplete: never green
	toneGood
	toneFair
	toneBad
)

func gradeTone(s result.Score) tone {
	switch s.Grade {
	case result.GradeA, result.GradeB:
		return toneGood
	case result.GradeC, result.GradeD:
		return toneFair
	case result.GradeF:
		return toneBad
	}
	return toneNeutral
}

// checkName is a check's title, marked when it is critical: the one place
// every format shows which checks cap the grade.
func checkName(c result.CheckInfo) string {
	if c.Severity == result.SeverityCritical {
		return c.Title + " (critical)"
	}
	return c.Title
}

// objectName is how a finding's object reads to people: a user's display
// name with the UPN beside it, anything else by its name.
func objectName(f result.Finding) string {
	if f.UPN != "" && f.UPN != f.Name {
		return f.Name + " <" + f.UPN + ">"
	}
	return f.Name
}
