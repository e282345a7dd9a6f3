package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestGroupCreation(t *testing.T) {
	cases := []struct {
		gc      tenant.GroupCreation
		status  result.Status
		summary string
	}{
		{tenant.GroupCreation{EnableGroupCreation: true}, result.StatusWarn, "tenant default"},
		{tenant.GroupCreation{Configured: true, EnableGroupCreation: true}, result.StatusWarn, "Every user"},
		{tenant.GroupCreation{Configured: true, AllowedGroupID: "g"}, result.StatusPass, "one group"},
		{tenant.GroupCreation{Configured: true}, result.StatusPass, "Only administrators"},
	}
	for _, tc := range cases {
		s := newSnap()
		s.GroupSettings.Set(tc.gc)
		r := eval(t, GroupCreation, s, Settings{})
		if r.Status != tc.status || !strings.Contains(r.Summary, tc.summary) {
			t.Errorf("%+v: %s %q", tc.gc, r.Status, r.Summary)
		}
	}
	s := newSnap()
	s.GroupSettings.Fail(tenant.Status{State: tenant.StateDenied, Permission: "GroupSettings.Read.All"})
	if r := eval(t, GroupCreation, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "GroupSettings.Read.All") {
		t.Errorf("%+v", r)
	}
}
