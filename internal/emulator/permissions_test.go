package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
)

// permissionFixture is a tenant with every licence and one object of each
// kind a keyed endpoint needs, so that every endpoint can answer.
func permissionFixture() *Fixture {
	f := fixture()
	yes := true
	f.Faults.Premium, f.Faults.PremiumP2, f.Faults.Intune = &yes, &yes, &yes
	s := f.Data
	s.Groups.Set([]tenant.Group{{ID: "g1", DisplayName: "Team", RootSite: &tenant.SiteRef{ID: "site-1", WebURL: "https://x/sites/team"}}})
	s.Sites.Set([]tenant.Site{{ID: "site-1", WebURL: "https://x/sites/team"}})
	s.ConditionalAccess.Set([]tenant.ConditionalAccess{{ID: "p1", DisplayName: "P", State: "enabled", IncludeUsers: []string{"All"},
		ExcludeGroups: []string{"g1"}, Groups: []tenant.GroupMembers{{ID: "g1"}}}})
	s.OneDriveUsage.Set(nil)
	return f
}

// requestFor fills an endpoint's keys from the fixture and adds its query.
func requestFor(e collect.Endpoint) string {
	p := e.Path
	switch {
	case strings.HasPrefix(p, "/users/{id}"):
		p = strings.Replace(p, "{id}", "u1", 1)
	case strings.HasPrefix(p, "/groups/{id}"):
		p = strings.Replace(p, "{id}", "g1", 1)
	}
	if e.Query != "" {
		q := url.Values{}
		for _, kv := range strings.Split(e.Query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			// The table writes the sign-in log's moving lower bound in words.
			q.Set(k, strings.ReplaceAll(v, "{days ago}", "2026-11-25T00:00:00Z"))
		}
		p += "?" + q.Encode()
	}
	return p
}

// TestEmulatorEnforcesThePermissionTable proves the emulator refuses exactly
// what the one permission table says Graph refuses: for every endpoint,
// every permission in the table on its own (and with the endpoint's Also),
// as an application and as a signed-in user, it answers when and only when
// the table says the token may call the endpoint.
func TestEmulatorEnforcesThePermissionTable(t *testing.T) {
	c := start(t, permissionFixture())
	var universe []string
	for _, e := range collect.Endpoints() {
		for _, p := range append(append(append([]string{}, e.Application...), e.Delegated...), e.Also...) {
			if !slices.Contains(universe, p) {
				universe = append(universe, p)
			}
		}
	}
	universe = append(universe, "User.Read", "Mail.Read") // one only some endpoints take, one none does
	for _, e := range collect.Endpoints() {
		path := requestFor(e)
		for _, delegated := range []bool{false, true} {
			var grants [][]string
			for _, p := range universe {
				grants = append(grants, []string{p})
				if len(e.Also) > 0 {
					grants = append(grants, append([]string{p}, e.Also...))
				}
			}
			for _, g := range grants {
				tok, _ := c.srv.issueToken(&App{ClientID: "cid", Roles: g, Delegated: delegated}, "https://graph.microsoft.com")
				code := c.getWith(tok, path)
				want := e.Allows(!delegated, g)
				got := code != http.StatusForbidden
				if got != want || (got && code >= 400) {
					t.Errorf("%s as %s with %v: HTTP %d, the table says allowed=%v", e.Request(), map[bool]string{false: "app", true: "user"}[delegated], g, code, want)
				}
			}
		}
	}
}

// TestEveryRouteIsInTheTable: the emulator serves nothing the permission
// table does not list, so no endpoint escapes the access check.
func TestEveryRouteIsInTheTable(t *testing.T) {
	for _, r := range routes {
		path := strings.NewReplacer("{}", "x", "{fn}", "getOneDriveUsageAccountDetail(period='D30')").Replace(r.pattern)
		if endpointFor(path) == nil {
			t.Errorf("route %s (%s) has no row in collect.Endpoints", r.name, r.pattern)
		}
	}
}

func (c *client) getWith(token, path string) int {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.srv.GraphURL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
