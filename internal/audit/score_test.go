package audit

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
)

func res(id string, cat result.Category, weight float64, status result.Status, score float64, sev result.Severity) result.CheckResult {
	r := result.CheckResult{Check: result.CheckInfo{ID: id, Title: id, Category: cat, Weight: weight, Severity: sev,
		Remediation: []string{"fix " + id}}, Status: status}
	switch {
	case status.Evaluated():
		r.Score = &score
		r.Bounds = &result.Bounds{Low: score, High: score}
	case status.Unknown():
		r.Bounds = &result.Bounds{Low: 0, High: 1}
	}
	return r
}

func partial(r result.CheckResult, lo, hi float64) result.CheckResult {
	r.Bounds = &result.Bounds{Low: lo, High: hi}
	r.Missing = []result.MissingData{{Dataset: "roleEligibilities", State: result.DatasetDenied, Reason: "denied: needs X"}}
	return r
}

const med = result.SeverityMedium

func TestScoreValueRangeAndCoverage(t *testing.T) {
	rs := []result.CheckResult{
		res("A", result.CategoryIdentity, 30, result.StatusPass, 1, med),
		res("B", result.CategoryIdentity, 10, result.StatusWarn, 0.5, med),
		res("C", result.CategoryDevices, 20, result.StatusSkipped, 0, med),
		res("D", result.CategoryDevices, 40, result.StatusFail, 0.25, med),
		res("E", result.CategoryDevices, 50, result.StatusNotApplicable, 0, med),
	}
	s := Score(rs, 0.8)
	// value: (30×1 + 10×0.5 + 40×0.25) / 80 = 56.25; worst: 45/100; best: 65/100.
	if *s.Value != 56.3 || s.Range != (result.Range{Worst: 45, Best: 65}) {
		t.Errorf("value %v range %+v", *s.Value, s.Range)
	}
	if s.Coverage != 0.8 || s.EvaluatedWeight != 80 || s.ApplicableWeight != 100 || s.TotalWeight != 150 {
		t.Errorf("coverage %v (%v/%v/%v)", s.Coverage, s.EvaluatedWeight, s.ApplicableWeight, s.TotalWeight)
	}
	if s.Grade != result.GradeF || len(s.Incomplete) != 1 || s.Incomplete[0].CheckID != "C" {
		t.Errorf("grade %s incomplete %+v", s.Grade, s.Incomplete)
	}
	lost := 0.0
	for _, r := range rs {
		lost += r.PointsLost
	}
	if math.Abs(lost-(100-*s.Value)) > 0.2 {
		t.Errorf("points lost add up to %v, want %v", lost, 100-*s.Value)
	}
	if len(s.TopActions) != 2 || s.TopActions[0].CheckID != "D" || s.TopActions[0].Points != 37.5 {
		t.Errorf("top actions %+v", s.TopActions)
	}
	if c := s.Categories[0]; c.Category != result.CategoryIdentity || *c.Value != 87.5 || c.Coverage != 1 {
		t.Errorf("identity %+v", c)
	}
	if c := s.Categories[1]; c.Coverage != 0.6667 || c.Range != (result.Range{Worst: 16.7, Best: 50}) {
		t.Errorf("devices %+v", c)
	}
}

// TestUnknownIsNeverBetterThanBad: turning any evaluated check into an
// unknown (a permission taken away) never raises the worst case or the
// grade, and never makes an incomplete audit complete.
func TestUnknownIsNeverBetterThanBad(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sevs := result.CheckSeverities()
	for trial := 0; trial < 2000; trial++ {
		var rs []result.CheckResult
		for i := range 2 + rng.IntN(8) {
			st := result.Statuses()[rng.IntN(3)]
			sc := map[result.Status]float64{result.StatusPass: 1, result.StatusWarn: 0.5 + rng.Float64()/2, result.StatusFail: rng.Float64() / 2}[st]
			rs = append(rs, res(string(rune('A'+i)), result.CategoryIdentity, float64(1+rng.IntN(20)), st, sc, sevs[rng.IntN(len(sevs))]))
		}
		full := Score(clone(rs), 0.8)
		k := rng.IntN(len(rs))
		fewer := clone(rs)
		fewer[k] = res(rs[k].Check.ID, rs[k].Check.Category, rs[k].Check.Weight, result.StatusSkipped, 0, rs[k].Check.Severity)
		less := Score(fewer, 0.8)
		if less.Range.Worst > full.Range.Worst {
			t.Fatalf("trial %d: worst case rose from %v to %v without %s", trial, full.Range.Worst, less.Range.Worst, rs[k].Check.ID)
		}
		if less.Grade.Letter() && (!full.Grade.Letter() || full.Grade.Worse(less.Grade)) {
			t.Fatalf("trial %d: grade %s with %s unknown, %s with it evaluated", trial, less.Grade, rs[k].Check.ID, full.Grade)
		}
		half := clone(rs)
		half[k] = partial(half[k], 0, 1)
		if p := Score(half, 0.8); p.Range.Worst > full.Range.Worst || p.Coverage > full.Coverage {
			t.Fatalf("trial %d: a partly evaluated check reads better: %+v vs %+v", trial, p.Range, full.Range)
		}
	}
}

