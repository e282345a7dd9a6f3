package checks

import "github.com/m365ready/m365ready/internal/result"

// The finding codes, one table: what each means and which attributes it
// sets. A code never changes meaning once released; a new meaning is a new
// code. Each check lists the codes it reports (Check.Codes).

func code(c, meaning string, attrs ...string) result.CodeInfo {
	return result.CodeInfo{Code: result.FindingCode(c), Meaning: meaning, Attrs: attrs}
}

// Codes every people-counting check may list among its excluded objects.
var (
	codeNotCounted = code("account.not_counted", "an enabled account left out of the people count (shared mailbox, service or emergency-access account, no paid licence), with the evidence")
	codeAccepted   = code("risk.accepted", "a finding covered by an accepted risk in the configuration, until it expires")
)

// IDN-001
var (
	codeMFANone    = code("mfa.none", "no MFA method registered (password and email never count)", "admin", "methods")
	codeMFASMSOnly = code("mfa.sms_only", "only SMS or voice: phishable, a backup at most", "admin", "methods")
	codeMFASingle  = code("mfa.single_method", "one strong method and no second: locked out if it is lost", "admin", "methods")
	codeMFAUnknown = code("mfa.unknown", "not in the registration data: whether they have MFA is unknown", "reason")
)

// IDN-003 and DEV-003
var (
	codeCAReportOnly   = code("ca.report_only", "a policy that asks for the control is report-only: nothing is enforced", "policy")
	codeCAGaps         = code("ca.gaps", "an enabled policy that asks for the control leaves ways round it (an alternative in its grant, apps, clients, locations or conditions)", "policy", "gaps")
	codeMFANotEnforced = code("mfa.not_enforced", "no enforced policy requires MFA of anyone (the people are then not listed one by one; administrators are)", "count")
	codeMFANotRequired = code("mfa.not_required", "no enforced policy requires MFA of this account", "admin", "policy", "gaps")
	codeMFAGaps        = code("mfa.required_with_gaps", "MFA is required, except for some apps, clients or locations", "admin", "policy", "gaps")
	codeMFACoverageUnk = code("mfa.coverage_unknown", "whether a policy applies is unknown (a group's members or the role data could not be read)", "admin", "policy", "reason")
	codeCAEmergency    = code("ca.emergency_excluded", "an emergency-access account excluded from an enforced policy (expected)", "policy")
	codeDeviceNotReq   = code("device_access.not_required", "no enforced policy requires a compliant or joined device of this person", "policy", "gaps")
	codeDeviceGaps     = code("device_access.required_with_gaps", "a managed device is required, except for some apps, clients or locations", "policy", "gaps")
	codeDeviceUnknown  = code("device_access.coverage_unknown", "whether a device policy applies is unknown", "policy", "reason")
)

// IDN-002
var (
	codeAdminDisabled     = code("admin.disabled", "a disabled account still holds Global Administrator")
	codeAdminGroupUnknown = code("admin.group_members_unknown", "the members of a group holding Global Administrator could not be read", "group", "reason")
	codeAdminApp          = code("admin.application", "an application holds Global Administrator; it does not count as a person")
	codeAdminEmergency    = code("admin.emergency_access", "an emergency-access account (expected)")
	codeAdminNoEmergency  = code("admin.no_emergency_access", "no emergency-access account among the Global Administrators")
	codeAdminMailbox      = code("admin.daily_account", "a Global Administrator on a licensed mailbox account used day to day", "skus")
	codeAdminSingle       = code("admin.single", "only one Global Administrator: the tenant is locked out if they are", "count")
	codeAdminTooFew       = code("admin.too_few", "fewer Global Administrators than the configured minimum", "count", "total")
	codeAdminTooMany      = code("admin.too_many", "more Global Administrators than the configured maximum", "count", "total")
)

