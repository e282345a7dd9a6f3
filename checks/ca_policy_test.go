package checks

import (
	"slices"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/tenant"
)

// Microsoft's Conditional Access templates (Entra admin center > Conditional
// Access > Create new policy from templates), as Graph returns them, and
// mixes of their grants. Role ids are the built-in role template ids.
var adminRoles = []string{
	"62e90394-69f5-4237-9190-012177145e10", "194ae4cb-b126-40b2-bd5b-6091b380977d", "f28a1f50-f6e7-4571-818b-6a12f2af6b6c",
	"29232cdf-9323-42fd-ade2-1d097af3e4de", "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "729827e3-9c14-49f7-bb1b-9608f156bbb8",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe", "fe930be7-5e62-47db-91af-98c3a49a38b1", "c4e39bd9-1100-46d3-8c65-fb160da0071f",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "158c047a-c907-4556-b7ef-446551a6b5f7", "966707d0-3269-4727-9be2-8c3a10f19b9d",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13", "e8611ab8-c189-46e8-94e1-60213ab1f814",
}

func template(name string) tenant.ConditionalAccess {
	p := tenant.ConditionalAccess{ID: strings.ToLower(strings.ReplaceAll(name, " ", "-")), DisplayName: name, State: caEnabled,
		IncludeUsers: []string{"All"}, ExcludeUsers: []string{"id-bg@x.test"}, IncludeApplications: []string{"All"},
		ClientAppTypes: []string{"all"}, GrantOperator: "OR"}
	switch name {
	case "Require multifactor authentication for all users":
		p.BuiltInControls = []string{"mfa"}
	case "Require multifactor authentication for admins":
		p.IncludeUsers, p.IncludeRoles, p.BuiltInControls = nil, adminRoles, []string{"mfa"}
	case "Require phishing-resistant multifactor authentication for admins":
		p.IncludeUsers, p.IncludeRoles, p.AuthenticationStrength = nil, adminRoles, "Phishing-resistant MFA"
	case "Block legacy authentication":
		p.ClientAppTypes, p.BuiltInControls = []string{"exchangeActiveSync", "other"}, []string{"block"}
	case "Require compliant or hybrid Azure AD joined device or multifactor authentication for all users":
		p.BuiltInControls = []string{"mfa", "compliantDevice", "domainJoinedDevice"}
	case "Require compliant or hybrid Azure AD joined device for admins":
		p.IncludeUsers, p.IncludeRoles, p.BuiltInControls = nil, adminRoles, []string{"compliantDevice", "domainJoinedDevice"}
	case "Securing security info registration":
		p.IncludeApplications, p.IncludeUserActions = nil, []string{"urn:user:registersecurityinfo"}
		p.IncludeLocations, p.ExcludeLocations, p.BuiltInControls = []string{"All"}, []string{"AllTrusted"}, []string{"mfa"}
	case "Require multifactor authentication for Azure management":
		p.IncludeApplications, p.BuiltInControls = []string{"797f4846-ba00-4fd7-ba43-dac1f8f63013"}, []string{"mfa"}
	case "Require multifactor authentication for risky sign-ins":
		p.SignInRiskLevels, p.BuiltInControls = []string{"high", "medium"}, []string{"mfa"}
	case "Require multifactor authentication for guest access":
		p.IncludeUsers, p.IncludeGuestsOrExternalUsers, p.BuiltInControls = nil, "internalGuest,b2bCollaborationGuest", []string{"mfa"}
	}
	return p
}

