package reports

import (
	"fmt"
	"math"
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

// fmtPct writes a share from 0 to 1 as a whole percentage, halves rounded
// up (62.5 % is 63 % everywhere; fmt's %.0f would round it to even).
func fmtPct(f float64) string { return strconv.Itoa(int(math.Round(100*f))) + "%" }

// fmtCheckScore is a check's score (0 to 1) as a percentage, or a dash when
// the check has none.
func fmtCheckScore(f *float64) string {
	if f == nil {
		return "–"
	}
	return fmtPct(*f)
}

// statusWord is a status as the terminal, HTML and JUnit reports print it.
func statusWord(s result.Status) string {
	return map[result.Status]string{result.StatusPass: "PASS", result.StatusWarn: "WARN", result.StatusFail: "FAIL",
		result.StatusSkipped: "SKIP", result.StatusNotApplicable: "N/A", result.StatusError: "ERROR", result.StatusInfo: "INFO"}[s]
}

// fmtPoints is the points an action would recover.
func fmtPoints(p float64) string { return "+" + fmtScore(p) }

// coverageText is the coverage with the minimum a grade needs.
func coverageText(s result.Score) string {
	return fmtPct(s.Coverage) + " (a grade needs " + fmtPct(s.MinCoverage) + ")"
}

// evaluatedText counts the checks that gave a verdict among those that
// judge; context checks are counted apart.
func evaluatedText(r *result.Report) string {
	evaluated, judging, context := 0, 0, 0
	for _, c := range r.Checks {
		switch {
		case c.Check.Weight == 0:
			context++
		case c.Status.Evaluated():
			evaluated++
			judging++
		default:
			judging++
		}
	}
	out := fmt.Sprintf("%d of %d checks evaluated", evaluated, judging)
	if context > 0 {
		out += fmt.Sprintf(" (and %d for context)", context)
	}
	return out
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
