package checks

import (
	"fmt"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idCompliance = "DEV-010"

var complianceRemediation = []string{
	"Intune admin center > Devices > Compliance > Create policy > Windows 10 and later: require BitLocker, Secure Boot, a minimum OS build, Microsoft Defender and a firewall; assign it to all users (or all devices).",
	"Intune admin center > Devices > Compliance > Compliance settings > \"Mark devices with no compliance policy assigned as\": Not compliant.",
	"Assign or delete the Windows compliance policies listed as unassigned: a policy assigned to nobody checks nothing.",
}

// WindowsCompliance checks that "compliant" means something for a Windows
// PC: a Windows compliance policy assigned, and PCs no policy covers marked
// not compliant.
var WindowsCompliance = Check{
	ID:       idCompliance,
	Title:    "Windows compliance policy",
	Category: result.CategoryDevices,
	Severity: result.SeverityHigh,
	Weight:   3,
	Why: "A Conditional Access rule that asks for a compliant device is only as good as the compliance policy behind " +
		"it. With no Windows compliance policy assigned, and Intune's default of calling a device with no policy " +
		"compliant, every enrolled PC passes, encrypted or not, patched or not.",
	Remediation: complianceRemediation,
	Links: []string{"https://learn.microsoft.com/intune/intune-service/protect/device-compliance-get-started",
		"https://learn.microsoft.com/intune/intune-service/protect/compliance-policy-create-windows"},
	Uses:     []tenant.Dataset{tenant.DatasetCompliancePolicies, tenant.DatasetIntune, tenant.DatasetSubscribedSKUs},
	Licences: []string{"Microsoft Intune Plan 1"},
	Scope:    "Intune compliance policies for Windows 10 and later and their assignments, and the tenant's setting for devices no policy covers",
	Thresholds: "pass when a Windows compliance policy is assigned and devices without a policy are not compliant; warn when only the " +
		"setting is left at Microsoft's default; fail when no Windows compliance policy is assigned; not applicable without Intune",
	Codes:     []result.CodeInfo{codeComplianceNone, codeComplianceUnassigned, codeComplianceDefault},
	FactsType: (*result.ComplianceFacts)(nil),
	Evaluate:  evalCompliance,
}

func evalCompliance(e *Env) Outcome {
	if out := intuneUnavailable(e, tenant.DatasetCompliancePolicies); out != nil {
		return *out
	}
	all := required(e.Snap.CompliancePolicies.Get())
	w := readWindowsCompliance(all)
	facts := &result.ComplianceFacts{Policies: len(all), WindowsAssigned: len(w.assigned), WindowsUnassigned: len(w.unassigned)}
	if e.Have(tenant.DatasetIntune) {
		facts.SecureByDefault = required(e.Snap.Intune.Get()).SecureByDefault
	}
	var findings []result.Finding
	for _, p := range w.unassigned {
		findings = append(findings, result.Finding{Code: codeComplianceUnassigned.Code, ObjectType: "policy", ObjectID: p.ID, Name: p.DisplayName,
			Severity: result.SeverityLow, Detail: "a Windows compliance policy assigned to nobody", Attrs: &result.FindingAttrs{Policy: p.DisplayName}})
	}
	lenient := facts.SecureByDefault != nil && !*facts.SecureByDefault
	if lenient {
		findings = append(findings, tenantFinding(codeComplianceDefault, "Intune compliance", result.SeverityMedium,
			"devices with no compliance policy assigned are marked compliant (Microsoft's default)"))
	}
	out := Outcome{Facts: facts, Findings: findings}
	switch {
	case len(w.assigned) == 0:
		out.Findings = append(out.Findings, tenantFinding(codeComplianceNone, "Intune compliance", result.SeverityHigh, "no Windows compliance policy is assigned"))
		out.Status, out.Score = result.StatusFail, 0
		out.Summary = fmt.Sprintf("No Windows compliance policy is assigned (%d unassigned): \"compliant\" says nothing about a PC", len(w.unassigned))
	case lenient:
		out.Status, out.Score, out.Action = result.StatusWarn, 0.5, complianceRemediation[1]
		out.Summary = plural(len(w.assigned), "Windows compliance policy is", "Windows compliance policies are") +
			" assigned, but devices with no policy count as compliant"
	default:
		// An unknown setting leaves the score's range open (Have recorded it).
		out.Status, out.Score = result.StatusPass, 1
		out.Summary = plural(len(w.assigned), "Windows compliance policy is", "Windows compliance policies are") +
			" assigned, and devices with no policy are not compliant"
		if facts.SecureByDefault == nil {
			out.Bounds = &result.Bounds{Low: 0.5, High: 1}
		}
	}
	return out
}
