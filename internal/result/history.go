package result

import "time"

// History is what the store remembers of tenants' runs (m365ready history).
type History struct {
	GeneratedAt time.Time       `json:"generatedAt"`
	Tenants     []TenantHistory `json:"tenants"`
	// Expiring are the accepted risks of each tenant's latest run that
	// expire within ExpiringWithinDays of GeneratedAt, or have expired:
	// the soonest first, across every tenant listed.
	Expiring           []ExpiringAcceptance `json:"expiring"`
	ExpiringWithinDays int                  `json:"expiringWithinDays"`
	// Pruned counts runs deleted by --keep on this call.
	Pruned int64 `json:"pruned,omitempty"`
}

// TenantHistory is one tenant's runs, oldest first, and how its findings
// changed between the last two.
type TenantHistory struct {
	TenantID string       `json:"tenantId"`
	Name     string       `json:"name,omitempty"`
	Alias    string       `json:"alias,omitempty"`
	Runs     []HistoryRun `json:"runs"`
	// Changes compare the last run with the one before (absent with one run).
	Changes []FindingChange `json:"changes"`
}

// HistoryRun is one recorded run.
type HistoryRun struct {
	ID          int64     `json:"id"`
	TenantID    string    `json:"tenantId"`
	TenantName  string    `json:"tenantName,omitempty"`
	Alias       string    `json:"alias,omitempty"`
	CollectedAt time.Time `json:"collectedAt"`
	Tool        string    `json:"tool"`
	Command     string    `json:"command"`
	RunBy       string    `json:"runBy,omitempty"`
	Grade       string    `json:"grade"`
	Worst       float64   `json:"worst"`
	Best        float64   `json:"best"`
	Coverage    float64   `json:"coverage"`
}

// Finding states between a tenant's last two runs.
const (
	FindingNew        = "new"        // first seen in the last run
	FindingFixed      = "fixed"      // in the run before, not in the last
	FindingPersisting = "persisting" // in both
	FindingRegressed  = "regressed"  // in the last run, not the one before, but in an earlier one
	// FindingUnverified: in the run before; the last run could not evaluate
	// its check (skipped for want of data, or error), so it is not known to
	// be fixed. Losing a permission never reads as fixing findings.
	FindingUnverified = "unverified"
)

// FindingChange is one finding's state in the last run of a tenant.
type FindingChange struct {
	State      string `json:"state"`
	CheckID    string `json:"checkId"`
	Code       string `json:"code"`
	ObjectType string `json:"objectType,omitempty"`
	ObjectID   string `json:"objectId,omitempty"`
	Name       string `json:"name,omitempty"`
}

// ExpiringAcceptance is an accepted risk close to (or past) its expiry
// date, in a tenant's latest recorded run.
type ExpiringAcceptance struct {
	TenantID string `json:"tenantId"`
	Alias    string `json:"alias,omitempty"`
	Name     string `json:"name,omitempty"`
	Check    string `json:"check"`
	Object   string `json:"object"`
	Owner    string `json:"owner"`
	Expires  string `json:"expires"` // YYYY-MM-DD
	// DaysLeft counts whole days from GeneratedAt's date to the expiry
	// date: 0 on the day, negative once expired.
	DaysLeft int  `json:"daysLeft"`
	Expired  bool `json:"expired"`
}
