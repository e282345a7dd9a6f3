package graph

import (
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

func no() *bool { f := false; return &f }

// TestErrorMapping checks that each way Graph refuses a dataset becomes the
// right dataset state, and that the other datasets are unaffected.
func TestErrorMapping(t *testing.T) {
	cases := []struct {
		name    string
		mutate  func(*emulator.Fixture)
		dataset tenant.Dataset
		state   tenant.State
		check   func(t *testing.T, st tenant.Status)
	}{
		{"permission denied", func(f *emulator.Fixture) { f.Faults.Deny = []string{"devices"} },
			tenant.DatasetDevices, tenant.StateDenied, func(t *testing.T, st tenant.Status) {
				if st.Permission != "Device.Read.All" || st.ErrorCode != "Authorization_RequestDenied" || st.HTTPStatus != 403 || st.RequestID == "" {
					t.Errorf("status = %+v", st)
				}
			}},
		{"permission missing from the token", func(f *emulator.Fixture) { f.Apps[0].Roles = without(f.Apps[0].Roles, "Policy.Read.All") },
			tenant.DatasetConditionalAccess, tenant.StateDenied, func(t *testing.T, st tenant.Status) {
				if st.Permission != "Policy.Read.All" {
					t.Errorf("status = %+v", st)
				}
			}},
		{"no Entra ID P1: conditional access", func(f *emulator.Fixture) { f.Faults.Premium = no() },
			tenant.DatasetConditionalAccess, tenant.StateUnlicensed, func(t *testing.T, st tenant.Status) {
				if st.Licence != licenceP1 || st.ErrorCode != "Authentication_RequestFromNonPremiumTenantOrB2CTenant" {
					t.Errorf("status = %+v", st)
				}
			}},
		{"no Entra ID P1: sign-in activity", func(f *emulator.Fixture) { f.Faults.Premium = no() },
			tenant.DatasetSignInActivity, tenant.StateUnlicensed, func(t *testing.T, st tenant.Status) {
				if st.Licence != licenceP1 {
					t.Errorf("status = %+v", st)
				}
			}},
		{"sign-in activity without AuditLog.Read.All", func(f *emulator.Fixture) { f.Apps[0].Roles = without(f.Apps[0].Roles, "AuditLog.Read.All") },
			tenant.DatasetSignInActivity, tenant.StateDenied, func(t *testing.T, st tenant.Status) {
				if !strings.Contains(st.Permission, "AuditLog.Read.All") {
					t.Errorf("status = %+v", st)
				}
			}},
		{"no Intune", func(f *emulator.Fixture) { f.Faults.Intune = no() },
			tenant.DatasetIntune, tenant.StateUnlicensed, func(t *testing.T, st tenant.Status) {
				if st.Licence != licenceIntune || st.HTTPStatus != 400 {
					t.Errorf("status = %+v", st)
				}
			}},
		{"no Intune: managed devices", func(f *emulator.Fixture) { f.Faults.Intune = no() },
			tenant.DatasetManagedDevices, tenant.StateUnlicensed, nil},
		{"no Entra ID P2: PIM", func(*emulator.Fixture) {},
			tenant.DatasetRoleEligibilities, tenant.StateUnlicensed, func(t *testing.T, st tenant.Status) {
				if st.Licence != licenceP2 || st.ErrorCode != "AadPremiumLicenseRequired" || st.HTTPStatus != 400 {
					t.Errorf("status = %+v", st)
				}
			}},
		{"server error", func(f *emulator.Fixture) {
			f.Faults.Errors = []emulator.ErrorFault{{PathContains: "/devices", Status: 500, Code: "InternalServerError"}}
		}, tenant.DatasetDevices, tenant.StateFailed, func(t *testing.T, st tenant.Status) {
			if st.HTTPStatus != 500 || st.RequestID == "" || !strings.Contains(st.Reason, "500") {
				t.Errorf("status = %+v", st)
			}
		}},
		{"503 burst shorter than the retries", func(f *emulator.Fixture) {
			f.Faults.Errors = []emulator.ErrorFault{{PathContains: "/devices", Status: 503, Times: 2}}
		}, tenant.DatasetDevices, tenant.StateCollected, nil},
		{"usage report denied", func(f *emulator.Fixture) { f.Apps[0].Roles = without(f.Apps[0].Roles, "Reports.Read.All") },
			tenant.DatasetSiteUsage, tenant.StateDenied, func(t *testing.T, st tenant.Status) {
				if st.Permission != "Reports.Read.All" {
					t.Errorf("status = %+v", st)
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := demoFixture()
			tc.mutate(f)
			srv := startEmulator(t, f)
			snap := collectFrom(t, srv, f)
			st := *snap.StatusOf(tc.dataset)
			if st.State != tc.state {
				t.Fatalf("%s: state %q, want %q (%s)", tc.dataset, st.State, tc.state, st.Describe())
			}
			if tc.check != nil {
				tc.check(t, st)
			}
			if _, err := snap.Users.Get(); err != nil {
				t.Errorf("users should be unaffected: %v", err)
			}
			assertReadOnly(t, srv)
		})
	}
}

func without(list []string, drop string) []string {
	var out []string
	for _, v := range list {
		if v != drop {
			out = append(out, v)
		}
	}
	return out
}

// TestBatchAnswered424: when Graph answers a batch with throttled items with
// 424, the chunk is retried and every record still arrives.
func TestBatchAnswered424(t *testing.T) {
	f := demoFixture()
	f.Faults.Premium = no()
	f.Faults.ThrottleEvery, f.Faults.ThrottleRetryAfter, f.Faults.BatchStatus424 = 9, "0", true
	srv := startEmulator(t, f)
	snap := collectFrom(t, srv, f)
	if !sawStatus(srv, http.StatusFailedDependency, false) {
		t.Fatal("no batch was answered 424: the test proves nothing")
	}
	if got, want := mustGet(t, "mfa", &snap.MFARegistration), enabledMembers(f); len(got) != want {
		t.Errorf("%d registrations, want %d", len(got), want)
	}
	if got := mustGet(t, "groups", &snap.Groups); len(got) != len(f.Data.Groups.Items) {
		t.Errorf("%d groups", len(got))
	}
}

// TestMFAFallbackWithoutP1: the registration report answers 403 non-premium,
// so methods are read per enabled member in batches of 20.
func TestMFAFallbackWithoutP1(t *testing.T) {
	for _, throttle := range []bool{false, true} {
		f := demoFixture()
		f.Faults.Premium = no()
		if throttle {
			f.Faults.ThrottleEvery, f.Faults.ThrottleRetryAfter = 3, "0"
		}
		srv := startEmulator(t, f)
		snap := collectFrom(t, srv, f)
		got := mustGet(t, "mfa", &snap.MFARegistration)
		if snap.MFARegistration.Source != tenant.MFASourceMethods {
			t.Fatalf("source = %q", snap.MFARegistration.Source)
		}
		users := map[string]tenant.User{}
		for _, u := range f.Data.Users.Items {
			users[u.ID] = u
		}
		var want []tenant.MFARegistration
		for _, m := range f.Data.MFARegistration.Items {
			u := users[m.UserID]
			if !u.AccountEnabled || u.UserType != "Member" {
				continue
			}
			want = append(want, tenant.MFARegistration{UserID: u.ID, UserPrincipalName: u.UserPrincipalName,
				UserDisplayName: u.DisplayName, UserType: "member", Methods: m.Methods, IsMFARegistered: len(m.Methods) > 0})
		}
		sameRecords(t, "mfa via methods", got, want)
		batches, items := 0, 0
		for _, r := range srv.Requests() {
			if r.Path == "/v1.0/$batch" && r.Method == http.MethodPost && r.Status == 200 {
				batches++
			}
			if r.InBatch && strings.HasSuffix(r.Path, "/authentication/methods") && r.Status == 200 {
				items++
			}
		}
		if items != len(want) {
			t.Errorf("throttle=%v: %d successful method lookups, want %d", throttle, items, len(want))
		}
		if !throttle && batches < (len(want)+19)/20 {
			t.Errorf("%d batches for %d people", batches, len(want))
		}
		assertReadOnly(t, srv)
	}
}

// TestOneFailedLookupIsOnePersonUnknown: without P1, a person whose method
// lookup fails is left out of the registration data (so the checks call
// them unknown) and the dataset says so; it is not failed as a whole.
func TestOneFailedLookupIsOnePersonUnknown(t *testing.T) {
	f := demoFixture()
	f.Faults.Premium = no()
	var victim tenant.User
	for _, u := range f.Data.Users.Items {
		if u.AccountEnabled && u.UserType == "Member" {
			victim = u
			break
		}
	}
	f.Faults.Errors = []emulator.ErrorFault{{PathContains: victim.ID + "/authentication/methods", Status: 500, Code: "generalException", Message: "boom"}}
	srv := startEmulator(t, f)
	snap := collectFrom(t, srv, f)
	got := mustGet(t, "mfa", &snap.MFARegistration)
	for _, r := range got {
		if r.UserID == victim.ID {
			t.Fatalf("the failed person is in the data: %+v", r)
		}
	}
	if len(got) < 10 || !strings.Contains(snap.MFARegistration.Reason, "1 could not be looked up") {
		t.Errorf("%d records, reason %q", len(got), snap.MFARegistration.Reason)
	}
}

// TestConcealedReportNames: with concealment on, owners arrive as hashes and
// the rows are marked concealed.
func TestConcealedReportNames(t *testing.T) {
	f := demoFixture()
	f.Data.ReportSettings.Set(tenant.ReportSettings{DisplayConcealedNames: true})
	srv := startEmulator(t, f)
	snap := collectFrom(t, srv, f)
	rs := mustOne(t, "reportSettings", &snap.ReportSettings)
	if !rs.DisplayConcealedNames {
		t.Error("concealment not reported")
	}
	rows := mustGet(t, "usage", &snap.SiteUsage)
	for _, r := range rows {
		if r.OwnerPrincipalName != "" && !r.Concealed {
			t.Errorf("row %s not marked concealed: %+v", r.SiteID, r)
		}
		if strings.Contains(r.OwnerPrincipalName, "@") {
			t.Errorf("row %s leaks a name: %q", r.SiteID, r.OwnerPrincipalName)
		}
	}
}

// TestDelegatedSitesUseSearch: with delegated permissions getAllSites is not
// supported, so sites come from search, which leaves out personal sites; and
// getAllSites with a delegated token is refused, never taken as "no sites".
func TestDelegatedSitesUseSearch(t *testing.T) {
	f := demoFixture()
	f.Apps[0].Delegated = true
	srv := startEmulator(t, f)
	cl, _, _, err := (&Collector{}).connect(t.Context(), options(srv, f), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	sites, source, err := collectSites(t.Context(), cl, false)
	if err != nil || source != "search" {
		t.Fatalf("search: %v, source %q", err, source)
	}
	var want []tenant.Site
	for _, s := range f.Data.Sites.Items {
		if !s.IsPersonalSite {
			want = append(want, s)
		}
	}
	sameRecords(t, "sites via search", sites, want)
	if _, _, err := collectSites(t.Context(), cl, true); err == nil {
		t.Fatal("getAllSites with a delegated token should fail")
	} else if st := classify(err, "Sites.Read.All"); st.State != tenant.StateDenied {
		t.Errorf("getAllSites with delegated token: %+v", st)
	}
}

func TestSignInFailures(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(*emulator.Fixture)
		want   string
	}{
		{"wrong secret", func(f *emulator.Fixture) { f.Apps[0].Secret = "other" }, "AADSTS7000215"},
		{"expired secret", func(f *emulator.Fixture) { f.Apps[0].SecretExpired = true }, "AADSTS7000222"},
		{"unknown app", func(f *emulator.Fixture) { f.Apps[0].ClientID = "00000000-0000-0000-0000-000000000001" }, "AADSTS700016"},
		{"no consent", func(f *emulator.Fixture) { f.Apps[0].Roles = nil }, "AADSTS65001"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := demoFixture()
			opts := func() (string, string) { return f.Apps[0].ClientID, f.Apps[0].Secret }
			id, secret := opts()
			tc.mutate(f)
			srv := startEmulator(t, f)
			o := options(srv, f)
			o.Auth.ClientID, o.Auth.ClientSecret = id, secret
			_, err := (&Collector{}).Collect(t.Context(), o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one naming %s", err, tc.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error leaks the secret: %v", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

// TestCertificateSignIn signs in with a client certificate: azidentity builds
// the assertion, the emulator's authority verifies its signature.
func TestCertificateSignIn(t *testing.T) {
	good, err := emulator.NewClientCertificate("m365ready test")
	if err != nil {
		t.Fatal(err)
	}
	other, err := emulator.NewClientCertificate("someone else")
	if err != nil {
		t.Fatal(err)
	}
	f := demoFixture()
	f.Apps[0].Certificate = good
	srv := startEmulator(t, f)
	o := options(srv, f)
	o.Auth.Mode, o.Auth.ClientSecret, o.Auth.CertificatePEM = "client-certificate", "", good.PEM
	o.Datasets = []tenant.Dataset{tenant.DatasetOrganization}
	snap, err := (&Collector{}).Collect(t.Context(), o)
	if err != nil {
		t.Fatalf("certificate sign-in: %v", err)
	}
	if org := mustOne(t, "org", &snap.Organization); org.ID != f.TenantID {
		t.Errorf("org = %+v", org)
	}
	if st := snap.Users.State; st != tenant.StateNotRequested {
		t.Errorf("users state %q, want not_requested", st)
	}
	o.Auth.CertificatePEM = other.PEM
	if _, err := (&Collector{}).Collect(t.Context(), o); err == nil || !strings.Contains(err.Error(), "AADSTS700027") {
		t.Errorf("wrong certificate: %v", err)
	}
}

func TestPreflight(t *testing.T) {
	f := demoFixture()
	f.Apps[0].Roles = without(f.Apps[0].Roles, "Device.Read.All")
	srv := startEmulator(t, f)
	a, err := (&Collector{}).Preflight(t.Context(), options(srv, f))
	if err != nil {
		t.Fatal(err)
	}
	if !a.AppOnly || slices.Contains(a.Granted, "Device.Read.All") || !slices.Contains(a.Granted, "User.Read.All") || a.P1 == nil || !*a.P1 || *a.P2 || !*a.Intune {
		t.Fatalf("access = %+v", a)
	}
	if r, why := a.DatasetAccess(tenant.DatasetDevices); r != collect.Unreadable || !strings.Contains(why, "Device.Read.All") {
		t.Errorf("devices: %v %q", r, why)
	}
	for _, r := range srv.Requests() {
		if r.Origin == "graph" && r.Path != "/v1.0/subscribedSkus" {
			t.Errorf("preflight read more than the SKUs: %s", r.Path)
		}
	}
}

func TestGroupSettingsConfigured(t *testing.T) {
	f := demoFixture()
	f.Data.GroupSettings.Set(tenant.GroupCreation{Configured: true, EnableGroupCreation: false, AllowedGroupID: "0b1c-group"})
	srv := startEmulator(t, f)
	snap := collectFrom(t, srv, f)
	if got := mustOne(t, "gs", &snap.GroupSettings); got != *f.Data.GroupSettings.Value {
		t.Errorf("got %+v, want %+v", got, *f.Data.GroupSettings.Value)
	}
}
