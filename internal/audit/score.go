package audit

import (
	"math"
	"sort"

	"github.com/m365ready/m365ready/internal/result"
)

// Grade bands: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F. A failing critical
// check (single Global Administrator, an administrator without MFA) caps the
// grade at D whatever the score.
const capGrade = "D"

func grade(v float64) string {
	switch {
	case v >= 90:
		return "A"
	case v >= 80:
		return "B"
	case v >= 70:
		return "C"
	case v >= 60:
		return "D"
	}
	return "F"
}

// Score computes the overall score from check results, and fills each
// result's PointsLost.
//
//	score    = 100 × Σ(weight × checkScore) / Σ weight, over evaluated checks
//	coverage = Σ weight of evaluated checks / Σ weight of all checks
//	points lost by a check = 100 × weight × (1 − checkScore) / Σ evaluated weight
//
// Evaluated means pass, warn or fail; skipped, not-applicable and errored
// checks never move the score, they lower coverage.
func Score(results []result.CheckResult) result.Score {
	var s result.Score
	var sum float64
	for _, r := range results {
		s.TotalWeight += r.Check.Weight
		if r.Status.Evaluated() && r.Score != nil {
			s.EvaluatedWeight += r.Check.Weight
			sum += r.Check.Weight * *r.Score
		}
	}
	if s.TotalWeight > 0 {
		s.Coverage = round(s.EvaluatedWeight/s.TotalWeight, 4)
	}
	if s.EvaluatedWeight == 0 {
		s.Grade = "-"
	} else {
		s.Value = round(100*sum/s.EvaluatedWeight, 1)
		s.Grade = grade(s.Value)
	}
	for i := range results {
		r := &results[i]
		if r.Status.Evaluated() && r.Score != nil && s.EvaluatedWeight > 0 {
			r.PointsLost = round(100*r.Check.Weight*(1-*r.Score)/s.EvaluatedWeight, 1)
		}
		if r.Check.Critical && r.Status == result.StatusFail && s.Grade != "-" && s.Grade < capGrade {
			s.Capped, s.Grade = true, capGrade
			s.CapReason = "grade capped at " + capGrade + ": " + r.Check.ID + " " + r.Check.Title + " failed"
		}
	}
	for _, c := range result.Categories() {
		var w, ew, sc float64
		for _, r := range results {
			if r.Check.Category != c {
				continue
			}
			w += r.Check.Weight
			if r.Status.Evaluated() && r.Score != nil {
				ew += r.Check.Weight
				sc += r.Check.Weight * *r.Score
			}
		}
		if w == 0 {
			continue
		}
		cs := result.CategoryScore{Category: c, Coverage: round(ew/w, 4)}
		if ew > 0 {
			v := round(100*sc/ew, 1)
			cs.Value = &v
		}
		s.Categories = append(s.Categories, cs)
	}
	idx := make([]int, 0, len(results))
	for i, r := range results {
		if r.PointsLost > 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return results[idx[a]].PointsLost > results[idx[b]].PointsLost })
	s.TopActions = []result.Action{}
	for _, i := range idx {
		r := results[i]
		rem := r.Action
		if rem == "" && len(r.Check.Remediation) > 0 {
			rem = r.Check.Remediation[0]
		}
		s.TopActions = append(s.TopActions, result.Action{CheckID: r.Check.ID, Title: r.Check.Title, Points: r.PointsLost,
			Summary: r.Summary, Remediation: rem})
	}
	return s
}

func round(f float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(f*p) / p
}
