// Package tenant is the tenant snapshot: plain Go values that everything after
// collection reads. It imports the standard library and the report's
// vocabulary (internal/result) only, so checks, reports and the CLI never
// compile the Graph SDK.
package tenant

import (
	"slices"
	"time"
)

// SchemaVersion is bumped whenever a field changes meaning or disappears.
const SchemaVersion = 2

// Dataset names one slice of tenant data. The names are stable: they appear in
// snapshot files, reports and check metadata.
type Dataset string

const (
	DatasetOrganization        Dataset = "organization"
	DatasetSubscribedSKUs      Dataset = "subscribedSkus"
	DatasetUsers               Dataset = "users"
	DatasetMFARegistration     Dataset = "mfaRegistration"
	DatasetRoleAssignments     Dataset = "roleAssignments"
	DatasetRoleEligibilities   Dataset = "roleEligibilities"
	DatasetDevices             Dataset = "devices"
	DatasetIntune              Dataset = "intune"
	DatasetManagedDevices      Dataset = "managedDevices"
	DatasetGroups              Dataset = "groups"
	DatasetSites               Dataset = "sites"
	DatasetSiteUsage           Dataset = "siteUsage"
	DatasetReportSettings      Dataset = "reportSettings"
	DatasetSecurityDefaults    Dataset = "securityDefaults"
	DatasetConditionalAccess   Dataset = "conditionalAccess"
	DatasetAuthMethodsPolicy   Dataset = "authMethodsPolicy"
	DatasetSignInActivity      Dataset = "signInActivity"
	DatasetOneDriveUsage       Dataset = "oneDriveUsage"
	DatasetGroupSettings       Dataset = "groupSettings"
	DatasetSecureScores        Dataset = "secureScores"
	DatasetDeviceRegistration  Dataset = "deviceRegistrationPolicy"
	DatasetLocalCredentials    Dataset = "localCredentials"
	DatasetRecoveryKeys        Dataset = "recoveryKeys"
	DatasetEnrollmentConfigs   Dataset = "enrollmentConfigurations"
	DatasetCompliancePolicies  Dataset = "compliancePolicies"
	DatasetAutopilotDevices    Dataset = "autopilotDevices"
	DatasetSignInLog           Dataset = "signInLog"
	DatasetAuthorizationPolicy Dataset = "authorizationPolicy"
)

// AllDatasets lists every dataset in report order.
func AllDatasets() []Dataset {
	return []Dataset{
		DatasetOrganization, DatasetSubscribedSKUs, DatasetUsers, DatasetMFARegistration,
		DatasetRoleAssignments, DatasetRoleEligibilities, DatasetDevices, DatasetIntune,
		DatasetManagedDevices, DatasetGroups, DatasetSites, DatasetSiteUsage,
		DatasetReportSettings, DatasetSecurityDefaults, DatasetConditionalAccess,
		DatasetAuthMethodsPolicy, DatasetSignInActivity, DatasetOneDriveUsage,
		DatasetGroupSettings, DatasetSecureScores, DatasetDeviceRegistration,
		DatasetLocalCredentials, DatasetRecoveryKeys, DatasetEnrollmentConfigs,
		DatasetCompliancePolicies, DatasetAutopilotDevices, DatasetSignInLog,
		DatasetAuthorizationPolicy,
	}
}

// AbsentWithoutLicence reports whether, when the tenant lacks the licence
// dataset d needs, the answer is known to be "none": the feature cannot exist
// without it (PIM eligibility, Conditional Access, Intune). Data that exists
// but is only readable with a licence (the registration report, sign-in
// activity) is unknown instead.
func (d Dataset) AbsentWithoutLicence() bool {
	switch d {
	case DatasetRoleEligibilities, DatasetConditionalAccess, DatasetIntune, DatasetManagedDevices,
		DatasetEnrollmentConfigs, DatasetCompliancePolicies, DatasetAutopilotDevices:
		return true
	}
	return false
}

