package checks

import (
	"slices"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idLegacyAuth = "IDN-007"

// LegacyAuth checks that legacy authentication (Exchange ActiveSync and other
// old protocols, which cannot do MFA) is blocked: by security defaults, or
// by an enforced Conditional Access policy for every user and app.
var LegacyAuth = Check{
	ID:       idLegacyAuth,
	Title:    "Legacy authentication blocked",
	Category: result.CategoryIdentity,
	Severity: result.SeverityHigh,
	Weight:   5,
	Why: "Old mail protocols (IMAP, POP, SMTP AUTH, Exchange ActiveSync with basic authentication) sign in with a " +
		"password alone and cannot be asked for MFA, so password-spraying attacks go through them; Microsoft sees " +
		"most of them there. MFA for everyone means little while these doors stay open.",
	Remediation: []string{
		"Without Entra ID P1: turn on security defaults (Entra admin center > Identity > Overview > Properties > Manage security defaults); they block legacy authentication.",
		"With Entra ID P1: create the Conditional Access policy \"Block legacy authentication\" from Microsoft's templates (all users, all resources, client apps Exchange ActiveSync and other clients, block), run it report-only for a week, then turn it on; exclude only the emergency-access accounts.",
		"Before turning it on, check the sign-in logs for legacy clients (Client app: other clients, Exchange ActiveSync) and move those devices and apps to modern authentication.",
	},
	Links: []string{"https://learn.microsoft.com/entra/identity/conditional-access/policy-block-legacy-authentication",
		"https://learn.microsoft.com/entra/fundamentals/security-defaults"},
	Requires: []tenant.Dataset{tenant.DatasetSecurityDefaults},
	Uses:     []tenant.Dataset{tenant.DatasetConditionalAccess},
	Licences: []string{"Microsoft Entra ID P1 (for Conditional Access; security defaults need none)"},
	Scope:    "Whether security defaults or an enforced Conditional Access policy for all users and apps block Exchange ActiveSync and other legacy clients",
	Thresholds: "pass when security defaults are on or an enabled policy for all users blocks legacy clients for every app; " +
		"warn when such a policy is report-only or covers only some users; fail when nothing blocks them",
	Codes:     []result.CodeInfo{codeLegacyOpen, codeLegacyReportOnly, codeLegacyPartial},
	FactsType: (*result.LegacyAuthFacts)(nil),
	Evaluate:  evalLegacyAuth,
}

func evalLegacyAuth(e *Env) Outcome {
	sd := required(e.Snap.SecurityDefaults.Get())
	facts := &result.LegacyAuthFacts{SecurityDefaults: sd.IsEnabled, Policies: []result.PolicyFact{}}
	if sd.IsEnabled {
		facts.Blocked = true
		return Outcome{Status: result.StatusPass, Score: 1, Facts: facts, Summary: "Security defaults block legacy authentication"}
	}
	open := func(detail string) result.Finding {
		return tenantFinding(codeLegacyOpen, "Legacy authentication", result.SeverityHigh, detail)
	}
	if !e.Have(tenant.DatasetConditionalAccess) {
		st := e.Snap.ConditionalAccess.Status
		if st.State != tenant.StateUnlicensed {
			// Security defaults are off and the policies could not be read:
			// whether anything blocks legacy clients is not known.
			return Outcome{Status: result.StatusSkipped, Facts: facts,
				Reason:  "security defaults are off and the Conditional Access policies could not be read: " + st.Describe(),
				Summary: "Skipped: the Conditional Access policies could not be read"}
		}
		return Outcome{Status: result.StatusFail, Score: 0, Facts: facts,
			Summary:  "Nothing blocks legacy authentication: security defaults are off, and without Entra ID P1 there is no Conditional Access",
			Findings: []result.Finding{open("security defaults are off and the tenant has no Conditional Access (no Entra ID P1)")}}
	}
	policies := readPolicies(required(e.Snap.ConditionalAccess.Get()))
	var blocking []caPolicy
	for _, p := range policies {
		if p.blocksLegacy() {
			blocking = append(blocking, p)
		}
	}
	facts.Policies = policyFacts(blocking)
	if legacyBlocked(policies) {
		facts.Blocked = true
		return Outcome{Status: result.StatusPass, Score: 1, Facts: facts,
			Summary: "An enforced Conditional Access policy blocks legacy authentication for all users"}
	}
	var findings []result.Finding
	for _, p := range blocking {
		switch {
		case p.State == caReportOnly:
			findings = append(findings, policyFinding(p, codeLegacyReportOnly, result.SeverityMedium, "blocks legacy clients, but only reports: nothing is blocked"))
		case p.State == caEnabled && !slices.ContainsFunc(p.IncludeUsers, isAll):
			findings = append(findings, policyFinding(p, codeLegacyPartial, result.SeverityMedium, "blocks legacy clients for some users only, not all"))
		}
	}
	if len(findings) > 0 {
		return Outcome{Status: result.StatusWarn, Score: 0.5, Facts: facts, Findings: findings,
			Summary: "Legacy authentication is blocked only in part: " + plural(len(findings), "policy", "policies") + " report-only or for some users"}
	}
	return Outcome{Status: result.StatusFail, Score: 0, Facts: facts,
		Summary:  "Nothing blocks legacy authentication: security defaults are off and no Conditional Access policy blocks it",
		Findings: []result.Finding{open("security defaults are off and no Conditional Access policy blocks Exchange ActiveSync and other clients")}}
}

func policyFinding(p caPolicy, c result.CodeInfo, sev result.Severity, detail string) result.Finding {
	return result.Finding{Code: c.Code, ObjectType: "policy", ObjectID: p.ID, Name: p.DisplayName, Severity: sev, Detail: detail,
		Attrs: &result.FindingAttrs{Policy: p.DisplayName, State: p.State}}
}
