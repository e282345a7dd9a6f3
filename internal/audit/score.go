package audit

import (
	"math"
	"sort"

	"github.com/m365ready/m365ready/internal/result"
)

// DefaultMinCoverage is the share of the applicable weight that must be known
// for a letter grade (--min-coverage).
const DefaultMinCoverage = 0.8

// CapGrade is the best grade a tenant with a failed critical check can get.
const CapGrade = result.GradeD

// weights adds up what a set of results says about the score, in weight
// units: the evaluated sum and weight, and the worst and best case over the
// applicable weight.
type weights struct {
	total, applicable, evaluated float64
	sum                          float64 // Σ weight × score over evaluated checks
	worst, best                  float64 // Σ weight × bound over applicable checks
}

func (w *weights) add(r result.CheckResult) {
	wt := r.Check.Weight
	w.total += wt
	if r.Status == result.StatusNotApplicable || r.Status == result.StatusInfo {
		return
	}
	w.applicable += wt
	b := result.Bounds{Low: 0, High: 1} // skipped or errored: anything is possible
	if r.Status.Evaluated() && r.Score != nil {
		w.evaluated += wt
		w.sum += wt * *r.Score
		b = result.Bounds{Low: *r.Score, High: *r.Score}
		if r.Bounds != nil {
			b = *r.Bounds
		}
	}
	w.worst += wt * b.Low
	w.best += wt * b.High
}

// value is the score over evaluated checks, nil when none was.
func (w weights) value() *float64 {
	if w.evaluated == 0 {
		return nil
	}
	v := round(100*w.sum/w.evaluated, 1)
	return &v
}

func (w weights) rangeOf() result.Range {
	if w.applicable == 0 {
		return result.Range{}
	}
	return result.Range{Worst: round(100*w.worst/w.applicable, 1), Best: round(100*w.best/w.applicable, 1)}
}

// coverage is the known share of the applicable weight.
func (w weights) coverage() float64 {
	if w.applicable == 0 {
		return 0
	}
	return round(1-(w.best-w.worst)/w.applicable, 4)
}

// Score computes the overall score from check results, and fills each
// result's PointsLost. ScoringHelp says the same in words; a test holds them
// together.
func Score(results []result.CheckResult, minCoverage float64) result.Score {
	var all weights
	for _, r := range results {
		all.add(r)
	}
	s := result.Score{Value: all.value(), Range: all.rangeOf(), Coverage: all.coverage(), MinCoverage: minCoverage,
		EvaluatedWeight: all.evaluated, ApplicableWeight: all.applicable, TotalWeight: all.total}
	for i := range results {
		r := &results[i]
		if r.Status.Evaluated() && r.Score != nil && all.evaluated > 0 {
			r.PointsLost = round(100*r.Check.Weight*(1-*r.Score)/all.evaluated, 1)
		}
	}
	s.Incomplete = gaps(results)
	s.Grade = result.GradeIncomplete
	if complete(results, s) {
		s.Grade = result.GradeOf(s.Range.Worst)
		for _, r := range results {
			if r.Check.Severity == result.SeverityCritical && r.Status == result.StatusFail && s.Grade.Letter() && CapGrade.Worse(s.Grade) {
				s.Capped, s.Grade = true, CapGrade
				s.CapReason = "grade capped at " + string(CapGrade) + ": critical check " + r.Check.ID + " " + r.Check.Title + " failed"
				break
			}
		}
	}
	for _, c := range result.Categories() {
		var cw weights
		for _, r := range results {
			if r.Check.Category == c {
				cw.add(r)
			}
		}
		if cw.total == 0 {
			continue
		}
		s.Categories = append(s.Categories, result.CategoryScore{Category: c, Value: cw.value(), Range: cw.rangeOf(), Coverage: cw.coverage()})
	}
	s.TopActions = topActions(results)
	return s
}

// complete says whether a letter grade may be given: something applies,
// every applicable critical check has a verdict, and enough of the weight is
// known.
func complete(results []result.CheckResult, s result.Score) bool {
	if s.ApplicableWeight == 0 {
		return false
	}
	for _, r := range results {
		if r.Check.Severity == result.SeverityCritical && r.Status.Unknown() {
			return false
		}
	}
	return s.Coverage+1e-9 >= s.MinCoverage
}

// gaps lists every applicable check whose result is unknown or partly known.
func gaps(results []result.CheckResult) []result.Gap {
	var out []result.Gap
	for _, r := range results {
		if r.Status == result.StatusNotApplicable || r.Status == result.StatusInfo {
			continue
		}
		g := result.Gap{CheckID: r.Check.ID, Severity: r.Check.Severity, Status: r.Status, Reason: r.Reason}
		switch {
		case r.Status.Unknown():
			g.Weight = r.Check.Weight
		case r.Bounds != nil && !r.Bounds.Exact():
			g.Weight = round(r.Check.Weight*(r.Bounds.High-r.Bounds.Low), 2)
			g.Reason = "partly evaluated: " + r.MissingSummary()
		default:
			continue
		}
		out = append(out, g)
	}
	return out
}

func topActions(results []result.CheckResult) []result.Action {
	idx := make([]int, 0, len(results))
	for i, r := range results {
		if r.PointsLost > 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return results[idx[a]].PointsLost > results[idx[b]].PointsLost })
	out := []result.Action{}
	for _, i := range idx {
		r := results[i]
		rem := r.Action
		if rem == "" && len(r.Check.Remediation) > 0 {
			rem = r.Check.Remediation[0]
		}
		out = append(out, result.Action{CheckID: r.Check.ID, Title: r.Check.Title, Points: r.PointsLost,
			Summary: r.Summary, Remediation: rem})
	}
	return out
}

func round(f float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(f*p) / p
}
