package result

// WarningCode names a warning for automation: stable, like finding codes.
type WarningCode string

// The warnings a run can give about its own configuration.
const (
	// WarningAcceptedRiskUnmatched: an active accepted risk covered no
	// finding of its check, which was evaluated: a typo, or the object is gone.
	WarningAcceptedRiskUnmatched WarningCode = "config.accepted_risk_unmatched"
	// WarningAccountUnmatched: a configured account matches no user in the
	// tenant (by UPN or object id).
	WarningAccountUnmatched WarningCode = "config.account_unmatched"
)

// WarningCodes lists every warning code.
func WarningCodes() []WarningCode {
	return []WarningCode{WarningAcceptedRiskUnmatched, WarningAccountUnmatched}
}

// Warning is something about the run, not the tenant, that a person should
// put right: configuration that matched nothing, say.
type Warning struct {
	Code    WarningCode `json:"code"`
	Message string      `json:"message"`
	// Subject is what the warning is about: the configured object, UPN or id.
	Subject string `json:"subject,omitempty"`
	CheckID string `json:"checkId,omitempty"`
}
