package result

import "strings"

// Status is a check's verdict. Only pass, warn and fail are evaluations; the
// others say the check could not judge and never move the score.
type Status string

const (
	StatusPass          Status = "pass"
	StatusWarn          Status = "warn"
	StatusFail          Status = "fail"
	StatusSkipped       Status = "skipped"        // data missing: the reason comes from the collector
	StatusNotApplicable Status = "not_applicable" // nothing to judge in this tenant
	StatusError         Status = "error"          // the check broke or the data contradicts itself
	// StatusInfo is a context check's result (weight 0): what it found is in
	// its facts and summary, and it is no verdict on readiness.
	StatusInfo Status = "info"
)

// Evaluated reports whether the status is a verdict that counts in the score.
func (s Status) Evaluated() bool { return s == StatusPass || s == StatusWarn || s == StatusFail }

// Category groups checks in the report and the sub-scores.
type Category string

const (
	CategoryLicensing     Category = "Licensing"
	CategoryDevices       Category = "Devices"
	CategoryIdentity      Category = "Identity"
	CategoryCollaboration Category = "Collaboration"
)

// Categories lists the categories in report order.
func Categories() []Category {
	return []Category{CategoryIdentity, CategoryDevices, CategoryLicensing, CategoryCollaboration}
}

// CheckInfo is a check's metadata, copied into each result.
type CheckInfo struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Category    Category `json:"category"`
	Severity    Severity `json:"severity"` // critical, high, medium, low; a failed critical check caps the grade
	Weight      float64  `json:"weight"`
	Why         string   `json:"why"`
	Remediation []string `json:"remediation"`
	Links       []string `json:"links,omitempty"`
	Datasets    []string `json:"datasets"`
	Permissions []string `json:"permissions,omitempty"`
	Licences    []string `json:"licences,omitempty"`
	// Codes are the finding codes the check can report.
	Codes []FindingCode `json:"codes"`
	// Thresholds say in words where pass ends and warn and fail begin.
	Thresholds string `json:"thresholds,omitempty"`
}

// CheckResult is one check's outcome.
type CheckResult struct {
	Check  CheckInfo `json:"check"`
	Status Status    `json:"status"`
	// Score in [0,1]; nil when the check was not evaluated.
	Score *float64 `json:"score"`
	// Bounds are the lowest and highest score the check could have had with
	// every piece of data it lacked: equal to Score when nothing was missing,
	// [0, 1] when the check was not evaluated. The report's worst and best
	// case add these up.
	Bounds *Bounds `json:"bounds"`
	// Missing lists data the check would have read but could not, so its
	// verdict rests on part of the picture (then it never passes).
	Missing []MissingData `json:"missing,omitempty"`
	Summary string        `json:"summary"`
	// Reason says why a check was skipped, not applicable or errored.
	Reason   string    `json:"reason,omitempty"`
	Findings []Finding `json:"findings"`
	// Excluded lists objects left out of the check on purpose (shared
	// mailboxes, break-glass accounts, accepted risks), never dropped silently.
	Excluded []Finding `json:"excluded,omitempty"`
	// PointsLost is how many of the 100 overall points this check costs.
	PointsLost float64 `json:"pointsLost"`
	// Action is the next step for this tenant (one of the remediation steps,
	// chosen for what the check found).
	Action string `json:"action,omitempty"`
	// Breakdown counts what the check saw, for charts (licence families,
	// device join states, ...).
	Breakdown []Count `json:"breakdown,omitempty"`
	// Facts is what the check established, whatever its verdict: one of the
	// *Facts types in facts_*.go, named by FactsType. Nil when the check was
	// not evaluated.
	Facts any `json:"facts,omitempty"`
}

// MissingSummary is the missing data in one line, for people.
func (r CheckResult) MissingSummary() string {
	if len(r.Missing) == 0 {
		return "some objects could not be checked"
	}
	parts := make([]string, len(r.Missing))
	for i, m := range r.Missing {
		parts[i] = m.Dataset + " " + m.Reason
	}
	return strings.Join(parts, "; ")
}

