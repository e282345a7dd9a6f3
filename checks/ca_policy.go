package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Conditional Access as Entra evaluates it. A policy applies to a sign-in
// when it is enabled, the user is included and not excluded, the app is in
// scope, and every other condition matches; its grant then lists controls
// joined by AND (all of them) or OR (any one). A question like "does sign-in
// require MFA?" holds only when every way through the grant includes MFA:
// "MFA or a compliant device" lets a person on a compliant device in without
// it. This file reads one policy; ca_people.go decides whom it applies to.

// Policy states, as Graph names them.
const (
	caEnabled    = "enabled"
	caReportOnly = "enabledForReportingButNotEnforced"
)

// Client app types a sign-in can have. Legacy authentication is
// exchangeActiveSync and other.
var (
	clientAppsAll    = []string{"browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "other"}
	clientAppsLegacy = []string{"exchangeActiveSync", "other"}
)

// caGrant is what a policy's grant asks of every sign-in it applies to.
type caGrant struct {
	block bool
	// mfa and device hold when every way through the grant includes MFA (the
	// mfa control or an authentication strength), or a compliant or
	// hybrid-joined device.
	mfa, device bool
	// asksMFA and asksDevice hold when some way through it does: the policy
	// was meant to require it.
	asksMFA, asksDevice bool
	// mfaBypass and deviceBypass name the ways through without it.
	mfaBypass, deviceBypass []string
}

// grantControl names one control in words, for findings.
var grantControlNames = map[string]string{
	"mfa": "MFA", "compliantDevice": "a compliant device", "domainJoinedDevice": "a hybrid-joined device",
	"approvedApplication": "an approved client app", "compliantApplication": "an app protection policy",
	"passwordChange": "a password change", "block": "block",
}

func controlName(c string) string {
	if n, ok := grantControlNames[c]; ok {
		return n
	}
	return c
}

func grantOf(p tenant.ConditionalAccess) caGrant {
	type control struct {
		name        string
		mfa, device bool
	}
	var controls []control
	var g caGrant
	for _, c := range p.BuiltInControls {
		if c == "block" {
			g.block = true
			continue
		}
		controls = append(controls, control{name: controlName(c), mfa: c == "mfa", device: c == "compliantDevice" || c == "domainJoinedDevice"})
	}
	if p.AuthenticationStrength != "" {
		controls = append(controls, control{name: "the authentication strength " + p.AuthenticationStrength, mfa: true})
	}
	for _, t := range p.TermsOfUse {
		controls = append(controls, control{name: "accepting terms of use " + t})
	}
	for _, f := range p.CustomAuthenticationFactors {
		controls = append(controls, control{name: "the custom control " + f})
	}
	if g.block || len(controls) == 0 {
		return g
	}
	and := strings.EqualFold(p.GrantOperator, "AND") || len(controls) == 1
	g.mfa, g.device = !and, !and // OR: true until an alternative lacks it
	for _, c := range controls {
		g.asksMFA = g.asksMFA || c.mfa
		g.asksDevice = g.asksDevice || c.device
		if and {
			g.mfa = g.mfa || c.mfa
			g.device = g.device || c.device
			continue
		}
		if !c.mfa {
			g.mfa = false
			g.mfaBypass = append(g.mfaBypass, c.name)
		}
		if !c.device {
			g.device = false
			g.deviceBypass = append(g.deviceBypass, c.name)
		}
	}
	return g
}

// caScope is what a policy applies to besides people: apps, client apps and
// the other conditions.
type caScope struct {
	// userAction is set when the policy guards a user action (registering
	// security info, joining a device) rather than sign-in to apps.
	userAction string
	// allApps: every cloud app, none excluded; office365 is the Office 365
	// app group alone.
	allApps, office365 bool
	// clientApps are the client app types it covers.
	clientApps []string
	// narrowing are conditions under which alone it applies (a risk level,
	// certain platforms or locations, a device filter): for a normal sign-in
	// the policy may not apply at all.
	narrowing []string
	// carveOuts are sign-ins it leaves out on purpose: excluded apps,
	// locations or platforms.
	carveOuts []string
}

func scopeOf(p tenant.ConditionalAccess) caScope {
	var s caScope
	if len(p.IncludeUserActions) > 0 {
		s.userAction = strings.Join(p.IncludeUserActions, ", ")
	}
	s.allApps = slices.ContainsFunc(p.IncludeApplications, isAll)
	s.office365 = !s.allApps && slices.Contains(p.IncludeApplications, "Office365")
	if len(p.ExcludeApplications) > 0 {
		s.carveOuts = append(s.carveOuts, "excludes "+plural(len(p.ExcludeApplications), "application", "applications")+
			" ("+strings.Join(p.ExcludeApplications, ", ")+")")
	}
	if len(p.IncludeAuthenticationContexts) > 0 {
		s.narrowing = append(s.narrowing, "only for the authentication contexts "+strings.Join(p.IncludeAuthenticationContexts, ", "))
	}
	s.clientApps = clientAppsOf(p.ClientAppTypes)
	if len(p.IncludePlatforms) > 0 && !slices.ContainsFunc(p.IncludePlatforms, isAll) {
		s.narrowing = append(s.narrowing, "only on "+strings.Join(p.IncludePlatforms, ", "))
	}
	if len(p.ExcludePlatforms) > 0 {
		s.carveOuts = append(s.carveOuts, "not on "+strings.Join(p.ExcludePlatforms, ", "))
	}
	if len(p.IncludeLocations) > 0 && !slices.ContainsFunc(p.IncludeLocations, isAll) {
		s.narrowing = append(s.narrowing, "only from the named locations "+strings.Join(p.IncludeLocations, ", "))
	}
	if len(p.ExcludeLocations) > 0 {
		where := strings.Join(p.ExcludeLocations, ", ")
		if slices.Contains(p.ExcludeLocations, "AllTrusted") {
			where = "trusted locations"
		}
		s.carveOuts = append(s.carveOuts, "not from "+where)
	}
	if len(p.SignInRiskLevels) > 0 {
		s.narrowing = append(s.narrowing, "only for sign-ins of "+strings.Join(p.SignInRiskLevels, ", ")+" risk")
	}
	if len(p.UserRiskLevels) > 0 {
		s.narrowing = append(s.narrowing, "only for users at "+strings.Join(p.UserRiskLevels, ", ")+" risk")
	}
	if p.InsiderRisk != "" {
		s.narrowing = append(s.narrowing, "only for insider risk "+p.InsiderRisk)
	}
	if p.AuthenticationFlows != "" {
		s.narrowing = append(s.narrowing, "only for the sign-in flows "+p.AuthenticationFlows)
	}
	switch strings.ToLower(p.DeviceFilterMode) {
	case "include":
		s.narrowing = append(s.narrowing, "only on devices matching "+p.DeviceFilterRule)
	case "exclude":
		s.carveOuts = append(s.carveOuts, "not on devices matching "+p.DeviceFilterRule)
	}
	return s
}

func isAll(v string) bool { return strings.EqualFold(v, "All") }

// clientAppsOf expands clientAppTypes: none listed, or "all", is every type.
func clientAppsOf(types []string) []string {
	if len(types) == 0 || slices.ContainsFunc(types, isAll) {
		return clientAppsAll
	}
	var out []string
	for _, t := range clientAppsAll {
		if slices.Contains(types, t) {
			out = append(out, t)
		}
	}
	return out
}

// caPolicy is one policy read once: its grant and scope.
type caPolicy struct {
	tenant.ConditionalAccess
	grant caGrant
	scope caScope
}

func readPolicies(list []tenant.ConditionalAccess) []caPolicy {
	out := make([]caPolicy, len(list))
	for i, p := range list {
		out[i] = caPolicy{ConditionalAccess: p, grant: grantOf(p), scope: scopeOf(p)}
	}
	return out
}

// signInPolicy reports whether the policy guards sign-in to apps at all
// times: not a user action, not only under some condition.
func (p caPolicy) signInPolicy() bool {
	return p.scope.userAction == "" && len(p.scope.narrowing) == 0 && (p.scope.allApps || p.scope.office365)
}

// blocksLegacy reports whether the policy blocks legacy authentication for
// every app: the "Block legacy authentication" template.
func (p caPolicy) blocksLegacy() bool {
	if !p.grant.block || !p.signInPolicy() || !p.scope.allApps || len(p.scope.carveOuts) > 0 {
		return false
	}
	for _, t := range clientAppsLegacy {
		if !slices.Contains(p.scope.clientApps, t) {
			return false
		}
	}
	return true
}

// gaps lists, in words, what keeps a policy that asks for a control from
// asking it of every sign-in: the alternatives in its grant, the apps and
// client apps it leaves out, and its conditions. legacyBlocked says legacy
// clients are blocked anyway, so their absence is no gap.
func (p caPolicy) gaps(bypass []string, allAppsNeeded, legacyBlocked bool) []string {
	var out []string
	if len(bypass) > 0 {
		out = append(out, "lets people in with "+strings.Join(bypass, " or ")+" instead")
	}
	if p.scope.userAction != "" {
		out = append(out, "guards a user action ("+p.scope.userAction+"), not sign-in")
	}
	if !p.scope.allApps && !(p.scope.office365 && !allAppsNeeded) {
		out = append(out, "covers only some apps ("+strings.Join(p.IncludeApplications, ", ")+")")
	}
	out = append(out, p.scope.narrowing...)
	out = append(out, p.scope.carveOuts...)
	var missing []string
	for _, t := range clientAppsAll {
		if !slices.Contains(p.scope.clientApps, t) && !(legacyBlocked && slices.Contains(clientAppsLegacy, t)) {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		out = append(out, fmt.Sprintf("leaves out the client apps %s", strings.Join(missing, ", ")))
	}
	return out
}

// policyFacts is every policy with the evaluator's verdicts, for the report.
func policyFacts(policies []caPolicy) []result.PolicyFact {
	legacy := legacyBlocked(policies)
	out := make([]result.PolicyFact, 0, len(policies))
	for _, p := range policies {
		allUsers := slices.ContainsFunc(p.IncludeUsers, isAll)
		gaps := p.gaps(p.grant.mfaBypass, true, legacy)
		f := result.PolicyFact{ID: p.ID, Name: p.DisplayName, State: p.State, AsksMFA: p.grant.asksMFA, AsksDevice: p.grant.asksDevice,
			AllUsers: allUsers, BlocksLegacyAuth: p.blocksLegacy(), UserAction: p.scope.userAction, Gaps: []string{},
			Excluded: result.Excluded{Users: len(p.ExcludeUsers), Groups: len(p.ExcludeGroups), Roles: len(p.ExcludeRoles),
				Guests: p.ExcludeGuestsOrExternalUsers != ""}}
		f.RequiresMFAForAll = allUsers && p.grant.mfa && p.signInPolicy() && len(gaps) == 0
		f.RequiresDeviceForAll = allUsers && p.grant.device && p.signInPolicy() && len(p.gaps(p.grant.deviceBypass, false, legacy)) == 0
		switch {
		case p.grant.asksMFA:
			f.Gaps = append(f.Gaps, gaps...)
		case p.grant.asksDevice:
			f.Gaps = append(f.Gaps, p.gaps(p.grant.deviceBypass, false, legacy)...)
		}
		out = append(out, f)
	}
	return out
}
