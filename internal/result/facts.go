package result

import "time"

// Facts: what each check established, typed, whether or not anything is
// wrong, so automation never reads prose. Every check result carries one of
// these in Facts; the schema describes each, keyed by check.

// PersonRef names an account as people recognise it.
type PersonRef struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	UPN         string `json:"upn"`
	// Class is how the account is counted: person, guest, disabled,
	// unlicensed, shared-mailbox, break-glass, service-account.
	Class string `json:"class"`
}

// LicenceFacts (LIC-001): every SKU, seats, and who holds what.
type LicenceFacts struct {
	SKUs []SKUFact `json:"skus"`
	// UnusedSeats adds up the enabled, unassigned units of paid SKUs.
	UnusedSeats int `json:"unusedSeats"`
	// People is how many accounts count as people (see README "People").
	People          int           `json:"people"`
	PeoplePerFamily []FamilyCount `json:"peoplePerFamily"`
	// FreeOnly are enabled members whose only licences are free or trials.
	FreeOnly []PersonRef `json:"freeOnly"`
	// Holders is every enabled member holding a licence: what it gives them,
	// and through which SKUs they have Intune and Entra ID P1.
	Holders []LicenceHolder `json:"holders"`
}

// SKUFact is one subscription the tenant holds.
type SKUFact struct {
	SKUID       string `json:"skuId"`
	PartNumber  string `json:"skuPartNumber"`
	ProductName string `json:"productName"` // Microsoft's product name
	Family      string `json:"family"`      // Business Premium, ...; "" for an add-on
	// Kind is base, add-on, free, trial or unknown (not in Microsoft's table).
	Kind             string     `json:"kind"`
	CapabilityStatus string     `json:"capabilityStatus"`
	Units            SKUUnits   `json:"units"`
	Assigned         int        `json:"assigned"` // consumedUnits
	Unused           int        `json:"unused"`   // enabled units not assigned
	Holders          SKUHolders `json:"holders"`
}

// SKUUnits are a subscription's prepaid units by state.
type SKUUnits struct {
	Enabled   int `json:"enabled"`
	Warning   int `json:"warning"`
	Suspended int `json:"suspended"`
	LockedOut int `json:"lockedOut"`
}

// SKUHolders count the accounts holding a SKU.
type SKUHolders struct {
	Total   int `json:"total"`
	Enabled int `json:"enabled"`
	Members int `json:"members"` // enabled members (not guests)
	People  int `json:"people"`  // accounts counted as people
}

// FamilyCount is how many people hold a licence family as their fullest.
type FamilyCount struct {
	Family    string `json:"family"`
	Frontline bool   `json:"frontline"`
	People    int    `json:"people"`
}

// LicenceHolder is one account's licences.
type LicenceHolder struct {
	Person PersonRef `json:"person"`
	Family string    `json:"family"`
	SKUs   []string  `json:"skus"` // part numbers
	// IntuneVia and P1Via are the SKUs that give Intune Plan 1 and Entra ID
	// P1; empty when the account has neither.
	IntuneVia []string `json:"intuneVia"`
	P1Via     []string `json:"p1Via"`
	Paid      bool     `json:"paid"`
}

// MFAFacts (IDN-001): every enabled account's registration, and counts per
// account class.
type MFAFacts struct {
	// Source is the registration report or per-person method lookups.
	Source   string          `json:"source"`
	Counts   []MFAClassCount `json:"counts"`
	Accounts []AccountMFA    `json:"accounts"`
}

// MFA states of an account.
const (
	MFAStrong       = "two_or_more" // a strong method and another
	MFASingleMethod = "single_method"
	MFASMSOnly      = "sms_only" // SMS or voice only
	MFANone         = "none"
	MFAUnknown      = "unknown" // not in the registration data
)

// MFAClassCount counts one account class by MFA state.
type MFAClassCount struct {
	Class        string `json:"class"`
	Accounts     int    `json:"accounts"`
	TwoOrMore    int    `json:"twoOrMore"`
	SingleMethod int    `json:"singleMethod"`
	SMSOnly      int    `json:"smsOnly"`
	None         int    `json:"none"`
	Unknown      int    `json:"unknown"`
}

// AccountMFA is one account's registration.
type AccountMFA struct {
	Person  PersonRef `json:"person"`
	Admin   bool      `json:"admin"`
	State   string    `json:"state"` // two_or_more, single_method, sms_only, none, unknown
	Methods []string  `json:"methods"`
}

