package tenant

import "time"

// Organization is GET /organization.
type Organization struct {
	ID                    string   `json:"id" redact:"id"`
	DisplayName           string   `json:"displayName" redact:"tenant"`
	TenantType            string   `json:"tenantType,omitempty" redact:"-"`
	CountryLetterCode     string   `json:"countryLetterCode,omitempty" redact:"-"`
	VerifiedDomains       []Domain `json:"verifiedDomains"`
	OnPremisesSyncEnabled *bool    `json:"onPremisesSyncEnabled,omitempty"` // nil: never synced
	// MDMAuthority is mobileDeviceManagementAuthority: unknown, intune, sccm, office365.
	MDMAuthority string `json:"mdmAuthority,omitempty" redact:"-"`
}

// Domain is one verified domain of the organization.
type Domain struct {
	Name      string `json:"name" redact:"domain"`
	Type      string `json:"type,omitempty" redact:"-"` // Managed | Federated
	IsDefault bool   `json:"isDefault"`
	IsInitial bool   `json:"isInitial"`
}

// SubscribedSKU is one element of GET /subscribedSkus.
type SubscribedSKU struct {
	ID               string        `json:"id" redact:"text"`
	SKUID            string        `json:"skuId" redact:"-"`
	SKUPartNumber    string        `json:"skuPartNumber" redact:"-"`
	AppliesTo        string        `json:"appliesTo,omitempty" redact:"-"`
	CapabilityStatus string        `json:"capabilityStatus" redact:"-"` // Enabled, Warning, Suspended, Deleted, LockedOut
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
	ID                 string `json:"servicePlanId" redact:"-"`
	Name               string `json:"servicePlanName" redact:"-"`
	ProvisioningStatus string `json:"provisioningStatus" redact:"-"` // Success, Disabled, Error, PendingInput, PendingActivation, PendingProvisioning
	AppliesTo          string `json:"appliesTo,omitempty" redact:"-"`
}

// User is one element of GET /users with the properties the checks read.
type User struct {
	ID                    string            `json:"id" redact:"id"`
	UserPrincipalName     string            `json:"userPrincipalName" redact:"upn"`
	DisplayName           string            `json:"displayName,omitempty" redact:"person"`
	Mail                  string            `json:"mail,omitempty" redact:"upn"`
	AccountEnabled        bool              `json:"accountEnabled"`
	UserType              string            `json:"userType,omitempty" redact:"-"` // Member | Guest
	AssignedLicenses      []AssignedLicense `json:"assignedLicenses"`
	OnPremisesSyncEnabled *bool             `json:"onPremisesSyncEnabled,omitempty"` // nil: cloud-only
	CreatedDateTime       *time.Time        `json:"createdDateTime,omitempty"`
	// Department is the directory's department: the migration plan's waves.
	Department string `json:"department,omitempty" redact:"text"`
}

// AssignedLicense is one licence on a user, with the plans switched off in it.
type AssignedLicense struct {
	SKUID         string   `json:"skuId" redact:"-"`
	DisabledPlans []string `json:"disabledPlans,omitempty" redact:"-"`
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
	UserID            string `json:"userId" redact:"id"`
	UserPrincipalName string `json:"userPrincipalName,omitempty" redact:"upn"`
	UserDisplayName   string `json:"userDisplayName,omitempty" redact:"person"`
	// UserType is as the report spells it: lowercase member or guest.
	UserType string `json:"userType,omitempty" redact:"-"`
	// Methods uses the report's methodsRegistered vocabulary (mobilePhone,
	// microsoftAuthenticatorPush, fido2, ...). Password is never listed.
	Methods               []string   `json:"methods" redact:"-"`
	IsMFARegistered       bool       `json:"isMfaRegistered"`
	IsMFACapable          *bool      `json:"isMfaCapable,omitempty"`
	IsAdmin               *bool      `json:"isAdmin,omitempty"`
	IsPasswordlessCapable *bool      `json:"isPasswordlessCapable,omitempty"`
	IsSSPRRegistered      *bool      `json:"isSsprRegistered,omitempty"`
	IsSSPRCapable         *bool      `json:"isSsprCapable,omitempty"`
	IsSSPREnabled         *bool      `json:"isSsprEnabled,omitempty"`
	DefaultMethod         string     `json:"defaultMethod,omitempty" redact:"-"` // userPreferredMethodForSecondaryAuthentication
	LastUpdated           *time.Time `json:"lastUpdated,omitempty"`
}

