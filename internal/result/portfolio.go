package result

import "time"

// Portfolio is a fleet run (m365ready fleet): every tenant's grade,
// coverage, top action and licences, ranked, and a checks × tenants
// matrix. A tenant that could not be audited is listed with why, never
// left out and never given a grade.
type Portfolio struct {
	SchemaVersion int       `json:"schemaVersion"`
	Tool          string    `json:"tool"`
	GeneratedAt   time.Time `json:"generatedAt"`
	Demo          bool      `json:"demo,omitempty"`
	// Tenants are ranked: audited tenants by their worst-case score, the
	// lowest first (the ones to act on); then the tenants that failed.
	Tenants []PortfolioTenant `json:"tenants"`
	// Checks is the matrix: per check, how many tenants are at each status.
	Checks  []PortfolioCheck `json:"checks"`
	Summary PortfolioSummary `json:"summary"`
	// RunID names the fleet run (fleet --run-id) its shards share.
	RunID string `json:"runId,omitempty"`
	// Shard is this process's part of the fleet (fleet --shard); absent
	// when one process ran the whole fleet.
	Shard *PortfolioShard `json:"shard,omitempty"`
}

// PortfolioShard is one of Count processes that split a fleet between
// them by tenant: Index counts from 0 (a Kubernetes completion index).
type PortfolioShard struct {
	Index int `json:"index"`
	Count int `json:"count"`
	// FleetTenants is how many tenants the whole fleet has.
	FleetTenants int `json:"fleetTenants"`
}

// PortfolioSummary counts the tenants.
type PortfolioSummary struct {
	Tenants int `json:"tenants"`
	Audited int `json:"audited"`
	// Failed could not be audited (sign-in, consent, credential, network).
	Failed int `json:"failed"`
	// Incomplete were audited without a grade (too little was readable).
	Incomplete int `json:"incomplete"`
	// FromStore were already recorded in this fleet run (by a shard that
	// was then stopped, or before a run that puts the shards together):
	// read back from the store, not audited again.
	FromStore int `json:"fromStore,omitempty"`
}

// Tenant audit outcomes.
const (
	TenantAudited = "audited"
	TenantFailed  = "failed"
)

// PortfolioTenant is one tenant's line in the portfolio.
type PortfolioTenant struct {
	Alias    string   `json:"alias"`
	TenantID string   `json:"tenantId,omitempty"`
	Name     string   `json:"name,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	Status   string   `json:"status"` // audited or failed
	// Failure says why a tenant was not audited.
	Failure *TenantFailure `json:"failure,omitempty"`
	// Grade, Score (its range) and Coverage are the audit's; absent when
	// the tenant failed.
	Grade    Grade    `json:"grade,omitempty"`
	Score    *Range   `json:"score,omitempty"`
	Coverage *float64 `json:"coverage,omitempty"`
	// Change is the worst-case score's change since the tenant's previous
	// recorded run (with --store; absent without one), and PreviousAt when
	// that run's data was collected.
	Change     *float64   `json:"scoreChange,omitempty"`
	PreviousAt *time.Time `json:"previousAt,omitempty"`
	// TopAction is the one thing that recovers the most points.
	TopAction *Action `json:"topAction,omitempty"`
	// Licences are the tenant's subscriptions: seats assigned of those enabled.
	Licences []PortfolioLicence `json:"licences,omitempty"`
	// Checks are each check's status for this tenant, in the matrix's order.
	Checks []PortfolioTenantCheck `json:"checks,omitempty"`
	// Plan counts who is ready to move (absent when no plan was made).
	Plan *PlanSummary `json:"plan,omitempty"`
	// Reports are the files written for this tenant under --out-dir.
	Reports []string `json:"reports,omitempty"`
}

// TenantFailure is why a tenant was not audited.
type TenantFailure struct {
	// Kind is signIn (credential refused, consent missing or revoked),
	// credential (its certificate or secret could not be read), config
	// (its configuration file is invalid), interrupted, or error.
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// PortfolioLicence is one subscription of one tenant.
type PortfolioLicence struct {
	SKU         string `json:"skuPartNumber"`
	ProductName string `json:"productName,omitempty"`
	Assigned    int    `json:"assigned"`
	Enabled     int    `json:"enabled"`
}

// PortfolioTenantCheck is one check's status in one tenant.
type PortfolioTenantCheck struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
}

// PortfolioCheck is one row of the checks × tenants matrix.
type PortfolioCheck struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Counts are how many audited tenants are at each status.
	Counts StatusCounts `json:"counts"`
}

// StatusCounts counts checks' results by status.
type StatusCounts struct {
	Pass          int `json:"pass"`
	Warn          int `json:"warn"`
	Fail          int `json:"fail"`
	Skipped       int `json:"skipped"`
	NotApplicable int `json:"notApplicable"`
	Error         int `json:"error"`
	Info          int `json:"info"`
}

// Add counts one result of status s.
func (c *StatusCounts) Add(s Status) {
	switch s {
	case StatusPass:
		c.Pass++
	case StatusWarn:
		c.Warn++
	case StatusFail:
		c.Fail++
	case StatusNotApplicable:
		c.NotApplicable++
	case StatusError:
		c.Error++
	case StatusInfo:
		c.Info++
	default:
		c.Skipped++
	}
}