// AccessFacts (IDN-003, DEV-003): security defaults, every Conditional
// Access policy with the evaluator's verdicts, and whom the enforced ones
// cover.
type AccessFacts struct {
	SecurityDefaults *bool        `json:"securityDefaults"` // nil when not read
	P1               bool         `json:"p1"`               // Conditional Access is licensed
	Policies         []PolicyFact `json:"policies"`
	Coverage         *Coverage    `json:"coverage"` // nil when not evaluated per person
}

// PolicyFact is one Conditional Access policy as the evaluator reads it.
type PolicyFact struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	State string `json:"state"` // enabled, disabled, enabledForReportingButNotEnforced
	// RequiresMFAForAll: on its own, for every user it includes (all users),
	// every app and client, with no alternative and no carve-out, it demands
	// MFA. RequiresDeviceForAll likewise for a compliant or hybrid-joined
	// device. BlocksLegacyAuth: it blocks legacy clients for every app.
	RequiresMFAForAll    bool     `json:"requiresMfaForAll"`
	RequiresDeviceForAll bool     `json:"requiresDeviceForAll"`
	BlocksLegacyAuth     bool     `json:"blocksLegacyAuth"`
	AsksMFA              bool     `json:"asksMfa"`
	AsksDevice           bool     `json:"asksDevice"`
	AllUsers             bool     `json:"allUsers"`
	Excluded             Excluded `json:"excluded"`
	// Gaps say in words what keeps it from demanding MFA of every sign-in.
	Gaps []string `json:"gaps"`
	// UserAction is set for a policy on a user action (registering security
	// info, joining devices) rather than sign-in.
	UserAction string `json:"userAction,omitempty"`
}

// Excluded counts a policy's exclusions.
type Excluded struct {
	Users  int  `json:"users"`
	Groups int  `json:"groups"`
	Roles  int  `json:"roles"`
	Guests bool `json:"guests"`
}

// Coverage counts the accounts a requirement applies to by how enforced
// policies hold them to it.
type Coverage struct {
	Accounts int `json:"accounts"`
	Full     int `json:"full"`
	Partial  int `json:"partial"` // with gaps
	None     int `json:"none"`
	Unknown  int `json:"unknown"`
}

// AdminFacts (IDN-002): every effective Global Administrator.
type AdminFacts struct {
	// Count is the enabled Global Administrators, emergency-access accounts
	// included; People leaves those out.
	Count           int         `json:"count"`
	People          int         `json:"people"`
	EmergencyAccess int         `json:"emergencyAccess"`
	EligibleKnown   bool        `json:"eligibleKnown"` // PIM eligibility read (or none possible)
	Admins          []AdminFact `json:"admins"`
	// Principals that are not users (applications, unreadable groups).
	Others []AdminOther `json:"others"`
}

// AdminFact is one effective Global Administrator.
type AdminFact struct {
	Person PersonRef `json:"person"`
	// How: direct, group (with Group), eligible (PIM), each as held.
	How             []AdminPath `json:"how"`
	Enabled         bool        `json:"enabled"`
	Licensed        bool        `json:"licensed"`
	MailboxLicence  bool        `json:"mailboxLicence"`
	EmergencyAccess bool        `json:"emergencyAccess"`
	// HasMFA is nil when unknown (not in the registration data).
	HasMFA *bool `json:"hasMfa"`
}

// AdminPath is one way an account holds Global Administrator.
type AdminPath struct {
	Kind  string `json:"kind"` // direct, group
	Group string `json:"group,omitempty"`
	// Eligible: through PIM, active once activated.
	Eligible bool `json:"eligible"`
}

// AdminOther is a Global Administrator assignment that is not a person.
type AdminOther struct {
	Type string `json:"type"` // servicePrincipal, group
	ID   string `json:"id"`
	Name string `json:"name"`
	Note string `json:"note"`
}

// AuthMethodsFacts (IDN-004): the authentication methods policy.
type AuthMethodsFacts struct {
	MigrationState string             `json:"migrationState"`
	Methods        []AuthMethodConfig `json:"methods"`
}

// AuthMethodConfig is one method in the policy.
type AuthMethodConfig struct {
	ID      string `json:"id"`
	Enabled bool   `json:"enabled"`
	Targets int    `json:"targets"`
}

// SSPRFacts (IDN-005).
type SSPRFacts struct {
	People     int `json:"people"`
	Known      int `json:"known"`
	Enabled    int `json:"enabled"`
	Registered int `json:"registered"`
}

