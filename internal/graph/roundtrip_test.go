package graph

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

// withPIM gives the demo tenant Entra ID P2 and one eligible Global
// Administrator held through a role-assignable group, so the round trip
// covers PIM and group expansion.
func withPIM(f *emulator.Fixture) *emulator.Fixture {
	yes := true
	f.Faults.PremiumP2 = &yes
	enabled := true
	f.Data.RoleEligibilities.Set([]tenant.RoleAssignment{{
		ID: "elig-1", RoleDefinitionID: "62e90394-69f5-4237-9190-012177145e10", DirectoryScopeID: "/", MemberType: "Direct",
		Principal: tenant.Principal{ID: "grp-tier0", Type: "group", DisplayName: "Tier0 Admins"},
		GroupMembers: []tenant.Principal{{ID: f.Data.Users.Items[1].ID, Type: "user", DisplayName: f.Data.Users.Items[1].DisplayName,
			UserPrincipalName: f.Data.Users.Items[1].UserPrincipalName, AccountEnabled: &enabled}},
	}})
	return f
}

// withEveryCondition adds a Conditional Access policy that sets every
// condition and grant control the collector reads, so each survives the
// round trip (the demo's policies use only a few).
func withEveryCondition(f *emulator.Fixture) *emulator.Fixture {
	f.Data.ConditionalAccess.Items = append(f.Data.ConditionalAccess.Items, tenant.ConditionalAccess{
		ID: "ca-every", DisplayName: "Every condition", State: "disabled",
		IncludeUsers: []string{"GuestsOrExternalUsers"}, ExcludeUsers: []string{f.Data.Users.Items[0].ID},
		IncludeRoles: []string{"62e90394-69f5-4237-9190-012177145e10"}, ExcludeRoles: []string{tenant.RoleDirectorySync},
		IncludeGuestsOrExternalUsers: "internalGuest,b2bCollaborationGuest", ExcludeGuestsOrExternalUsers: "serviceProvider",
		IncludeApplications: []string{"Office365"}, ExcludeApplications: []string{"00000003-0000-0ff1-ce00-000000000000"},
		IncludeUserActions: []string{"urn:user:registersecurityinfo"}, IncludeAuthenticationContexts: []string{"c1"},
		ClientAppTypes: []string{"browser", "mobileAppsAndDesktopClients"}, IncludePlatforms: []string{"windows", "macOS"},
		ExcludePlatforms: []string{"linux"}, IncludeLocations: []string{"All"}, ExcludeLocations: []string{"AllTrusted"},
		SignInRiskLevels: []string{"high"}, UserRiskLevels: []string{"medium", "high"}, InsiderRisk: "elevated",
		DeviceFilterMode: "exclude", DeviceFilterRule: `device.trustType -eq "AzureAD"`, AuthenticationFlows: "deviceCodeFlow",
		GrantOperator: "AND", BuiltInControls: []string{"mfa", "compliantApplication"}, AuthenticationStrength: "Phishing-resistant MFA",
		CustomAuthenticationFactors: []string{"factor-1"}, TermsOfUse: []string{"tou-1"}})
	f.Data.ConditionalAccess.Count = len(f.Data.ConditionalAccess.Items)
	return f
}

// withEveryMembership gives the device registration policy each of its three
// membership types, users and groups named, and LAPS off.
func withEveryMembership(f *emulator.Fixture) *emulator.Fixture {
	p := *f.Data.DeviceRegistration.Value
	p.AllowedToJoin = tenant.Membership{Kind: tenant.MembershipSelected, Users: []string{"u-1", "u-2"}, Groups: []string{"g-1"}}
	p.AllowedToRegister = tenant.Membership{Kind: tenant.MembershipNone}
	p.LocalAdminsOnJoin = tenant.Membership{Kind: tenant.MembershipSelected, Groups: []string{"g-2"}}
	off := false
	p.GlobalAdminsAreLocalAdmins, p.LAPSEnabled, p.MultiFactorAuthConfiguration, p.UserDeviceQuota = &off, &off, "required", 7
	f.Data.DeviceRegistration.Set(p)
	return f
}