// Snapshot is everything the checks may read about one tenant at one time.
type Snapshot struct {
	SchemaVersion int       `json:"schemaVersion"`
	CollectedAt   time.Time `json:"collectedAt"`
	Source        Source    `json:"source"`

	Organization        One[Organization]             `json:"organization"`
	SubscribedSKUs      List[SubscribedSKU]           `json:"subscribedSkus"`
	Users               List[User]                    `json:"users"`
	MFARegistration     List[MFARegistration]         `json:"mfaRegistration"`
	RoleAssignments     List[RoleAssignment]          `json:"roleAssignments"`
	RoleEligibilities   List[RoleAssignment]          `json:"roleEligibilities"`
	Devices             List[Device]                  `json:"devices"`
	Intune              One[IntuneState]              `json:"intune"`
	ManagedDevices      List[ManagedDevice]           `json:"managedDevices"`
	Groups              List[Group]                   `json:"groups"`
	Sites               List[Site]                    `json:"sites"`
	SiteUsage           List[SiteUsage]               `json:"siteUsage"`
	ReportSettings      One[ReportSettings]           `json:"reportSettings"`
	SecurityDefaults    One[SecurityDefaults]         `json:"securityDefaults"`
	ConditionalAccess   List[ConditionalAccess]       `json:"conditionalAccess"`
	AuthMethodsPolicy   One[AuthMethodsPolicy]        `json:"authMethodsPolicy"`
	SignInActivity      List[SignInActivity]          `json:"signInActivity"`
	OneDriveUsage       List[OneDriveUsage]           `json:"oneDriveUsage"`
	GroupSettings       One[GroupCreation]            `json:"groupSettings"`
	SecureScores        List[SecureScore]             `json:"secureScores"`
	DeviceRegistration  One[DeviceRegistrationPolicy] `json:"deviceRegistrationPolicy"`
	LocalCredentials    List[LocalCredential]         `json:"localCredentials"`
	RecoveryKeys        List[RecoveryKey]             `json:"recoveryKeys"`
	EnrollmentConfigs   List[EnrollmentConfig]        `json:"enrollmentConfigurations"`
	CompliancePolicies  List[CompliancePolicy]        `json:"compliancePolicies"`
	AutopilotDevices    List[AutopilotDevice]         `json:"autopilotDevices"`
	SignInLog           One[SignInLog]                `json:"signInLog"`
	AuthorizationPolicy One[AuthorizationPolicy]      `json:"authorizationPolicy"`

	// Budget is what the collection cost (absent in hand-made snapshots).
	Budget *Budget `json:"budget,omitempty"`
}

// Source says where and how the snapshot was collected.
type Source struct {
	Tool     string `json:"tool,omitempty" redact:"-"`     // "m365ready v0.1.0"
	Cloud    string `json:"cloud,omitempty" redact:"-"`    // global, usgov, usgovdod, china, custom
	GraphURL string `json:"graphUrl,omitempty" redact:"-"` // base URL, e.g. https://graph.microsoft.com/v1.0
	AuthMode string `json:"authMode,omitempty" redact:"-"` // client-secret, device-code, ...
	AppOnly  bool   `json:"appOnly"`                       // application permissions (no signed-in user)
	Demo     bool   `json:"demo,omitempty"`                // collected from the built-in demo tenant
}

// New returns an empty snapshot of the current schema version.
func New(collectedAt time.Time) *Snapshot {
	return &Snapshot{SchemaVersion: SchemaVersion, CollectedAt: collectedAt.UTC()}
}

// StatusOf returns a pointer to the status of dataset d, so callers can read
// or update it without a switch of their own. It returns nil for an unknown name.
func (s *Snapshot) StatusOf(d Dataset) *Status {
	if sl := s.slot(d); sl != nil {
		return sl.status()
	}
	return nil
}

// slot is what every dataset field has, whatever its record type.
type slot interface {
	status() *Status
	Fail(Status)
}

