package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func blockLegacy(state string, users ...string) tenant.ConditionalAccess {
	return tenant.ConditionalAccess{ID: "p-" + state, DisplayName: "Block legacy authentication", State: state,
		IncludeUsers: users, ExcludeUsers: []string{"bg"}, IncludeApplications: []string{"All"},
		ClientAppTypes: []string{"exchangeActiveSync", "other"}, GrantOperator: "OR", BuiltInControls: []string{"block"}}
}

func TestLegacyAuth(t *testing.T) {
	denied := tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.All"}
	unlicensed := tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P1"}
	mfaOnly := tenant.ConditionalAccess{ID: "mfa", DisplayName: "MFA", State: caEnabled, IncludeUsers: []string{"All"},
		IncludeApplications: []string{"All"}, GrantOperator: "OR", BuiltInControls: []string{"mfa"}}
	legacyForOneApp := blockLegacy(caEnabled, "All")
	legacyForOneApp.IncludeApplications = []string{"00000002-0000-0ff1-ce00-000000000000"}
	cases := []struct {
		name     string
		sd       *bool // nil: security defaults could not be read
		policies []tenant.ConditionalAccess
		caStatus *tenant.Status
		status   result.Status
		code     result.FindingCode
	}{
		{"security defaults on", bptr(true), nil, &unlicensed, result.StatusPass, ""},
		{"security defaults on, policies unreadable", bptr(true), nil, &denied, result.StatusPass, ""},
		{"no P1, security defaults off", bptr(false), nil, &unlicensed, result.StatusFail, codeLegacyOpen.Code},
		{"policies unreadable, security defaults off", bptr(false), nil, &denied, result.StatusSkipped, ""},
		{"security defaults unreadable", nil, []tenant.ConditionalAccess{blockLegacy(caEnabled, "All")}, nil, result.StatusSkipped, ""},
		{"enforced for everyone", bptr(false), []tenant.ConditionalAccess{mfaOnly, blockLegacy(caEnabled, "All")}, nil, result.StatusPass, ""},
		{"report-only", bptr(false), []tenant.ConditionalAccess{blockLegacy(caReportOnly, "All")}, nil, result.StatusWarn, codeLegacyReportOnly.Code},
		{"enforced for one group", bptr(false), []tenant.ConditionalAccess{blockLegacy(caEnabled, "grp")}, nil, result.StatusWarn, codeLegacyPartial.Code},
		{"disabled", bptr(false), []tenant.ConditionalAccess{blockLegacy("disabled", "All")}, nil, result.StatusFail, codeLegacyOpen.Code},
		{"one app only", bptr(false), []tenant.ConditionalAccess{legacyForOneApp}, nil, result.StatusFail, codeLegacyOpen.Code},
		{"MFA but no block", bptr(false), []tenant.ConditionalAccess{mfaOnly}, nil, result.StatusFail, codeLegacyOpen.Code},
	}
	for _, tc := range cases {
		s := newSnap()
		if tc.sd == nil {
			s.SecurityDefaults.Fail(denied)
		} else {
			s.SecurityDefaults.Set(tenant.SecurityDefaults{IsEnabled: *tc.sd})
		}
		if tc.caStatus != nil {
			s.ConditionalAccess.Fail(*tc.caStatus)
		} else {
			s.ConditionalAccess.Set(tc.policies)
		}
		r := eval(t, LegacyAuth, s, Settings{})
		if r.Status != tc.status {
			t.Errorf("%s: %s (%s %s)", tc.name, r.Status, r.Summary, r.Reason)
			continue
		}
		if tc.code != "" && (len(r.Findings) != 1 || r.Findings[0].Code != tc.code) {
			t.Errorf("%s: findings %+v, want one %s", tc.name, r.Findings, tc.code)
		}
		if tc.code == "" && len(r.Findings) > 0 {
			t.Errorf("%s: unexpected findings %+v", tc.name, r.Findings)
		}
		facts, _ := r.Facts.(*result.LegacyAuthFacts)
		if r.Status == result.StatusPass && (facts == nil || !facts.Blocked) {
			t.Errorf("%s: passed without facts saying blocked: %+v", tc.name, r.Facts)
		}
		if r.Status == result.StatusSkipped && !strings.Contains(r.Reason, "Policy.Read.All") {
			t.Errorf("%s: skipped without naming the permission: %q", tc.name, r.Reason)
		}
	}
}