// DormantFacts (IDN-006).
type DormantFacts struct {
	// DormantDays is the threshold: no sign-in for longer is dormant.
	DormantDays int              `json:"dormantDays"`
	People      int              `json:"people"`
	Known       int              `json:"known"`
	Dormant     []DormantAccount `json:"dormant"`
}

// DormantAccount is one licensed person who has not signed in.
type DormantAccount struct {
	Person     PersonRef  `json:"person"`
	LastSignIn *time.Time `json:"lastSignIn"`     // nil: never
	Days       int        `json:"days,omitempty"` // absent when never
	SKUs       []string   `json:"skus"`           // paid licences held
}

// DeviceFacts (DEV-001): Windows devices by join type and Windows line.
type DeviceFacts struct {
	StaleDays int `json:"staleDays"`
	// ByJoin and ByOS count active and stale devices, separately and together.
	ByJoin  []DeviceCount `json:"byJoin"`
	ByOS    []DeviceCount `json:"byOS"`    // Windows 10, Windows 11, unknown
	ByBuild []DeviceCount `json:"byBuild"` // "Windows 11 26100", ...
	Devices []DeviceFact  `json:"devices"`
}

// Windows10Facts (DEV-004): active Windows PCs by Windows line.
type Windows10Facts struct {
	EndOfSupport string `json:"endOfSupport"` // 2025-10-14
	StaleDays    int    `json:"staleDays"`
	Active       int    `json:"active"` // enabled, signed in within StaleDays
	Windows11    int    `json:"windows11"`
	Windows10    int    `json:"windows10"`
	Unknown      int    `json:"unknown"` // build not known
	// Windows10ByJoin counts the Windows 10 PCs by join state (all active).
	Windows10ByJoin []DeviceCount `json:"windows10ByJoin"`
}

// DeviceCount is one label's active, stale and total devices.
type DeviceCount struct {
	Label  string `json:"label"`
	Active int    `json:"active"`
	Stale  int    `json:"stale"`
	Total  int    `json:"total"`
}

// DeviceFact is one Windows device.
type DeviceFact struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Join       string     `json:"join"`            // entraJoined, hybridJoined, registered, unknown
	OSLine     string     `json:"osLine"`          // Windows 10, Windows 11, unknown
	Build      int        `json:"build,omitempty"` // absent when unknown
	Active     bool       `json:"active"`
	Enabled    bool       `json:"enabled"`
	LastSignIn *time.Time `json:"lastSignIn"`
	// Managed and Compliant are Entra's view of the device (isManaged:
	// an MDM such as Intune manages it; isCompliant: it meets its compliance
	// policy); absent when Entra does not say.
	Managed   *bool `json:"managed,omitempty"`
	Compliant *bool `json:"compliant,omitempty"`
	// DeviceID is Entra's deviceId, the key Intune, LAPS and BitLocker use.
	DeviceID string `json:"deviceId,omitempty"`
	// LAPSBackedUp, KeyEscrowed, Autopilot and Encrypted say whether Entra
	// holds a LAPS password backup and a BitLocker recovery key for the
	// device, whether it is registered with Windows Autopilot, and whether
	// Intune reports it encrypted; each is absent when that data was not
	// read (or, for Encrypted, the device is not managed by Intune).
	LAPSBackedUp *bool `json:"lapsBackedUp,omitempty"`
	KeyEscrowed  *bool `json:"keyEscrowed,omitempty"`
	Autopilot    *bool `json:"autopilot,omitempty"`
	Encrypted    *bool `json:"encrypted,omitempty"`
}

// Windows join types as the facts name them.
const (
	JoinEntra      = "entraJoined"
	JoinHybrid     = "hybridJoined"
	JoinRegistered = "registered"
	JoinUnknown    = "unknown"
)

// IntuneFacts (DEV-002).
type IntuneFacts struct {
	Licensed          bool     `json:"licensed"`
	Via               []string `json:"via"` // SKUs that carry Intune Plan 1
	SubscriptionState string   `json:"subscriptionState"`
	MDMAuthority      string   `json:"mdmAuthority"`
	SetUp             bool     `json:"setUp"`
	ManagedDevices    *int     `json:"managedDevices"` // nil when not read
	People            int      `json:"people"`
	PeopleLicensed    int      `json:"peopleLicensed"`
}

// SiteFacts (COL-001).
type SiteFacts struct {
	NamesConcealed bool          `json:"namesConcealed"`
	Counts         []VerdictSite `json:"counts"`
	Sites          []SiteFact    `json:"sites"`
}

