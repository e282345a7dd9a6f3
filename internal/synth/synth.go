// Package synth generates seeded synthetic tenants of any size for the
// emulator: people with a realistic licence mix and MFA registrations, about
// one device each (half of them Intune-managed), one Microsoft 365 group per
// 20 people with owners and a site, communication sites, and the usage report.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Spec sizes a tenant.
type Spec struct {
	People int
	Seed   uint64
	// Free is a tenant without Entra ID P1 or Intune (Business Standard and
	// Basic only): the MFA registration report is not available.
	Free bool
}

// ClientID and the secret sign in to a generated tenant.
const (
	TenantID = "5ca1ab1e-0000-4000-8000-000000000001"
	ClientID = "5ca1ab1e-0000-4000-8000-0000000000c1"
	domain   = "synthetic.example"
)

var (
	skuSPB      = tenant.SubscribedSKU{SKUID: "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", SKUPartNumber: "SPB", CapabilityStatus: "Enabled", AppliesTo: "User"}
	skuStandard = tenant.SubscribedSKU{SKUID: "f245ecc8-75af-4f8e-b61f-27d8114de5f3", SKUPartNumber: "O365_BUSINESS_PREMIUM", CapabilityStatus: "Enabled", AppliesTo: "User"}
	skuBasic    = tenant.SubscribedSKU{SKUID: "3b555118-da6a-4418-894f-7df1e2096870", SKUPartNumber: "O365_BUSINESS_ESSENTIALS", CapabilityStatus: "Enabled", AppliesTo: "User"}
)

func plans(ids ...string) []tenant.ServicePlan {
	var out []tenant.ServicePlan
	for _, id := range ids {
		out = append(out, tenant.ServicePlan{ID: id, Name: id, ProvisioningStatus: "Success", AppliesTo: "User"})
	}
	return out
}

func guid(kind string, n int) string {
	return fmt.Sprintf("%08x-%04x-4000-8000-%012d", len(kind)*7919+int(kind[0]), n/1_000_000_000_000%0xffff, n)
}

