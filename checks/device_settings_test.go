package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// regPolicy is Microsoft's default device registration policy with LAPS on.
func regPolicy(opts ...func(*tenant.DeviceRegistrationPolicy)) tenant.DeviceRegistrationPolicy {
	p := tenant.DeviceRegistrationPolicy{UserDeviceQuota: 50, MultiFactorAuthConfiguration: "notRequired",
		AllowedToJoin: tenant.Membership{Kind: tenant.MembershipAll}, AllowedToRegister: tenant.Membership{Kind: tenant.MembershipAll},
		LocalAdminsOnJoin: tenant.Membership{Kind: tenant.MembershipAll}, GlobalAdminsAreLocalAdmins: bptr(true), LAPSEnabled: bptr(true)}
	for _, o := range opts {
		o(&p)
	}
	return p
}

var policyDenied = tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.DeviceConfiguration"}

func TestLocalAdminsOnJoin(t *testing.T) {
	cases := []struct {
		name   string
		policy *tenant.DeviceRegistrationPolicy // nil: not readable
		status result.Status
		code   result.FindingCode
	}{
		{"default: everyone", ptrTo(regPolicy()), result.StatusFail, codeJoinerIsAdmin.Code},
		{"selected group", ptrTo(regPolicy(func(p *tenant.DeviceRegistrationPolicy) {
			p.LocalAdminsOnJoin = tenant.Membership{Kind: tenant.MembershipSelected, Groups: []string{"it"}}
		})), result.StatusWarn, codeSelectedAreAdmins.Code},
		{"nobody", ptrTo(regPolicy(func(p *tenant.DeviceRegistrationPolicy) {
			p.LocalAdminsOnJoin = tenant.Membership{Kind: tenant.MembershipNone}
		})),
			result.StatusPass, ""},
		{"not said", ptrTo(regPolicy(func(p *tenant.DeviceRegistrationPolicy) { p.LocalAdminsOnJoin = tenant.Membership{} })), result.StatusSkipped, ""},
		{"policy unreadable", nil, result.StatusSkipped, ""},
	}
	for _, tc := range cases {
		s := newSnap()
		if tc.policy == nil {
			s.DeviceRegistration.Fail(policyDenied)
		} else {
			s.DeviceRegistration.Set(*tc.policy)
		}
		r := eval(t, LocalAdminsOnJoin, s, Settings{})
		if r.Status != tc.status {
			t.Errorf("%s: %s (%s %s)", tc.name, r.Status, r.Summary, r.Reason)
			continue
		}
		if tc.code != "" {
			wantCodes(t, tc.name, r, tc.code)
		} else {
			wantCodes(t, tc.name, r)
		}
		if tc.policy == nil && !strings.Contains(r.Reason, "Policy.Read.DeviceConfiguration") {
			t.Errorf("%s: skipped without naming the permission: %q", tc.name, r.Reason)
		}
		if f, ok := r.Facts.(*result.LocalAdminFacts); tc.policy != nil && (!ok || f.GlobalAdminsAreLocalAdmins == nil || !*f.GlobalAdminsAreLocalAdmins) {
			t.Errorf("%s: facts %+v do not say Global Administrators are local administrators", tc.name, r.Facts)
		}
	}
}

func TestDeviceJoin(t *testing.T) {
	mfaRequired := func(p *tenant.DeviceRegistrationPolicy) { p.MultiFactorAuthConfiguration = "required" }
	lowQuota := func(p *tenant.DeviceRegistrationPolicy) { p.UserDeviceQuota = 10 }
	joinPolicy := func(state string, users ...string) tenant.ConditionalAccess {
		return tenant.ConditionalAccess{ID: "reg-" + state, DisplayName: "MFA to join", State: state, IncludeUsers: users,
			IncludeUserActions: []string{userActionRegisterDevice}, GrantOperator: "OR", BuiltInControls: []string{"mfa"}}
	}
	unlicensed := tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P1"}
	denied := tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.All"}
	cases := []struct {
		name     string
		policy   tenant.DeviceRegistrationPolicy
		ca       []tenant.ConditionalAccess
		caStatus *tenant.Status
		status   result.Status
		codes    []result.FindingCode
	}{
		{"setting on, no P1", regPolicy(mfaRequired, lowQuota), nil, &unlicensed, result.StatusPass, nil},
		{"policy for all, setting off", regPolicy(lowQuota), []tenant.ConditionalAccess{joinPolicy(caEnabled, "All")}, nil, result.StatusPass, nil},
		{"both ways", regPolicy(mfaRequired, lowQuota), []tenant.ConditionalAccess{joinPolicy(caEnabled, "All")}, nil, result.StatusWarn,
			[]result.FindingCode{codeJoinMFAConflict.Code}},
		{"default quota", regPolicy(mfaRequired), nil, &unlicensed, result.StatusWarn, []result.FindingCode{codeJoinQuota.Code}},
		{"nothing, no P1", regPolicy(lowQuota), nil, &unlicensed, result.StatusFail, []result.FindingCode{codeJoinNoMFA.Code}},
		{"report-only policy", regPolicy(lowQuota), []tenant.ConditionalAccess{joinPolicy(caReportOnly, "All")}, nil, result.StatusFail,
			[]result.FindingCode{codeJoinNoMFA.Code}},
		{"policy for a group", regPolicy(lowQuota), []tenant.ConditionalAccess{joinPolicy(caEnabled, "grp")}, nil, result.StatusFail,
			[]result.FindingCode{codeJoinNoMFA.Code}},
		{"setting off, policies unreadable", regPolicy(lowQuota), nil, &denied, result.StatusSkipped, nil},
		// Whether a policy also asks (a conflict) is unknown: not a pass.
		{"setting on, policies unreadable", regPolicy(mfaRequired, lowQuota), nil, &denied, result.StatusWarn, nil},
		{"defaults", regPolicy(), nil, &unlicensed, result.StatusFail, []result.FindingCode{codeJoinNoMFA.Code, codeJoinQuota.Code}},
	}
	for _, tc := range cases {
		s := newSnap()
		s.DeviceRegistration.Set(tc.policy)
		setOrFail(&s.ConditionalAccess, tc.ca, tc.caStatus)
		r := eval(t, DeviceJoin, s, Settings{})
		if r.Status != tc.status {
			t.Errorf("%s: %s (%s %s)", tc.name, r.Status, r.Summary, r.Reason)
			continue
		}
		wantCodes(t, tc.name, r, tc.codes...)
		f, _ := r.Facts.(*result.DeviceJoinFacts)
		if f == nil || f.AllowedToJoin != tenant.MembershipAll || f.Quota != tc.policy.UserDeviceQuota {
			t.Errorf("%s: facts %+v", tc.name, r.Facts)
		}
		if r.Status == result.StatusSkipped && !strings.Contains(r.Reason, "Policy.Read.All") {
			t.Errorf("%s: skipped without naming the permission: %q", tc.name, r.Reason)
		}
	}
}

// wantCodes checks r's findings carry exactly codes, in any order.
func wantCodes(t *testing.T, name string, r result.CheckResult, codes ...result.FindingCode) {
	t.Helper()
	got := map[result.FindingCode]int{}
	for _, f := range r.Findings {
		got[f.Code]++
	}
	want := map[result.FindingCode]int{}
	for _, c := range codes {
		want[c]++
	}
	if len(got) != len(want) {
		t.Errorf("%s: finding codes %v, want %v", name, got, codes)
		return
	}
	for c := range want {
		if got[c] == 0 {
			t.Errorf("%s: finding codes %v, want %v", name, got, codes)
			return
		}
	}
}

func ptrTo[T any](v T) *T { return &v }