// Site verdicts.
const (
	SiteOK             = "ok"
	SiteNoOwner        = "no_owner"
	SiteSingleOwner    = "single_owner"
	SiteOwnerLeft      = "owner_left"       // some owners left or are guests; others remain
	SiteOnlyOwnersLeft = "only_owners_left" // every owner left or is a guest
	SiteUnknown        = "unknown"
)

// VerdictSite counts sites by verdict.
type VerdictSite struct {
	Verdict string `json:"verdict"`
	Sites   int    `json:"sites"`
}

// SiteFact is one SharePoint site (OneDrive excluded).
type SiteFact struct {
	ID             string      `json:"id"`
	URL            string      `json:"url"`
	GroupConnected bool        `json:"groupConnected"`
	Group          string      `json:"group,omitempty"`
	OwnerSource    string      `json:"ownerSource"` // group, usageReport, none
	Owners         []OwnerFact `json:"owners"`
	Verdict        string      `json:"verdict"`
	UnknownReason  string      `json:"unknownReason,omitempty"`
}

// OwnerFact is one site owner.
type OwnerFact struct {
	Name  string `json:"name"`
	UPN   string `json:"upn"`
	State string `json:"state"` // active, disabled, deleted, guest
}

// GuestFacts (COL-002).
type GuestFacts struct {
	Guests        int  `json:"guests"`
	NeverSignedIn int  `json:"neverSignedIn"`
	Inactive      int  `json:"inactive"`
	Privileged    int  `json:"privileged"`
	SignInsKnown  bool `json:"signInsKnown"`
	InactiveAfter int  `json:"inactiveAfterDays"`
}

// OneDriveFacts (COL-003).
type OneDriveFacts struct {
	People        int `json:"people"` // whose licence includes OneDrive
	Active        int `json:"active"`
	Inactive      int `json:"inactive"`
	NotSetUp      int `json:"notSetUp"`
	ConcealedRows int `json:"concealedRows"`
	PeriodDays    int `json:"periodDays"`
}

// LegacyAuthFacts (IDN-007): what blocks legacy authentication.
type LegacyAuthFacts struct {
	SecurityDefaults bool `json:"securityDefaults"`
	// Blocked: security defaults are on, or an enabled policy blocks legacy
	// clients for all users and every app.
	Blocked bool `json:"blocked"`
	// Policies are the policies that block legacy clients for every app,
	// whatever their state and whom they include.
	Policies []PolicyFact `json:"policies"`
}

// AdminAccountsFacts (IDN-008): every enabled account holding a privileged role.
type AdminAccountsFacts struct {
	// MethodsKnown: the registration data was read.
	MethodsKnown bool               `json:"methodsKnown"`
	Admins       []AdminAccountFact `json:"admins"`
}

// AdminAccountFact is one administrator's account.
type AdminAccountFact struct {
	Person PersonRef `json:"person"`
	Roles  []string  `json:"roles"`
	Synced bool      `json:"synced"` // synchronised from on-premises
	// PhishingResistant is absent when the registration data is not known.
	PhishingResistant *bool `json:"phishingResistant,omitempty"`
}

// GroupCreationFacts (COL-004).
type GroupCreationFacts struct {
	Configured        bool   `json:"configured"` // the Group.Unified setting exists
	EveryoneCanCreate bool   `json:"everyoneCanCreate"`
	AllowedGroupID    string `json:"allowedGroupId,omitempty"`
}

// SecureScoreFacts (CTX-001).
type SecureScoreFacts struct {
	Current  float64  `json:"current"`
	Max      float64  `json:"max"`
	Percent  float64  `json:"percent"`
	Change30 *float64 `json:"change30"` // points since the oldest score in 30 days
}

// LocalAdminFacts (DEV-005): who becomes a local administrator on join.
type LocalAdminFacts struct {
	// RegisteringUsers is all, selected or none; Users and Groups count
	// the selected ones.
	RegisteringUsers string `json:"registeringUsers"`
	Users            int    `json:"users"`
	Groups           int    `json:"groups"`
	// GlobalAdminsAreLocalAdmins is absent when the policy does not say.
	GlobalAdminsAreLocalAdmins *bool `json:"globalAdminsAreLocalAdmins,omitempty"`
}