// TestRoundTrip serves a fixture tenant, collects it through the real SDK and
// the real client-secret token flow, and checks every dataset equals the
// fixture record for record, at several page caps, with and without 429s.
func TestRoundTrip(t *testing.T) {
	for _, pageCap := range []int{1, 7, 999} {
		for _, throttle := range []bool{false, true} {
			t.Run(fmt.Sprintf("cap=%d/throttle=%v", pageCap, throttle), func(t *testing.T) {
				f := withEveryMembership(withEveryCondition(withPIM(demoFixture())))
				f.Faults.PageCap = pageCap
				if throttle {
					f.Faults.ThrottleEvery, f.Faults.ThrottleRetryAfter = 3, "0"
				}
				srv := startEmulator(t, f)
				snap := collectFrom(t, srv, f)
				want := f.Data
				for _, d := range tenant.AllDatasets() {
					if st := snap.StatusOf(d); st.State != tenant.StateCollected {
						t.Errorf("%s: %s", d, st.Describe())
					}
				}
				sameRecords(t, "users", mustGet(t, "users", &snap.Users), want.Users.Items)
				sameRecords(t, "subscribedSkus", mustGet(t, "skus", &snap.SubscribedSKUs), want.SubscribedSKUs.Items)
				sameRecords(t, "mfaRegistration", mustGet(t, "mfa", &snap.MFARegistration), enabledOnly(want))
				sameRecords(t, "roleAssignments", mustGet(t, "roles", &snap.RoleAssignments), want.RoleAssignments.Items)
				sameRecords(t, "roleEligibilities", mustGet(t, "pim", &snap.RoleEligibilities), want.RoleEligibilities.Items)
				sameRecords(t, "devices", mustGet(t, "devices", &snap.Devices), windowsDevices(want.Devices.Items))
				sameRecords(t, "signInActivity", mustGet(t, "signins", &snap.SignInActivity), want.SignInActivity.Items)
				sameRecords(t, "managedDevices", mustGet(t, "managed", &snap.ManagedDevices), want.ManagedDevices.Items)
				sameRecords(t, "groups", mustGet(t, "groups", &snap.Groups), want.Groups.Items)
				sameRecords(t, "sites", mustGet(t, "sites", &snap.Sites), want.Sites.Items)
				sameRecords(t, "siteUsage", mustGet(t, "usage", &snap.SiteUsage), want.SiteUsage.Items)
				sameRecords(t, "oneDriveUsage", mustGet(t, "onedrive", &snap.OneDriveUsage), want.OneDriveUsage.Items)
				sameRecords(t, "secureScores", mustGet(t, "ss", &snap.SecureScores), want.SecureScores.Items)
				sameRecords(t, "conditionalAccess", mustGet(t, "ca", &snap.ConditionalAccess), want.ConditionalAccess.Items)
				sameRecords(t, "organization", []tenant.Organization{mustOne(t, "org", &snap.Organization)}, []tenant.Organization{*want.Organization.Value})
				sameRecords(t, "intune", []tenant.IntuneState{mustOne(t, "intune", &snap.Intune)}, []tenant.IntuneState{*want.Intune.Value})
				sameRecords(t, "reportSettings", []tenant.ReportSettings{mustOne(t, "rs", &snap.ReportSettings)}, []tenant.ReportSettings{*want.ReportSettings.Value})
				sameRecords(t, "securityDefaults", []tenant.SecurityDefaults{mustOne(t, "sd", &snap.SecurityDefaults)}, []tenant.SecurityDefaults{*want.SecurityDefaults.Value})
				sameRecords(t, "groupSettings", []tenant.GroupCreation{mustOne(t, "gs", &snap.GroupSettings)}, []tenant.GroupCreation{*want.GroupSettings.Value})
				sameRecords(t, "authMethodsPolicy", []tenant.AuthMethodsPolicy{mustOne(t, "amp", &snap.AuthMethodsPolicy)}, []tenant.AuthMethodsPolicy{*want.AuthMethodsPolicy.Value})
				sameRecords(t, "deviceRegistrationPolicy", []tenant.DeviceRegistrationPolicy{mustOne(t, "drp", &snap.DeviceRegistration)},
					[]tenant.DeviceRegistrationPolicy{*want.DeviceRegistration.Value})
				sameRecords(t, "authorizationPolicy", []tenant.AuthorizationPolicy{mustOne(t, "authz", &snap.AuthorizationPolicy)},
					[]tenant.AuthorizationPolicy{*want.AuthorizationPolicy.Value})
				sameRecords(t, "localCredentials", mustGet(t, "laps", &snap.LocalCredentials), want.LocalCredentials.Items)
				sameRecords(t, "recoveryKeys", mustGet(t, "bitlocker", &snap.RecoveryKeys), want.RecoveryKeys.Items)
				sameRecords(t, "enrollmentConfigurations", mustGet(t, "enrol", &snap.EnrollmentConfigs), want.EnrollmentConfigs.Items)
				sameRecords(t, "compliancePolicies", mustGet(t, "compliance", &snap.CompliancePolicies), want.CompliancePolicies.Items)
				sameRecords(t, "autopilotDevices", mustGet(t, "autopilot", &snap.AutopilotDevices), want.AutopilotDevices.Items)
				sameRecords(t, "signInLog", mustOne(t, "signins", &snap.SignInLog).Devices, want.SignInLog.Value.Devices)
				if snap.MFARegistration.Source != tenant.MFASourceRegistrationReport {
					t.Errorf("mfa source = %q", snap.MFARegistration.Source)
				}
				assertReadOnly(t, srv)
				assertBudget(t, srv, snap, throttle)
				if throttle && !sawStatus(srv, http.StatusTooManyRequests, true) {
					t.Error("throttling was switched on but no batch item was throttled")
				}
			})
		}
	}
}