// IDN-004
var (
	codeMethodsAuthenticator = code("auth_methods.authenticator_disabled", "Microsoft Authenticator is disabled in the authentication methods policy")
	codeMethodsFIDO2         = code("auth_methods.passkeys_disabled", "passkeys (FIDO2) are disabled")
	codeMethodsPhoneOnly     = code("auth_methods.phone_only", "SMS and voice are the only strong-looking methods enabled")
	codeMethodsMigration     = code("auth_methods.migration_incomplete", "the legacy per-user MFA and SSPR policies still apply", "state")
)

// IDN-005, IDN-006
var (
	codeSSPRNotRegistered = code("sspr.not_registered", "not registered for self-service password reset")
	codeDormant           = code("account.dormant", "a licensed person with no sign-in for longer than the stale threshold", "days", "lastSeen", "skus")
	codeNeverSignedIn     = code("account.never_signed_in", "a licensed person who never signed in (and is older than the stale threshold)", "skus")
)

// DEV-001, DEV-002
var (
	codeDeviceRegistered = code("device.registered_only", "an active Windows device only registered (personal or local account, or Windows Home): not joined", "joinType", "osLine", "build")
	codeDeviceWindows10  = code("device.windows10", "an active Windows 10 device: out of support since 14 October 2025 (DEV-004)", "joinType", "osLine", "build", "days", "lastSeen")
	codeDeviceOSUnknown  = code("device.os_unknown", "an active Windows device whose build is not known: Windows 10 or 11 cannot be told (DEV-004)", "joinType")
	codeDeviceStale      = code("device.stale", "no sign-in for longer than the stale threshold; not counted", "days", "lastSeen")
	codeDeviceJoinUnk    = code("device.join_unknown", "an active Windows device whose join type Graph did not give", "joinType")
	codeDeviceDisabled   = code("device.disabled", "a disabled device object; not counted")
	codeIntuneNone       = code("intune.not_licensed", "no subscription includes Intune Plan 1")
	codeIntuneNotSetUp   = code("intune.not_set_up", "Intune is licensed but not set up (subscription state or MDM authority)", "state")
	codeIntuneNoLicence  = code("intune.person_unlicensed", "a person without an Intune licence")
)

// LIC-001
var (
	codeLicenceMissing  = code("licence.no_intune_p1", "a person without Intune and Entra ID P1", "skus")
	codeLicenceDisabled = code("licence.disabled_holder", "a disabled account still holds a paid licence", "skus")
	codeLicenceUnknown  = code("licence.unknown_sku", "a SKU not in Microsoft's licensing table, classified by its service plans", "sku")
	codeLicenceState    = code("licence.not_active", "a subscription in Warning, Suspended or LockedOut state", "sku", "state")
	codeLicenceUnused   = code("licence.unused_seats", "enabled seats nobody holds", "sku", "count", "total")
)

// COL-001
var (
	codeSiteNoOwner      = code("site.no_owner", "a site with no owner", "source")
	codeSiteOnlyLeft     = code("site.only_owners_left", "every owner has left (disabled or deleted) or is a guest", "source", "owners")
	codeSiteOwnerLeft    = code("site.owner_left", "some owners have left or are guests; current owners remain", "source", "owners")
	codeSiteSingle       = code("site.single_owner", "one owner (or one known owner, the primary site admin, for a site not connected to a group)", "source", "owners")
	codeSiteOwnerUnknown = code("site.owner_unknown", "the owners could not be determined", "reason")
)

// COL-002, COL-003, COL-004
var (
	codeGuestNever      = code("guest.never_signed_in", "a guest who never signed in")
	codeGuestInactive   = code("guest.inactive", "a guest with no sign-in for longer than the stale threshold", "days", "lastSeen")
	codeGuestPrivileged = code("guest.privileged", "a guest holding a privileged directory role")
	codeOneDriveNone    = code("onedrive.not_set_up", "a person whose licence includes OneDrive, with no OneDrive in the usage report")
	codeOneDriveIdle    = code("onedrive.inactive", "no OneDrive activity in the last 30 days", "lastSeen")
	codeGroupsEveryone  = code("groups.everyone_can_create", "every user can create Microsoft 365 groups (and so sites and Teams)")
)

