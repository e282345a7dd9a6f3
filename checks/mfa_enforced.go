package checks

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idMFAEnforced = "IDN-003"

var mfaEnforcedRemediation = []string{
	"With Entra ID P1 (Business Premium, Microsoft 365 E3/E5): create a Conditional Access policy for all users and all cloud apps that requires MFA, excluding only the emergency-access accounts, and turn it on (not report-only).",
	"Without P1: turn on security defaults (Entra admin center > Properties > Manage security defaults); Conditional Access is not available.",
	"Review every account excluded from the policy: exclusions other than emergency-access accounts are gaps.",
}

// MFAEnforced checks MFA is required at sign-in, not just registered:
// security defaults, or an enabled Conditional Access policy requiring MFA
// (or an authentication strength) for all users.
var MFAEnforced = Check{
	ID:       idMFAEnforced,
	Title:    "MFA is enforced",
	Category: result.CategoryIdentity,
	Severity: result.SeverityCritical,
	Weight:   15,
	Why: "Registered MFA protects nobody until sign-in asks for it. Security defaults or a Conditional Access policy " +
		"make every sign-in to Microsoft 365, and so to every Entra-joined device and file, require the second factor.",
	Remediation: mfaEnforcedRemediation,
	Links: []string{"https://learn.microsoft.com/entra/fundamentals/security-defaults",
		"https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength"},
	Requires: []tenant.Dataset{tenant.DatasetSecurityDefaults, tenant.DatasetSubscribedSKUs},
	Uses:     []tenant.Dataset{tenant.DatasetConditionalAccess, tenant.DatasetUsers, tenant.DatasetRoleAssignments},
	Licences: []string{"Microsoft Entra ID P1 (for Conditional Access)"},
	Evaluate: evalMFAEnforced,
}

// requiresMFA reports whether a policy's grant demands MFA.
func requiresMFA(p tenant.ConditionalAccess) bool {
	if p.AuthenticationStrength != "" {
		return true
	}
	for _, c := range p.BuiltInControls {
		if c == "mfa" {
			return true
		}
	}
	return false
}

func coversAllUsersAndApps(p tenant.ConditionalAccess) bool {
	all := func(l []string) bool {
		for _, v := range l {
			if strings.EqualFold(v, "All") {
				return true
			}
		}
		return false
	}
	return all(p.IncludeUsers) && all(p.IncludeApplications)
}

func evalMFAEnforced(e *Env) Outcome {
	sd, _ := e.Snap.SecurityDefaults.Get()
	if sd.IsEnabled {
		return Outcome{Status: result.StatusPass, Score: 1, Summary: "Security defaults are on: every user must register and use MFA"}
	}
	list, _ := e.Snap.SubscribedSKUs.Get()
	p1 := false
	for _, k := range list {
		p1 = p1 || (skus.Active(k) && skus.OfSKU(k).P1)
	}
	if !p1 {
		return Outcome{Status: result.StatusFail, Score: 0, Action: mfaEnforcedRemediation[1],
			Summary: "MFA is not enforced: security defaults are off, and without Entra ID P1 Conditional Access is not available; turn on security defaults"}
	}
	policies, err := e.Snap.ConditionalAccess.Get()
	if err != nil {
		return Outcome{Status: result.StatusSkipped, Reason: "security defaults are off and Conditional Access could not be read: " + err.Error(),
			Summary: "Skipped: Conditional Access could not be read"}
	}
	var out Outcome
	var best *tenant.ConditionalAccess
	reportOnly := 0
	for i, p := range policies {
		if !requiresMFA(p) || !coversAllUsersAndApps(p) {
			continue
		}
		switch p.State {
		case "enabled":
			if best == nil || len(p.ExcludeUsers)+len(p.ExcludeGroups)+len(p.ExcludeRoles) < len(best.ExcludeUsers)+len(best.ExcludeGroups)+len(best.ExcludeRoles) {
				best = &policies[i]
			}
		case "enabledForReportingButNotEnforced":
			reportOnly++
			out.Findings = append(out.Findings, result.Finding{ObjectType: "policy", ObjectID: p.ID, Name: p.DisplayName, Severity: result.SeverityHigh,
				Detail: "requires MFA for all users but is report-only: nothing is enforced"})
		}
	}
	if best == nil {
		out.Status, out.Score = result.StatusFail, 0
		out.Summary = "MFA is not enforced: security defaults are off and no enabled Conditional Access policy requires MFA for all users"
		if reportOnly > 0 {
			out.Summary += fmt.Sprintf(" (%s only in report-only mode)", plural(reportOnly, "policy is", "policies are"))
		}
		return out
	}
	// Exclusions: emergency-access accounts are expected; anything else is a gap.
	var dir *Directory
	if _, err := e.Snap.Users.Get(); err == nil {
		dir = e.People()
	}
	gaps := 0
	for _, id := range best.ExcludeUsers {
		name, expected := id, false
		if dir != nil {
			if a := dir.Find(id); a != nil {
				name, expected = a.Name(), a.Class == ClassBreakGlass
			}
		}
		if expected {
			out.Excluded = append(out.Excluded, result.Finding{ObjectType: "user", ObjectID: id, Name: name, Severity: result.SeverityInfo,
				Detail: "excluded from " + best.DisplayName + " as an emergency-access account (expected)"})
			continue
		}
		gaps++
		out.Findings = append(out.Findings, result.Finding{ObjectType: "user", ObjectID: id, Name: name, Severity: result.SeverityHigh,
			Detail: "excluded from the MFA policy " + best.DisplayName})
	}
	for _, id := range append(append([]string{}, best.ExcludeGroups...), best.ExcludeRoles...) {
		gaps++
		out.Findings = append(out.Findings, result.Finding{ObjectType: "group", ObjectID: id, Name: id, Severity: result.SeverityHigh,
			Detail: "a group or role excluded from the MFA policy " + best.DisplayName})
	}
	if gaps == 0 {
		out.Status, out.Score = result.StatusPass, 1
		out.Summary = "Conditional Access policy \"" + best.DisplayName + "\" requires MFA for all users"
		return out
	}
	out.Status, out.Score, out.Action = result.StatusWarn, 0.75, mfaEnforcedRemediation[2]
	out.Summary = fmt.Sprintf("Conditional Access policy %q requires MFA for all users, with %s", best.DisplayName, plural(gaps, "exclusion", "exclusions"))
	return out
}
