package checks

import (
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// A small builder for hand-made snapshots.

var now = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

const (
	skuSPB      = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46" // Business Premium
	skuStandard = "f245ecc8-75af-4f8e-b61f-27d8114de5f3" // Business Standard
	skuFlowFree = "f30db892-07e9-47e9-837c-80727f46fd3d" // FLOW_FREE
	skuUnknown  = "0badc0de-0000-4000-8000-000000000001" // not in Microsoft's table
	planIntune  = "c1ec4a95-1f05-45b3-a911-aa3fa01094f5"
	planP1      = "41781fb2-bc02-4b7c-bd55-b576c07bb09d"
	planExo     = "9aaf7827-d63c-4b61-89c3-182f06f82e5c"
	planSPO     = "c7699d2e-19aa-44de-8edf-1736da088ca1"
	planIntO365 = "882e1d05-acd1-4ccb-8708-6ee03664b117"
)

type snap struct {
	*tenant.Snapshot
	Settings Settings // for tests that classify accounts by configuration
}

func newSnap() *snap {
	s := &snap{Snapshot: tenant.New(now)}
	s.Users.Set(nil)
	// A tenant as a full-permission run sees it: the role data read (none
	// yet), no Entra ID P2 so no PIM eligibility, the organization read.
	s.RoleAssignments.Set(nil)
	s.RoleEligibilities.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P2"})
	s.Organization.Set(tenant.Organization{ID: "tid", DisplayName: "Test"})
	s.SubscribedSKUs.Set([]tenant.SubscribedSKU{
		{SKUID: skuSPB, SKUPartNumber: "SPB", CapabilityStatus: "Enabled", PrepaidUnits: tenant.PrepaidUnits{Enabled: 10}, ServicePlans: plans(planIntune, planP1, planExo, planSPO)},
		{SKUID: skuStandard, SKUPartNumber: "O365_BUSINESS_PREMIUM", CapabilityStatus: "Enabled", PrepaidUnits: tenant.PrepaidUnits{Enabled: 10}, ServicePlans: plans(planExo, planSPO, planIntO365)},
		{SKUID: skuFlowFree, SKUPartNumber: "FLOW_FREE", CapabilityStatus: "Enabled", PrepaidUnits: tenant.PrepaidUnits{Enabled: 10000}},
	})
	return s
}

func plans(ids ...string) []tenant.ServicePlan {
	var out []tenant.ServicePlan
	for _, id := range ids {
		out = append(out, tenant.ServicePlan{ID: id, Name: id, ProvisioningStatus: "Success"})
	}
	return out
}

func bptr(b bool) *bool { return &b }

// user adds an account; opts tweak it.
func (s *snap) user(upn string, skus []string, opts ...func(*tenant.User)) string {
	u := tenant.User{ID: "id-" + upn, UserPrincipalName: upn, DisplayName: upn, AccountEnabled: true, UserType: "Member", Mail: upn}
	for _, k := range skus {
		u.AssignedLicenses = append(u.AssignedLicenses, tenant.AssignedLicense{SKUID: k})
	}
	for _, o := range opts {
		o(&u)
	}
	s.Users.Items = append(s.Users.Items, u)
	s.Users.Count = len(s.Users.Items)
	for i := range s.SubscribedSKUs.Items {
		for _, k := range skus {
			if s.SubscribedSKUs.Items[i].SKUID == k {
				s.SubscribedSKUs.Items[i].ConsumedUnits++
			}
		}
	}
	return u.ID
}

func disabled(u *tenant.User) { u.AccountEnabled = false }
func guest(u *tenant.User)    { u.UserType = "Guest" }
func noMail(u *tenant.User)   { u.Mail = "" }

func (s *snap) mfa(upn string, methods ...string) {
	s.MFARegistration.Items = append(s.MFARegistration.Items, tenant.MFARegistration{UserID: "id-" + upn,
		UserPrincipalName: upn, UserType: "member", Methods: methods, IsMFARegistered: len(methods) > 0})
	s.MFARegistration.State, s.MFARegistration.Count = tenant.StateCollected, len(s.MFARegistration.Items)
}

func userPrincipal(upn string) tenant.Principal {
	return tenant.Principal{ID: "id-" + upn, Type: "user", UserPrincipalName: upn, AccountEnabled: bptr(true)}
}

func (s *snap) role(role string, p tenant.Principal, members ...tenant.Principal) {
	s.RoleAssignments.Items = append(s.RoleAssignments.Items, tenant.RoleAssignment{ID: "ra-" + p.ID + role,
		RoleDefinitionID: role, DirectoryScopeID: "/", Principal: p, GroupMembers: members})
	s.RoleAssignments.State = tenant.StateCollected
}

func eval(t *testing.T, c Check, s *snap, st Settings) result.CheckResult {
	t.Helper()
	return Run(c, NewEnv(s.Snapshot, now, st))
}

func findingFor(r result.CheckResult, name string) *result.Finding {
	for i := range r.Findings {
		if r.Findings[i].Name == name {
			return &r.Findings[i]
		}
	}
	return nil
}

// wantOutcome checks a result's status, then for each named object that it
// has a finding whose detail contains the text, or, for "", no finding.
func wantOutcome(t *testing.T, r result.CheckResult, status result.Status, details map[string]string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%s %q, want %s", r.Status, r.Summary, status)
	}
	for name, want := range details {
		f := findingFor(r, name)
		if (want == "") != (f == nil) || (f != nil && !strings.Contains(f.Detail, want)) {
			t.Errorf("%s: %+v, want %q", name, f, want)
		}
	}
}

func excludedFor(r result.CheckResult, name string) *result.Finding {
	for i := range r.Excluded {
		if r.Excluded[i].Name == name {
			return &r.Excluded[i]
		}
	}
	return nil
}

func score(r result.CheckResult) float64 {
	if r.Score == nil {
		return -1
	}
	return *r.Score
}

// setOrFail collects items into l, or records st when it is set (a dataset
// that could not be read).
func setOrFail[T any](l *tenant.List[T], items []T, st *tenant.Status) {
	if st != nil {
		l.Fail(*st)
		return
	}
	l.Set(items)
}
