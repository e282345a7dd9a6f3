// Package demo is the built-in demo tenant: Alder & Finch Architects, a
// 30-person practice half-way through moving its staff to Microsoft 365
// sign-in. The data is made to have true things to say: one Global
// Administrator who signs in with SMS, laptops registered with personal
// accounts, a mix of Basic, Standard and Premium licences, and a site still
// owned by someone who has left.
package demo

import (
	"crypto/sha256"
	"fmt"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

const (
	// TenantID and ClientID are fixed so demo output is stable.
	TenantID = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
	ClientID = "8a1d6f0e-3c2b-4e5a-9d7c-6b5a4f3e2d1c"
	domain   = "alderfinch.example"
	initial  = "alderfinch.onmicrosoft.com"
)

// id derives a stable GUID from a key.
func id(key string) string {
	b := sha256.Sum256([]byte("demo/" + key))
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func ptr[T any](v T) *T { return &v }

func daysAgo(now time.Time, d int) *time.Time {
	t := now.Add(-time.Duration(d) * 24 * time.Hour).UTC().Truncate(time.Second)
	return &t
}

// Fixture returns the demo tenant as of now, with one app registration that
// signs in with secret and holds every permission m365ready asks for.
func Fixture(now time.Time, secret string) *emulator.Fixture {
	s := tenant.New(now)
	s.Organization.Set(tenant.Organization{ID: TenantID, DisplayName: "Alder & Finch Architects Ltd", TenantType: "AAD",
		CountryLetterCode: "GB", MDMAuthority: "intune", VerifiedDomains: []tenant.Domain{
			{Name: domain, Type: "Managed", IsDefault: true},
			{Name: initial, Type: "Managed", IsInitial: true}}})
	people := staff()
	s.Users.Set(users(now, people))
	s.SubscribedSKUs.Set(withConsumption(demoSKUs(), s.Users.Items))
	s.MFARegistration.Set(registrations(now, people))
	s.SignInActivity.Set(signIns(now, people))
	s.OneDriveUsage.Set(oneDrive(now, people))
	s.GroupSettings.Set(tenant.GroupCreation{EnableGroupCreation: true}) // never configured: everyone can create groups
	var scores []tenant.SecureScore
	for d := 0; d < 30; d++ {
		scores = append(scores, tenant.SecureScore{CreatedDateTime: daysAgo(now, d), CurrentScore: 31.5 - float64(d)/10, MaxScore: 79})
	}
	s.SecureScores.Set(scores)
	s.RoleAssignments.Set(roles())
	s.RoleEligibilities.Set(nil)
	s.Devices.Set(devices(now))
	s.Intune.Set(tenant.IntuneState{ID: id("intune"), SubscriptionState: "active", IntuneAccountID: id("intune-account"), SecureByDefault: ptr(false)})
	s.ManagedDevices.Set(managedDevices(now, s.Devices.Items))
	s.DeviceRegistration.Set(deviceRegistration())
	s.AuthorizationPolicy.Set(tenant.AuthorizationPolicy{ReadOwnBitLockerKeys: ptr(true)}) // the default
	s.LocalCredentials.Set(localCredentials(now, s.Devices.Items))
	s.RecoveryKeys.Set(recoveryKeys(now, s.Devices.Items))
	configs, compliance, autopilot := intuneSettings(now, s.Devices.Items)
	s.EnrollmentConfigs.Set(configs)
	s.CompliancePolicies.Set(compliance)
	s.AutopilotDevices.Set(autopilot)
	s.SignInLog.Set(signInLog(now, s.Devices.Items))
	groups, sites, usage := collaboration(now)
	s.Groups.Set(groups)
	s.Sites.Set(sites)
	s.SiteUsage.Set(usage)
	s.ReportSettings.Set(tenant.ReportSettings{DisplayConcealedNames: false})
	s.SecurityDefaults.Set(tenant.SecurityDefaults{IsEnabled: false})
	s.ConditionalAccess.Set(policies())
	s.AuthMethodsPolicy.Set(tenant.AuthMethodsPolicy{PolicyMigrationState: "migrationInProgress", Methods: []tenant.AuthMethodConfig{
		{ID: "MicrosoftAuthenticator", State: "enabled", IncludeTargets: []string{"all_users"}},
		{ID: "Sms", State: "enabled", IncludeTargets: []string{"all_users"}},
		{ID: "Voice", State: "disabled"},
		{ID: "Fido2", State: "disabled"},
		{ID: "Email", State: "enabled", IncludeTargets: []string{"all_users"}},
		{ID: "SoftwareOath", State: "enabled", IncludeTargets: []string{"all_users"}},
		{ID: "TemporaryAccessPass", State: "disabled"},
	}})
	return &emulator.Fixture{TenantID: TenantID, Domain: initial, Data: s,
		Apps: []emulator.App{{ClientID: ClientID, Secret: secret, Roles: collect.ApplicationPermissions()}}}
}

// withConsumption sets consumedUnits from the licences users hold, as Graph does.
func withConsumption(skus []tenant.SubscribedSKU, users []tenant.User) []tenant.SubscribedSKU {
	for i := range skus {
		n := 0
		for _, u := range users {
			for _, l := range u.AssignedLicenses {
				if l.SKUID == skus[i].SKUID {
					n++
				}
			}
		}
		skus[i].ConsumedUnits = n
		skus[i].ID = TenantID + "_" + skus[i].SKUID
	}
	return skus
}
