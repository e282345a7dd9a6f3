package graphmeta_test

import (
	"testing"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/graphmeta"
)

// Every request in the permission table has its path in the subset, with
// the type Microsoft says it answers with.
func TestEveryRequestPathIsInTheSubset(t *testing.T) {
	m := graphmeta.V1()
	for _, e := range collect.Endpoints() {
		p, ok := m.Paths[e.Path]
		if !ok {
			t.Errorf("%s is not in the metadata subset: regenerate it (go run ./internal/graphmeta/gen)", e.Path)
			continue
		}
		if _, ok := m.Types[p.Type]; !ok {
			t.Errorf("%s answers with %s, which the subset does not define", e.Path, p.Type)
		}
	}
	// Spot checks against the CSDL as Microsoft publishes it.
	for path, typ := range map[string]string{
		"/users/{id}/authentication/methods":                     "microsoft.graph.authenticationMethod",
		"/reports/authenticationMethods/userRegistrationDetails": "microsoft.graph.userRegistrationDetails",
		"/groups/{id}/transitiveMembers":                         "microsoft.graph.directoryObject",
	} {
		if got := m.Paths[path].Type; got != typ {
			t.Errorf("%s answers with %q, want %q", path, got, typ)
		}
	}
}

func TestSupportedReadsTheAnnotations(t *testing.T) {
	m := graphmeta.V1()
	reg := m.Paths["/reports/authenticationMethods/userRegistrationDetails"]
	sku := m.Paths["/subscribedSkus"]
	owners := m.Paths["/groups/{id}/owners"]
	users := m.Paths["/users"]
	cases := []struct {
		name                string
		p                   graphmeta.Path
		o                   graphmeta.Option
		supported, conflict bool
	}{
		{"registration report $top", reg, graphmeta.Top, true, false},
		{"registration report $skip", reg, graphmeta.Skip, false, false},
		{"subscribedSkus $top", sku, graphmeta.Top, false, false},
		{"directoryObject $skip (annotated both ways)", owners, graphmeta.Skip, true, true},
		{"directoryObject $select", owners, graphmeta.Select, false, false},
		{"users $orderby (not annotated)", users, graphmeta.Sort, true, false},
	}
	for _, tc := range cases {
		s, c := m.Supported(tc.p, tc.o)
		if s != tc.supported || c != tc.conflict {
			t.Errorf("%s: supported=%v conflict=%v, want %v %v", tc.name, s, c, tc.supported, tc.conflict)
		}
	}
	if !m.NonExpandable(users, "joinedTeams") || m.NonExpandable(users, "manager") {
		t.Error("NonExpandableProperties on microsoft.graph.GraphService/users not read")
	}
}
