package checks

import (
	"fmt"
	"slices"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idDeviceJoin = "DEV-006"

// maxDevicesPerPerson is the device quota above which DEV-006 warns: a
// person rarely has more than a PC, a phone and a tablet, and Microsoft's
// default of 50 lets one stolen account register a fleet.
const maxDevicesPerPerson = 20

// userActionRegisterDevice is Conditional Access's "Register or join
// devices" user action.
const userActionRegisterDevice = "urn:user:registerdevice"

// DeviceJoin checks how PCs get joined: whether joining or registering a
// device needs MFA (the tenant setting or a Conditional Access user action,
// not both), and the device quota. Who may join is reported as a fact.
var DeviceJoin = Check{
	ID:       idDeviceJoin,
	Title:    "MFA to join devices",
	Category: result.CategoryDevices,
	Severity: result.SeverityMedium,
	Weight:   2,
	Why: "Joining a PC to Entra ID makes it a trusted work device. Without MFA at that step, a stolen password is " +
		"enough to join an attacker's machine. Microsoft offers two ways to require it: the tenant setting, or a " +
		"Conditional Access policy for the \"Register or join devices\" action; using both makes joins fail, so " +
		"Microsoft says to turn the setting off when the policy exists.",
	Remediation: []string{
		"With Entra ID P1: create a Conditional Access policy for all users, user action \"Register or join devices\", grant \"Require multifactor authentication\"; then set Device settings > \"Require Multifactor Authentication to register or join devices\" to No.",
		"Without Entra ID P1: Entra admin center > Identity > Devices > Device settings > \"Require Multifactor Authentication to register or join devices\": Yes.",
		fmt.Sprintf("Lower \"Maximum number of devices per user\" to %d or fewer (Microsoft's default is 50).", maxDevicesPerPerson),
		"During the move, \"Users may join devices to Microsoft Entra\" can be limited to a group (the wave being moved) and opened up afterwards.",
	},
	Links: []string{"https://learn.microsoft.com/entra/identity/devices/manage-device-identities#configure-device-settings",
		"https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-device-registration"},
	Requires: []tenant.Dataset{tenant.DatasetDeviceRegistration},
	Uses:     []tenant.Dataset{tenant.DatasetConditionalAccess},
	Licences: []string{"Microsoft Entra ID P1 (for the Conditional Access way; the tenant setting needs none)"},
	Scope:    "The device registration policy's MFA setting and device quota, and enforced Conditional Access policies for the register-or-join action",
	Thresholds: fmt.Sprintf("pass when joining needs MFA one way only and the quota is at most %d; warn on both ways at once or a higher quota; "+
		"fail when joining needs no MFA", maxDevicesPerPerson),
	Codes:     []result.CodeInfo{codeJoinNoMFA, codeJoinMFAConflict, codeJoinQuota},
	FactsType: (*result.DeviceJoinFacts)(nil),
	Evaluate:  evalDeviceJoin,
}

func evalDeviceJoin(e *Env) Outcome {
	p := required(e.Snap.DeviceRegistration.Get())
	facts := &result.DeviceJoinFacts{AllowedToJoin: p.AllowedToJoin.Kind, AllowedToRegister: p.AllowedToRegister.Kind,
		MFASetting: p.MultiFactorAuthConfiguration == "required", Quota: p.UserDeviceQuota, Policies: []result.PolicyFact{}}
	var covering []caPolicy
	caKnown := e.Have(tenant.DatasetConditionalAccess)
	if caKnown {
		for _, cp := range readPolicies(required(e.Snap.ConditionalAccess.Get())) {
			if cp.State == caEnabled && slices.Contains(cp.IncludeUserActions, userActionRegisterDevice) &&
				slices.ContainsFunc(cp.IncludeUsers, isAll) && cp.grant.mfa {
				covering = append(covering, cp)
			}
		}
		facts.Policies = policyFacts(covering)
	} else if st := e.Snap.ConditionalAccess.Status; st.State == tenant.StateUnlicensed {
		caKnown = true // without Entra ID P1 there is no policy
	}
	facts.MFAToJoin = facts.MFASetting || len(covering) > 0
	if !facts.MFAToJoin && !caKnown {
		return Outcome{Status: result.StatusSkipped, Facts: facts,
			Reason:  "the tenant setting does not require MFA to join, and the Conditional Access policies could not be read: " + e.Snap.ConditionalAccess.Status.Describe(),
			Summary: "Skipped: whether a Conditional Access policy requires MFA to join devices is unknown"}
	}
	var findings []result.Finding
	if !facts.MFAToJoin {
		findings = append(findings, tenantFinding(codeJoinNoMFA, deviceSettings, result.SeverityMedium,
			"joining or registering a device needs no MFA: the tenant setting is off and no enforced policy for all users covers the register-or-join action"))
	}
	if facts.MFASetting && len(covering) > 0 {
		findings = append(findings, tenantFinding(codeJoinMFAConflict, deviceSettings, result.SeverityMedium,
			"the tenant setting and a Conditional Access policy both require MFA to join: Microsoft says to turn the setting off"))
	}
	if p.UserDeviceQuota > maxDevicesPerPerson {
		f := tenantFinding(codeJoinQuota, deviceSettings, result.SeverityLow, fmt.Sprintf("each person may join or register %d devices", p.UserDeviceQuota))
		f.Attrs = &result.FindingAttrs{Count: p.UserDeviceQuota, Total: maxDevicesPerPerson}
		findings = append(findings, f)
	}
	out := Outcome{Facts: facts, Findings: findings}
	switch {
	case !facts.MFAToJoin:
		out.Status, out.Score = result.StatusFail, 0
		out.Summary = "Joining a PC to Entra ID needs no MFA"
	case len(findings) > 0:
		out.Status, out.Score = result.StatusWarn, 0.5
		out.Summary = "Joining needs MFA, with " + plural(len(findings), "issue", "issues") + " in the device settings"
	default:
		out.Status, out.Score = result.StatusPass, 1
		out.Summary = fmt.Sprintf("Joining a PC needs MFA, and each person may have at most %d devices", p.UserDeviceQuota)
	}
	return out
}