func clone(rs []result.CheckResult) []result.CheckResult {
	return append([]result.CheckResult{}, rs...)
}

func TestGradeIsTheWorstCaseAndNeedsCoverage(t *testing.T) {
	rs := []result.CheckResult{
		res("A", result.CategoryIdentity, 85, result.StatusPass, 1, med),
		res("B", result.CategoryIdentity, 15, result.StatusSkipped, 0, med),
	}
	s := Score(rs, 0.8)
	// Over evaluated: 100. Worst case 85: a B, not the A the score alone would give.
	if *s.Value != 100 || s.Range.Worst != 85 || s.Grade != result.GradeB {
		t.Errorf("value %v worst %v grade %s", *s.Value, s.Range.Worst, s.Grade)
	}
	if s := Score(rs, 0.9); s.Grade != result.GradeIncomplete || len(s.Incomplete) != 1 || s.Incomplete[0].Weight != 15 {
		t.Errorf("below --min-coverage: %s %+v", s.Grade, s.Incomplete)
	}
	rs[1].Check.Severity = result.SeverityCritical
	if s := Score(rs, 0.5); s.Grade != result.GradeIncomplete {
		t.Errorf("a critical check without a verdict still graded: %s", s.Grade)
	}
	rs[1] = partial(res("B", result.CategoryIdentity, 15, result.StatusWarn, 0.8, result.SeverityCritical), 0, 1)
	if s := Score(rs, 0.8); s.Grade != result.GradeB || s.Range.Worst != 85 || s.Range.Best != 100 || s.Coverage != 0.85 {
		t.Errorf("partly evaluated critical check: %+v", s)
	}
	if s := Score(nil, 0.8); s.Grade != result.GradeIncomplete || s.Value != nil || s.Coverage != 0 {
		t.Errorf("nothing evaluated: %+v", s)
	}
	allSkipped := []result.CheckResult{res("A", result.CategoryIdentity, 5, result.StatusSkipped, 0, med)}
	if s := Score(allSkipped, 0.8); s.Grade != result.GradeIncomplete || s.Range != (result.Range{Worst: 0, Best: 100}) {
		t.Errorf("all skipped: %+v", s)
	}
}

// TestCapRuleAsWritten holds Score to RuleCap's words: for every built-in
// check, a failure of that check alone caps an otherwise perfect tenant at
// CapGrade exactly when the check's severity is critical.
func TestCapRuleAsWritten(t *testing.T) {
	if !strings.Contains(RuleCap, "critical check that fails") || !strings.Contains(RuleCap, "at "+string(CapGrade)) {
		t.Fatalf("RuleCap no longer says what this test checks: %q", RuleCap)
	}
	if !strings.Contains(ScoringHelp(), RuleCap) {
		t.Error("ScoringHelp does not state the cap rule")
	}
	var all []result.CheckResult
	for _, c := range checks.Builtin() {
		all = append(all, res(c.ID, c.Category, c.Weight, result.StatusPass, 1, c.Severity))
	}
	criticals := 0
	for i, c := range checks.Builtin() {
		rs := clone(all)
		// A near miss: the failed check costs few points, so only the cap can
		// pull an A down to D.
		rs[i] = res(c.ID, c.Category, c.Weight, result.StatusFail, 0.99, c.Severity)
		s := Score(rs, 0.8)
		critical := c.Severity == result.SeverityCritical
		if critical {
			criticals++
		}
		if critical != s.Capped || (critical && s.Grade != CapGrade) || (!critical && s.Grade != result.GradeA) {
			t.Errorf("%s (%s) fails: grade %s capped %v", c.ID, c.Severity, s.Grade, s.Capped)
		}
	}
	if criticals == 0 {
		t.Error("no critical check in the registry")
	}
	low := []result.CheckResult{res("GA", result.CategoryIdentity, 5, result.StatusFail, 0, result.SeverityCritical)}
	if s := Score(low, 0.8); s.Grade != result.GradeF || s.Capped {
		t.Errorf("a grade below the cap is not raised: %+v", s)
	}
}

func TestGradeBands(t *testing.T) {
	for v, want := range map[float64]result.Grade{100: "A", 90: "A", 89.9: "B", 80: "B", 70: "C", 60: "D", 59.9: "F", 0: "F"} {
		if g := result.GradeOf(v); g != want {
			t.Errorf("GradeOf(%v) = %s, want %s", v, g, want)
		}
	}
	if !strings.Contains(RuleGrade(), result.GradeBands()) {
		t.Error("RuleGrade does not quote the bands")
	}
}
