// Package result is the one model every renderer takes: a finished audit of
// one tenant. It carries copies of everything a report shows, so renderers
// never import the checks, the snapshot or the SDK.
package result

import "time"

// SchemaVersion is the version of the JSON report; bumped when a field
// changes meaning or disappears.
const SchemaVersion = 2

// Report is the result of one audit.
type Report struct {
	SchemaVersion int       `json:"schemaVersion"`
	Tool          string    `json:"tool"`
	GeneratedAt   time.Time `json:"generatedAt"`
	CollectedAt   time.Time `json:"collectedAt"`
	Tenant        Tenant    `json:"tenant"`
	// Demo is true when the data came from the built-in demo tenant.
	Demo   bool          `json:"demo"`
	Source Source        `json:"source"`
	Score  Score         `json:"score"`
	Checks []CheckResult `json:"checks"`
	// Acceptances are the configured accepted risks, active and expired.
	Acceptances []Acceptance `json:"acceptances,omitempty"`
	Datasets    []Dataset    `json:"datasets"`
	// Budget is what collecting cost (absent when the snapshot has none).
	Budget *Budget `json:"budget,omitempty"`
	// Warnings are about the run itself (configuration that matched
	// nothing), not the tenant.
	Warnings []Warning `json:"warnings"`
	// Plan is the migration plan in counts (absent when the run made
	// none); `m365ready plan` has each person's details.
	Plan *PlanOverview `json:"plan,omitempty"`
}

// Tenant identifies the audited tenant.
type Tenant struct {
	ID            string `json:"id,omitempty"`
	Name          string `json:"name,omitempty"`
	DefaultDomain string `json:"defaultDomain,omitempty"`
}

// Source says how the data was collected.
type Source struct {
	AuthMode string `json:"authMode,omitempty"`
	AppOnly  bool   `json:"appOnly"`
	Cloud    string `json:"cloud,omitempty"`
	GraphURL string `json:"graphUrl,omitempty"`
	// Offline is true when the report was made from a saved snapshot file.
	Offline bool `json:"offline"`
}

// Dataset is how collecting one dataset went.
type Dataset struct {
	Name       string       `json:"name"`
	State      DatasetState `json:"state"`
	Count      int          `json:"count"`
	Summary    string       `json:"summary"` // one line for people
	Reason     string       `json:"reason,omitempty"`
	Permission string       `json:"permission,omitempty"`
	Licence    string       `json:"licence,omitempty"`
	HTTPStatus int          `json:"httpStatus,omitempty"`
	ErrorCode  string       `json:"errorCode,omitempty"`
	RequestID  string       `json:"requestId,omitempty"`
	Source     string       `json:"source,omitempty"`
}

// Budget is what collecting the data cost.
type Budget struct {
	Requests   int64           `json:"requests"`
	Throttled  int64           `json:"throttled"`
	Retries    int64           `json:"retries"`
	Bytes      int64           `json:"bytes"`
	DurationMs int64           `json:"durationMs"`
	Datasets   []DatasetBudget `json:"datasets"`
	// Fallbacks are the query options Graph refused; each request was
	// repeated without its option (a smaller page, say).
	Fallbacks []QueryFallback `json:"fallbacks,omitempty"`
}

// QueryFallback is one query option Graph refused for a dataset's request.
type QueryFallback struct {
	Dataset string `json:"dataset"`
	Option  string `json:"option"` // as sent: "$top=999"
}

// DatasetBudget is one dataset's share of the budget.
type DatasetBudget struct {
	Dataset    string `json:"dataset"`
	Requests   int64  `json:"requests"`
	Throttled  int64  `json:"throttled"`
	DurationMs int64  `json:"durationMs"`
}
