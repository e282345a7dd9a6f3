package result

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
	Severity    string   `json:"severity"` // critical, high, medium, low
	Weight      float64  `json:"weight"`
	Critical    bool     `json:"critical"` // a failure caps the grade
	Why         string   `json:"why"`
	Remediation []string `json:"remediation"`
	Links       []string `json:"links,omitempty"`
	Datasets    []string `json:"datasets"`
	Permissions []string `json:"permissions,omitempty"`
	Licences    []string `json:"licences,omitempty"`
}

// Finding is one affected object.
type Finding struct {
	ObjectType string `json:"objectType"` // user, device, site, sku, role, tenant
	ObjectID   string `json:"objectId,omitempty"`
	Name       string `json:"name"`
	// Class is the account class of a person (member, guest, break-glass, ...).
	Class string `json:"class,omitempty"`
	// Severity ranks findings within a check: critical, high, medium, low, info.
	Severity string `json:"severity"`
	Detail   string `json:"detail"`
	// Accepted is set when a configured accepted risk covers this finding.
	Accepted *Acceptance `json:"accepted,omitempty"`
}

// CheckResult is one check's outcome.
type CheckResult struct {
	Check  CheckInfo `json:"check"`
	Status Status    `json:"status"`
	// Score in [0,1]; nil when the check was not evaluated.
	Score   *float64 `json:"score"`
	Summary string   `json:"summary"`
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
}

// Score is the overall result.
type Score struct {
	// Value is 0-100: the weighted mean of evaluated checks' scores.
	Value float64 `json:"value"`
	Grade string  `json:"grade"` // A-F, or "-" when nothing was evaluated
	// Coverage is evaluated weight / total weight, in [0,1].
	Coverage        float64         `json:"coverage"`
	EvaluatedWeight float64         `json:"evaluatedWeight"`
	TotalWeight     float64         `json:"totalWeight"`
	Capped          bool            `json:"capped"`
	CapReason       string          `json:"capReason,omitempty"`
	Categories      []CategoryScore `json:"categories"`
	// TopActions are the checks that cost the most points, most first.
	TopActions []Action `json:"topActions"`
}

// CategoryScore is a category's sub-score.
type CategoryScore struct {
	Category Category `json:"category"`
	Value    *float64 `json:"value"` // nil when no check in it was evaluated
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