// Generate builds the fixture; the same Spec always gives the same tenant.
func Generate(sp Spec, now time.Time, secret string) *emulator.Fixture {
	r := rand.New(rand.NewPCG(sp.Seed, uint64(sp.People)))
	s := tenant.New(now)
	s.Organization.Set(tenant.Organization{ID: TenantID, DisplayName: fmt.Sprintf("Synthetic %d", sp.People), MDMAuthority: "intune",
		VerifiedDomains: []tenant.Domain{{Name: domain, Type: "Managed", IsDefault: true, IsInitial: true}}})
	spb, std, basic := skuSPB, skuStandard, skuBasic
	spb.ServicePlans = plans("c1ec4a95-1f05-45b3-a911-aa3fa01094f5", "41781fb2-bc02-4b7c-bd55-b576c07bb09d", "9aaf7827-d63c-4b61-89c3-182f06f82e5c")
	std.ServicePlans = plans("9aaf7827-d63c-4b61-89c3-182f06f82e5c", "c7699d2e-19aa-44de-8edf-1736da088ca1")
	basic.ServicePlans = plans("9aaf7827-d63c-4b61-89c3-182f06f82e5c")
	skus := []tenant.SubscribedSKU{std, basic}
	if !sp.Free {
		skus = append([]tenant.SubscribedSKU{spb}, skus...)
	}
	methodsPool := [][]string{{"microsoftAuthenticatorPush", "mobilePhone"}, {"microsoftAuthenticatorPush"}, {"mobilePhone"}, {},
		{"microsoftAuthenticatorPush", "softwareOneTimePasscode"}, {"fido2SecurityKey", "microsoftAuthenticatorPush"}}
	users := make([]tenant.User, 0, sp.People+sp.People/20)
	regs := make([]tenant.MFARegistration, 0, cap(users))
	day := func(d int) *time.Time {
		t := now.Add(-time.Duration(d) * 24 * time.Hour).UTC().Truncate(time.Second)
		return &t
	}
	total := sp.People + sp.People/33 + 1 // people, plus guests
	for i := 0; i < total; i++ {
		u := tenant.User{ID: guid("user", i), UserPrincipalName: fmt.Sprintf("user%06d@%s", i, domain), DisplayName: fmt.Sprintf("User %06d", i),
			AccountEnabled: r.IntN(50) != 0, UserType: "Member", CreatedDateTime: day(r.IntN(2000)), AssignedLicenses: []tenant.AssignedLicense{}}
		u.Mail = u.UserPrincipalName
		if i >= sp.People {
			u.UserType, u.UserPrincipalName = "Guest", fmt.Sprintf("guest%06d_partner.example#EXT#@%s", i, domain)
		} else {
			k := skus[r.IntN(len(skus))]
			if r.IntN(10) < 4 {
				k = skus[0]
			}
			u.AssignedLicenses = append(u.AssignedLicenses, tenant.AssignedLicense{SKUID: k.SKUID})
			for j := range skus {
				if skus[j].SKUID == k.SKUID {
					skus[j].ConsumedUnits++
				}
			}
		}
		users = append(users, u)
		m := methodsPool[r.IntN(len(methodsPool))]
		ut := "member"
		if u.UserType == "Guest" {
			ut = "guest"
		}
		reg := tenant.MFARegistration{UserID: u.ID, UserPrincipalName: u.UserPrincipalName, UserDisplayName: u.DisplayName, UserType: ut,
			Methods: append([]string{}, m...), IsMFARegistered: len(m) > 0, IsMFACapable: ptr(len(m) > 0), IsAdmin: ptr(i < 3),
			IsPasswordlessCapable: ptr(false), IsSSPRRegistered: ptr(len(m) > 0), IsSSPRCapable: ptr(len(m) > 0), IsSSPREnabled: ptr(true), LastUpdated: day(1)}
		regs = append(regs, reg)
	}
	for j := range skus {
		skus[j].ID = TenantID + "_" + skus[j].SKUID
		skus[j].PrepaidUnits.Enabled = skus[j].ConsumedUnits + skus[j].ConsumedUnits/10 + 1
	}
	s.Users.Set(users)
	s.SubscribedSKUs.Set(skus)
	s.MFARegistration.Set(regs)
	s.SignInActivity.Set(signIns(sp, users, day))
	var roles []tenant.RoleAssignment
	for i := 0; i < 3 && i < len(users); i++ {
		roles = append(roles, tenant.RoleAssignment{ID: guid("ra", i), RoleDefinitionID: "62e90394-69f5-4237-9190-012177145e10", DirectoryScopeID: "/",
			Principal: tenant.Principal{ID: users[i].ID, Type: "user", DisplayName: users[i].DisplayName, UserPrincipalName: users[i].UserPrincipalName, AccountEnabled: ptr(users[i].AccountEnabled)}})
	}
	s.RoleAssignments.Set(roles)
	s.RoleEligibilities.Set(nil)
	devices := make([]tenant.Device, 0, sp.People)
	var managed []tenant.ManagedDevice
	trust := []string{"AzureAd", "AzureAd", "Workplace", "ServerAd"}
	for i := 0; i < sp.People; i++ {
		d := tenant.Device{ID: guid("dev", i), DeviceID: guid("devid", i), DisplayName: fmt.Sprintf("PC-%06d", i), OperatingSystem: "Windows",
			OperatingSystemVersion: []string{"10.0.19045.5011", "10.0.22631.4317", "10.0.26100.2314"}[r.IntN(3)], TrustType: trust[r.IntN(len(trust))],
			AccountEnabled: true, ApproximateLastSignIn: day(r.IntN(150)), RegistrationDateTime: day(400), ProfileType: "RegisteredDevice"}
		if r.IntN(10) < 3 {
			d.OperatingSystem, d.OperatingSystemVersion, d.TrustType = "iOS", "18.1", "Workplace"
		}
		if d.TrustType != "ServerAd" { // hybrid-joined PCs come from the domain, with no registered owner
			d.RegisteredOwnerIDs = []string{users[i%len(users)].ID}
		}
		if !sp.Free && i%2 == 0 {
			d.IsManaged, d.IsCompliant, d.ManagementType = ptr(true), ptr(true), "mdm"
			managed = append(managed, tenant.ManagedDevice{ID: guid("md", i), DeviceName: d.DisplayName, OperatingSystem: d.OperatingSystem,
				OSVersion: d.OperatingSystemVersion, ComplianceState: "compliant", OwnerType: "company", ManagementAgent: "mdm",
				AzureADDeviceID: d.DeviceID, UserPrincipalName: users[i%len(users)].UserPrincipalName, EnrolledDateTime: day(300), LastSyncDateTime: day(1),
				IsEncrypted: ptr(true)})
		}
		devices = append(devices, d)
	}
	s.Devices.Set(devices)
	s.ManagedDevices.Set(managed)
	// Two in three joined Windows PCs back up a LAPS password and three in
	// four escrow a BitLocker key; decided by position, not by r, so the
	// rest of the tenant stays as it was.
	var creds []tenant.LocalCredential
	var keys []tenant.RecoveryKey
	for i, d := range devices {
		if d.OperatingSystem != "Windows" || d.TrustType == "Workplace" {
			continue
		}
		if i%3 != 0 {
			creds = append(creds, tenant.LocalCredential{DeviceID: d.DeviceID, DeviceName: d.DisplayName, LastBackup: day(i % 40), RefreshDueTime: day(i%40 - 30)})
		}
		if i%4 != 0 {
			keys = append(keys, tenant.RecoveryKey{ID: guid("blk", i), DeviceID: d.DeviceID, Created: day(300), VolumeType: "operatingSystemVolume"})
		}
	}
	s.LocalCredentials.Set(creds)
	s.RecoveryKeys.Set(keys)
	s.DeviceRegistration.Set(tenant.DeviceRegistrationPolicy{UserDeviceQuota: 20, MultiFactorAuthConfiguration: "required",
		AllowedToJoin: tenant.Membership{Kind: tenant.MembershipAll}, AllowedToRegister: tenant.Membership{Kind: tenant.MembershipAll},
		LocalAdminsOnJoin: tenant.Membership{Kind: tenant.MembershipNone}, GlobalAdminsAreLocalAdmins: ptr(true), LAPSEnabled: ptr(true)})
	if !sp.Free {
		s.Intune.Set(tenant.IntuneState{ID: guid("intune", 0), SubscriptionState: "active", IntuneAccountID: guid("intuneaccount", 0), SecureByDefault: ptr(true)})
		s.EnrollmentConfigs.Set([]tenant.EnrollmentConfig{
			{ID: guid("enrol", 0), Kind: tenant.EnrollmentPlatformRestrictions, DisplayName: "All users and all devices", WindowsPlatformBlocked: ptr(false), WindowsPersonalBlocked: ptr(true)},
			{ID: guid("enrol", 1), Kind: tenant.EnrollmentWindowsHello, DisplayName: "All users and all devices", HelloState: "enabled"},
			{ID: guid("enrol", 2), Kind: tenant.EnrollmentStatusPage, DisplayName: "All users and all devices"}})
		s.CompliancePolicies.Set([]tenant.CompliancePolicy{{ID: guid("compliance", 0), DisplayName: "Windows", Platform: "windows10CompliancePolicy",
			Targets: []string{"allLicensedUsersAssignmentTarget"}}})
		var autopilot []tenant.AutopilotDevice
		for i, d := range devices {
			if i%5 == 0 && d.OperatingSystem == "Windows" && d.TrustType == "AzureAd" {
				autopilot = append(autopilot, tenant.AutopilotDevice{ID: guid("autopilot", i), AzureADDeviceID: d.DeviceID, EnrollmentState: "enrolled", LastContacted: day(3)})
			}
		}
		s.AutopilotDevices.Set(autopilot)
	}
	var groups []tenant.Group
	var sites []tenant.Site
	var usage []tenant.SiteUsage
	for g := 0; g < max(1, sp.People/20); g++ {
		key := fmt.Sprintf("team%05d", g)
		site := tenant.Site{ID: "synthetic.sharepoint.com," + guid("coll", g) + "," + guid("web", g), Name: key, DisplayName: key,
			WebURL: "https://synthetic.sharepoint.com/sites/" + key, CreatedDateTime: day(500)}
		owners := []tenant.Principal{}
		for o := 0; o < r.IntN(3); o++ {
			u := users[r.IntN(sp.People)]
			owners = append(owners, tenant.Principal{ID: u.ID, Type: "user", DisplayName: u.DisplayName, UserPrincipalName: u.UserPrincipalName, AccountEnabled: ptr(u.AccountEnabled)})
		}
		groups = append(groups, tenant.Group{ID: guid("group", g), DisplayName: key, Mail: key + "@" + domain, Visibility: "Private",
			Owners: owners, RootSite: &tenant.SiteRef{ID: site.ID, WebURL: site.WebURL}})
		sites = append(sites, site)
		usage = append(usage, tenant.SiteUsage{SiteID: guid("coll", g), SiteURL: site.WebURL, OwnerDisplayName: key + " Owners",
			LastActivityDate: "2026-10-30", FileCount: int64(r.IntN(5000)), StorageUsedBytes: int64(r.IntN(1 << 30)), RootWebTemplate: "Group", ReportRefreshDate: "2026-10-30"})
	}
	for c := 0; c < sp.People/100+1; c++ {
		key := fmt.Sprintf("comm%04d", c)
		n := 1_000_000 + c
		site := tenant.Site{ID: "synthetic.sharepoint.com," + guid("coll", n) + "," + guid("web", n), Name: key, DisplayName: key,
			WebURL: "https://synthetic.sharepoint.com/sites/" + key, CreatedDateTime: day(900)}
		owner := users[r.IntN(sp.People)]
		sites = append(sites, site)
		usage = append(usage, tenant.SiteUsage{SiteID: guid("coll", n), SiteURL: site.WebURL, OwnerDisplayName: owner.DisplayName,
			OwnerPrincipalName: owner.UserPrincipalName, LastActivityDate: "2026-10-29", FileCount: 10, StorageUsedBytes: 1 << 20,
			RootWebTemplate: "Communication Site", ReportRefreshDate: "2026-10-30"})
	}
	s.Groups.Set(groups)
	s.Sites.Set(sites)
	s.SiteUsage.Set(usage)
	s.ReportSettings.Set(tenant.ReportSettings{DisplayConcealedNames: false})
	s.SecurityDefaults.Set(tenant.SecurityDefaults{IsEnabled: sp.Free})
	s.ConditionalAccess.Set(nil)
	s.AuthMethodsPolicy.Set(tenant.AuthMethodsPolicy{Methods: []tenant.AuthMethodConfig{{ID: "MicrosoftAuthenticator", State: "enabled", IncludeTargets: []string{"all_users"}}}})
	return &emulator.Fixture{TenantID: TenantID, Domain: domain, Data: s,
		Apps: []emulator.App{{ClientID: ClientID, Secret: secret, Roles: collect.ApplicationPermissions()}}}
}

func ptr[T any](v T) *T { return &v }

// signIns gives most people a sign-in in the last month, some in the last
// quarter, a few longer ago and a few none at all, as a working tenant has.
// It draws from its own stream so the rest of a tenant does not change.
func signIns(sp Spec, users []tenant.User, day func(int) *time.Time) []tenant.SignInActivity {
	r := rand.New(rand.NewPCG(sp.Seed+1, uint64(sp.People)))
	out := make([]tenant.SignInActivity, 0, len(users))
	for _, u := range users {
		a := tenant.SignInActivity{UserID: u.ID}
		switch n := r.IntN(100); {
		case n < 88:
			a.LastSignIn = day(r.IntN(30))
		case n < 95:
			a.LastSignIn = day(30 + r.IntN(60))
		case n < 98:
			a.LastSignIn = day(90 + r.IntN(300))
		}
		a.LastSuccessfulSignIn = a.LastSignIn
		out = append(out, a)
	}
	return out
}
