package result

import "time"

// The migration plan's per-person view (issue 16): what the move gives each
// person, what stands in the way, and who removes it. Codes and states are
// part of the report contract.

// PlanPerson is one person's readiness to move to Microsoft 365 sign-in.
type PlanPerson struct {
	Person PersonRef `json:"person"`
	// Department is the directory's; later waves group people by it.
	Department string `json:"department,omitempty"`
	// Tier is what the move gives them with their licence: full (Entra
	// join, Intune, Conditional Access), basic (Entra join and security
	// defaults, no device management) or blocked (no OneDrive: a licence
	// decision first).
	Tier string `json:"tier"`
	// MFA is ready (a strong method and a second), single, smsOnly, none
	// or unknown; OneDrive is active, inactive, none or unknown.
	MFA      string `json:"mfa"`
	OneDrive string `json:"oneDrive"`
	// WindowsHello is registered or notYet where the tenant turns Windows
	// Hello for Business on for enrolled PCs (absent elsewhere): the PC
	// asks for it at the first sign-in after the move, so it is no action.
	WindowsHello string     `json:"windowsHello,omitempty"`
	LastSignIn   *time.Time `json:"lastSignIn,omitempty"`
	Dormant      bool       `json:"dormant"`
	PCs          []PlanPC   `json:"pcs"`
	// MovesWithNewPC: every PC of theirs is Windows 10 or unknown and the
	// plan (plan.moveWithNewPC) moves them when a replacement PC arrives
	// joined, in the last waves, rather than re-joining the old one.
	MovesWithNewPC bool `json:"movesWithNewPC,omitempty"`
	// State is ready, needsAction or blocked; Actions are what is needed,
	// the most blocking first.
	State   string       `json:"state"`
	Actions []PlanAction `json:"actions"`
}

// PlanPC is one of a person's Windows PCs as DEV-001 describes it, with
// where the link between the person and the PC comes from.
type PlanPC struct {
	DeviceFact
	// Source is intune (its primary user), entraOwner (Entra's registered
	// owner: who joined or registered it) or signInLog (they signed in to
	// Windows from it).
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

// Plan is the migration plan: the tenant's prerequisites, then the people
// in waves, and those a decision blocks.
type Plan struct {
	Tenant      Tenant    `json:"tenant"`
	CollectedAt time.Time `json:"collectedAt"`
	Demo        bool      `json:"demo,omitempty"`
	// Prerequisites are wave 0: the tenant settings that must hold before
	// anyone moves, with each check's status.
	Prerequisites []PlanPrerequisite `json:"prerequisites"`
	Waves         []PlanWave         `json:"waves"`
	// Blocked are the people no wave takes until a decision is made.
	Blocked []PlanPerson `json:"blocked"`
	// Excluded are the member accounts the move is not for (emergency
	// access, shared mailboxes, service accounts, disabled or unlicensed
	// accounts), each with why; guests are not listed.
	Excluded []PlanExcluded `json:"excluded"`
	Summary  PlanSummary    `json:"summary"`
	// Progress is set when the plan was compared with an earlier one.
	Progress *PlanProgress `json:"progress,omitempty"`
}

// PlanPrerequisite is one tenant setting wave 0 needs, from a check.
type PlanPrerequisite struct {
	CheckID string `json:"checkId"`
	Title   string `json:"title"`
	Status  Status `json:"status"`
	Done    bool   `json:"done"`             // the check passed (or does not apply)
	Action  string `json:"action,omitempty"` // what to do when it is not done
}

// PlanWave is one group of people who move together.
type PlanWave struct {
	Number int          `json:"number"` // 1 is the pilot
	Name   string       `json:"name"`
	People []PlanPerson `json:"people"`
	Effort PlanEffort   `json:"effort"`
}

// PlanEffort counts what a wave needs done, in units a person can plan with.
type PlanEffort struct {
	PCsToRejoin      int `json:"pcsToRejoin"`
	PCsToEnrol       int `json:"pcsToEnrol"`
	PCsToReplace     int `json:"pcsToReplace"` // Windows 10: move with the new PC
	PeopleToRegister int `json:"peopleToRegister"`
	OneDriveMoves    int `json:"oneDriveMoves"`
	PCsToFind        int `json:"pcsToFind"`
}

// PlanSummary counts the people by state.
type PlanSummary struct {
	People      int `json:"people"`
	Ready       int `json:"ready"`
	NeedsAction int `json:"needsAction"`
	Blocked     int `json:"blocked"`
	// PrerequisitesOpen are wave-0 settings not yet done.
	PrerequisitesOpen int `json:"prerequisitesOpen"`
	// Excluded counts the member accounts the plan leaves out.
	Excluded int `json:"excluded"`
}

// PlanExcluded is an account the move is not for, and why.
type PlanExcluded struct {
	Person PersonRef `json:"person"`
	// Why is the reason in words; Evidence how the class was decided
	// ("configured", or the rule that inferred it).
	Why      string `json:"why"`
	Evidence string `json:"evidence,omitempty"`
}

// PlanOverview is the plan in counts, as the audit report carries it: how
// many people are ready, need action or are blocked, overall and per wave.
type PlanOverview struct {
	// Counts are the plan's summary (named so that no jq filter reading
	// numbers looks like one reading a check's prose summary).
	Counts PlanSummary     `json:"counts"`
	Waves  []PlanWaveCount `json:"waves"`
	// Details names the command that lists each person and action.
	Details string `json:"details"`
}

// PlanWaveCount is one wave in counts.
type PlanWaveCount struct {
	Number      int        `json:"number"`
	Name        string     `json:"name"`
	People      int        `json:"people"`
	Ready       int        `json:"ready"`
	NeedsAction int        `json:"needsAction"`
	Effort      PlanEffort `json:"effort"`
}

// PlanProgress is what changed since an earlier plan of the same tenant
// (plan --since): who became ready, who moved, what still blocks.
type PlanProgress struct {
	// Since is when the earlier plan's data was collected; Before its counts.
	Since  time.Time   `json:"since"`
	Before PlanSummary `json:"before"`
	// BecameReady were not ready then and are now; NoLongerReady the reverse.
	BecameReady   []PersonRef `json:"becameReady"`
	NoLongerReady []PersonRef `json:"noLongerReady"`
	// Moved have a Windows PC now, every one Entra joined, and did not
	// then (a PC not joined, or none known).
	Moved []PersonRef `json:"moved"`
	// StillBlocked were blocked then and are now.
	StillBlocked []PersonRef `json:"stillBlocked"`
	// New are in this plan and not the earlier one (joiners); Gone the
	// reverse (leavers, or accounts now excluded).
	New  []PersonRef `json:"new"`
	Gone []PersonRef `json:"gone"`
	// ActionsDone count the actions people had then and no longer have;
	// ActionsOpen every action still to do, by code.
	ActionsDone []PlanActionCount `json:"actionsDone"`
	ActionsOpen []PlanActionCount `json:"actionsOpen"`
}

// PlanActionCount is how many of one action.
type PlanActionCount struct {
	Code  string `json:"code"`
	Count int    `json:"count"`
}