// DeviceJoinFacts (DEV-006): who may join and register devices, and how
// joining is held to MFA.
type DeviceJoinFacts struct {
	AllowedToJoin     string `json:"allowedToJoin"`     // all, selected, none
	AllowedToRegister string `json:"allowedToRegister"` // all, selected, none
	// MFASetting: the tenant setting requires MFA to join or register.
	MFASetting bool `json:"mfaSetting"`
	// Policies are the enforced Conditional Access policies for all users
	// that require MFA for the register-or-join action.
	Policies  []PolicyFact `json:"policies"`
	MFAToJoin bool         `json:"mfaToJoin"`
	Quota     int          `json:"quota"` // devices each person may join or register
}

// LAPSFacts (DEV-007): Windows LAPS and the joined PCs' backups.
type LAPSFacts struct {
	Enabled     *bool `json:"enabled"` // null when the policy does not say
	Active      int   `json:"active"`  // active Entra-joined Windows PCs
	BackedUp    int   `json:"backedUp"`
	Stale       int   `json:"stale"` // backed up, but rotation overdue
	NotBackedUp int   `json:"notBackedUp"`
}

// BitLockerFacts (DEV-008): recovery keys escrowed by the joined PCs.
type BitLockerFacts struct {
	Active       int `json:"active"` // active Entra-joined Windows PCs
	Escrowed     int `json:"escrowed"`
	NoKey        int `json:"noKey"`
	NotEncrypted int `json:"notEncrypted"` // Intune says so; no key either
	// IntuneKnown: Intune's encryption state was read.
	IntuneKnown bool `json:"intuneKnown"`
	// UsersReadOwnKeys: people may read the recovery keys of their own
	// devices (information, not scored); absent when not read.
	UsersReadOwnKeys *bool `json:"usersReadOwnKeys,omitempty"`
}

// EnrolmentFacts (DEV-009): Intune's default enrolment settings and Autopilot.
type EnrolmentFacts struct {
	// PersonalWindowsBlocked and WindowsBlocked are the default platform
	// restriction's; absent when it was not in the list.
	PersonalWindowsBlocked *bool `json:"personalWindowsBlocked,omitempty"`
	WindowsBlocked         *bool `json:"windowsBlocked,omitempty"`
	// HelloState is the default Windows Hello for Business configuration's
	// state: enabled, disabled, notConfigured; empty when not known.
	HelloState        string `json:"helloState,omitempty"`
	CustomStatusPages int    `json:"customStatusPages"` // enrolment status pages besides the default
	Autopilot         int    `json:"autopilot"`         // PCs registered with Windows Autopilot
	// ActiveJoined are the active Entra-joined Windows PCs, and
	// ActiveJoinedAutopilot those of them registered with Autopilot.
	ActiveJoined          int `json:"activeJoined"`
	ActiveJoinedAutopilot int `json:"activeJoinedAutopilot"`
	// Hello counts the members in the registration data who registered
	// Windows Hello for Business; absent when that data was not read.
	Hello *HelloRegistration `json:"hello,omitempty"`
}

// HelloRegistration is how many members registered Windows Hello for Business.
type HelloRegistration struct {
	Members    int `json:"members"`
	Registered int `json:"registered"`
}

// ComplianceFacts (DEV-010): what "compliant" means for a Windows PC.
type ComplianceFacts struct {
	Policies          int `json:"policies"` // compliance policies of every platform
	WindowsAssigned   int `json:"windowsAssigned"`
	WindowsUnassigned int `json:"windowsUnassigned"`
	// SecureByDefault: devices no policy covers are not compliant; absent
	// when not read.
	SecureByDefault *bool `json:"secureByDefault,omitempty"`
}

// SignInLogFacts (CTX-002): Windows sign-ins by the trust of the PC.
type SignInLogFacts struct {
	Days  int       `json:"days"`
	Since time.Time `json:"since"`
	// Complete: the whole window was read; otherwise the page budget ran
	// out after Pages pages, at OldestRead.
	Complete      bool       `json:"complete"`
	Pages         int        `json:"pages"`
	Events        int        `json:"events"` // sign-ins read, every platform
	WindowsEvents int        `json:"windowsEvents"`
	OldestRead    *time.Time `json:"oldestRead,omitempty"`
	// Windows sign-ins by the PC's trust.
	FromJoined     int `json:"fromJoined"` // Entra or hybrid joined
	FromRegistered int `json:"fromRegistered"`
	FromUnknown    int `json:"fromUnknown"` // a PC Entra does not know
	// People with Windows sign-ins, and those with any from a PC not joined.
	People   int `json:"people"`
	Unjoined int `json:"unjoined"`
}
