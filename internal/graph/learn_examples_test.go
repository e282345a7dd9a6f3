package graph

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/graphmeta"
)

// learnAnswers maps request paths (after /v1.0) to the documented example
// that answers them in place of the emulator (testdata/learn).
var learnAnswers = []struct {
	path *regexp.Regexp
	file string
}{
	{regexp.MustCompile(`^/subscribedSkus$`), "subscribedSkus.json"},
	{regexp.MustCompile(`^/users$`), "users.json"},
	{regexp.MustCompile(`^/reports/authenticationMethods/userRegistrationDetails$`), "userRegistrationDetails.json"},
	{regexp.MustCompile(`^/users/[^/]+/authentication/methods$`), "authenticationMethods.json"},
	{regexp.MustCompile(`^/roleManagement/directory/roleAssignments$`), "roleAssignments.json"},
	{regexp.MustCompile(`^/roleManagement/directory/roleEligibilityScheduleInstances$`), "roleEligibilityScheduleInstances.json"},
	{regexp.MustCompile(`^/devices$`), "devices.json"},
	{regexp.MustCompile(`^/deviceManagement/managedDevices$`), "managedDevices.json"},
	{regexp.MustCompile(`^/deviceManagement$`), "deviceManagement.json"},
	{regexp.MustCompile(`^/admin/reportSettings$`), "reportSettings.json"},
	{regexp.MustCompile(`^/policies/identitySecurityDefaultsEnforcementPolicy$`), "identitySecurityDefaultsEnforcementPolicy.json"},
	{regexp.MustCompile(`^/identity/conditionalAccess/policies$`), "conditionalAccessPolicies.json"},
}

func learnAnswer(t *testing.T, path string) []byte {
	t.Helper()
	for _, a := range learnAnswers {
		if a.path.MatchString(path) {
			b, err := os.ReadFile(filepath.Join("testdata", "learn", a.file))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	return nil
}

// learnProxy stands between the collector and the emulator: every request
// goes to the emulator, so its licence and permission gates (401, 403)
// still answer; otherwise, where Microsoft documents an example, the
// example replaces the emulator's answer (which may be a 404: the
// example's people are not the emulator's). Inside $batch each
// sub-request is answered the same way.
func learnProxy(t *testing.T, srv *emulator.Server) *httptest.Server {
	t.Helper()
	target, _ := url.Parse(srv.GraphURL)
	fwd := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
	fwd.Transport = &http.Transport{TLSClientConfig: tlsTrusting(srv)}
	fwd.ModifyResponse = func(resp *http.Response) error {
		body := learnAnswer(t, strings.TrimPrefix(resp.Request.URL.Path, "/v1.0"))
		if gated(resp.StatusCode) || body == nil {
			return nil
		}
		resp.StatusCode, resp.Status = http.StatusOK, "200 OK"
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Set("Content-Length", fmt.Sprint(len(body)))
		resp.Header.Del("Content-Encoding")
		return nil
	}
	p := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := strings.TrimPrefix(r.URL.Path, "/v1.0")
		if path == "/$batch" {
			serveLearnBatch(t, w, r, srv)
			return
		}
		fwd.ServeHTTP(w, r)
	}))
	p.StartTLS()
	t.Cleanup(p.Close)
	return p
}

