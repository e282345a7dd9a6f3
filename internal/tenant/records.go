package tenant

import "time"

// Organization is GET /organization.
type Organization struct {
	ID                    string   `json:"id"`
	DisplayName           string   `json:"displayName"`
	TenantType            string   `json:"tenantType,omitempty"`
	CountryLetterCode     string   `json:"countryLetterCode,omitempty"`
	VerifiedDomains       []Domain `json:"verifiedDomains"`
	OnPremisesSyncEnabled *bool    `json:"onPremisesSyncEnabled,omitempty"` // nil: never synced
	// MDMAuthority is mobileDeviceManagementAuthority: unknown, intune, sccm, office365.
	MDMAuthority string `json:"mdmAuthority,omitempty"`
}

// Domain is one verified domain of the organization.
type Domain struct {
	Name      string `json:"name"`
	Type      string `json:"type,omitempty"` // Managed | Federated
	IsDefault bool   `json:"isDefault"`
	IsInitial bool   `json:"isInitial"`
}

// SubscribedSKU is one element of GET /subscribedSkus.
type SubscribedSKU struct {
	ID               string        `json:"id"`
	SKUID            string        `json:"skuId"`
	SKUPartNumber    string        `json:"skuPartNumber"`
	AppliesTo        string        `json:"appliesTo,omitempty"`
	CapabilityStatus string        `json:"capabilityStatus"` // Enabled, Warning, Suspended, Deleted, LockedOut
	ConsumedUnits    int           `json:"consumedUnits"`
	PrepaidUnits     PrepaidUnits  `json:"prepaidUnits"`
	ServicePlans     []ServicePlan `json:"servicePlans"`
}

// PrepaidUnits is licenseUnitsDetail.
type PrepaidUnits struct {
	Enabled   int `json:"enabled"`
	Suspended int `json:"suspended"`
	Warning   int `json:"warning"`
	LockedOut int `json:"lockedOut"`
}

// ServicePlan is servicePlanInfo.
type ServicePlan struct {
	ID                 string `json:"servicePlanId"`
	Name               string `json:"servicePlanName"`
	ProvisioningStatus string `json:"provisioningStatus"` // Success, Disabled, Error, PendingInput, PendingActivation, PendingProvisioning
	AppliesTo          string `json:"appliesTo,omitempty"`
}

// User is one element of GET /users with the properties the checks read.
type User struct {
	ID                    string            `json:"id"`
	UserPrincipalName     string            `json:"userPrincipalName"`
	DisplayName           string            `json:"displayName,omitempty"`
	Mail                  string            `json:"mail,omitempty"`
	AccountEnabled        bool              `json:"accountEnabled"`
	UserType              string            `json:"userType,omitempty"` // Member | Guest
	AssignedLicenses      []AssignedLicense `json:"assignedLicenses"`
	OnPremisesSyncEnabled *bool             `json:"onPremisesSyncEnabled,omitempty"` // nil: cloud-only
	CreatedDateTime       *time.Time        `json:"createdDateTime,omitempty"`
}

// AssignedLicense is one licence on a user, with the plans switched off in it.
type AssignedLicense struct {
	SKUID         string   `json:"skuId"`
	DisabledPlans []string `json:"disabledPlans,omitempty"`
}

// Sources of MFA registration data.
const (
	MFASourceRegistrationReport = "registrationReport"    // /reports/authenticationMethods/userRegistrationDetails (needs Entra ID P1)
	MFASourceMethods            = "authenticationMethods" // /users/{id}/authentication/methods per person
)

