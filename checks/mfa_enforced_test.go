package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// roleUserAdmin is User Administrator: an account holding it is an
// administrator (an unlicensed Global Administrator would be taken for an
// emergency-access account).
const roleUserAdmin = "fe930be7-5e62-47db-91af-98c3a49a38b1"

// caTenant is two people, an administrator with a separate unlicensed admin
// account, and an emergency-access account, with Business Premium (P1).
func caTenant(s *snap) {
	s.user("ann@x.test", []string{skuSPB})
	s.user("bob@x.test", []string{skuSPB})
	s.user("admin-ann@x.test", nil)
	s.role(roleUserAdmin, userPrincipal("admin-ann@x.test"))
	s.user("bg@x.test", nil)
	s.role(roleGlobalAdmin, userPrincipal("bg@x.test"))
	s.Settings = Settings{Accounts: map[string]AccountClass{"bg@x.test": ClassBreakGlass}}
}

func withGroups(p tenant.ConditionalAccess, groups ...tenant.GroupMembers) tenant.ConditionalAccess {
	p.Groups = groups
	return p
}

func TestMFAEnforced(t *testing.T) {
	mfaAll := template("Require multifactor authentication for all users")
	cases := []struct {
		name     string
		policies []tenant.ConditionalAccess
		build    func(*snap)
		status   result.Status
		summary  string
		findings map[string]string // object name -> detail substring
	}{
		{"Microsoft's MFA-for-all template, emergency access excluded", []tenant.ConditionalAccess{mfaAll}, nil,
			result.StatusPass, "requires MFA of 100% of 3", nil},
		{"report-only is not enforced", []tenant.ConditionalAccess{func() tenant.ConditionalAccess {
			p := mfaAll
			p.State = caReportOnly
			return p
		}()}, nil, result.StatusFail, "1 policy is only in report-only mode",
			map[string]string{mfaAll.DisplayName: "report-only", "MFA at sign-in": "requires MFA of anyone", "ann@x.test": ""}},
		{"MFA or a compliant device: people on a compliant device skip MFA", []tenant.ConditionalAccess{
			template("Require compliant or hybrid Azure AD joined device or multifactor authentication for all users")}, nil,
			result.StatusFail, "MFA is not enforced",
			map[string]string{"Require compliant or hybrid Azure AD joined device or multifactor authentication for all users": "lets people in with a compliant device or a hybrid-joined device instead"}},
		{"MFA for admins only: the administrator is held to it, the people are not", []tenant.ConditionalAccess{
			template("Require multifactor authentication for admins")}, nil,
			result.StatusFail, "requires MFA of 33% of 3", map[string]string{"ann@x.test": "not held to MFA", "admin-ann@x.test": ""}},
		{"admins plus all users, one excluded by name", []tenant.ConditionalAccess{template("Require multifactor authentication for admins"),
			func() tenant.ConditionalAccess {
				p := mfaAll
				p.ExcludeUsers = append(p.ExcludeUsers, "id-bob@x.test", "id-admin-ann@x.test")
				return p
			}()}, nil,
			result.StatusFail, "requires MFA of 67% of 3", map[string]string{"bob@x.test": "excluded (by name)", "admin-ann@x.test": ""}},
		{"the admin account excluded from every MFA policy fails", []tenant.ConditionalAccess{func() tenant.ConditionalAccess {
			p := mfaAll
			p.ExcludeUsers = append(p.ExcludeUsers, "id-admin-ann@x.test")
			return p
		}()}, nil, result.StatusFail, "1 administrator not held to MFA", map[string]string{"admin-ann@x.test": "administrator: not held to MFA"}},
		{"an excluded group of emergency accounts is expected; its members are read", []tenant.ConditionalAccess{withGroups(func() tenant.ConditionalAccess {
			p := mfaAll
			p.ExcludeUsers, p.ExcludeGroups = nil, []string{"grp-bg"}
			return p
		}(), tenant.GroupMembers{ID: "grp-bg", Members: []tenant.Principal{userPrincipal("bg@x.test")}})}, nil,
			result.StatusPass, "100%", nil},
		{"an excluded department group is a gap", []tenant.ConditionalAccess{withGroups(func() tenant.ConditionalAccess {
			p := mfaAll
			p.ExcludeGroups = []string{"grp-sales"}
			return p
		}(), tenant.GroupMembers{ID: "grp-sales", Members: []tenant.Principal{userPrincipal("bob@x.test")}})}, nil,
			result.StatusFail, "67%", map[string]string{"bob@x.test": "excluded (group grp-sales)"}},
		{"an excluded group whose members could not be read is unknown, not a pass", []tenant.ConditionalAccess{withGroups(func() tenant.ConditionalAccess {
			p := mfaAll
			p.ExcludeGroups = []string{"grp-x"}
			return p
		}(), tenant.GroupMembers{ID: "grp-x", Status: &tenant.Status{State: tenant.StateDenied, Permission: "GroupMember.Read.All"}})}, nil,
			result.StatusFail, "3 unknown", map[string]string{"ann@x.test": "GroupMember.Read.All"}},
		{"excluding trusted locations is a gap", []tenant.ConditionalAccess{func() tenant.ConditionalAccess {
			p := mfaAll
			p.IncludeLocations, p.ExcludeLocations = []string{"All"}, []string{"AllTrusted"}
			return p
		}()}, nil, result.StatusWarn, "3 with gaps", map[string]string{"ann@x.test": "not from trusted locations"}},
		{"browser and desktop apps, with legacy authentication blocked, is everything", []tenant.ConditionalAccess{func() tenant.ConditionalAccess {
			p := mfaAll
			p.ClientAppTypes = []string{"browser", "mobileAppsAndDesktopClients"}
			return p
		}(), template("Block legacy authentication")}, nil, result.StatusPass, "100%", nil},
		{"browser and desktop apps without a legacy block leave legacy clients out", []tenant.ConditionalAccess{func() tenant.ConditionalAccess {
			p := mfaAll
			p.ClientAppTypes = []string{"browser", "mobileAppsAndDesktopClients"}
			return p
		}()}, nil, result.StatusWarn, "with gaps", map[string]string{"bob@x.test": "exchangeActiveSync, other"}},
		{"risky sign-ins only is not MFA for everyone", []tenant.ConditionalAccess{template("Require multifactor authentication for risky sign-ins")}, nil,
			result.StatusFail, "MFA is not enforced", map[string]string{"Require multifactor authentication for risky sign-ins": "only for sign-ins of high, medium risk"}},
		{"registering security info is a user action, not sign-in", []tenant.ConditionalAccess{template("Securing security info registration")}, nil,
			result.StatusFail, "MFA is not enforced", nil},
		{"an authentication strength counts as MFA", []tenant.ConditionalAccess{func() tenant.ConditionalAccess {
			p := mfaAll
			p.BuiltInControls, p.AuthenticationStrength = nil, "Multifactor authentication"
			return p
		}()}, nil, result.StatusPass, "100%", nil},
		{"excluded apps are a gap", []tenant.ConditionalAccess{func() tenant.ConditionalAccess {
			p := mfaAll
			p.ExcludeApplications = []string{"d4ebce55-015a-49b5-a083-c84d1797ae8c"}
			return p
		}()}, nil, result.StatusWarn, "with gaps", map[string]string{mfaAll.DisplayName: "excludes 1 application"}},
		{"role-based policy without the role data is unknown", []tenant.ConditionalAccess{template("Require multifactor authentication for admins")},
			func(s *snap) {
				s.RoleAssignments.Fail(tenant.Status{State: tenant.StateDenied, Permission: "RoleManagement.Read.Directory"})
			},
			result.StatusFail, "unknown", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.SecurityDefaults.Set(tenant.SecurityDefaults{})
			caTenant(s)
			s.ConditionalAccess.Set(tc.policies)
			if tc.build != nil {
				tc.build(s)
			}
			r := eval(t, MFAEnforced, s, s.Settings)
			if r.Status != tc.status || !strings.Contains(r.Summary, tc.summary) {
				t.Fatalf("%s %q; want %s with %q\n%+v", r.Status, r.Summary, tc.status, tc.summary, r.Findings)
			}
			for name, want := range tc.findings {
				f := findingFor(r, name)
				if (want == "") != (f == nil) || (f != nil && !strings.Contains(f.Detail, want)) {
					t.Errorf("%s: %+v, want %q", name, f, want)
				}
			}
		})
	}
}