func (s *Snapshot) slot(d Dataset) slot {
	switch d {
	case DatasetOrganization:
		return &s.Organization
	case DatasetSubscribedSKUs:
		return &s.SubscribedSKUs
	case DatasetUsers:
		return &s.Users
	case DatasetMFARegistration:
		return &s.MFARegistration
	case DatasetRoleAssignments:
		return &s.RoleAssignments
	case DatasetRoleEligibilities:
		return &s.RoleEligibilities
	case DatasetDevices:
		return &s.Devices
	case DatasetIntune:
		return &s.Intune
	case DatasetManagedDevices:
		return &s.ManagedDevices
	case DatasetGroups:
		return &s.Groups
	case DatasetSites:
		return &s.Sites
	case DatasetSiteUsage:
		return &s.SiteUsage
	case DatasetReportSettings:
		return &s.ReportSettings
	case DatasetSecurityDefaults:
		return &s.SecurityDefaults
	case DatasetConditionalAccess:
		return &s.ConditionalAccess
	case DatasetAuthMethodsPolicy:
		return &s.AuthMethodsPolicy
	case DatasetSignInActivity:
		return &s.SignInActivity
	case DatasetOneDriveUsage:
		return &s.OneDriveUsage
	case DatasetGroupSettings:
		return &s.GroupSettings
	case DatasetSecureScores:
		return &s.SecureScores
	case DatasetDeviceRegistration:
		return &s.DeviceRegistration
	case DatasetLocalCredentials:
		return &s.LocalCredentials
	case DatasetRecoveryKeys:
		return &s.RecoveryKeys
	case DatasetEnrollmentConfigs:
		return &s.EnrollmentConfigs
	case DatasetCompliancePolicies:
		return &s.CompliancePolicies
	case DatasetAutopilotDevices:
		return &s.AutopilotDevices
	case DatasetSignInLog:
		return &s.SignInLog
	case DatasetAuthorizationPolicy:
		return &s.AuthorizationPolicy
	}
	return nil
}

// Release drops dataset d's records for a reader that is done with them (an
// audit, once the last check that reads d has run), so a large tenant's
// memory goes back before the rest is evaluated. The dataset then reads as
// not requested, never as an empty list.
func (s *Snapshot) Release(d Dataset) {
	s.slot(d).Fail(Status{State: StateNotRequested, Reason: "released after the last check that reads it"})
}

// View returns a copy of s that shows only the datasets in keep: every other
// dataset reads as not requested, with reason. Records are shared, not
// copied, so a view costs a few hundred bytes whatever the tenant's size.
func (s *Snapshot) View(keep []Dataset, reason string) *Snapshot {
	v := *s
	for _, d := range AllDatasets() {
		if !slices.Contains(keep, d) {
			v.slot(d).Fail(Status{State: StateNotRequested, Reason: reason})
		}
	}
	return &v
}

// Budget is what collecting cost: the numbers behind the one-line summary a
// run prints, kept so a scheduled job can watch them over time.
type Budget struct {
	Requests   int64           `json:"requests"`  // HTTP attempts, retries included
	Throttled  int64           `json:"throttled"` // 429 answers, batch items included
	Retries    int64           `json:"retries"`   // attempts that repeated an earlier one
	Bytes      int64           `json:"bytes"`     // response bytes received
	DurationMs int64           `json:"durationMs"`
	Datasets   []DatasetBudget `json:"datasets"`
	// Fallbacks are the query options Graph refused, each request having
	// been repeated without its option.
	Fallbacks []QueryFallback `json:"fallbacks,omitempty"`
}

// QueryFallback is one query option Graph refused for a dataset's request.
type QueryFallback struct {
	Dataset Dataset `json:"dataset" redact:"-"`
	Option  string  `json:"option" redact:"-"` // as sent: "$top=999"
}

// DatasetBudget is one dataset's share of the budget.
type DatasetBudget struct {
	Dataset    Dataset `json:"dataset" redact:"-"`
	Requests   int64   `json:"requests"`
	Throttled  int64   `json:"throttled"`
	DurationMs int64   `json:"durationMs"`
}