// MFARegistration is what the tenant knows about one person's sign-in methods.
// From the registration report every field is Graph's own. From per-user method
// lookups only UserID, Methods and IsMFARegistered are known; the rest are nil.
type MFARegistration struct {
	UserID            string `json:"userId"`
	UserPrincipalName string `json:"userPrincipalName,omitempty"`
	UserDisplayName   string `json:"userDisplayName,omitempty"`
	// UserType is as the report spells it: lowercase member or guest.
	UserType string `json:"userType,omitempty"`
	// Methods uses the report's methodsRegistered vocabulary (mobilePhone,
	// microsoftAuthenticatorPush, fido2, ...). Password is never listed.
	Methods               []string   `json:"methods"`
	IsMFARegistered       bool       `json:"isMfaRegistered"`
	IsMFACapable          *bool      `json:"isMfaCapable,omitempty"`
	IsAdmin               *bool      `json:"isAdmin,omitempty"`
	IsPasswordlessCapable *bool      `json:"isPasswordlessCapable,omitempty"`
	IsSSPRRegistered      *bool      `json:"isSsprRegistered,omitempty"`
	IsSSPRCapable         *bool      `json:"isSsprCapable,omitempty"`
	IsSSPREnabled         *bool      `json:"isSsprEnabled,omitempty"`
	DefaultMethod         string     `json:"defaultMethod,omitempty"` // userPreferredMethodForSecondaryAuthentication
	LastUpdated           *time.Time `json:"lastUpdated,omitempty"`
}

// Principal is a user, group or service principal that holds a role or owns something.
type Principal struct {
	ID                string `json:"id"`
	Type              string `json:"type"` // user | group | servicePrincipal | device | unknown
	DisplayName       string `json:"displayName,omitempty"`
	UserPrincipalName string `json:"userPrincipalName,omitempty"`
	AccountEnabled    *bool  `json:"accountEnabled,omitempty"`
}

// RoleAssignment is an active (roleAssignments) or PIM-eligible
// (roleEligibilityScheduleInstances) directory role assignment.
type RoleAssignment struct {
	ID               string    `json:"id"`
	RoleDefinitionID string    `json:"roleDefinitionId"` // template id for built-in roles
	DirectoryScopeID string    `json:"directoryScopeId"` // "/" is tenant-wide
	Principal        Principal `json:"principal"`
	// MemberType is PIM's Direct | Group | Inherited (eligibilities only).
	MemberType  string     `json:"memberType,omitempty"`
	EndDateTime *time.Time `json:"endDateTime,omitempty"`
	// GroupMembers are the people a role-assignable group principal expands to.
	GroupMembers []Principal `json:"groupMembers,omitempty"`
	// GroupMembersStatus says whether GroupMembers could be read (groups only).
	GroupMembersStatus *Status `json:"groupMembersStatus,omitempty"`
}

// Device is an Entra device (GET /devices).
// WindowsDevicesFilter asks Graph for Windows devices only: the one check
// that reads devices (DEV-001) is about Windows sign-in, and phones, Macs and
// printers are often half of a tenant's device objects. DevicesWindowsOnly is
// the devices dataset's Source when it was collected so.
const (
	WindowsDevicesFilter = "operatingSystem eq 'Windows'"
	DevicesWindowsOnly   = "devices?$filter=" + WindowsDevicesFilter
)

type Device struct {
	ID                     string     `json:"id"`
	DeviceID               string     `json:"deviceId,omitempty"`
	DisplayName            string     `json:"displayName"`
	OperatingSystem        string     `json:"operatingSystem,omitempty"`
	OperatingSystemVersion string     `json:"operatingSystemVersion,omitempty"`
	TrustType              string     `json:"trustType,omitempty"` // AzureAd joined, ServerAd hybrid, Workplace registered
	IsManaged              *bool      `json:"isManaged,omitempty"`
	IsCompliant            *bool      `json:"isCompliant,omitempty"`
	AccountEnabled         bool       `json:"accountEnabled"`
	ApproximateLastSignIn  *time.Time `json:"approximateLastSignInDateTime,omitempty"`
	RegistrationDateTime   *time.Time `json:"registrationDateTime,omitempty"`
	ProfileType            string     `json:"profileType,omitempty"`
	ManagementType         string     `json:"managementType,omitempty"`
}

