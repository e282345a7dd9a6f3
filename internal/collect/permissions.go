package collect

import (
	"slices"

	"github.com/m365ready/m365ready/internal/tenant"
)

// DatasetSpec says what one dataset reads and what that needs.
type DatasetSpec struct {
	Dataset  tenant.Dataset
	Endpoint string
	// Application and Delegated are the least-privileged Graph permissions.
	Application string
	Delegated   string
	// Roles are directory roles a signed-in user needs for delegated reads.
	Roles string
	// Licence the tenant needs for the endpoint to answer ("" when none).
	Licence string
	Why     string
}

// Specs lists every dataset, with the reason it is collected. README's
// permission table is written from this list.
func Specs() []DatasetSpec {
	return []DatasetSpec{
		{tenant.DatasetOrganization, "GET /organization", "Organization.Read.All", "User.Read", "", "",
			"Tenant name, verified domains and the MDM authority."},
		{tenant.DatasetSubscribedSKUs, "GET /subscribedSkus", "Organization.Read.All", "Organization.Read.All", "", "",
			"Which licences the tenant owns, their service plans and seat counts."},
		{tenant.DatasetUsers, "GET /users", "User.Read.All", "User.Read.All", "", "",
			"Accounts, their state, type and assigned licences."},
		{tenant.DatasetMFARegistration, "GET /reports/authenticationMethods/userRegistrationDetails", "AuditLog.Read.All", "AuditLog.Read.All",
			"Reports Reader, Security Reader or Global Reader", "Microsoft Entra ID P1",
			"Which sign-in methods each person registered (the registration report)."},
		{tenant.DatasetMFARegistration, "GET /users/{id}/authentication/methods (fallback without P1)", "UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.Read.All",
			"Global Reader or Authentication Administrator", "",
			"The same, per person, when the tenant has no Entra ID P1."},
		{tenant.DatasetRoleAssignments, "GET /roleManagement/directory/roleAssignments", "RoleManagement.Read.Directory", "RoleManagement.Read.Directory",
			"Global Reader or Directory Readers", "", "Who holds Global Administrator and other privileged roles."},
		{tenant.DatasetRoleAssignments, "GET /groups/{id}/transitiveMembers", "GroupMember.Read.All", "GroupMember.Read.All", "", "",
			"The people inside role-assignable groups that hold a role."},
		{tenant.DatasetRoleEligibilities, "GET /roleManagement/directory/roleEligibilityScheduleInstances", "RoleEligibilitySchedule.Read.Directory", "RoleEligibilitySchedule.Read.Directory",
			"Global Reader or Security Reader", "Microsoft Entra ID P2", "PIM-eligible administrators."},
		{tenant.DatasetDevices, "GET /" + tenant.DevicesWindowsOnly, "Device.Read.All", "Device.Read.All", "", "",
			"Windows devices and how they are joined (Entra joined, hybrid, registered)."},
		{tenant.DatasetIntune, "GET /deviceManagement", "DeviceManagementServiceConfig.Read.All", "DeviceManagementServiceConfig.Read.All",
			"Intune Administrator or Global Reader", "Microsoft Intune", "Whether the Intune service is set up (subscription state)."},
		{tenant.DatasetManagedDevices, "GET /deviceManagement/managedDevices", "DeviceManagementManagedDevices.Read.All", "DeviceManagementManagedDevices.Read.All",
			"Intune Administrator or Global Reader", "Microsoft Intune", "Whether Intune is in use (enrolled devices)."},
		{tenant.DatasetGroups, "GET /groups, /groups/{id}/owners", "GroupMember.Read.All", "GroupMember.Read.All", "", "",
			"Microsoft 365 groups and their owners: the owners of group-connected sites."},
		{tenant.DatasetGroups, "GET /groups/{id}/sites/root", "Sites.Read.All", "Sites.Read.All", "", "",
			"Which SharePoint site belongs to which group."},
		{tenant.DatasetSites, "GET /sites/getAllSites (app-only) or /sites?search=* (delegated)", "Sites.Read.All", "Sites.Read.All", "", "",
			"Every SharePoint site, so none is missed."},
		{tenant.DatasetSiteUsage, "GET /reports/getSharePointSiteUsageDetail(period='D30')", "Reports.Read.All", "Reports.Read.All",
			"Reports Reader or Global Reader", "", "Owners of sites that are not connected to a group."},
		{tenant.DatasetReportSettings, "GET /admin/reportSettings", "ReportSettings.Read.All", "ReportSettings.Read.All",
			"Reports Reader or Global Reader", "", "Whether usage reports conceal names (then owners are unknown)."},
		{tenant.DatasetSecurityDefaults, "GET /policies/identitySecurityDefaultsEnforcementPolicy", "Policy.Read.All", "Policy.Read.All",
			"Security Reader or Global Reader", "", "Whether security defaults enforce MFA."},
		{tenant.DatasetConditionalAccess, "GET /identity/conditionalAccess/policies", "Policy.Read.All", "Policy.Read.All",
			"Security Reader or Global Reader", "Microsoft Entra ID P1", "Conditional Access policies that require MFA or compliant devices."},
		{tenant.DatasetSignInActivity, "GET /users?$select=id,signInActivity", "AuditLog.Read.All", "AuditLog.Read.All",
			"Reports Reader, Security Reader or Global Reader", "Microsoft Entra ID P1", "When each account last signed in: dormant accounts and inactive guests."},
		{tenant.DatasetOneDriveUsage, "GET /reports/getOneDriveUsageAccountDetail(period='D30')", "Reports.Read.All", "Reports.Read.All",
			"Reports Reader or Global Reader", "", "Whether licensed people use OneDrive, or keep work files on their own disks."},
		{tenant.DatasetGroupSettings, "GET /groupSettings", "GroupSettings.Read.All", "GroupSettings.Read.All", "Global Reader", "",
			"Who may create Microsoft 365 groups, and so SharePoint sites and Teams."},
		{tenant.DatasetSecureScores, "GET /security/secureScores?$top=30", "SecurityEvents.Read.All", "SecurityEvents.Read.All", "Security Reader or Global Reader", "",
			"Microsoft Secure Score and its 30-day trend, shown beside ours as context."},
		{tenant.DatasetAuthMethodsPolicy, "GET /policies/authenticationMethodsPolicy", "Policy.Read.AuthenticationMethod", "Policy.Read.AuthenticationMethod",
			"Global Reader", "", "Which sign-in methods the tenant allows."},
	}
}

// ApplicationPermissions is the de-duplicated set of application permissions
// a full collection needs.
func ApplicationPermissions() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range Specs() {
		if !seen[s.Application] {
			seen[s.Application] = true
			out = append(out, s.Application)
		}
	}
	return out
}

// PermissionFor returns the application or delegated permission of the first
// spec for dataset d whose endpoint starts with prefix ("" matches any).
func PermissionFor(d tenant.Dataset, appOnly bool, endpointPrefix string) string {
	for _, s := range Specs() {
		if s.Dataset != d {
			continue
		}
		if endpointPrefix != "" && !hasPrefix(s.Endpoint, endpointPrefix) {
			continue
		}
		if appOnly {
			return s.Application
		}
		return s.Delegated
	}
	return ""
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// ApplicationPermissionsFor lists the application permissions dataset d's
// endpoints need, without repeats.
func ApplicationPermissionsFor(d tenant.Dataset) []string {
	var out []string
	for _, s := range Specs() {
		if s.Dataset == d && !slices.Contains(out, s.Application) {
			out = append(out, s.Application)
		}
	}
	return out
}
