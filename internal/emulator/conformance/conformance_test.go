package conformance

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/graphmeta"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

var now = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

const secret = "conformance-secret"

// withPIM gives a tenant Entra ID P2 and one eligible group, so the
// eligibility path answers.
func withPIM(f *emulator.Fixture) *emulator.Fixture {
	yes := true
	f.Faults.PremiumP2 = &yes
	u := f.Data.Users.Items[1]
	f.Data.RoleEligibilities.Set([]tenant.RoleAssignment{{
		ID: "elig-1", RoleDefinitionID: "62e90394-69f5-4237-9190-012177145e10", DirectoryScopeID: "/", MemberType: "Direct",
		Principal: tenant.Principal{ID: "8e2f7f43-0000-4000-8000-00000000a001", Type: "group", DisplayName: "Tier0 Admins"},
		GroupMembers: []tenant.Principal{{ID: u.ID, Type: "user", DisplayName: u.DisplayName,
			UserPrincipalName: u.UserPrincipalName, AccountEnabled: &yes}},
	}})
	return f
}

// withGroupSettings gives a tenant the Group.Unified settings object, which
// exists only once someone has changed a default.
func withGroupSettings(f *emulator.Fixture) *emulator.Fixture {
	f.Data.GroupSettings.Set(tenant.GroupCreation{Configured: true, EnableGroupCreation: false,
		AllowedGroupID: "8e2f7f43-0000-4000-8000-00000000a002"})
	return f
}

// signedIn makes the tenant's app a signed-in user's, for the paths only a
// delegated sign-in may call (listing sites through search).
func signedIn(f *emulator.Fixture) *emulator.Fixture {
	f.Apps[0].Delegated = true
	f.Apps[0].Roles = collect.DelegatedPermissions()
	return f
}

// withRichPolicy adds a Conditional Access policy that sets the conditions
// and controls the demo's policies leave empty, so their encoding is
// validated too.
func withRichPolicy(f *emulator.Fixture) *emulator.Fixture {
	f.Data.ConditionalAccess.Items = append(f.Data.ConditionalAccess.Items, tenant.ConditionalAccess{
		ID: "8e2f7f43-0000-4000-8000-00000000ca01", DisplayName: "Rich", State: "disabled",
		IncludeUsers: []string{"GuestsOrExternalUsers"}, IncludeGuestsOrExternalUsers: "internalGuest,b2bCollaborationGuest",
		ExcludeGuestsOrExternalUsers: "serviceProvider", IncludeApplications: []string{"Office365"},
		IncludeUserActions: []string{"urn:user:registersecurityinfo"}, ClientAppTypes: []string{"browser", "mobileAppsAndDesktopClients"},
		IncludePlatforms: []string{"windows", "macOS"}, ExcludePlatforms: []string{"linux"}, IncludeLocations: []string{"All"},
		ExcludeLocations: []string{"AllTrusted"}, SignInRiskLevels: []string{"high"}, UserRiskLevels: []string{"medium"},
		DeviceFilterMode: "exclude", DeviceFilterRule: `device.trustType -eq "AzureAD"`, AuthenticationFlows: "deviceCodeFlow",
		InsiderRisk: "elevated", GrantOperator: "AND", BuiltInControls: []string{"mfa", "compliantApplication"},
		AuthenticationStrength: "Phishing-resistant MFA"})
	f.Data.ConditionalAccess.Count = len(f.Data.ConditionalAccess.Items)
	return f
}

func tenants() map[string]*emulator.Fixture {
	return map[string]*emulator.Fixture{
		"demo-signed-in": signedIn(demo.Fixture(now, secret)),
		"demo":           withRichPolicy(withPIM(demo.Fixture(now, secret))),
		"synthetic-p1":   withGroupSettings(synth.Generate(synth.Spec{People: 120, Seed: 7}, now, secret)),
		"synthetic-free": synth.Generate(synth.Spec{People: 60, Seed: 8, Free: true}, now, secret),
	}
}

type client struct {
	t     *testing.T
	srv   *emulator.Server
	http  *http.Client
	token string
}

