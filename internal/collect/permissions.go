package collect

import (
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/tenant"
)

// The one permission table: every Graph request m365ready makes, which
// dataset it fills, what part it plays there, and what it needs. `m365ready
// permissions`, the README's table, `doctor`'s predictions, the collector's
// "denied: needs X" and the emulator's access checks are all read from it.

// Part is what an endpoint is to its dataset.
type Part string

const (
	// PartMain: the dataset cannot be read without it.
	PartMain Part = "main"
	// PartFallback: read instead of the main endpoints when the tenant lacks
	// the licence they need (the per-person MFA lookups without Entra ID P1).
	PartFallback Part = "fallback"
	// PartDetail: per-object detail. Without it the dataset is still read;
	// the objects it would have described carry the gap.
	PartDetail Part = "detail"
)

// SignIn says which kind of sign-in can call an endpoint.
type SignIn string

const (
	SignInBoth      SignIn = "app-only or delegated"
	SignInAppOnly   SignIn = "app-only"
	SignInDelegated SignIn = "delegated"
)

// Endpoint is one Graph request and what it needs.
type Endpoint struct {
	Dataset tenant.Dataset
	Part    Part
	Method  string
	// Path is as Graph documents it, {id} standing for a key.
	Path string
	// Query is what m365ready adds that changes what the request needs or
	// returns ($select of a licensed property, a filter), for the reader.
	Query  string
	SignIn SignIn
	// Application and Delegated are the permissions Graph accepts, any one
	// of them, the least privileged first: that one is what m365ready asks
	// for. Also are permissions needed besides (selecting signInActivity
	// needs AuditLog.Read.All as well as one that reads users).
	Application, Delegated []string
	Also                   []string
	// Roles are the directory roles a signed-in user needs (delegated).
	Roles string
	// Licence is what the tenant needs for the endpoint to answer.
	Licence string
	Why     string
}

// Request is the endpoint as people read it: "GET /devices?$filter=…".
func (e Endpoint) Request() string {
	r := e.Method + " " + e.Path
	if e.Query != "" {
		r += "?" + e.Query
	}
	return r
}

// Accepted lists the permissions Graph accepts for the kind of sign-in,
// nil when that kind cannot call the endpoint.
func (e Endpoint) Accepted(appOnly bool) []string {
	switch {
	case appOnly && e.SignIn != SignInDelegated:
		return e.Application
	case !appOnly && e.SignIn != SignInAppOnly:
		return e.Delegated
	}
	return nil
}

// Least is what m365ready asks for: the least privileged permission Graph
// accepts, and any it needs besides. Empty when the kind of sign-in cannot
// call the endpoint.
func (e Endpoint) Least(appOnly bool) []string {
	acc := e.Accepted(appOnly)
	if len(acc) == 0 {
		return nil
	}
	return append(append([]string{}, e.Also...), acc[0])
}

// Allows reports whether a token carrying granted may call the endpoint.
func (e Endpoint) Allows(appOnly bool, granted []string) bool {
	has := func(p string) bool {
		return slices.ContainsFunc(granted, func(g string) bool { return strings.EqualFold(g, p) })
	}
	acc := e.Accepted(appOnly)
	if len(acc) == 0 || !slices.ContainsFunc(acc, has) {
		return false
	}
	for _, p := range e.Also {
		if !has(p) {
			return false
		}
	}
	return true
}

const (
	licP1     = "Microsoft Entra ID P1"
	licP2     = "Microsoft Entra ID P2"
	licIntune = "Microsoft Intune"
)

// Roles named in several rows.
const (
	rolesReports = "Reports Reader, Security Reader or Global Reader"
	rolesSecRead = "Security Reader or Global Reader"
	rolesIntune  = "Intune Administrator or Global Reader"
	// rolesDeviceSecrets read LAPS and BitLocker metadata (delegated).
	rolesDeviceSecrets = "Global Reader, Security Reader or Cloud Device Administrator"
)

