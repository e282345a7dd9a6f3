package checks

import (
	"fmt"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idDeviceAccess = "DEV-003"

var deviceAccessRemediation = []string{
	"Create a Conditional Access policy for all users and Office 365 (or all cloud apps) that requires a compliant or Entra hybrid joined device; start it in report-only, then turn it on once the devices are enrolled.",
	"Turn the report-only policy on once its sign-in logs show no one would be blocked unexpectedly.",
}

// DeviceAccess checks that company data is only reachable from managed
// devices: a Conditional Access policy requiring a compliant or joined device.
var DeviceAccess = Check{
	ID:       idDeviceAccess,
	Title:    "Device-based access",
	Category: result.CategoryDevices,
	Severity: result.SeverityHigh,
	Weight:   4,
	Why: "Joining laptops to Entra ID pays off when sign-in requires it: a Conditional Access policy that asks for a " +
		"compliant or joined device keeps company mail and files off personal and unmanaged computers.",
	Remediation: deviceAccessRemediation,
	Links:       []string{"https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-compliance"},
	Requires:    []tenant.Dataset{tenant.DatasetSubscribedSKUs},
	Uses: []tenant.Dataset{tenant.DatasetConditionalAccess, tenant.DatasetUsers, tenant.DatasetRoleAssignments,
		tenant.DatasetRoleEligibilities, tenant.DatasetCompliancePolicies},
	Licences: []string{"Microsoft Entra ID P1", "Microsoft Intune Plan 1"},
	Scope: "Where Intune and P1 are licensed, enabled Conditional Access policies that require a compliant or hybrid-joined " +
		"device of every person, on every way through the grant (\"a compliant device **or** MFA\" does not count); " +
		"report-only counts as not yet enforced",
	Thresholds: "pass when every person must sign in from a compliant or joined device and a Windows compliance policy is assigned " +
		"(DEV-010); warn when some are held to it, a policy is report-only, or no Windows compliance policy gives \"compliant\" a " +
		"meaning (score at most 50 %); fail when none is; not applicable without Entra ID P1 and Intune",
	Codes:     []result.CodeInfo{codeCAReportOnly, codeCAGaps, codeDeviceNotReq, codeDeviceGaps, codeDeviceUnknown, codeDeviceEmptyCompliance},
	FactsType: (*result.AccessFacts)(nil),
	Evaluate:  evalDeviceAccess,
}

func evalDeviceAccess(e *Env) Outcome {
	caps := tenantCaps(required(e.Snap.SubscribedSKUs.Get()))
	if !caps.P1 || !caps.Intune {
		return Outcome{Status: result.StatusNotApplicable, Reason: "device-based Conditional Access needs Entra ID P1 and Intune, which the tenant does not have",
			Summary: "Not applicable: the tenant has no Entra ID P1 and Intune (Business Premium or Microsoft 365 E3/E5 include both)"}
	}
	policies, skip := policiesToEvaluate(e, "")
	if skip != nil {
		return *skip
	}
	facts := &result.AccessFacts{P1: caps.P1, Policies: policyFacts(policies)}
	out := Outcome{Findings: policyFindings(policies, requireDevice), Facts: facts}
	people := e.People().People()
	if len(people) == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no enabled member account holds a paid licence"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	members := membersOf(e, policies)
	t := tallyCoverage(people, newCoverer(members, policies, requireDevice))
	facts.Coverage = t.facts(len(people))
	if t.full+t.partial > 0 {
		// Once a policy is in force, name the people it leaves out; before,
		// one line says it all.
		for _, c := range t.findings {
			out.Findings = append(out.Findings, withSeverity(c.finding(), result.SeverityMedium))
		}
	}
	out.Score, out.Bounds = t.score()
	switch {
	case t.full == len(people):
		out.Status = result.StatusPass
		out.Summary = "Conditional Access requires a compliant or joined device of everyone"
	case t.full+t.partial > 0:
		out.Status = result.StatusWarn
		out.Summary = fmt.Sprintf("Conditional Access requires a compliant or joined device of %s of %s", pct(t.full, len(people)), plural(len(people), "person", "people"))
	case countReportOnly(policies, requireDevice) > 0:
		out.Status, out.Score, out.Action = result.StatusWarn, 0.5, deviceAccessRemediation[1]
		out.Summary = "A device-based Conditional Access policy exists but is report-only: not yet enforced"
	default:
		out.Status = result.StatusFail
		out.Summary = "No Conditional Access policy requires a compliant or joined device: any computer can reach company data"
	}
	emptyCompliance(e, &out, t.full+t.partial > 0)
	return out
}

// emptyCompliance marks down a device requirement in force when no Windows
// compliance policy is assigned: "require a compliant device" then asks
// only that a PC be enrolled. Compliance data that could not be read is
// recorded missing (Have), which keeps the verdict from being a pass.
func emptyCompliance(e *Env, out *Outcome, inForce bool) {
	if !inForce || !e.Have(tenant.DatasetCompliancePolicies) {
		return
	}
	if len(readWindowsCompliance(required(e.Snap.CompliancePolicies.Get())).assigned) > 0 {
		return
	}
	out.Findings = append(out.Findings, result.Finding{Code: codeDeviceEmptyCompliance.Code, ObjectType: "tenant", Name: "Intune compliance",
		Severity: result.SeverityHigh, Detail: "device-based access is in force, but no Windows compliance policy is assigned (DEV-010): any enrolled PC counts as compliant"})
	if out.Status == result.StatusPass {
		out.Status = result.StatusWarn
	}
	out.Score = min(out.Score, 0.5)
	if out.Bounds != nil {
		out.Bounds.Low, out.Bounds.High = min(out.Bounds.Low, 0.5), min(out.Bounds.High, 0.5)
	}
	out.Summary += "; but no Windows compliance policy is assigned, so \"compliant\" means only \"enrolled\""
}
