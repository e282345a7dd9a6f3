package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idEnrolment = "DEV-009"

// IntuneEnrolment checks the Intune settings that decide how PCs arrive:
// personal Windows PCs kept out, Windows Hello for Business not switched
// off, and Windows Autopilot in use so new PCs come joined and enrolled.
var IntuneEnrolment = Check{
	ID:       idEnrolment,
	Title:    "Intune enrolment settings",
	Category: result.CategoryDevices,
	Severity: result.SeverityMedium,
	Weight:   2,
	Why: "Once automatic enrolment is on, Intune decides which PCs become managed company devices. Left at its " +
		"defaults, staff can enrol their personal PCs too; Windows Hello for Business, the passwordless sign-in of " +
		"an Entra-joined PC, can be switched off tenant-wide; and without Windows Autopilot every new PC is set up " +
		"by hand, often with the personal account this move is meant to end.",
	Remediation: []string{
		"Intune admin center > Devices > Enrollment > Device platform restriction > Windows restrictions > All Users > Properties: Personally owned devices: Block (corporate PCs are recognised when they are Entra joined or registered with Autopilot).",
		"Intune admin center > Devices > Enrollment > Windows Hello for Business: Configure Windows Hello for Business: Enabled (or leave it Not configured and set it with an account-protection policy).",
		"Ask the reseller to register new PCs with Windows Autopilot (or upload the hardware hashes of existing ones), and create a deployment profile for Entra join with an enrollment status page.",
		"The automatic-enrolment scope (MDM user scope) is only in Graph's beta API and is not checked: confirm in Intune admin center > Devices > Enrollment > Automatic Enrollment that it is All (or the groups being moved).",
	},
	Links: []string{"https://learn.microsoft.com/intune/intune-service/enrollment/enrollment-restrictions-set",
		"https://learn.microsoft.com/intune/intune-service/protect/windows-hello",
		"https://learn.microsoft.com/autopilot/overview"},
	// The registration data is read for a fact (who registered Windows
	// Hello), not for the verdict: read without Have.
	Uses: []tenant.Dataset{tenant.DatasetEnrollmentConfigs, tenant.DatasetAutopilotDevices, tenant.DatasetDevices,
		tenant.DatasetSubscribedSKUs, tenant.DatasetMFARegistration},
	Licences: []string{"Microsoft Intune Plan 1"},
	Scope: "The default (all users) Windows platform restriction and Windows Hello for Business configuration, and how many active " +
		"Entra-joined Windows PCs are registered with Windows Autopilot",
	Thresholds: "each of the three counts a third: pass when personal Windows PCs are blocked, Windows Hello for Business is not " +
		"disabled and at least one PC is registered with Autopilot; warn when one of them fails; fail when two or more do; not " +
		"applicable without Intune",
	Codes:     []result.CodeInfo{codeEnrolPersonal, codeEnrolHelloOff, codeEnrolNoAutopilot},
	FactsType: (*result.EnrolmentFacts)(nil),
	Evaluate:  evalEnrolment,
}

func evalEnrolment(e *Env) Outcome {
	if out := intuneUnavailable(e, tenant.DatasetEnrollmentConfigs); out != nil {
		return *out
	}
	facts := &result.EnrolmentFacts{}
	for _, c := range required(e.Snap.EnrollmentConfigs.Get()) {
		switch {
		case c.Priority != 0:
			if c.Kind == tenant.EnrollmentStatusPage {
				facts.CustomStatusPages++
			}
		case c.Kind == tenant.EnrollmentPlatformRestrictions:
			facts.PersonalWindowsBlocked = c.WindowsPersonalBlocked
			facts.WindowsBlocked = c.WindowsPlatformBlocked
		case c.Kind == tenant.EnrollmentWindowsHello:
			facts.HelloState = c.HelloState
		}
	}
	var findings []result.Finding
	parts, good := 0, 0.0
	if facts.PersonalWindowsBlocked != nil {
		parts++
		if *facts.PersonalWindowsBlocked {
			good++
		} else {
			findings = append(findings, tenantFinding(codeEnrolPersonal, "Intune enrolment", result.SeverityMedium, "personally owned Windows PCs may enrol in Intune"))
		}
	}
	if facts.HelloState != "" {
		parts++
		if !strings.EqualFold(facts.HelloState, "disabled") {
			good++
		} else {
			findings = append(findings, tenantFinding(codeEnrolHelloOff, "Intune enrolment", result.SeverityMedium, "Windows Hello for Business is disabled for every enrolled PC"))
		}
	}
	autopilotKnown := e.Have(tenant.DatasetAutopilotDevices)
	if autopilotKnown {
		registered := map[string]bool{}
		for _, a := range required(e.Snap.AutopilotDevices.Get()) {
			facts.Autopilot++
			registered[strings.ToLower(a.AzureADDeviceID)] = true
		}
		if e.Have(tenant.DatasetDevices) {
			pcs, _ := activeJoinedPCs(e, idEnrolment)
			facts.ActiveJoined = len(pcs)
			for _, pc := range pcs {
				if registered[strings.ToLower(pc.DeviceID)] {
					facts.ActiveJoinedAutopilot++
				}
			}
		}
		parts++
		if facts.Autopilot > 0 {
			good++
		} else {
			findings = append(findings, tenantFinding(codeEnrolNoAutopilot, "Intune enrolment", result.SeverityLow, "no PC is registered with Windows Autopilot"))
		}
	}
	if regs, err := e.Snap.MFARegistration.Get(); err == nil {
		facts.Hello = &result.HelloRegistration{}
		for _, r := range regs {
			if r.UserType != "member" {
				continue
			}
			facts.Hello.Members++
			if slices.Contains(r.Methods, "windowsHelloForBusiness") {
				facts.Hello.Registered++
			}
		}
	}
	out := Outcome{Facts: facts, Findings: findings}
	if parts == 0 {
		out.Status, out.Reason = result.StatusSkipped, "the default platform restriction and Windows Hello configuration were not in the enrolment configurations"
		out.Summary = "Skipped: " + out.Reason
		return out
	}
	// A part whose data is missing is unknown: the score's range covers it.
	const all = 3.0
	out.Score = good / all
	if parts < 3 {
		out.Bounds = &result.Bounds{Low: good / all, High: (good + all - float64(parts)) / all}
	}
	out.Summary = fmt.Sprintf("%d of %d enrolment settings as they should be; %s registered with Autopilot", int(good), parts,
		plural(facts.Autopilot, "PC", "PCs"))
	switch len(findings) {
	case 0:
		out.Status = result.StatusPass
	case 1:
		out.Status = result.StatusWarn
	default:
		out.Status = result.StatusFail
	}
	return out
}