// Groups of accepted permissions, least privileged first.
var (
	permOrganization = []string{"Organization.Read.All", "Directory.Read.All"}
	permUsers        = []string{"User.Read.All", "Directory.Read.All"}
	permGroupMembers = []string{"GroupMember.Read.All", "Group.Read.All", "Directory.Read.All"}
	permRoles        = []string{"RoleManagement.Read.Directory", "RoleManagement.Read.All", "Directory.Read.All"}
	permEligible     = []string{"RoleEligibilitySchedule.Read.Directory", "RoleManagement.Read.Directory", "RoleManagement.Read.All"}
	permDevices      = []string{"Device.Read.All", "Directory.Read.All"}
	permIntune       = []string{"DeviceManagementServiceConfig.Read.All", "DeviceManagementManagedDevices.Read.All",
		"DeviceManagementConfiguration.Read.All", "DeviceManagementRBAC.Read.All"}
	permManaged = []string{"DeviceManagementManagedDevices.Read.All"}
	// Intune's enrolment settings and Autopilot (service configuration);
	// compliance policies (device configuration).
	permServiceConfig = []string{"DeviceManagementServiceConfig.Read.All"}
	permDeviceConfig  = []string{"DeviceManagementConfiguration.Read.All"}
	permSites         = []string{"Sites.Read.All"}
	permReports       = []string{"Reports.Read.All"}
	permPolicy        = []string{"Policy.Read.All"}
	permAuthPolicy    = []string{"Policy.Read.AuthenticationMethod", "Policy.Read.All"}
)

func both(d tenant.Dataset, part Part, path, query string, perms []string, roles, licence, why string) Endpoint {
	return Endpoint{Dataset: d, Part: part, Method: "GET", Path: path, Query: query, SignIn: SignInBoth,
		Application: perms, Delegated: perms, Roles: roles, Licence: licence, Why: why}
}