// IntuneState is GET /deviceManagement.
type IntuneState struct {
	ID                string `json:"id,omitempty"`
	SubscriptionState string `json:"subscriptionState"` // pending, active, warning, disabled, deleted, blocked, lockedOut
	IntuneAccountID   string `json:"intuneAccountId,omitempty"`
}

// ManagedDevice is an Intune managed device.
type ManagedDevice struct {
	ID                string     `json:"id"`
	DeviceName        string     `json:"deviceName"`
	OperatingSystem   string     `json:"operatingSystem,omitempty"`
	OSVersion         string     `json:"osVersion,omitempty"`
	ComplianceState   string     `json:"complianceState,omitempty"`
	OwnerType         string     `json:"ownerType,omitempty"` // company | personal | unknown
	ManagementAgent   string     `json:"managementAgent,omitempty"`
	AzureADDeviceID   string     `json:"azureADDeviceId,omitempty"`
	UserPrincipalName string     `json:"userPrincipalName,omitempty"`
	EnrolledDateTime  *time.Time `json:"enrolledDateTime,omitempty"`
	LastSyncDateTime  *time.Time `json:"lastSyncDateTime,omitempty"`
}

// Group is a Microsoft 365 (Unified) group with its owners and its SharePoint site.
type Group struct {
	ID          string      `json:"id"`
	DisplayName string      `json:"displayName"`
	Mail        string      `json:"mail,omitempty"`
	Visibility  string      `json:"visibility,omitempty"`
	Owners      []Principal `json:"owners"`
	// OwnersStatus is set when the owners could not be read.
	OwnersStatus *Status `json:"ownersStatus,omitempty"`
	// RootSite is the group's team site; nil when the group has none (yet).
	RootSite *SiteRef `json:"rootSite,omitempty"`
	// RootSiteStatus is set when the site could not be read.
	RootSiteStatus *Status `json:"rootSiteStatus,omitempty"`
}

// SiteRef points at a site.
type SiteRef struct {
	ID     string `json:"id"`
	WebURL string `json:"webUrl"`
}

// Site is a SharePoint site (OneDrive personal sites included when Graph lists them).
type Site struct {
	ID              string     `json:"id"` // {hostname},{siteCollectionId},{webId}
	Name            string     `json:"name,omitempty"`
	DisplayName     string     `json:"displayName,omitempty"`
	WebURL          string     `json:"webUrl"`
	IsPersonalSite  bool       `json:"isPersonalSite"`
	CreatedDateTime *time.Time `json:"createdDateTime,omitempty"`
}

// SiteCollectionID is the middle part of the site id: the key the usage report uses.
func (s Site) SiteCollectionID() string {
	first, last := -1, -1
	for i, r := range s.ID {
		if r == ',' {
			if first < 0 {
				first = i
			} else {
				last = i
				break
			}
		}
	}
	if first < 0 || last < 0 {
		return ""
	}
	return s.ID[first+1 : last]
}

// SiteUsage is one row of the SharePoint site usage report.
type SiteUsage struct {
	SiteID             string `json:"siteId"`
	SiteURL            string `json:"siteUrl,omitempty"`
	OwnerDisplayName   string `json:"ownerDisplayName,omitempty"`
	OwnerPrincipalName string `json:"ownerPrincipalName,omitempty"`
	IsDeleted          bool   `json:"isDeleted"`
	LastActivityDate   string `json:"lastActivityDate,omitempty"` // YYYY-MM-DD
	FileCount          int64  `json:"fileCount"`
	StorageUsedBytes   int64  `json:"storageUsedBytes"`
	RootWebTemplate    string `json:"rootWebTemplate,omitempty"`
	ReportRefreshDate  string `json:"reportRefreshDate,omitempty"`
	// Concealed is true when the report hid this row's names (32-hex hashes).
	Concealed bool `json:"concealed"`
}

// ReportSettings is GET /admin/reportSettings.
type ReportSettings struct {
	DisplayConcealedNames bool `json:"displayConcealedNames"`
}

