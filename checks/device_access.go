package checks

import (
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/skus"
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
	Uses:        []tenant.Dataset{tenant.DatasetConditionalAccess},
	Licences:    []string{"Microsoft Entra ID P1", "Microsoft Intune Plan 1"},
	Evaluate:    evalDeviceAccess,
}

func requiresDevice(p tenant.ConditionalAccess) bool {
	for _, c := range p.BuiltInControls {
		if c == "compliantDevice" || c == "domainJoinedDevice" {
			return true
		}
	}
	return false
}

func evalDeviceAccess(e *Env) Outcome {
	list, _ := e.Snap.SubscribedSKUs.Get()
	var caps skus.Capabilities
	for _, k := range list {
		if skus.Active(k) {
			caps = caps.Or(skus.OfSKU(k))
		}
	}
	if !caps.P1 || !caps.Intune {
		return Outcome{Status: result.StatusNotApplicable, Reason: "device-based Conditional Access needs Entra ID P1 and Intune, which the tenant does not have",
			Summary: "Not applicable: the tenant has no Entra ID P1 and Intune (Business Premium or Microsoft 365 E3/E5 include both)"}
	}
	policies, err := e.Snap.ConditionalAccess.Get()
	if err != nil {
		return Outcome{Status: result.StatusSkipped, Reason: "Conditional Access could not be read: " + err.Error(), Summary: "Skipped: Conditional Access could not be read"}
	}
	var out Outcome
	enforced, reportOnly := "", 0
	for _, p := range policies {
		if !requiresDevice(p) || !coversAllUsers(p) {
			continue
		}
		switch p.State {
		case "enabled":
			enforced = p.DisplayName
		case "enabledForReportingButNotEnforced":
			reportOnly++
			out.Findings = append(out.Findings, result.Finding{ObjectType: "policy", ObjectID: p.ID, Name: p.DisplayName, Severity: result.SeverityMedium,
				Detail: "requires a compliant or joined device but is report-only: not yet enforced"})
		}
	}
	switch {
	case enforced != "":
		out.Status, out.Score, out.Summary = result.StatusPass, 1, "Conditional Access policy \""+enforced+"\" requires a compliant or joined device"
	case reportOnly > 0:
		out.Status, out.Score, out.Action = result.StatusWarn, 0.5, deviceAccessRemediation[1]
		out.Summary = "A device-based Conditional Access policy exists but is report-only: not yet enforced"
	default:
		out.Status, out.Score = result.StatusFail, 0
		out.Summary = "No Conditional Access policy requires a compliant or joined device: any computer can reach company data"
	}
	return out
}

// coversAllUsers: the policy includes all users (apps may be Office 365 or all).
func coversAllUsers(p tenant.ConditionalAccess) bool {
	for _, u := range p.IncludeUsers {
		if u == "All" {
			return len(p.IncludeApplications) > 0
		}
	}
	return false
}