// enabledOnly is the fixture's registration data as Graph reports it:
// disabled accounts are absent from the report.
func enabledOnly(s *tenant.Snapshot) []tenant.MFARegistration {
	enabled := map[string]bool{}
	for _, u := range s.Users.Items {
		enabled[u.ID] = u.AccountEnabled
	}
	var out []tenant.MFARegistration
	for _, m := range s.MFARegistration.Items {
		if enabled[m.UserID] {
			out = append(out, m)
		}
	}
	return out
}

func sawStatus(srv *emulator.Server, status int, inBatch bool) bool {
	for _, r := range srv.Requests() {
		if r.Status == status && r.InBatch == inBatch {
			return true
		}
	}
	return false
}

// assertReadOnly checks the request log: Graph saw only GETs and POST /$batch
// (whose items are GETs); the authority saw only token and metadata requests;
// the report download never received an Authorization header.
func assertReadOnly(t *testing.T, srv *emulator.Server) {
	t.Helper()
	graph := 0
	for _, r := range srv.Requests() {
		switch r.Origin {
		case "graph":
			graph++
			if r.Method == http.MethodGet {
				continue
			}
			if r.Method == http.MethodPost && r.Path == "/v1.0/$batch" && !r.InBatch {
				continue
			}
			t.Errorf("write request to Graph: %s %s (in batch: %v)", r.Method, r.Path, r.InBatch)
		case "authority":
			if r.Method == http.MethodPost && !strings.HasSuffix(r.Path, "/oauth2/v2.0/token") {
				t.Errorf("unexpected POST to the authority: %s", r.Path)
			}
		case "download":
			if r.Authorization {
				t.Errorf("the bearer token was sent to the report download host")
			}
		}
	}
	if graph == 0 {
		t.Error("no Graph requests were logged")
	}
}

// assertBudget checks the run's budget against the emulator's own log.
func assertBudget(t *testing.T, srv *emulator.Server, snap *tenant.Snapshot, throttled bool) {
	t.Helper()
	b := snap.Budget
	if b == nil {
		t.Fatal("no budget recorded")
	}
	var wire, throttles int64
	for _, r := range srv.Requests() {
		if (r.Origin == "graph" && !r.InBatch) || r.Origin == "download" {
			wire++
		}
		if r.Origin == "graph" && r.Status == http.StatusTooManyRequests {
			throttles++
		}
	}
	if b.Requests != wire {
		t.Errorf("budget counts %d requests, the emulator saw %d", b.Requests, wire)
	}
	if b.Throttled != throttles {
		t.Errorf("budget counts %d throttled, the emulator sent %d", b.Throttled, throttles)
	}
	if throttled && b.Retries == 0 {
		t.Error("throttled run recorded no retries")
	}
	var sum int64
	for _, d := range b.Datasets {
		sum += d.Requests
	}
	if sum != b.Requests {
		t.Errorf("per-dataset requests add up to %d, total %d", sum, b.Requests)
	}
}

// windowsDevices is what the collector asks Graph for ($filter on
// operatingSystem; Graph compares strings without regard to case).
func windowsDevices(all []tenant.Device) []tenant.Device {
	out := []tenant.Device{}
	for _, d := range all {
		if strings.EqualFold(d.OperatingSystem, "Windows") {
			out = append(out, d)
		}
	}
	return out
}
