package audit

import (
	"math"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
)

func res(id string, cat result.Category, weight float64, status result.Status, score float64, critical bool) result.CheckResult {
	r := result.CheckResult{Check: result.CheckInfo{ID: id, Title: id, Category: cat, Weight: weight, Critical: critical,
		Remediation: []string{"fix " + id}}, Status: status}
	if status.Evaluated() {
		r.Score = &score
	}
	return r
}

func TestScoreIsWeightedMeanOverEvaluated(t *testing.T) {
	rs := []result.CheckResult{
		res("A", result.CategoryIdentity, 30, result.StatusPass, 1, false),
		res("B", result.CategoryIdentity, 10, result.StatusWarn, 0.5, false),
		res("C", result.CategoryDevices, 20, result.StatusSkipped, 0, false),
		res("D", result.CategoryDevices, 40, result.StatusFail, 0.25, false),
	}
	s := Score(rs)
	// (30×1 + 10×0.5 + 40×0.25) / 80 = 45/80 = 56.25
	if s.Value != 56.3 || s.Grade != "F" {
		t.Errorf("score %v grade %s", s.Value, s.Grade)
	}
	if s.Coverage != 0.8 || s.EvaluatedWeight != 80 || s.TotalWeight != 100 {
		t.Errorf("coverage %v (%v/%v)", s.Coverage, s.EvaluatedWeight, s.TotalWeight)
	}
	lost := 0.0
	for _, r := range rs {
		lost += r.PointsLost
	}
	if math.Abs(lost-(100-s.Value)) > 0.2 {
		t.Errorf("points lost add up to %v, want %v", lost, 100-s.Value)
	}
	if len(s.TopActions) != 2 || s.TopActions[0].CheckID != "D" || s.TopActions[0].Points != 37.5 {
		t.Errorf("top actions %+v", s.TopActions)
	}
	if s.Categories[0].Category != result.CategoryIdentity || *s.Categories[0].Value != 87.5 || s.Categories[1].Coverage != 0.6667 {
		t.Errorf("categories %+v %+v", s.Categories[0], s.Categories[1])
	}
}

func TestSkippedNotApplicableAndErrorNeverMoveTheScore(t *testing.T) {
	base := []result.CheckResult{res("A", result.CategoryIdentity, 50, result.StatusPass, 1, false)}
	with := append(append([]result.CheckResult{}, base...),
		res("B", result.CategoryIdentity, 50, result.StatusSkipped, 0, false),
		res("C", result.CategoryIdentity, 50, result.StatusNotApplicable, 0, false),
		res("D", result.CategoryIdentity, 50, result.StatusError, 0, false))
	a, b := Score(base), Score(with)
	if a.Value != b.Value || b.Value != 100 {
		t.Errorf("score moved: %v vs %v", a.Value, b.Value)
	}
	if b.Coverage != 0.25 {
		t.Errorf("coverage %v, want 0.25", b.Coverage)
	}
}

func TestCriticalFailureCapsGrade(t *testing.T) {
	rs := []result.CheckResult{
		res("A", result.CategoryIdentity, 95, result.StatusPass, 1, false),
		res("GA", result.CategoryIdentity, 5, result.StatusFail, 0, true),
	}
	s := Score(rs)
	if s.Value != 95 || s.Grade != "D" || !s.Capped || s.CapReason == "" {
		t.Errorf("value %v grade %s capped %v", s.Value, s.Grade, s.Capped)
	}
	rs[1] = res("GA", result.CategoryIdentity, 5, result.StatusFail, 0, false)
	if s := Score(rs); s.Grade != "A" || s.Capped {
		t.Errorf("non-critical failure capped: %+v", s)
	}
	low := []result.CheckResult{res("GA", result.CategoryIdentity, 5, result.StatusFail, 0, true)}
	if s := Score(low); s.Grade != "F" || s.Capped {
		t.Errorf("a grade below the cap is not raised: %+v", s)
	}
}

func TestGradeBands(t *testing.T) {
	for v, want := range map[float64]string{100: "A", 90: "A", 89.9: "B", 80: "B", 70: "C", 60: "D", 59.9: "F", 0: "F"} {
		if g := grade(v); g != want {
			t.Errorf("grade(%v) = %s, want %s", v, g, want)
		}
	}
	if s := Score(nil); s.Grade != "-" || s.Coverage != 0 {
		t.Errorf("nothing evaluated: %+v", s)
	}
}