// Principal is a user, group or service principal that holds a role or owns something.
type Principal struct {
	ID                string `json:"id" redact:"id"`
	Type              string `json:"type" redact:"-"` // user | group | servicePrincipal | device | unknown
	DisplayName       string `json:"displayName,omitempty" redact:"name"`
	UserPrincipalName string `json:"userPrincipalName,omitempty" redact:"upn"`
	AccountEnabled    *bool  `json:"accountEnabled,omitempty"`
}

// PrivilegedRoles are the directory role template ids collected: Global
// Administrator and the roles that can take over a tenant or its sign-in
// (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference),
// with their names. For built-in roles a role
// assignment's roleDefinitionId is the template id.
var PrivilegedRoles = map[string]string{
	"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
	"3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
	"966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
}

// RoleDirectorySync is the Directory Synchronization Accounts role: Entra
// Connect's sync accounts hold it, people never do. Policies often exclude it.
const RoleDirectorySync = "d29b2b05-8046-44ba-8758-1e26182fcf32"

// RoleAssignment is an active (roleAssignments) or PIM-eligible
// (roleEligibilityScheduleInstances) directory role assignment.
type RoleAssignment struct {
	ID               string    `json:"id" redact:"id"`
	RoleDefinitionID string    `json:"roleDefinitionId" redact:"-"`    // template id for built-in roles
	DirectoryScopeID string    `json:"directoryScopeId" redact:"text"` // "/" is tenant-wide
	Principal        Principal `json:"principal"`
	// MemberType is PIM's Direct | Group | Inherited (eligibilities only).
	MemberType  string     `json:"memberType,omitempty" redact:"-"`
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
	ID                     string     `json:"id" redact:"id"`
	DeviceID               string     `json:"deviceId,omitempty" redact:"id"`
	DisplayName            string     `json:"displayName" redact:"device"`
	OperatingSystem        string     `json:"operatingSystem,omitempty" redact:"-"`
	OperatingSystemVersion string     `json:"operatingSystemVersion,omitempty" redact:"-"`
	TrustType              string     `json:"trustType,omitempty" redact:"-"` // AzureAd joined, ServerAd hybrid, Workplace registered
	IsManaged              *bool      `json:"isManaged,omitempty"`
	IsCompliant            *bool      `json:"isCompliant,omitempty"`
	AccountEnabled         bool       `json:"accountEnabled"`
	ApproximateLastSignIn  *time.Time `json:"approximateLastSignInDateTime,omitempty"`
	RegistrationDateTime   *time.Time `json:"registrationDateTime,omitempty"`
	ProfileType            string     `json:"profileType,omitempty" redact:"-"`
	ManagementType         string     `json:"managementType,omitempty" redact:"-"`
	// RegisteredOwnerIDs are the users Entra records as the device's
	// registered owner: whoever joined or registered it (Microsoft: "currently
	// there can be only one owner"). A PC an IT account joined names that
	// account, not the person who uses it.
	RegisteredOwnerIDs []string `json:"registeredOwnerIds,omitempty" redact:"ids"`
}

// IntuneState is GET /deviceManagement.
type IntuneState struct {
	ID                string `json:"id,omitempty" redact:"id"`
	SubscriptionState string `json:"subscriptionState" redact:"-"` // pending, active, warning, disabled, deleted, blocked, lockedOut
	IntuneAccountID   string `json:"intuneAccountId,omitempty" redact:"id"`
	// SecureByDefault is settings.secureByDefault: a device no compliance
	// policy applies to is non-compliant (absent when not read).
	SecureByDefault *bool `json:"secureByDefault,omitempty"`
}

// ManagedDevice is an Intune managed device.
type ManagedDevice struct {
	ID                string     `json:"id" redact:"id"`
	DeviceName        string     `json:"deviceName" redact:"device"`
	OperatingSystem   string     `json:"operatingSystem,omitempty" redact:"-"`
	OSVersion         string     `json:"osVersion,omitempty" redact:"-"`
	ComplianceState   string     `json:"complianceState,omitempty" redact:"-"`
	OwnerType         string     `json:"ownerType,omitempty" redact:"-"` // company | personal | unknown
	ManagementAgent   string     `json:"managementAgent,omitempty" redact:"-"`
	AzureADDeviceID   string     `json:"azureADDeviceId,omitempty" redact:"id"`
	UserPrincipalName string     `json:"userPrincipalName,omitempty" redact:"upn"`
	EnrolledDateTime  *time.Time `json:"enrolledDateTime,omitempty"`
	LastSyncDateTime  *time.Time `json:"lastSyncDateTime,omitempty"`
	// IsEncrypted: Intune's report that the device's storage is encrypted.
	IsEncrypted *bool `json:"isEncrypted,omitempty"`
}

