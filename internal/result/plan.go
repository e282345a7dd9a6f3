package result

import "time"

// The migration plan's per-person view (issue 16): what the move gives each
// person, what stands in the way, and who removes it. Codes and states are
// part of the report contract.

// PlanPerson is one person's readiness to move to Microsoft 365 sign-in.
type PlanPerson struct {
	Person PersonRef `json:"person"`
	// Tier is what the move gives them with their licence: full (Entra
	// join, Intune, Conditional Access), basic (Entra join and security
	// defaults, no device management) or blocked (no OneDrive: a licence
	// decision first).
	Tier string `json:"tier"`
	// MFA is ready (a strong method and a second), single, smsOnly, none
	// or unknown; OneDrive is active, inactive, none or unknown.
	MFA        string     `json:"mfa"`
	OneDrive   string     `json:"oneDrive"`
	LastSignIn *time.Time `json:"lastSignIn,omitempty"`
	Dormant    bool       `json:"dormant"`
	PCs        []PlanPC   `json:"pcs"`
	// State is ready, needsAction or blocked; Actions are what is needed,
	// the most blocking first.
	State   string       `json:"state"`
	Actions []PlanAction `json:"actions"`
}

// PlanPC is one of a person's Windows PCs as DEV-001 describes it, with
// where the link between the person and the PC comes from.
type PlanPC struct {
	DeviceFact
	// Source is intune (its primary user) or signInLog (they signed in
	// to Windows from it).
	Source string `json:"source"`
}

// PlanAction is one thing to do before a person moves.
type PlanAction struct {
	Code   string `json:"code"`
	Who    string `json:"who"` // person, admin or msp
	Detail string `json:"detail"`
}

// Plan states, tiers and who acts.
const (
	PlanReady       = "ready"
	PlanNeedsAction = "needsAction"
	PlanBlocked     = "blocked"

	TierFull    = "full"
	TierBasic   = "basic"
	TierBlocked = "blocked"

	ByPerson = "person"
	ByAdmin  = "admin"
	ByMSP    = "msp"
)
