package tenant

import "time"

// Intune enrolment configuration kinds, from the object's @odata.type.
const (
	EnrollmentPlatformRestrictions = "platformRestrictions" // deviceEnrollmentPlatformRestrictionsConfiguration
	EnrollmentWindowsHello         = "windowsHelloForBusiness"
	EnrollmentStatusPage           = "enrollmentStatusPage" // windows10EnrollmentCompletionPageConfiguration
	EnrollmentLimit                = "limit"
	EnrollmentOther                = "other"
)

// EnrollmentConfig is one deviceEnrollmentConfiguration. Priority 0 is the
// tenant's default, which applies to everyone; higher ones apply to the
// groups they are assigned to.
type EnrollmentConfig struct {
	ID          string `json:"id" redact:"id"`
	Kind        string `json:"kind" redact:"-"`
	DisplayName string `json:"displayName,omitempty" redact:"name"`
	Priority    int    `json:"priority"`
	// WindowsPlatformBlocked and WindowsPersonalBlocked are a platform
	// restriction's windowsRestriction.
	WindowsPlatformBlocked *bool `json:"windowsPlatformBlocked,omitempty"`
	WindowsPersonalBlocked *bool `json:"windowsPersonalBlocked,omitempty"`
	// HelloState is a Windows Hello for Business configuration's state:
	// enabled, disabled or notConfigured.
	HelloState string `json:"helloState,omitempty" redact:"-"`
}

// CompliancePolicy is one deviceCompliancePolicy and whom it is assigned to.
type CompliancePolicy struct {
	ID          string `json:"id" redact:"id"`
	DisplayName string `json:"displayName" redact:"name"`
	// Platform is the policy's type without its namespace:
	// windows10CompliancePolicy, iosCompliancePolicy, ...
	Platform string `json:"platform" redact:"-"`
	// Targets are the assignment targets' types without their namespace
	// (allLicensedUsersAssignmentTarget, groupAssignmentTarget, ...).
	Targets []string `json:"targets" redact:"-"`
}

// AutopilotDevice is one windowsAutopilotDeviceIdentity: a PC registered
// with Windows Autopilot, which sets it up Entra joined and enrolled.
type AutopilotDevice struct {
	ID              string     `json:"id" redact:"id"`
	AzureADDeviceID string     `json:"azureAdDeviceId,omitempty" redact:"id"`
	EnrollmentState string     `json:"enrollmentState,omitempty" redact:"-"` // enrolled, notContacted, ...
	LastContacted   *time.Time `json:"lastContactedDateTime,omitempty"`
}
