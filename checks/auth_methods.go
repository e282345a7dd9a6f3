package checks

import (
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idAuthMethods = "IDN-004"

var authMethodsRemediation = []string{
	"Enable Microsoft Authenticator for all users (Entra admin center > Protection > Authentication methods > Policies).",
	"Enable passkeys (FIDO2) so people and administrators can move to phishing-resistant sign-in.",
	"Keep SMS and voice only as a backup method, never as the only enabled methods.",
}

// AuthMethodsPolicy checks which sign-in methods the tenant allows.
var AuthMethodsPolicy = Check{
	ID:       idAuthMethods,
	Title:    "Authentication methods policy",
	Category: result.CategoryIdentity,
	Severity: result.SeverityMedium,
	Weight:   3,
	Why: "People can only register the methods the tenant allows. Microsoft Authenticator should be on for everyone, " +
		"passkeys ready for those who want phishing-resistant sign-in, and SMS or voice kept as a backup only.",
	Remediation: authMethodsRemediation,
	Links:       []string{"https://learn.microsoft.com/entra/identity/authentication/concept-authentication-methods-manage"},
	Requires:    []tenant.Dataset{tenant.DatasetAuthMethodsPolicy},
	Scope: "Microsoft Authenticator enabled, passkeys (FIDO2) enabled, SMS and voice never the only methods; " +
		"system-preferred MFA is not in Graph v1.0's policy and is not checked",
	Thresholds: "fail when Authenticator is disabled; warn when passkeys are; pass when both are on",
	Codes:      []result.CodeInfo{codeMethodsAuthenticator, codeMethodsFIDO2, codeMethodsPhoneOnly, codeMethodsMigration},
	FactsType:  (*result.AuthMethodsFacts)(nil),
	Evaluate:   evalAuthMethods,
}

func evalAuthMethods(e *Env) Outcome {
	p := required(e.Snap.AuthMethodsPolicy.Get())
	on := map[string]bool{}
	for _, m := range p.Methods {
		on[strings.ToLower(m.ID)] = strings.EqualFold(m.State, "enabled")
	}
	facts := &result.AuthMethodsFacts{MigrationState: p.PolicyMigrationState, Methods: []result.AuthMethodConfig{}}
	for _, m := range p.Methods {
		facts.Methods = append(facts.Methods, result.AuthMethodConfig{ID: m.ID, Enabled: strings.EqualFold(m.State, "enabled"), Targets: len(m.IncludeTargets)})
	}
	out := Outcome{Facts: facts}
	add := func(c result.CodeInfo, sev result.Severity, name, detail string) {
		out.Findings = append(out.Findings, result.Finding{Code: c.Code, ObjectType: "policy", Name: name, Severity: sev, Detail: detail})
	}
	score := 0.0
	if on["microsoftauthenticator"] {
		score += 0.5
	} else {
		add(codeMethodsAuthenticator, result.SeverityHigh, "Microsoft Authenticator", "disabled: people cannot register the recommended method")
	}
	if on["fido2"] {
		score += 0.25
	} else {
		add(codeMethodsFIDO2, result.SeverityLow, "Passkeys (FIDO2)", "disabled: no phishing-resistant method is available")
	}
	strong := on["microsoftauthenticator"] || on["fido2"] || on["softwareoath"]
	if (on["sms"] || on["voice"]) && !strong {
		add(codeMethodsPhoneOnly, result.SeverityHigh, "SMS and voice", "the only enabled methods: use them as a backup only")
	} else {
		score += 0.25
	}
	if p.PolicyMigrationState != "" && p.PolicyMigrationState != "migrationComplete" {
		add(codeMethodsMigration, result.SeverityInfo, "Policy migration", "legacy per-user MFA and SSPR policies still apply ("+p.PolicyMigrationState+")")
		out.Findings[len(out.Findings)-1].Attrs = &result.FindingAttrs{State: p.PolicyMigrationState}
	}
	out.Score = score
	switch {
	case !on["microsoftauthenticator"]:
		out.Status, out.Action = result.StatusFail, authMethodsRemediation[0]
		out.Summary = "Microsoft Authenticator is not enabled"
	case !on["fido2"]:
		out.Status, out.Action = result.StatusWarn, authMethodsRemediation[1]
		out.Summary = "Authenticator is enabled; passkeys (FIDO2) are not"
	default:
		out.Status = result.StatusPass
		out.Summary = "Authenticator and passkeys (FIDO2) are enabled"
	}
	out.Summary += "; system-preferred MFA is not in Graph v1.0's policy and was not checked"
	return out
}
