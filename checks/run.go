package checks

import (
	"cmp"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// Run evaluates one check over a view of the snapshot that holds only the
// datasets the check declares. Missing required data skips it with the
// collector's reason; a panic becomes an error result and the run goes on.
func Run(c Check, run *Env) result.CheckResult { return evaluate(c, run, run.forCheck(c)) }

// evaluate runs c in env (a view for the check, or in tests the whole snapshot).
func evaluate(c Check, run, env *Env) (res result.CheckResult) {
	res = result.CheckResult{Check: c.Info(), Findings: []result.Finding{}, Bounds: &result.Bounds{Low: 0, High: 1}}
	for _, d := range c.Requires {
		st := env.Snap.StatusOf(d)
		if !st.Collected() {
			res.Status = result.StatusSkipped
			res.Reason = fmt.Sprintf("%s data unavailable: %s", d, st.Describe())
			res.Summary = "Skipped: " + res.Reason
			return res
		}
	}
	defer func() {
		if r := recover(); r != nil {
			res.Status, res.Score, res.Bounds, res.Missing = result.StatusError, nil, &result.Bounds{Low: 0, High: 1}, nil
			res.Reason = fmt.Sprintf("the check failed: %v", r)
			res.Summary = "Error: " + res.Reason
			run.Log(fmt.Sprintf("check %s panicked: %v\n%s", c.ID, r, debug.Stack()))
		}
	}()
	out := c.Evaluate(env)
	res.Status, res.Summary, res.Reason = out.Status, out.Summary, out.Reason
	if out.Findings != nil {
		res.Findings = out.Findings
	}
	res.Excluded = out.Excluded
	share(res.Findings, res.Excluded)
	res.Action = out.Action
	res.Breakdown = out.Breakdown
	res.Facts = out.Facts
	res.Missing = env.missingData()
	switch {
	case out.Status == result.StatusNotApplicable:
		res.Bounds = nil
	case out.Status.Evaluated():
		s := clamp01(out.Score)
		res.Score = &s
		res.Bounds = bounds(s, out.Bounds, len(res.Missing) > 0)
		if !res.Bounds.Exact() && res.Status == result.StatusPass {
			// A verdict on part of the picture is never a pass.
			res.Status = result.StatusWarn
			res.Summary += "; not fully verified: " + res.MissingSummary()
		}
	}
	if res.Action == "" && len(c.Remediation) > 0 && (res.Status == result.StatusFail || res.Status == result.StatusWarn) {
		res.Action = c.Remediation[0]
	}
	sortFindings(res.Findings)
	sortFindings(res.Excluded)
	return res
}

// bounds works out a verdict's interval: exact unless the check lacked data.
func bounds(score float64, given *result.Bounds, missing bool) *result.Bounds {
	switch {
	case given != nil:
		lo, hi := clamp01(given.Low), clamp01(given.High)
		return &result.Bounds{Low: min(lo, score), High: max(hi, score)}
	case missing:
		return &result.Bounds{Low: 0, High: 1}
	}
	return &result.Bounds{Low: score, High: score}
}

func clamp01(f float64) float64 {
	switch {
	case f != f || f < 0: // NaN or negative
		return 0
	case f > 1:
		return 1
	}
	return f
}

func sortFindings(fs []result.Finding) {
	// Keys are worked out once (lower-casing names inside the comparison
	// allocated on every one of its n·log n calls), and small keys are sorted
	// rather than whole findings; the position breaks ties, so the order is
	// stable.
	type key struct {
		rank int
		name string
		pos  int
	}
	ks := make([]key, len(fs))
	for i := range fs {
		if fs[i].Severity == "" {
			fs[i].Severity = result.SeverityMedium
		}
		ks[i] = key{fs[i].Severity.Rank(), strings.ToLower(fs[i].Name), i}
	}
	slices.SortFunc(ks, func(a, b key) int {
		if a.rank != b.rank {
			return cmp.Compare(a.rank, b.rank)
		}
		if c := strings.Compare(fs[a.pos].ObjectType, fs[b.pos].ObjectType); c != 0 {
			return c
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	sorted := make([]result.Finding, len(fs))
	for i, k := range ks {
		sorted[i] = fs[k.pos]
	}
	copy(fs, sorted)
}
