package emulator

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/tenant"
)

// These tests hold the emulator to Graph's documented behaviour with plain
// HTTP, independent of the SDK; each case names the Learn page or the
// metadata annotation it follows.

func fixture() *Fixture {
	s := tenant.New(testTime)
	s.Users.Set([]tenant.User{
		{ID: "u1", UserPrincipalName: "a@x.test", DisplayName: "A", AccountEnabled: true, UserType: "Member"},
		{ID: "u2", UserPrincipalName: "b@x.test", DisplayName: "B", AccountEnabled: false, UserType: "Member"},
		{ID: "u3", UserPrincipalName: "c@x.test", DisplayName: "C", AccountEnabled: true, UserType: "Guest"},
	})
	s.MFARegistration.Set([]tenant.MFARegistration{
		{UserID: "u1", UserType: "member", Methods: []string{"mobilePhone", "microsoftAuthenticatorPush"}, IsMFARegistered: true},
		{UserID: "u2", UserType: "member", Methods: []string{"mobilePhone"}, IsMFARegistered: true},
		{UserID: "u3", UserType: "guest", Methods: []string{}},
	})
	s.SubscribedSKUs.Set([]tenant.SubscribedSKU{{SKUID: "sku", SKUPartNumber: "AAD_PREMIUM", CapabilityStatus: "Enabled",
		ServicePlans: []tenant.ServicePlan{{ID: planAADPremium, Name: "AAD_PREMIUM", ProvisioningStatus: "Success"}}}})
	s.SiteUsage.Set([]tenant.SiteUsage{{SiteID: "s1", SiteURL: "https://x/sites/a", OwnerDisplayName: "Owner", OwnerPrincipalName: "o@x.test"}})
	return &Fixture{TenantID: "tid", Data: s, Apps: []App{{ClientID: "cid", Secret: "sec",
		Roles: []string{"User.Read.All", "Organization.Read.All", "AuditLog.Read.All", "UserAuthenticationMethod.Read.All", "Reports.Read.All"}}}}
}

type client struct {
	t     *testing.T
	srv   *Server
	http  *http.Client
	token string
}

