package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func site(key string) tenant.Site {
	return tenant.Site{ID: "x.sharepoint.com,coll-" + key + ",web-" + key, WebURL: "https://x.sharepoint.com/sites/" + key}
}

func groupWithSite(key string, owners ...tenant.Principal) tenant.Group {
	s := site(key)
	if owners == nil {
		owners = []tenant.Principal{}
	}
	return tenant.Group{ID: "g-" + key, DisplayName: key, Owners: owners, RootSite: &tenant.SiteRef{ID: s.ID, WebURL: s.WebURL}}
}

func TestSiteOwnership(t *testing.T) {
	cases := []struct {
		name    string
		build   func(*snap)
		status  result.Status
		details map[string]string
	}{
		{"group sites with two current owners", func(s *snap) {
			s.Sites.Set([]tenant.Site{site("a")})
			s.Groups.Set([]tenant.Group{groupWithSite("a", userPrincipal("p1@x.test"), userPrincipal("p2@x.test"))})
		}, result.StatusPass, map[string]string{"a": ""}},
		{"single owner, guest owner, owner who left, no owner", func(s *snap) {
			s.user("left@x.test", []string{skuSPB}, disabled)
			s.user("g@x.test", nil, guest)
			s.Sites.Set([]tenant.Site{site("single"), site("guest"), site("left"), site("none")})
			s.Groups.Set([]tenant.Group{groupWithSite("single", userPrincipal("p1@x.test")),
				groupWithSite("guest", userPrincipal("g@x.test"), userPrincipal("p1@x.test")),
				groupWithSite("left", userPrincipal("left@x.test")), groupWithSite("none")})
		}, result.StatusFail, map[string]string{"single": "a single owner", "guest": "is a guest", "left": "no current owner", "none": "no owner"}},
		{"non-group site owner from the usage report", func(s *snap) {
			s.Sites.Set([]tenant.Site{site("classic"), site("gone")})
			s.Groups.Set(nil)
			s.SiteUsage.Set([]tenant.SiteUsage{{SiteID: "coll-classic", OwnerPrincipalName: "p1@x.test"},
				{SiteID: "coll-gone", OwnerPrincipalName: "deleted@x.test"}})
		}, result.StatusFail, map[string]string{"classic": "one known owner, the primary site admin", "gone": "no longer exists"}},
		{"without the site list, group sites are still judged and the rest is unknown", func(s *snap) {
			s.Sites.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Sites.Read.All"})
			s.Groups.Set([]tenant.Group{groupWithSite("a", userPrincipal("p1@x.test"), userPrincipal("p2@x.test"))})
		}, result.StatusWarn, map[string]string{"a": ""}},
		{"concealed names make owners unknown, with the fix", func(s *snap) {
			s.Sites.Set([]tenant.Site{site("classic")})
			s.Groups.Set(nil)
			s.SiteUsage.Set([]tenant.SiteUsage{{SiteID: "coll-classic", OwnerPrincipalName: "0A1B2C00112233445566778899AABBCC", Concealed: true}})
		}, result.StatusSkipped, map[string]string{"classic": "Display concealed user"}},
		{"usage report missing: non-group sites unknown, group sites still judged", func(s *snap) {
			s.Sites.Set([]tenant.Site{site("classic"), site("a")})
			s.Groups.Set([]tenant.Group{groupWithSite("a", userPrincipal("p1@x.test"), userPrincipal("p2@x.test"))})
			s.SiteUsage.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Reports.Read.All"})
		}, result.StatusWarn, map[string]string{"classic": "Reports.Read.All", "a": ""}},
		{"OneDrive sites are excluded", func(s *snap) {
			od := site("od")
			od.IsPersonalSite = true
			s.Sites.Set([]tenant.Site{od})
			s.Groups.Set(nil)
		}, result.StatusNotApplicable, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.user("p1@x.test", []string{skuSPB})
			s.user("p2@x.test", []string{skuSPB})
			s.SiteUsage.Set(nil)
			tc.build(s)
			r := eval(t, SiteOwnership, s, Settings{})
			if r.Status != tc.status {
				t.Fatalf("status %s, want %s (%s) %+v", r.Status, tc.status, r.Summary, r.Findings)
			}
			for key, want := range tc.details {
				f := findingFor(r, site(key).WebURL)
				switch {
				case want == "" && f != nil:
					t.Errorf("%s: unexpected finding %q", key, f.Detail)
				case want != "" && (f == nil || !strings.Contains(f.Detail, want)):
					t.Errorf("%s: finding %+v, want %q", key, f, want)
				}
			}
			if tc.name == "without the site list, group sites are still judged and the rest is unknown" &&
				(r.Bounds == nil || r.Bounds.Exact() || len(r.Missing) != 1 || r.Missing[0].Dataset != "sites") {
				t.Errorf("missing sites not recorded: %+v %+v", r.Bounds, r.Missing)
			}
			if tc.status == result.StatusSkipped && !strings.Contains(r.Reason, "concealed") {
				t.Errorf("skip reason does not say how to fix: %q", r.Reason)
			}
		})
	}
}
