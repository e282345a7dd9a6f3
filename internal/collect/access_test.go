package collect

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/tenant"
)

func b(v bool) *bool { return &v }

func TestDatasetAccess(t *testing.T) {
	a := &Access{AppOnly: true, Granted: []string{"Directory.Read.All", "UserAuthenticationMethod.Read.All", "Policy.Read.All"},
		P1: b(false), P2: b(false), Intune: b(true)}
	cases := []struct {
		d      tenant.Dataset
		want   Readability
		reason string
	}{
		{tenant.DatasetUsers, Readable, ""},                                                     // Directory.Read.All is accepted
		{tenant.DatasetMFARegistration, Readable, "fallback"},                                   // no P1, but the per-person fallback answers
		{tenant.DatasetAuthMethodsPolicy, Readable, ""},                                         // Policy.Read.All is accepted
		{tenant.DatasetConditionalAccess, Unlicensed, "licence"},                                // no P1
		{tenant.DatasetRoleEligibilities, Unlicensed, "RoleEligibilitySchedule.Read.Directory"}, // no P2; Directory.Read.All is not accepted either
		{tenant.DatasetSiteUsage, Unreadable, "Reports.Read.All"},                               // not granted
		{tenant.DatasetGroups, Partly, "Sites.Read.All"},                                        // groups and owners yes, their sites no
		{tenant.DatasetRoleAssignments, Readable, ""},                                           // role data and group members through Directory.Read.All
		{tenant.DatasetSignInActivity, Unlicensed, "AuditLog.Read.All"},                         // needs P1, and the permission besides
	}
	for _, tc := range cases {
		got, why := a.DatasetAccess(tc.d)
		if got != tc.want || !strings.Contains(why, tc.reason) {
			t.Errorf("%s: %s %q, want %s %q", tc.d, got, why, tc.want, tc.reason)
		}
	}
	unknown := &Access{AppOnly: true, Granted: []string{"Policy.Read.All"}}
	if r, _ := unknown.DatasetAccess(tenant.DatasetConditionalAccess); r == Unreadable || r == Unlicensed {
		t.Error("unknown licences must not block a dataset")
	}
	// A licence gap is not a permission gap: with neither, no grant alone
	// would help, and the permission is still named for later.
	noPerm := &Access{AppOnly: true, Granted: []string{"User.Read.All"}, P1: b(false)}
	if r, why := noPerm.DatasetAccess(tenant.DatasetConditionalAccess); r != Unlicensed || !strings.Contains(why, "Policy.Read.All") ||
		!strings.Contains(why, "Microsoft Entra ID P1") {
		t.Errorf("no P1 and no permission: %s %q", r, why)
	}
}

// TestDatasetAccessPerEndpoint is the case a dataset of several endpoints
// must get right: with only Sites.Read.All, GET /groups is refused, so the
// groups dataset is not readable although one of its endpoints is.
func TestDatasetAccessPerEndpoint(t *testing.T) {
	a := &Access{AppOnly: true, Granted: []string{"Sites.Read.All"}}
	if r, why := a.DatasetAccess(tenant.DatasetGroups); r != Unreadable || !strings.Contains(why, "GroupMember.Read.All for GET /groups") {
		t.Errorf("groups with only Sites.Read.All: %s %q", r, why)
	}
	if r, _ := a.DatasetAccess(tenant.DatasetSites); r != Readable {
		t.Errorf("sites with Sites.Read.All: %s", r)
	}
	// A signed-in user cannot call getAllSites; the search endpoint is theirs.
	d := &Access{AppOnly: false, Granted: []string{"Sites.Read.All"}}
	if r, why := d.DatasetAccess(tenant.DatasetSites); r != Readable {
		t.Errorf("delegated sites: %s %q", r, why)
	}
	// Sign-in activity needs AuditLog.Read.All besides a permission that reads users.
	s := &Access{AppOnly: true, Granted: []string{"AuditLog.Read.All"}, P1: b(true)}
	if r, why := s.DatasetAccess(tenant.DatasetSignInActivity); r != Unreadable || !strings.Contains(why, "AuditLog.Read.All and User.Read.All") {
		t.Errorf("signInActivity with AuditLog.Read.All alone: %s %q", r, why)
	}
	s.Granted = append(s.Granted, "User.Read.All")
	if r, why := s.DatasetAccess(tenant.DatasetSignInActivity); r != Readable {
		t.Errorf("signInActivity with both: %s %q", r, why)
	}
}

// TestTableIsReadOnlyAndComplete: every dataset has a main endpoint for each
// kind of sign-in, and nothing in the table may write.
func TestTableIsReadOnlyAndComplete(t *testing.T) {
	for _, d := range tenant.AllDatasets() {
		for _, appOnly := range []bool{true, false} {
			main := false
			for _, e := range EndpointsOf(d) {
				main = main || (e.Part == PartMain && len(e.Accepted(appOnly)) > 0)
			}
			if !main {
				t.Errorf("%s has no main endpoint for appOnly=%v", d, appOnly)
			}
		}
	}
	for _, e := range Endpoints() {
		if e.Method != "GET" {
			t.Errorf("%s is not a GET", e.Request())
		}
		for _, p := range append(append(append([]string{}, e.Application...), e.Delegated...), e.Also...) {
			if strings.Contains(p, "Write") {
				t.Errorf("%s accepts a write permission %s: list read permissions only", e.Request(), p)
			}
		}
	}
}

// TestFallbackOnlyForTheLicence: the collector falls back to per-person
// lookups only when the registration report needs a licence the tenant
// lacks; the one permission the lookups take also reads the report, so with
// P1 the report is read, and with neither permission nothing is.
func TestFallbackOnlyForTheLicence(t *testing.T) {
	a := &Access{AppOnly: true, Granted: []string{"UserAuthenticationMethod.Read.All", "User.Read.All"}, P1: b(true)}
	if r, why := a.DatasetAccess(tenant.DatasetMFARegistration); r != Readable {
		t.Errorf("UserAuthenticationMethod.Read.All is accepted for the report too: %s %q", r, why)
	}
	a.Granted = []string{"User.Read.All"}
	a.P1 = b(false)
	if r, _ := a.DatasetAccess(tenant.DatasetMFARegistration); r != Unreadable {
		t.Errorf("no permission for either: %s", r)
	}
}