func TestMFAEnforcedWithoutConditionalAccess(t *testing.T) {
	cases := []struct {
		name    string
		build   func(*snap)
		status  result.Status
		summary string
	}{
		{"security defaults on", func(s *snap) { s.SecurityDefaults.Set(tenant.SecurityDefaults{IsEnabled: true}) }, result.StatusPass, "Security defaults"},
		{"no P1: security defaults are the way", func(s *snap) {
			s.SubscribedSKUs.Items = s.SubscribedSKUs.Items[1:]
			s.ConditionalAccess.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Entra ID P1"})
		}, result.StatusFail, "turn on security defaults"},
		{"CA not readable", func(s *snap) {
			s.ConditionalAccess.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.All"})
		}, result.StatusSkipped, "could not be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.SecurityDefaults.Set(tenant.SecurityDefaults{})
			s.ConditionalAccess.Set(nil)
			tc.build(s)
			r := eval(t, MFAEnforced, s, Settings{})
			if r.Status != tc.status || !strings.Contains(r.Summary, tc.summary) {
				t.Fatalf("%s %q; want %s with %q", r.Status, r.Summary, tc.status, tc.summary)
			}
		})
	}
	s := newSnap()
	s.SecurityDefaults.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.All"})
	if r := eval(t, MFAEnforced, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "Policy.Read.All") {
		t.Errorf("%+v", r)
	}
}
