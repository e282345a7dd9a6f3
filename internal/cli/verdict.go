package cli

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// Bar is what a run must meet: the --fail-under, --fail-on and --min-coverage
// family of flags.
type Bar struct {
	FailUnder float64
	// FailUnderEvaluated compares --fail-under with the score over evaluated
	// checks instead of the worst case.
	FailUnderEvaluated bool
	FailOn             result.Severity // "" for none
	// AllowSkipped stops --fail-on from counting a check of that severity
	// that could not be evaluated as failed.
	AllowSkipped bool
}

// ThresholdError is exit code 3: the run worked but the tenant is below the bar.
type ThresholdError struct{ Reason string }

func (e *ThresholdError) Error() string { return e.Reason }

// IncompleteError is exit code 5: too little could be evaluated for a grade
// (coverage below --min-coverage, a critical check without a verdict, or
// nothing collected). The reports are written; automation must not read the
// run as a pass.
type IncompleteError struct{ Reason string }

func (e *IncompleteError) Error() string { return e.Reason }

// judge holds a finished report to the bar. An incomplete audit is exit 5
// whatever else holds; its message also names any bar that was missed.
func judge(rep *result.Report, bar Bar) error {
	var reasons []string
	s := rep.Score
	if bar.FailUnder > 0 {
		switch {
		case bar.FailUnderEvaluated && s.Value != nil && *s.Value < bar.FailUnder:
			reasons = append(reasons, fmt.Sprintf("score %.1f is below --fail-under %g", *s.Value, bar.FailUnder))
		case !bar.FailUnderEvaluated && s.Range.Worst < bar.FailUnder:
			reasons = append(reasons, fmt.Sprintf("worst-case score %.1f is below --fail-under %g (--fail-under-evaluated compares the score over evaluated checks)",
				s.Range.Worst, bar.FailUnder))
		}
	}
	if bar.FailOn != "" {
		var failed, unknown []string
		for _, c := range rep.Checks {
			if !c.Check.Severity.AtLeast(bar.FailOn) {
				continue
			}
			switch {
			case c.Status == result.StatusFail:
				failed = append(failed, c.Check.ID)
			case c.Status.Unknown() && !bar.AllowSkipped:
				unknown = append(unknown, c.Check.ID)
			}
		}
		if len(failed) > 0 {
			reasons = append(reasons, fmt.Sprintf("%s failed (--fail-on %s)", strings.Join(failed, ", "), bar.FailOn))
		}
		if len(unknown) > 0 {
			reasons = append(reasons, fmt.Sprintf("%s could not be evaluated, which --fail-on %s counts as failed (--allow-skipped does not)",
				strings.Join(unknown, ", "), bar.FailOn))
		}
	}
	if !s.Grade.Letter() {
		why := fmt.Sprintf("incomplete audit: coverage %.0f%% (a grade needs %.0f%%)", 100*s.Coverage, 100*s.MinCoverage)
		var crit []string
		for _, g := range s.Incomplete {
			if g.Severity == result.SeverityCritical && g.Status.Unknown() {
				crit = append(crit, g.CheckID)
			}
		}
		if len(crit) > 0 {
			why += "; critical checks not evaluated: " + strings.Join(crit, ", ")
		}
		if s.ApplicableWeight == 0 {
			why = "incomplete audit: no check could be evaluated"
		}
		return &IncompleteError{Reason: strings.Join(append([]string{why + "; see the report for what is missing and why"}, reasons...), "; ")}
	}
	if len(reasons) == 0 {
		return nil
	}
	return &ThresholdError{Reason: strings.Join(reasons, "; ")}
}
