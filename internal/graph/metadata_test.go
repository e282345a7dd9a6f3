package graph

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/graphmeta"
)

// TestRequestsNameWhatTheMetadataDefines collects the demo tenant, app-only
// and signed in, and checks every request the collector sent against
// Microsoft's v1.0 metadata, not against the emulator: each path is one it
// defines, each $select names a property of the path's type (or of a type
// derived from it), each $expand a navigation property, and no answer was a
// 400 (Graph refused) or a 501 (the emulator does not model it).
func TestRequestsNameWhatTheMetadataDefines(t *testing.T) {
	m := graphmeta.V1()
	for _, delegated := range []bool{false, true} {
		f := demoFixture()
		// With P2 too, no licence gate answers 400 (PIM's does), so every
		// 400 would be a refused query.
		yes := true
		f.Faults.PremiumP2 = &yes
		if delegated {
			f.Apps[0].Delegated = true
			f.Apps[0].Roles = collect.DelegatedPermissions()
		}
		srv := startEmulator(t, f)
		collectFrom(t, srv, f)
		seen := 0
		for _, r := range srv.Requests() {
			if r.Origin != "graph" || r.Path == "/v1.0/$batch" {
				continue
			}
			seen++
			if r.Status == http.StatusBadRequest || r.Status == http.StatusNotImplemented {
				t.Errorf("%s?%s answered %d", r.Path, r.Query, r.Status)
			}
			doc, p, ok := m.PathFor(strings.TrimPrefix(r.Path, "/v1.0"))
			if !ok {
				t.Errorf("%s: not a path of the metadata subset", r.Path)
				continue
			}
			q, err := url.ParseQuery(r.Query)
			if err != nil {
				t.Errorf("%s: query %q: %v", r.Path, r.Query, err)
				continue
			}
			for _, sel := range q["$select"] {
				for _, name := range strings.Split(sel, ",") {
					if !m.Selectable(p.Type, name) {
						t.Errorf("%s: $select=%s, which %s does not define", doc, name, p.Type)
					}
				}
			}
			for _, exp := range q["$expand"] {
				name, nested, _ := strings.Cut(strings.TrimSuffix(exp, ")"), "($select=")
				nav, ok := m.Navigation(p.Type, name)
				if !ok {
					t.Errorf("%s: $expand=%s, not a navigation property of %s", doc, exp, p.Type)
					continue
				}
				for _, sel := range strings.Split(nested, ",") {
					if sel != "" && !m.Selectable(nav.Type, sel) {
						t.Errorf("%s: $expand=%s selects %s, which %s does not define", doc, exp, sel, nav.Type)
					}
				}
			}
		}
		if seen < 15 {
			t.Errorf("delegated=%v: only %d requests seen", delegated, seen)
		}
	}
}