// IDN-007
var (
	codeLegacyOpen       = code("legacy_auth.not_blocked", "nothing blocks legacy authentication: security defaults are off and no enforced policy blocks it")
	codeLegacyReportOnly = code("legacy_auth.report_only", "a policy that blocks legacy clients is report-only", "policy", "state")
	codeLegacyPartial    = code("legacy_auth.partial", "an enforced policy blocks legacy clients for some users only", "policy", "state")
)

// IDN-008
var (
	codeAdminSynced         = code("admin.synced", "an administrator's account is synchronised from on-premises, not cloud-only", "role")
	codeAdminPhishable      = code("admin.not_phishing_resistant", "an administrator with no phishing-resistant method registered", "role", "methods")
	codeAdminMethodsUnknown = code("admin.methods_unknown", "whether an administrator has a phishing-resistant method is not known", "role", "reason")
)

// DEV-005, DEV-006
var (
	codeJoinerIsAdmin     = code("device_settings.joiner_is_local_admin", "whoever joins a PC to Entra ID becomes its local administrator (Microsoft's default)")
	codeSelectedAreAdmins = code("device_settings.selected_local_admins", "selected people or groups become local administrators of the PCs they join")
	codeJoinNoMFA         = code("device_settings.join_without_mfa", "joining or registering a device needs no MFA (neither the tenant setting nor an enforced Conditional Access policy)")
	codeJoinMFAConflict   = code("device_settings.join_mfa_conflict", "the tenant setting and a Conditional Access policy both require MFA to join: joins can fail")
	codeJoinQuota         = code("device_settings.device_quota_high", "each person may join or register more devices than the threshold", "count", "total")
)

// DEV-007, DEV-008
var (
	codeLAPSOff        = code("laps.disabled", "Windows LAPS is not enabled in the device settings")
	codeLAPSNoBackup   = code("laps.not_backed_up", "an active Entra-joined PC with no LAPS password backed up to Entra ID", "joinType", "osLine", "build")
	codeLAPSStale      = code("laps.rotation_overdue", "an active Entra-joined PC whose LAPS password is more than a week past its rotation", "joinType", "osLine", "build", "days", "lastSeen")
	codeBitLockerNoKey = code("bitlocker.no_key", "an active Entra-joined PC with no BitLocker recovery key escrowed to Entra ID", "joinType", "osLine", "build")
	codeBitLockerOff   = code("bitlocker.not_encrypted", "an active Entra-joined PC Intune reports as not encrypted", "joinType", "osLine", "build")
)

// DEV-009, DEV-010
var (
	codeEnrolPersonal         = code("intune.personal_windows_allowed", "the default platform restriction lets personally owned Windows PCs enrol")
	codeEnrolHelloOff         = code("intune.hello_disabled", "Windows Hello for Business is disabled in the default enrolment configuration")
	codeEnrolNoAutopilot      = code("intune.no_autopilot", "no PC is registered with Windows Autopilot")
	codeComplianceNone        = code("compliance.no_windows_policy", "no Windows compliance policy is assigned: \"compliant\" says nothing about a PC")
	codeComplianceUnassigned  = code("compliance.unassigned", "a Windows compliance policy assigned to nobody", "policy")
	codeDeviceEmptyCompliance = code("ca.compliance_empty", "device-based access is in force but no Windows compliance policy is assigned: any enrolled PC counts as compliant (DEV-003)")
	codeComplianceDefault     = code("compliance.lenient_default", "devices with no compliance policy assigned are marked compliant (Microsoft's default)")
)

// CTX-002
var codeSignInUnjoined = code("signin.unjoined_windows", "a person with Windows sign-ins from a PC that is only registered or that Entra does not know", "count", "total", "lastSeen")