func start(t *testing.T, f *Fixture) *client {
	t.Helper()
	srv, err := Start(t.Context(), f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: srv.PKI().CAPool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	c := &client{t: t, srv: srv, http: hc}
	code, body := c.tokenRequest(url.Values{"grant_type": {"client_credentials"}, "client_id": {"cid"}, "client_secret": {"sec"},
		"scope": {"https://graph.microsoft.com/.default"}})
	if code != 200 {
		t.Fatalf("token: %d %s", code, body)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	json.Unmarshal(body, &tok)
	if tok.AccessToken == "" || tok.ExpiresIn <= 0 {
		t.Fatalf("token response %s", body)
	}
	c.token = tok.AccessToken
	return c
}

func (c *client) tokenRequest(form url.Values) (int, []byte) {
	resp, err := c.http.PostForm(c.srv.AuthorityHost+"tid/oauth2/v2.0/token", form)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func (c *client) do(method, path string, body []byte, hdr map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	req, _ := http.NewRequestWithContext(context.Background(), method, c.srv.GraphURL+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func (c *client) get(path string) (int, map[string]any) {
	resp, b := c.do("GET", path, nil, nil)
	var m map[string]any
	json.Unmarshal(b, &m)
	return resp.StatusCode, m
}

func errorCode(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

func TestQueryValidation(t *testing.T) {
	c := start(t, fixture())
	cases := []struct {
		path   string
		status int
	}{
		{"/users?$top=999&$select=id", 200},
		{"/users?$top=1000", 400}, // "Must be between 1 and 999 inclusive"
		// Graph supports it, the emulator does not model it: its own 501, never ignored.
		{"/users?$orderby=displayName", 501},
		{"/users?$select=id,employeeId", 501},
		{"/users?$select=id,nosuch", 400},         // not in the metadata: Graph's 400
		{"/users?$select=id,AccountEnabled", 400}, // names are case-sensitive
		{"/users?$skip=1", 400},                   // Learn's List users page: $skip is not supported
		{"/users?$count=true&$select=id", 200},
		{"/users?$nosuch=1", 400},
		{"/users?nosuch=1", 400},
		{"/users?$filter=startswith(displayName,'A')", 501}, // a function the emulator does not parse
		{"/users?$filter=jobTitle%20eq%20'x'", 501},         // a real property it does not filter on
		{"/users?$filter=nosuch%20eq%20'x'", 400},
		{"/subscribedSkus?$top=5", 400},        // annotated TopSupported=false
		{"/subscribedSkus?$select=skuId", 200}, // annotated unsupported; Learn's List page documents it
		{"/organization?$top=1", 200},          // not annotated: OData's default is supported
		{"/organization?$expand=nosuch", 400},
		{"/organization?$expand=branding", 501},
		// Microsoft's v1.0 metadata: TopSupported=true, SkipSupported=false.
		{"/reports/authenticationMethods/userRegistrationDetails?$top=5", 200},
		{"/reports/authenticationMethods/userRegistrationDetails?$top=1000", 400},
		{"/reports/authenticationMethods/userRegistrationDetails?$skip=5", 400},
		{"/nosuch", 404},
	}
	for _, tc := range cases {
		if got, body := c.get(tc.path); got != tc.status {
			t.Errorf("GET %s = %d, want %d (%v)", tc.path, got, tc.status, body)
		}
	}
}

func TestUsersDefaultPropertiesAndPaging(t *testing.T) {
	f := fixture()
	f.Faults.PageCap = 2
	c := start(t, f)
	_, page := c.get("/users")
	users := page["value"].([]any)
	if _, ok := users[0].(map[string]any)["accountEnabled"]; ok {
		t.Error("accountEnabled returned without $select; Graph returns only default properties")
	}
	next, _ := page["@odata.nextLink"].(string)
	if !strings.HasPrefix(next, "https://127.0.0.1:") || len(users) != 2 {
		t.Fatalf("page 1: %d users, nextLink %q", len(users), next)
	}
	req, _ := http.NewRequest("GET", next, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var p2 map[string]any
	json.NewDecoder(resp.Body).Decode(&p2)
	resp.Body.Close()
	if n := len(p2["value"].([]any)); n != 1 || p2["@odata.nextLink"] != nil {
		t.Errorf("page 2: %d users, nextLink %v", n, p2["@odata.nextLink"])
	}
}

func TestRegistrationReportQuirks(t *testing.T) {
	c := start(t, fixture())
	code, body := c.get("/reports/authenticationMethods/userRegistrationDetails")
	if code != 200 {
		t.Fatalf("%d %v", code, body)
	}
	rows := body["value"].([]any)
	ids := map[string]string{}
	for _, r := range rows {
		m := r.(map[string]any)
		ids[m["id"].(string)] = m["userType"].(string)
	}
	if _, ok := ids["u2"]; ok {
		t.Error("disabled user u2 is in the registration report")
	}
	if ids["u1"] != "member" || ids["u3"] != "guest" {
		t.Errorf("userType must be lowercase: %v", ids)
	}
}

func TestLicenceAndPermissionAnswers(t *testing.T) {
	f := fixture()
	no := false
	f.Faults.Premium = &no
	c := start(t, f)
	if code, body := c.get("/reports/authenticationMethods/userRegistrationDetails"); code != 403 || errorCode(body) != "Authentication_RequestFromNonPremiumTenantOrB2CTenant" {
		t.Errorf("non-premium: %d %v", code, body)
	}
	if code, body := c.get("/devices"); code != 403 || errorCode(body) != "Authorization_RequestDenied" {
		t.Errorf("missing Device.Read.All: %d %v", code, body)
	}
	if code, body := c.get("/deviceManagement"); code != 403 {
		t.Errorf("deviceManagement without permission: %d %v", code, body)
	}
	if code, _ := c.get("/users/u1/authentication/methods"); code != 200 {
		t.Errorf("methods: %d", code)
	}
}

func TestMethodsHaveODataTypes(t *testing.T) {
	c := start(t, fixture())
	_, body := c.get("/users/u1/authentication/methods")
	var types []string
	for _, m := range body["value"].([]any) {
		types = append(types, m.(map[string]any)["@odata.type"].(string))
	}
	want := "#microsoft.graph.passwordAuthenticationMethod #microsoft.graph.phoneAuthenticationMethod #microsoft.graph.microsoftAuthenticatorAuthenticationMethod"
	if strings.Join(types, " ") != want {
		t.Errorf("types = %v", types)
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestBatch(t *testing.T) {
	f := fixture()
	f.Faults.ThrottleEvery, f.Faults.ThrottleRetryAfter = 3, "2.5"
	c := start(t, f)
	var reqs []map[string]any
	for i := 1; i <= 5; i++ {
		reqs = append(reqs, map[string]any{"id": string(rune('0' + i)), "method": "GET", "url": "/users/u1/authentication/methods"})
	}
	body, _ := json.Marshal(map[string]any{"requests": reqs})
	resp, raw := c.do("POST", "/$batch", gz(body), map[string]string{"Content-Encoding": "gzip", "Content-Type": "application/json"})
	if resp.StatusCode != 200 {
		t.Fatalf("batch: %d %s", resp.StatusCode, raw)
	}
	var out struct {
		Responses []struct {
			ID      string            `json:"id"`
			Status  int               `json:"status"`
			Headers map[string]string `json:"headers"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Responses) != 5 || out.Responses[0].ID != "5" {
		t.Errorf("responses not reversed: %+v", out.Responses)
	}
	throttled := 0
	for _, r := range out.Responses {
		if r.Status == 429 {
			throttled++
			if r.Headers["Retry-After"] != "2.5" {
				t.Errorf("throttled item without Retry-After: %+v", r)
			}
		}
	}
	if throttled == 0 {
		t.Error("no item throttled with ThrottleEvery=3")
	}
	// 21 items, or duplicate ids: the whole batch is a 400.
	var many []map[string]any
	for i := 0; i < 21; i++ {
		many = append(many, map[string]any{"id": strings.Repeat("x", i+1), "method": "GET", "url": "/users"})
	}
	b21, _ := json.Marshal(map[string]any{"requests": many})
	if resp, _ := c.do("POST", "/$batch", b21, nil); resp.StatusCode != 400 {
		t.Errorf("21 items: %d", resp.StatusCode)
	}
	dup, _ := json.Marshal(map[string]any{"requests": []map[string]any{{"id": "a", "method": "GET", "url": "/users"}, {"id": "A", "method": "GET", "url": "/users"}}})
	if resp, _ := c.do("POST", "/$batch", dup, nil); resp.StatusCode != 400 {
		t.Errorf("duplicate ids: %d", resp.StatusCode)
	}
}

func TestUsageReportRedirect(t *testing.T) {
	c := start(t, fixture())
	resp, _ := c.do("GET", "/reports/getSharePointSiteUsageDetail(period='D30')", nil, nil)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 302 || loc == "" || strings.HasPrefix(loc, c.srv.GraphURL) {
		t.Fatalf("want 302 to another origin, got %d %q", resp.StatusCode, loc)
	}
	// Following with the bearer token is refused: it would leak the token.
	req, _ := http.NewRequest("GET", loc, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	r2, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.StatusCode != 400 {
		t.Errorf("download with Authorization: %d", r2.StatusCode)
	}
	resp, _ = c.do("GET", "/reports/getSharePointSiteUsageDetail(period='D30')", nil, nil)
	r3, err := c.http.Get(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	csv, _ := io.ReadAll(r3.Body)
	r3.Body.Close()
	if !bytes.HasPrefix(csv, []byte("\ufeffReport Refresh Date,Site Id")) {
		t.Errorf("CSV does not start with BOM and header: %q", csv[:40])
	}
	// Names are concealed by default (since 2021): no UPN in the file.
	if bytes.Contains(csv, []byte("o@x.test")) {
		t.Error("concealed report contains a UPN")
	}
	if code, _ := c.get("/reports/getSharePointSiteUsageDetail(period='D31')"); code != 400 {
		t.Errorf("bad period: %d", code)
	}
}

func TestTokenEndpointErrors(t *testing.T) {
	c := start(t, fixture())
	base := url.Values{"grant_type": {"client_credentials"}, "client_id": {"cid"}, "scope": {"https://graph.microsoft.com/.default"}}
	with := func(k, v string) url.Values {
		out := url.Values{}
		for kk, vv := range base {
			out[kk] = vv
		}
		out.Set(k, v)
		return out
	}
	for _, tc := range []struct {
		form url.Values
		code string
	}{
		{with("client_secret", "wrong"), "AADSTS7000215"},
		{with("client_id", "nope"), "AADSTS700016"},
		{base, "AADSTS7000218"},
	} {
		status, body := c.tokenRequest(tc.form)
		if status < 400 || !strings.Contains(string(body), tc.code) {
			t.Errorf("want %s, got %d %s", tc.code, status, body)
		}
	}
	if resp, _ := c.do("GET", "/users", nil, map[string]string{"Authorization": "Bearer forged.token.value"}); resp.StatusCode != 401 {
		t.Errorf("forged token: %d", resp.StatusCode)
	}
	if resp, _ := c.do("PATCH", "/users", []byte("{}"), nil); resp.StatusCode != 405 {
		t.Errorf("write: %d", resp.StatusCode)
	}
}

// TestDeviceSecretsRequests: the LAPS and BitLocker lists want a User-Agent
// (Learn lists it as required), the key list takes no $top (the metadata's
// TopSupported is false, and Learn says so), and neither list carries the
// secret itself.
func TestDeviceSecretsRequests(t *testing.T) {
	f := fixture()
	f.Data.RecoveryKeys.Set([]tenant.RecoveryKey{{ID: "k1", DeviceID: "d1", VolumeType: "operatingSystemVolume"}})
	f.Data.LocalCredentials.Set([]tenant.LocalCredential{{DeviceID: "d1", DeviceName: "PC1"}})
	f.Apps[0].Roles = append(f.Apps[0].Roles, "BitlockerKey.ReadBasic.All", "DeviceLocalCredential.ReadBasic.All")
	c := start(t, f)
	for _, path := range []string{"/informationProtection/bitlocker/recoveryKeys", "/directory/deviceLocalCredentials"} {
		resp, b := c.do("GET", path, nil, map[string]string{"User-Agent": ""})
		if resp.StatusCode != 400 {
			t.Errorf("%s without User-Agent: %d %s", path, resp.StatusCode, b)
		}
		code, m := c.get(path)
		items, _ := m["value"].([]any)
		if code != 200 || len(items) != 1 {
			t.Fatalf("%s: %d %v", path, code, m)
		}
		item := items[0].(map[string]any)
		if _, ok := item["key"]; ok {
			t.Errorf("%s returned a key: %v", path, item)
		}
		if _, ok := item["credentials"]; ok {
			t.Errorf("%s returned credentials: %v", path, item)
		}
	}
	if code, m := c.get("/informationProtection/bitlocker/recoveryKeys?$top=5"); code != 400 {
		t.Errorf("$top on recovery keys: %d %v", code, m)
	}
	if code, m := c.get("/informationProtection/bitlocker/recoveryKeys?$filter=deviceId%20eq%20'd2'"); code != 200 || len(m["value"].([]any)) != 0 {
		t.Errorf("$filter by deviceId: %d %v", code, m)
	}
}