func connect(t *testing.T, f *emulator.Fixture) *client {
	t.Helper()
	srv, err := emulator.Start(t.Context(), f, emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	c := &client{t: t, srv: srv, http: &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: srv.PKI().CAPool}}}}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {f.Apps[0].ClientID}, "client_secret": {secret},
		"scope": {"https://graph.microsoft.com/.default"}}
	resp, err := c.http.PostForm(srv.AuthorityHost+f.TenantID+"/oauth2/v2.0/token", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token: %d %v", resp.StatusCode, err)
	}
	c.token = tok.AccessToken
	return c
}

// get fetches a Graph URL (relative to /v1.0 or absolute) and decodes it
// with UseNumber, so integers and doubles stay distinguishable.
func (c *client) get(u string) (int, map[string]any) {
	c.t.Helper()
	if !strings.HasPrefix(u, "https://") {
		u = c.srv.GraphURL + u
	}
	req, _ := http.NewRequestWithContext(c.t.Context(), http.MethodGet, u, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&m); err != nil && resp.StatusCode == http.StatusOK {
		c.t.Fatalf("GET %s: not JSON: %v", u, err)
	}
	return resp.StatusCode, m
}

// keys fills a documented path's {id} with keys the tenant has, so that
// every path answers with objects.
func keys(doc string, s *tenant.Snapshot) []string {
	var ids []string
	switch doc {
	case "/users/{id}/authentication/methods":
		for i, u := range s.Users.Items {
			if i < 15 {
				ids = append(ids, u.ID)
			}
		}
	case "/groups/{id}/owners", "/groups/{id}/sites/root":
		for _, g := range s.Groups.Items {
			ids = append(ids, g.ID)
		}
	case "/groups/{id}/transitiveMembers":
		for _, l := range [][]tenant.RoleAssignment{s.RoleAssignments.Items, s.RoleEligibilities.Items} {
			for _, a := range l {
				if a.Principal.Type == "group" {
					ids = append(ids, a.Principal.ID)
				}
			}
		}
		for _, p := range s.ConditionalAccess.Items {
			for _, g := range p.Groups {
				ids = append(ids, g.ID)
			}
		}
	default:
		return []string{""}
	}
	return ids
}

// modelled finds which of the type's properties the emulator serves on a
// path by asking for each alone: 200 is served, 501 is defined by
// Microsoft and not modelled. Anything else is a failure.
func (c *client) modelled(u string, typ string) []string {
	c.t.Helper()
	var out []string
	m := graphmeta.V1()
	names := m.PropertyNames(typ)
	for _, d := range m.Types[typ].Derived {
		names = append(names, m.PropertyNames(d)...)
	}
	seen := map[string]bool{}
	for _, p := range names {
		if seen[p] {
			continue
		}
		seen[p] = true
		status, body := c.get(u + sep(u) + "$select=" + p)
		switch status {
		case http.StatusOK:
			out = append(out, p)
		case http.StatusNotImplemented:
		case http.StatusForbidden:
			// A licence or permission gate on the property (signInActivity without P1).
		default:
			c.t.Errorf("GET %s?$select=%s = %d, want 200 or 501: %v", u, p, status, body)
		}
	}
	return out
}

func sep(u string) string {
	if strings.Contains(u, "?") {
		return "&"
	}
	return "?"
}

// TestServedObjectsConformToTheMetadata requests every path in the
// permission table from each tenant, with every property the emulator
// models selected and with none, follows every page, and validates every
// object against Microsoft's v1.0 metadata. Each path must be validated
// against at least one tenant, with objects.
func TestServedObjectsConformToTheMetadata(t *testing.T) {
	m := graphmeta.V1()
	validated := map[string]int{}
	names := []string{}
	fixtures := tenants()
	for n := range fixtures {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		f := fixtures[name]
		t.Run(name, func(t *testing.T) {
			c := connect(t, f)
			for doc, p := range m.Paths {
				if p.Type == "microsoft.graph.report" {
					continue // a CSV stream, not JSON: internal/usagereport reads it
				}
				for _, id := range keys(doc, f.Data) {
					u := strings.Replace(doc, "{id}", url.PathEscape(id), 1)
					if doc == "/sites" {
						u += "?search=*" // a signed-in user's way to list sites; the path needs it
					}
					status, body := c.get(u)
					if status != http.StatusOK {
						// Licence or permission gates: the emulator's own tests cover them.
						continue
					}
					variants := []string{u}
					if sel := c.modelled(u, p.Type); len(sel) > 0 {
						variants = append(variants, u+sep(u)+"$select="+strings.Join(sel, ","))
					}
					if strings.HasPrefix(doc, "/roleManagement/") {
						variants = append(variants, u+sep(u)+"$expand=principal")
					}
					_ = body
					for _, v := range variants {
						validated[doc] += c.validateAll(v, p)
					}
				}
			}
		})
	}
	for doc, p := range m.Paths {
		if p.Type != "microsoft.graph.report" && validated[doc] == 0 {
			t.Errorf("%s: no object validated in any tenant; give a tenant data on it", doc)
		}
	}
}