func serveLearnBatch(t *testing.T, w http.ResponseWriter, r *http.Request, srv *emulator.Server) {
	var rd io.Reader = r.Body
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		rd = zr
	}
	var in struct {
		Requests []struct {
			ID  string `json:"id"`
			URL string `json:"url"`
		} `json:"requests"`
	}
	if err := json.NewDecoder(rd).Decode(&in); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsTrusting(srv)}}
	var out struct {
		Responses []map[string]any `json:"responses"`
	}
	for _, sub := range in.Requests {
		u, _ := url.Parse(sub.URL)
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, srv.GraphURL+sub.URL, nil)
		req.Header.Set("Authorization", r.Header.Get("Authorization"))
		resp, err := hc.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		status := resp.StatusCode
		if b := learnAnswer(t, u.Path); b != nil && !gated(status) {
			status, body = http.StatusOK, b
		}
		out.Responses = append(out.Responses, map[string]any{"id": sub.ID, "status": status,
			"headers": map[string]string{"Content-Type": "application/json"}, "body": json.RawMessage(body)})
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// TestLearnExamplesThroughTheDecodePath collects a tenant whose answers
// are Microsoft's documented examples, through the real SDK and the
// collector's own reading of them, and checks what each example says
// arrives in the snapshot.
func TestLearnExamplesThroughTheDecodePath(t *testing.T) {
	for _, p1 := range []bool{true, false} {
		f := demoFixture()
		f.Faults.Premium = &p1 // without P1 the methods are read per person, in $batch
		srv := startEmulator(t, f)
		proxy := learnProxy(t, srv)
		opts := options(srv, f)
		opts.GraphURL = proxy.URL + "/v1.0"
		opts.RootCAs = srv.PKI().CAPool.Clone()
		opts.RootCAs.AddCert(proxy.Certificate())
		snap, err := (&Collector{}).Collect(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		skus := mustGet(t, "subscribedSkus", &snap.SubscribedSKUs)
		if len(skus) != 2 || skus[0].SKUPartNumber != "SPB" || skus[0].ConsumedUnits != 14 || skus[0].PrepaidUnits.Enabled != 25 ||
			len(skus[0].ServicePlans) != 3 || skus[1].CapabilityStatus != "Suspended" {
			t.Errorf("subscribedSkus: %+v", skus)
		}
		users := mustGet(t, "users", &snap.Users)
		if len(users) != 2 || users[1].UserType != "Guest" || users[1].CreatedDateTime != nil || len(users[0].AssignedLicenses) != 1 {
			t.Errorf("users: %+v", users)
		}
		if p1 {
			act := mustGet(t, "signInActivity", &snap.SignInActivity)
			if len(act) == 0 || act[0].LastSignIn == nil || act[0].LastSignIn.Format("2006-01-02") != "2025-06-01" {
				t.Errorf("signInActivity: %+v", act)
			}
		}
		regs := mustGet(t, "mfaRegistration", &snap.MFARegistration)
		if p1 {
			// The documented example's empty preferred method reads as none.
			if len(regs) != 2 || regs[0].DefaultMethod != "push" || regs[1].DefaultMethod != "" || regs[1].UserType != "guest" ||
				len(regs[0].Methods) != 2 {
				t.Errorf("registration report: %+v", regs)
			}
		} else {
			// Every person answers with the documented methods: a phone,
			// the Authenticator app, a FIDO2 key and Windows Hello.
			for _, r := range regs {
				if !r.IsMFARegistered || len(r.Methods) < 4 {
					t.Errorf("methods of %s: %+v", r.UserID, r)
					break
				}
			}
		}
		roles := mustGet(t, "roleAssignments", &snap.RoleAssignments)
		types := map[string]bool{}
		for _, a := range roles {
			types[a.Principal.Type] = true
		}
		if len(roles) != 3 || !types["user"] || !types["group"] || !types["servicePrincipal"] {
			t.Errorf("roleAssignments (resourceScope, which v1.0 does not define, must be ignored): %+v", roles)
		}
		devices := mustGet(t, "devices", &snap.Devices)
		if len(devices) != 3 || devices[0].TrustType != "AzureAd" || devices[1].IsCompliant != nil || devices[1].ManagementType != "" {
			t.Errorf("devices: %+v", devices)
		}
		md := mustGet(t, "managedDevices", &snap.ManagedDevices)
		if len(md) != 1 || md[0].ComplianceState != "compliant" || md[0].OwnerType != "company" {
			t.Errorf("managedDevices: %+v", md)
		}
		if in := mustOne(t, "intune", &snap.Intune); in.SubscriptionState != "active" || in.IntuneAccountID == "" {
			t.Errorf("deviceManagement: %+v", in)
		}
		if sd := mustOne(t, "securityDefaults", &snap.SecurityDefaults); sd.IsEnabled {
			t.Errorf("security defaults: %+v", sd)
		}
		if rs := mustOne(t, "reportSettings", &snap.ReportSettings); !rs.DisplayConcealedNames {
			t.Errorf("report settings: %+v", rs)
		}
		if p1 {
			ca := mustGet(t, "conditionalAccess", &snap.ConditionalAccess)
			if len(ca) != 2 || ca[0].State != "enabledForReportingButNotEnforced" || ca[1].GrantOperator != "AND" ||
				ca[1].AuthenticationStrength != "Phishing-resistant MFA" {
				t.Errorf("conditional access: %+v", ca)
			}
		}
	}
}

func gated(status int) bool {
	return status == http.StatusUnauthorized || status == http.StatusForbidden
}

func tlsTrusting(srv *emulator.Server) *tls.Config { return &tls.Config{RootCAs: srv.PKI().CAPool} }

// Microsoft's examples and Microsoft's metadata disagree in a few places;
// the emulator serves the metadata's shape and the collector reads both.
// This pins the disagreements, so a new one is looked at, not absorbed.
func TestLearnExamplesAgainstTheMetadata(t *testing.T) {
	docs := map[string]string{
		"subscribedSkus.json": "/subscribedSkus", "users.json": "/users",
		"userRegistrationDetails.json":          "/reports/authenticationMethods/userRegistrationDetails",
		"authenticationMethods.json":            "/users/{id}/authentication/methods",
		"roleAssignments.json":                  "/roleManagement/directory/roleAssignments",
		"roleEligibilityScheduleInstances.json": "/roleManagement/directory/roleEligibilityScheduleInstances",
		"devices.json":                          "/devices", "managedDevices.json": "/deviceManagement/managedDevices",
		"deviceManagement.json": "/deviceManagement", "reportSettings.json": "/admin/reportSettings",
		"identitySecurityDefaultsEnforcementPolicy.json": "/policies/identitySecurityDefaultsEnforcementPolicy",
		"conditionalAccessPolicies.json":                 "/identity/conditionalAccess/policies",
	}
	want := map[string]bool{
		// v1.0 does not define resourceScope (beta does); the example shows it.
		"roleAssignments.json microsoft.graph.unifiedRoleAssignment[0] $: microsoft.graph.unifiedRoleAssignment defines no property \"resourceScope\"": true,
		"roleAssignments.json microsoft.graph.unifiedRoleAssignment[1] $: microsoft.graph.unifiedRoleAssignment defines no property \"resourceScope\"": true,
		"roleAssignments.json microsoft.graph.unifiedRoleAssignment[2] $: microsoft.graph.unifiedRoleAssignment defines no property \"resourceScope\"": true,
		// The enum has "none", the example an empty string.
		"userRegistrationDetails.json microsoft.graph.userRegistrationDetails[1] $.userPreferredMethodForSecondaryAuthentication: \"\" is not a member of microsoft.graph.userDefaultAuthenticationMethod": true,
	}
	m := graphmeta.V1()
	got := map[string]bool{}
	for file, doc := range docs {
		if learnAnswer(t, strings.Replace(doc, "{id}", "x", 1)) == nil {
			t.Errorf("%s: no documented example answers %s", file, doc)
		}
		b, err := os.ReadFile(filepath.Join("testdata", "learn", file))
		if err != nil {
			t.Fatal(err)
		}
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var body map[string]any
		if err := d.Decode(&body); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		p := m.Paths[doc]
		objs := []any{body}
		if p.Collection {
			objs, _ = body["value"].([]any)
		}
		for i, o := range objs {
			obj, _ := o.(map[string]any)
			for _, e := range m.Validate(p.Type, obj) {
				got[fmt.Sprintf("%s %s[%d] %s", file, p.Type, i, e)] = true
			}
		}
	}
	for e := range got {
		if !want[e] {
			t.Errorf("new disagreement between an example and the metadata: %s", e)
		}
	}
	for e := range want {
		if !got[e] {
			t.Errorf("gone: %s", e)
		}
	}
}