func TestGrantOfTemplatesAndMixes(t *testing.T) {
	cases := []struct {
		name               string
		p                  tenant.ConditionalAccess
		mfa, device, block bool
		mfaBypass          string
	}{
		{"MFA for all users", template("Require multifactor authentication for all users"), true, false, false, ""},
		{"phishing-resistant strength", template("Require phishing-resistant multifactor authentication for admins"), true, false, false, ""},
		{"block legacy", template("Block legacy authentication"), false, false, true, ""},
		{"MFA OR compliant OR hybrid", template("Require compliant or hybrid Azure AD joined device or multifactor authentication for all users"),
			false, false, false, "a compliant device or a hybrid-joined device"},
		{"compliant OR hybrid", template("Require compliant or hybrid Azure AD joined device for admins"), false, true, false, "a compliant device or a hybrid-joined device"},
		{"MFA AND compliant", func() tenant.ConditionalAccess {
			p := template("Require multifactor authentication for all users")
			p.GrantOperator, p.BuiltInControls = "AND", []string{"mfa", "compliantDevice"}
			return p
		}(), true, true, false, ""},
		{"MFA OR terms of use", func() tenant.ConditionalAccess {
			p := template("Require multifactor authentication for all users")
			p.TermsOfUse = []string{"tou-1"}
			return p
		}(), false, false, false, "accepting terms of use tou-1"},
		{"strength AND terms of use", func() tenant.ConditionalAccess {
			p := template("Require multifactor authentication for all users")
			p.GrantOperator, p.BuiltInControls, p.AuthenticationStrength, p.TermsOfUse = "AND", nil, "Multifactor authentication", []string{"tou-1"}
			return p
		}(), true, false, false, ""},
		{"a single control ignores the operator", func() tenant.ConditionalAccess {
			p := template("Require multifactor authentication for all users")
			p.GrantOperator = ""
			return p
		}(), true, false, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := grantOf(tc.p)
			if g.mfa != tc.mfa || g.device != tc.device || g.block != tc.block {
				t.Errorf("mfa %v device %v block %v, want %v %v %v", g.mfa, g.device, g.block, tc.mfa, tc.device, tc.block)
			}
			if got := strings.Join(g.mfaBypass, " or "); tc.mfaBypass != "" && got != tc.mfaBypass {
				t.Errorf("MFA bypass %q, want %q", got, tc.mfaBypass)
			}
		})
	}
}

func TestScopeOfTemplates(t *testing.T) {
	cases := []struct {
		name      string
		signIn    bool // guards sign-in to every app at all times
		legacy    bool // blocks legacy authentication
		gapSubstr string
	}{
		{"Require multifactor authentication for all users", true, false, ""},
		{"Block legacy authentication", true, true, "client apps browser, mobileAppsAndDesktopClients"},
		{"Securing security info registration", false, false, "user action"},
		{"Require multifactor authentication for Azure management", false, false, "only some apps"},
		{"Require multifactor authentication for risky sign-ins", false, false, "risk"},
	}
	for _, tc := range cases {
		p := readPolicies([]tenant.ConditionalAccess{template(tc.name)})[0]
		if p.signInPolicy() != tc.signIn || p.blocksLegacy() != tc.legacy {
			t.Errorf("%s: sign-in %v legacy %v", tc.name, p.signInPolicy(), p.blocksLegacy())
		}
		gaps := strings.Join(p.gaps(nil, true, false), "; ")
		if (tc.gapSubstr == "") != (gaps == "") || !strings.Contains(gaps, tc.gapSubstr) {
			t.Errorf("%s: gaps %q, want %q", tc.name, gaps, tc.gapSubstr)
		}
	}
	// Client apps: browser and desktop alone leave legacy clients out, which
	// a block-legacy policy closes.
	p := template("Require multifactor authentication for all users")
	p.ClientAppTypes = []string{"browser", "mobileAppsAndDesktopClients"}
	pp := readPolicies([]tenant.ConditionalAccess{p})[0]
	if g := pp.gaps(nil, true, false); len(g) != 1 || !strings.Contains(g[0], "exchangeActiveSync, other") {
		t.Errorf("client app gaps %v", g)
	}
	if g := pp.gaps(nil, true, true); len(g) != 0 {
		t.Errorf("legacy blocked elsewhere, gaps %v", g)
	}
	p.ClientAppTypes, p.ExcludeLocations, p.ExcludeApplications = nil, []string{"AllTrusted"}, []string{"app-1"}
	pp = readPolicies([]tenant.ConditionalAccess{p})[0]
	if g := strings.Join(pp.gaps(nil, true, false), "; "); !strings.Contains(g, "trusted locations") || !strings.Contains(g, "app-1") || !pp.signInPolicy() {
		t.Errorf("carve-outs %q", g)
	}
	if !slices.Equal(clientAppsOf(nil), clientAppsAll) {
		t.Error("no client app types listed means all")
	}
}