// validateAll follows a request's pages and validates each object, and
// returns how many it validated.
func (c *client) validateAll(u string, p graphmeta.Path) int {
	c.t.Helper()
	m := graphmeta.V1()
	n := 0
	for pages := 0; u != ""; pages++ {
		if pages > 10_000 {
			c.t.Fatalf("%s: more than 10,000 pages", u)
		}
		status, body := c.get(u)
		if status != http.StatusOK {
			c.t.Errorf("GET %s = %d: %v", u, status, body)
			return n
		}
		objs := []map[string]any{body}
		u = ""
		if p.Collection {
			objs = nil
			arr, ok := body["value"].([]any)
			if !ok {
				c.t.Errorf("GET %s: a collection answer without a value array", u)
				return n
			}
			for _, x := range arr {
				o, _ := x.(map[string]any)
				objs = append(objs, o)
			}
			u, _ = body["@odata.nextLink"].(string)
		}
		for i, o := range objs {
			for _, e := range m.Validate(p.Type, o) {
				c.t.Errorf("%s [%d] %s", p.Type, i, e)
			}
			n++
		}
	}
	return n
}

func TestValidatorCatchesWhatMicrosoftDoesNotDefine(t *testing.T) {
	m := graphmeta.V1()
	num := func(s string) json.Number { return json.Number(s) }
	cases := []struct {
		name string
		typ  string
		obj  map[string]any
		want string // a fragment of the one violation expected; "" for none
	}{
		{"valid user", "microsoft.graph.user", map[string]any{"id": "x", "accountEnabled": true,
			"assignedLicenses": []any{map[string]any{"skuId": "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", "disabledPlans": []any{}}}}, ""},
		{"wrong case", "microsoft.graph.user", map[string]any{"id": "x", "AccountEnabled": true}, `no property "AccountEnabled"`},
		{"invented property", "microsoft.graph.device", map[string]any{"id": "x", "joinType": "azureAd"}, `no property "joinType"`},
		{"wrong type", "microsoft.graph.user", map[string]any{"accountEnabled": "true"}, "want a boolean"},
		{"bad GUID", "microsoft.graph.assignedLicense", map[string]any{"skuId": "SPB"}, "want a GUID"},
		{"not an enum member", "microsoft.graph.conditionalAccessPolicy", map[string]any{"state": "on"}, "not a member"},
		{"integer wanted", "microsoft.graph.subscribedSku", map[string]any{"consumedUnits": num("1.5")}, "want an integer"},
		{"null where not nullable", "microsoft.graph.assignedLicense", map[string]any{"disabledPlans": nil}, "not nullable"},
		{"unrelated @odata.type", "microsoft.graph.authenticationMethod", map[string]any{"@odata.type": "#microsoft.graph.user"}, "does not derive"},
		{"derived type's property", "microsoft.graph.authenticationMethod",
			map[string]any{"@odata.type": "#microsoft.graph.phoneAuthenticationMethod", "phoneType": "mobile"}, ""},
		{"abstract without a type", "microsoft.graph.authenticationMethod", map[string]any{"id": "x"}, "abstract"},
		{"bad date", "microsoft.graph.user", map[string]any{"createdDateTime": "yesterday"}, "RFC 3339"},
	}
	for _, tc := range cases {
		errs := m.Validate(tc.typ, tc.obj)
		switch {
		case tc.want == "" && len(errs) > 0:
			t.Errorf("%s: %v", tc.name, errs)
		case tc.want != "" && (len(errs) != 1 || !strings.Contains(errs[0], tc.want)):
			t.Errorf("%s: got %v, want one violation containing %q", tc.name, errs, tc.want)
		}
	}
	_ = fmt.Sprint
}