// Endpoints is the table, in report order.
func Endpoints() []Endpoint {
	org := both(tenant.DatasetOrganization, PartMain, "/organization", "", permOrganization, "", "",
		"Tenant name, verified domains and the MDM authority.")
	// A signed-in user reads their own organization with User.Read.
	org.Delegated = append([]string{"User.Read"}, permOrganization...)
	getAllSites := both(tenant.DatasetSites, PartMain, "/sites/getAllSites", "", permSites, "", "",
		"Every SharePoint site, so none is missed (application permissions only).")
	getAllSites.SignIn = SignInAppOnly
	searchSites := both(tenant.DatasetSites, PartMain, "/sites", "search=*", permSites, "", "",
		"SharePoint sites through search, where a signed-in user cannot list them all.")
	searchSites.SignIn = SignInDelegated
	signIns := both(tenant.DatasetSignInActivity, PartMain, "/users", "$select=id,signInActivity", permUsers, rolesReports, licP1,
		"When each account last signed in: dormant accounts and inactive guests.")
	signIns.Also = []string{"AuditLog.Read.All"}
	// A signed-in user may also read the device registration policy with
	// Policy.Read.All; an application may not.
	deviceReg := both(tenant.DatasetDeviceRegistration, PartMain, "/policies/deviceRegistrationPolicy", "", []string{"Policy.Read.DeviceConfiguration"},
		"Global Reader, Cloud Device Administrator or Intune Administrator", "",
		"Who may join PCs, whether joining needs MFA, who becomes a PC's local administrator, and whether Windows LAPS is on.")
	deviceReg.Delegated = []string{"Policy.Read.DeviceConfiguration", "Policy.Read.All"}
	return []Endpoint{
		org,
		both(tenant.DatasetSubscribedSKUs, PartMain, "/subscribedSkus", "", permOrganization, "", "",
			"Which licences the tenant owns, their service plans and seat counts."),
		both(tenant.DatasetUsers, PartMain, "/users", "", permUsers, "", "",
			"Accounts, their state, type and assigned licences."),
		both(tenant.DatasetMFARegistration, PartMain, "/reports/authenticationMethods/userRegistrationDetails", "",
			[]string{"AuditLog.Read.All", "UserAuthenticationMethod.Read.All"}, rolesReports, licP1,
			"Which sign-in methods each person registered (the registration report)."),
		both(tenant.DatasetMFARegistration, PartFallback, "/users/{id}/authentication/methods", "",
			[]string{"UserAuthenticationMethod.Read.All"}, "Global Reader or Authentication Administrator", "",
			"The same, per person, when the tenant has no Entra ID P1."),
		both(tenant.DatasetRoleAssignments, PartMain, "/roleManagement/directory/roleAssignments", "", permRoles,
			"Global Reader or Directory Readers", "", "Who holds Global Administrator and other privileged roles."),
		both(tenant.DatasetRoleAssignments, PartDetail, "/groups/{id}/transitiveMembers", "", permGroupMembers, "", "",
			"The people inside role-assignable groups that hold a role."),
		both(tenant.DatasetRoleEligibilities, PartMain, "/roleManagement/directory/roleEligibilityScheduleInstances", "", permEligible,
			rolesSecRead, licP2, "PIM-eligible administrators."),
		both(tenant.DatasetDevices, PartMain, "/devices", "$filter="+tenant.WindowsDevicesFilter+"&$expand=registeredOwners($select=id)", permDevices, "", "",
			"Windows devices, how they are joined (Entra joined, hybrid, registered) and who registered each."),
		both(tenant.DatasetIntune, PartMain, "/deviceManagement", "", permIntune, rolesIntune, licIntune,
			"Whether the Intune service is set up (subscription state)."),
		both(tenant.DatasetManagedDevices, PartMain, "/deviceManagement/managedDevices", "", permManaged, rolesIntune, licIntune,
			"Whether Intune is in use (enrolled devices)."),
		both(tenant.DatasetGroups, PartMain, "/groups", "", permGroupMembers, "", "",
			"Microsoft 365 groups: every group-connected site belongs to one."),
		both(tenant.DatasetGroups, PartDetail, "/groups/{id}/owners", "", permGroupMembers, "", "",
			"The owners of each group, and so of its site."),
		both(tenant.DatasetGroups, PartDetail, "/groups/{id}/sites/root", "", permSites, "", "",
			"Which SharePoint site belongs to which group."),
		getAllSites,
		searchSites,
		both(tenant.DatasetSiteUsage, PartMain, "/reports/getSharePointSiteUsageDetail(period='D30')", "", permReports, rolesReports, "",
			"Owners of sites that are not connected to a group."),
		both(tenant.DatasetReportSettings, PartMain, "/admin/reportSettings", "", []string{"ReportSettings.Read.All"}, rolesReports, "",
			"Whether usage reports conceal names (then owners are unknown)."),
		both(tenant.DatasetSecurityDefaults, PartMain, "/policies/identitySecurityDefaultsEnforcementPolicy", "", permPolicy, rolesSecRead, "",
			"Whether security defaults enforce MFA."),
		both(tenant.DatasetConditionalAccess, PartMain, "/identity/conditionalAccess/policies", "", permPolicy, rolesSecRead, licP1,
			"Conditional Access policies: whom they hold to MFA or a managed device, and how."),
		both(tenant.DatasetConditionalAccess, PartDetail, "/groups/{id}/transitiveMembers", "", permGroupMembers, "", "",
			"Who is in the groups a policy includes or excludes (an emergency-access group, or a department left out)."),
		signIns,
		both(tenant.DatasetOneDriveUsage, PartMain, "/reports/getOneDriveUsageAccountDetail(period='D30')", "", permReports, rolesReports, "",
			"Whether licensed people use OneDrive, or keep work files on their own disks."),
		both(tenant.DatasetGroupSettings, PartMain, "/groupSettings", "", []string{"GroupSettings.Read.All", "Directory.Read.All"}, "Global Reader", "",
			"Who may create Microsoft 365 groups, and so SharePoint sites and Teams."),
		both(tenant.DatasetSecureScores, PartMain, "/security/secureScores", "$top=30", []string{"SecurityEvents.Read.All"}, rolesSecRead, "",
			"Microsoft Secure Score and its 30-day trend, shown beside ours as context."),
		both(tenant.DatasetAuthMethodsPolicy, PartMain, "/policies/authenticationMethodsPolicy", "", permAuthPolicy, "Global Reader", "",
			"Which sign-in methods the tenant allows."),
		deviceReg,
		both(tenant.DatasetAuthorizationPolicy, PartMain, "/policies/authorizationPolicy", "", permPolicy, rolesSecRead, "",
			"Whether people may read their own devices' BitLocker recovery keys (self-service recovery)."),
		both(tenant.DatasetSignInLog, PartMain, "/auditLogs/signIns", "$filter=createdDateTime ge {days ago}&$top=1000", []string{"AuditLog.Read.All"},
			rolesReports, licP1, "Who signed in to Windows from PCs that are not joined, in the last days (only with --signin-log)."),
		// The .ReadBasic permissions leave the passwords and keys out of
		// reach: m365ready never asks for what would let it read them.
		both(tenant.DatasetLocalCredentials, PartMain, "/directory/deviceLocalCredentials", "", []string{"DeviceLocalCredential.ReadBasic.All"},
			rolesDeviceSecrets, "", "Which PCs backed up a Windows LAPS password, and when (never the password)."),
		both(tenant.DatasetRecoveryKeys, PartMain, "/informationProtection/bitlocker/recoveryKeys", "", []string{"BitlockerKey.ReadBasic.All"},
			rolesDeviceSecrets, "", "Which PCs escrowed a BitLocker recovery key to Entra ID (never the key)."),
		both(tenant.DatasetEnrollmentConfigs, PartMain, "/deviceManagement/deviceEnrollmentConfigurations", "", permServiceConfig, rolesIntune, licIntune,
			"Intune enrolment settings: whether personal Windows PCs may enrol, Windows Hello for Business, the enrolment status page."),
		both(tenant.DatasetCompliancePolicies, PartMain, "/deviceManagement/deviceCompliancePolicies", "$expand=assignments", permDeviceConfig, rolesIntune, licIntune,
			"Device compliance policies and whom they are assigned to: what \"require a compliant device\" means."),
		both(tenant.DatasetAutopilotDevices, PartMain, "/deviceManagement/windowsAutopilotDeviceIdentities", "", permServiceConfig, rolesIntune, licIntune,
			"PCs registered with Windows Autopilot, which arrive Entra joined and enrolled."),
	}
}