// SecurityDefaults is GET /policies/identitySecurityDefaultsEnforcementPolicy.
type SecurityDefaults struct {
	IsEnabled bool `json:"isEnabled"`
}

// ConditionalAccess is one Conditional Access policy, flattened to what checks read.
type ConditionalAccess struct {
	ID                     string   `json:"id"`
	DisplayName            string   `json:"displayName"`
	State                  string   `json:"state"` // enabled, disabled, enabledForReportingButNotEnforced
	IncludeUsers           []string `json:"includeUsers,omitempty"`
	ExcludeUsers           []string `json:"excludeUsers,omitempty"`
	IncludeGroups          []string `json:"includeGroups,omitempty"`
	ExcludeGroups          []string `json:"excludeGroups,omitempty"`
	IncludeRoles           []string `json:"includeRoles,omitempty"`
	ExcludeRoles           []string `json:"excludeRoles,omitempty"`
	IncludeApplications    []string `json:"includeApplications,omitempty"`
	ExcludeApplications    []string `json:"excludeApplications,omitempty"`
	ClientAppTypes         []string `json:"clientAppTypes,omitempty"`
	GrantOperator          string   `json:"grantOperator,omitempty"`
	BuiltInControls        []string `json:"builtInControls,omitempty"`
	AuthenticationStrength string   `json:"authenticationStrength,omitempty"` // display name
}

// AuthMethodsPolicy is GET /policies/authenticationMethodsPolicy.
type AuthMethodsPolicy struct {
	PolicyMigrationState string             `json:"policyMigrationState,omitempty"`
	Methods              []AuthMethodConfig `json:"methods"`
}

// AuthMethodConfig is one authenticationMethodConfiguration.
type AuthMethodConfig struct {
	ID             string   `json:"id"`    // Fido2, MicrosoftAuthenticator, Sms, Voice, ...
	State          string   `json:"state"` // enabled | disabled
	IncludeTargets []string `json:"includeTargets,omitempty"`
}

// SignInActivity is a user's signInActivity (needs Entra ID P1 and AuditLog.Read.All).
// Nil times mean no sign-in recorded (never, or before the data exists).
type SignInActivity struct {
	UserID                   string     `json:"userId"`
	LastSignIn               *time.Time `json:"lastSignIn,omitempty"`
	LastNonInteractiveSignIn *time.Time `json:"lastNonInteractiveSignIn,omitempty"`
	LastSuccessfulSignIn     *time.Time `json:"lastSuccessfulSignIn,omitempty"`
}

// OneDriveUsage is one row of the OneDrive usage (account detail) report.
type OneDriveUsage struct {
	OwnerPrincipalName string `json:"ownerPrincipalName,omitempty"`
	OwnerDisplayName   string `json:"ownerDisplayName,omitempty"`
	SiteURL            string `json:"siteUrl,omitempty"`
	IsDeleted          bool   `json:"isDeleted"`
	LastActivityDate   string `json:"lastActivityDate,omitempty"` // YYYY-MM-DD, empty when none in the period
	FileCount          int64  `json:"fileCount"`
	StorageUsedBytes   int64  `json:"storageUsedBytes"`
	ReportRefreshDate  string `json:"reportRefreshDate,omitempty"`
	Concealed          bool   `json:"concealed"`
}

// GroupCreation is who may create Microsoft 365 groups (and so SharePoint
// sites and Teams), from the tenant's "Group.Unified" directory setting.
type GroupCreation struct {
	// Configured is false when the tenant has no Group.Unified setting: the
	// defaults apply and everyone can create groups.
	Configured          bool   `json:"configured"`
	EnableGroupCreation bool   `json:"enableGroupCreation"`
	AllowedGroupID      string `json:"allowedGroupId,omitempty"`
}

// SecureScore is one day of Microsoft Secure Score, newest first in the list.
type SecureScore struct {
	CreatedDateTime *time.Time `json:"createdDateTime,omitempty"`
	CurrentScore    float64    `json:"currentScore"`
	MaxScore        float64    `json:"maxScore"`
}