// Group is a Microsoft 365 (Unified) group with its owners and its SharePoint site.
type Group struct {
	ID          string      `json:"id" redact:"id"`
	DisplayName string      `json:"displayName" redact:"name"`
	Mail        string      `json:"mail,omitempty" redact:"upn"`
	Visibility  string      `json:"visibility,omitempty" redact:"-"`
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
	ID     string `json:"id" redact:"siteid"`
	WebURL string `json:"webUrl" redact:"url"`
}

// Site is a SharePoint site (OneDrive personal sites included when Graph lists them).
type Site struct {
	ID              string     `json:"id" redact:"siteid"` // {hostname},{siteCollectionId},{webId}
	Name            string     `json:"name,omitempty" redact:"name"`
	DisplayName     string     `json:"displayName,omitempty" redact:"name"`
	WebURL          string     `json:"webUrl" redact:"url"`
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
	SiteID             string `json:"siteId" redact:"id"`
	SiteURL            string `json:"siteUrl,omitempty" redact:"url"`
	OwnerDisplayName   string `json:"ownerDisplayName,omitempty" redact:"person"`
	OwnerPrincipalName string `json:"ownerPrincipalName,omitempty" redact:"upn"`
	IsDeleted          bool   `json:"isDeleted"`
	LastActivityDate   string `json:"lastActivityDate,omitempty" redact:"-"` // YYYY-MM-DD
	FileCount          int64  `json:"fileCount"`
	StorageUsedBytes   int64  `json:"storageUsedBytes"`
	RootWebTemplate    string `json:"rootWebTemplate,omitempty" redact:"-"`
	ReportRefreshDate  string `json:"reportRefreshDate,omitempty" redact:"-"`
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

// ConditionalAccess is one Conditional Access policy: its state, every
// condition that decides whom and what it applies to, and its grant, in
// Graph's property names (conditions.* and grantControls.* flattened).
type ConditionalAccess struct {
	ID          string `json:"id" redact:"id"`
	DisplayName string `json:"displayName" redact:"name"`
	State       string `json:"state" redact:"-"` // enabled, disabled, enabledForReportingButNotEnforced

	// conditions.users: ids, or All / None / GuestsOrExternalUsers in IncludeUsers.
	IncludeUsers  []string `json:"includeUsers,omitempty" redact:"ids"`
	ExcludeUsers  []string `json:"excludeUsers,omitempty" redact:"ids"`
	IncludeGroups []string `json:"includeGroups,omitempty" redact:"ids"`
	ExcludeGroups []string `json:"excludeGroups,omitempty" redact:"ids"`
	IncludeRoles  []string `json:"includeRoles,omitempty" redact:"-"` // role template ids
	ExcludeRoles  []string `json:"excludeRoles,omitempty" redact:"-"`
	// Include/ExcludeGuestsOrExternalUsers are guestOrExternalUserTypes
	// ("internalGuest,b2bCollaborationGuest"), empty when not set.
	IncludeGuestsOrExternalUsers string `json:"includeGuestsOrExternalUsers,omitempty" redact:"-"`
	ExcludeGuestsOrExternalUsers string `json:"excludeGuestsOrExternalUsers,omitempty" redact:"-"`

	// conditions.applications: app ids, or All / Office365 / MicrosoftAdminPortals.
	IncludeApplications           []string `json:"includeApplications,omitempty" redact:"ids"`
	ExcludeApplications           []string `json:"excludeApplications,omitempty" redact:"ids"`
	IncludeUserActions            []string `json:"includeUserActions,omitempty" redact:"-"`
	IncludeAuthenticationContexts []string `json:"includeAuthenticationContextClassReferences,omitempty" redact:"-"`

	// The other conditions; any of them narrows when the policy applies.
	ClientAppTypes   []string `json:"clientAppTypes,omitempty" redact:"-"`
	IncludePlatforms []string `json:"includePlatforms,omitempty" redact:"-"`
	ExcludePlatforms []string `json:"excludePlatforms,omitempty" redact:"-"`
	IncludeLocations []string `json:"includeLocations,omitempty" redact:"ids"`
	ExcludeLocations []string `json:"excludeLocations,omitempty" redact:"ids"`
	SignInRiskLevels []string `json:"signInRiskLevels,omitempty" redact:"-"`
	UserRiskLevels   []string `json:"userRiskLevels,omitempty" redact:"-"`
	InsiderRisk      string   `json:"insiderRiskLevels,omitempty" redact:"-"`
	DeviceFilterMode string   `json:"deviceFilterMode,omitempty" redact:"-"` // include | exclude
	DeviceFilterRule string   `json:"deviceFilterRule,omitempty" redact:"text"`
	// AuthenticationFlows are transferMethods ("deviceCodeFlow"), empty when not set.
	AuthenticationFlows string `json:"authenticationFlows,omitempty" redact:"-"`

	// grantControls: the operator joins every control listed, the
	// authentication strength and terms of use included.
	GrantOperator               string   `json:"grantOperator,omitempty" redact:"-"` // AND | OR
	BuiltInControls             []string `json:"builtInControls,omitempty" redact:"-"`
	AuthenticationStrength      string   `json:"authenticationStrength,omitempty" redact:"name"` // display name
	CustomAuthenticationFactors []string `json:"customAuthenticationFactors,omitempty" redact:"ids"`
	TermsOfUse                  []string `json:"termsOfUse,omitempty" redact:"ids"`

	// Groups are the members of the groups the policy includes or excludes,
	// read with GET /groups/{id}/transitiveMembers.
	Groups []GroupMembers `json:"groups,omitempty"`
}

// GroupMembers is a group's transitive members, or why they are unknown.
type GroupMembers struct {
	ID      string      `json:"id" redact:"id"`
	Members []Principal `json:"members,omitempty"`
	// Status is set when the members could not be read.
	Status *Status `json:"status,omitempty"`
}

// AuthMethodsPolicy is GET /policies/authenticationMethodsPolicy.
type AuthMethodsPolicy struct {
	PolicyMigrationState string             `json:"policyMigrationState,omitempty" redact:"-"`
	Methods              []AuthMethodConfig `json:"methods"`
}

// AuthMethodConfig is one authenticationMethodConfiguration.
type AuthMethodConfig struct {
	ID             string   `json:"id" redact:"-"`    // Fido2, MicrosoftAuthenticator, Sms, Voice, ...
	State          string   `json:"state" redact:"-"` // enabled | disabled
	IncludeTargets []string `json:"includeTargets,omitempty" redact:"ids"`
}

// SignInActivity is a user's signInActivity (needs Entra ID P1 and AuditLog.Read.All).
// Nil times mean no sign-in recorded (never, or before the data exists).
type SignInActivity struct {
	UserID                   string     `json:"userId" redact:"id"`
	LastSignIn               *time.Time `json:"lastSignIn,omitempty"`
	LastNonInteractiveSignIn *time.Time `json:"lastNonInteractiveSignIn,omitempty"`
	LastSuccessfulSignIn     *time.Time `json:"lastSuccessfulSignIn,omitempty"`
}

// OneDriveUsage is one row of the OneDrive usage (account detail) report.
type OneDriveUsage struct {
	OwnerPrincipalName string `json:"ownerPrincipalName,omitempty" redact:"upn"`
	OwnerDisplayName   string `json:"ownerDisplayName,omitempty" redact:"person"`
	SiteURL            string `json:"siteUrl,omitempty" redact:"url"`
	IsDeleted          bool   `json:"isDeleted"`
	LastActivityDate   string `json:"lastActivityDate,omitempty" redact:"-"` // YYYY-MM-DD, empty when none in the period
	FileCount          int64  `json:"fileCount"`
	StorageUsedBytes   int64  `json:"storageUsedBytes"`
	ReportRefreshDate  string `json:"reportRefreshDate,omitempty" redact:"-"`
	Concealed          bool   `json:"concealed"`
}

// GroupCreation is who may create Microsoft 365 groups (and so SharePoint
// sites and Teams), from the tenant's "Group.Unified" directory setting.
type GroupCreation struct {
	// Configured is false when the tenant has no Group.Unified setting: the
	// defaults apply and everyone can create groups.
	Configured          bool   `json:"configured"`
	EnableGroupCreation bool   `json:"enableGroupCreation"`
	AllowedGroupID      string `json:"allowedGroupId,omitempty" redact:"id"`
}

// SecureScore is one day of Microsoft Secure Score, newest first in the list.
type SecureScore struct {
	CreatedDateTime *time.Time `json:"createdDateTime,omitempty"`
	CurrentScore    float64    `json:"currentScore"`
	MaxScore        float64    `json:"maxScore"`
}