// EndpointsOf lists dataset d's endpoints.
func EndpointsOf(d tenant.Dataset) []Endpoint {
	var out []Endpoint
	for _, e := range Endpoints() {
		if e.Dataset == d {
			out = append(out, e)
		}
	}
	return out
}

// NeededFor is what a denied request to dataset d's endpoint at path names
// as missing: "AuditLog.Read.All", or "AuditLog.Read.All and User.Read.All".
func NeededFor(d tenant.Dataset, path string, appOnly bool) string {
	for _, e := range EndpointsOf(d) {
		if path == "" || e.Path == path {
			if l := e.Least(appOnly); len(l) > 0 {
				return strings.Join(l, " and ")
			}
		}
	}
	return ""
}

// ApplicationPermissions is every application permission a full collection
// asks for, without repeats.
func ApplicationPermissions() []string { return permissionsFor(true, nil) }

// DelegatedPermissions is the same for a signed-in user.
func DelegatedPermissions() []string { return permissionsFor(false, nil) }

// ApplicationPermissionsFor lists the application permissions dataset d's
// endpoints ask for.
func ApplicationPermissionsFor(d tenant.Dataset) []string { return permissionsFor(true, &d) }

func permissionsFor(appOnly bool, only *tenant.Dataset) []string {
	var out []string
	for _, e := range Endpoints() {
		if only != nil && e.Dataset != *only {
			continue
		}
		for _, p := range e.Least(appOnly) {
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}
