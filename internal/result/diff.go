package result

import "time"

// Diff compares two reports of the same tenant.
type Diff struct {
	SchemaVersion int      `json:"schemaVersion"`
	Old           DiffSide `json:"old"`
	New           DiffSide `json:"new"`
	// ScoreChange is the change of the score over evaluated checks (0 when
	// either report has none); WorstCaseChange that of the worst case.
	ScoreChange      float64       `json:"scoreChange"`
	WorstCaseChange  float64       `json:"worstCaseChange"`
	CoverageChange   float64       `json:"coverageChange"`
	Checks           []CheckChange `json:"checks"`
	NewFindings      []FindingRef  `json:"newFindings"`
	ResolvedFindings []FindingRef  `json:"resolvedFindings"`
	// Regressed is true when the score fell or a check got worse.
	Regressed bool     `json:"regressed"`
	Reasons   []string `json:"reasons,omitempty"`
	// DifferentTenants is true when the reports are of two tenants (diff
	// compares them only when asked to, with --allow-different-tenants).
	DifferentTenants bool `json:"differentTenants"`
}

// DiffSide summarises one of the two reports.
type DiffSide struct {
	Tenant      string    `json:"tenant"`
	TenantID    string    `json:"tenantId,omitempty"`
	GeneratedAt time.Time `json:"generatedAt"`
	CollectedAt time.Time `json:"collectedAt"`
	Score       *float64  `json:"score"`
	Range       Range     `json:"range"`
	Grade       Grade     `json:"grade"`
	Coverage    float64   `json:"coverage"`
}

// CheckChange is one check in both reports.
type CheckChange struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	OldStatus Status   `json:"oldStatus,omitempty"`
	NewStatus Status   `json:"newStatus,omitempty"`
	OldScore  *float64 `json:"oldScore"`
	NewScore  *float64 `json:"newScore"`
	// Change is improved, regressed (a worse verdict, a lower score with the
	// same verdict, or no longer evaluated), unchanged, changed (to a verdict
	// from skipped, say), added or removed.
	Change string `json:"change"`
}

// FindingRef names a finding in a diff.
type FindingRef struct {
	CheckID    string `json:"checkId"`
	ObjectType string `json:"objectType"`
	Name       string `json:"name"`
	Detail     string `json:"detail"`
}