// Bounds is a closed interval of check scores, 0 to 1.
type Bounds struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// Exact reports whether the interval is a single value (nothing unknown).
func (b Bounds) Exact() bool { return b.Low == b.High }

// MissingData is a dataset a check needed and could not read, and why.
type MissingData struct {
	Dataset string       `json:"dataset"`
	State   DatasetState `json:"state"`
	Reason  string       `json:"reason"` // one line: "denied: needs RoleEligibilitySchedule.Read.Directory"
}

// Count is one labelled number in a breakdown.
type Count struct {
	Label string `json:"label"`
	Value int    `json:"value"`
}

// Acceptance is a configured accepted risk.
type Acceptance struct {
	Check   string `json:"check"`
	Object  string `json:"object"`
	Reason  string `json:"reason"`
	Owner   string `json:"owner"`
	Expires string `json:"expires"` // YYYY-MM-DD
	Expired bool   `json:"expired"`
	// Matched counts the findings it covered in this run.
	Matched int `json:"matched"`
}

// Score is the overall result. How to read it is written once, in
// internal/audit (ScoringHelp), and quoted by the README.
type Score struct {
	// Value is 0-100: the weighted mean of the evaluated checks' scores, nil
	// when nothing was evaluated. Unevaluated checks do not move it; Range
	// says how far they could.
	Value *float64 `json:"value"`
	// Range is the worst case (every unknown at 0) and the best case (every
	// unknown at full marks), over every applicable check.
	Range Range `json:"range"`
	// Grade is the letter of the worst case, or incomplete when a critical
	// check was not evaluated or coverage is below MinCoverage.
	Grade Grade `json:"grade"`
	// Incomplete says why there is no letter grade: each check whose result
	// is missing or partial, and why.
	Incomplete []Gap `json:"incomplete,omitempty"`
	// Coverage is the share of the applicable weight whose result is known:
	// 1 − (best − worst) / 100.
	Coverage    float64 `json:"coverage"`
	MinCoverage float64 `json:"minCoverage"`
	// EvaluatedWeight is the weight of checks with a verdict; ApplicableWeight
	// leaves out not-applicable checks; TotalWeight is every check.
	EvaluatedWeight  float64 `json:"evaluatedWeight"`
	ApplicableWeight float64 `json:"applicableWeight"`
	TotalWeight      float64 `json:"totalWeight"`
	// Capped is set when a failed critical check holds the grade at CapGrade.
	Capped     bool            `json:"capped"`
	CapReason  string          `json:"capReason,omitempty"`
	Categories []CategoryScore `json:"categories"`
	// TopActions are the checks that cost the most points, most first.
	TopActions []Action `json:"topActions"`
}

// Range is the lowest and highest overall score the unknowns allow.
type Range struct {
	Worst float64 `json:"worst"`
	Best  float64 `json:"best"`
}

// Gap is one reason the audit is incomplete.
type Gap struct {
	CheckID  string   `json:"checkId"`
	Severity Severity `json:"severity"`
	Status   Status   `json:"status"`
	// Weight is how many points of the applicable weight are unknown.
	Weight float64 `json:"weight"`
	Reason string  `json:"reason"`
}

// CategoryScore is a category's sub-score.
type CategoryScore struct {
	Category Category `json:"category"`
	Value    *float64 `json:"value"` // nil when no check in it was evaluated
	Range    Range    `json:"range"`
	Coverage float64  `json:"coverage"`
}

// Action is a recommended next step.
type Action struct {
	CheckID     string  `json:"checkId"`
	Title       string  `json:"title"`
	Points      float64 `json:"points"` // points it would recover
	Summary     string  `json:"summary"`
	Remediation string  `json:"remediation"`
}
