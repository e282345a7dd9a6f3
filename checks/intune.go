package checks

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/tenant"
)

// IntuneAvailability tells apart "not licensed", "licensed but not set up",
// "set up but unused" and "in use", and how many people Intune covers.
const idIntune = "DEV-002"

var intuneRemediation = []string{
	"Not licensed: Intune Plan 1 comes with Business Premium and Microsoft 365 E3/E5 (not Business Basic or Standard).",
	"Licensed but not set up: in the Intune admin center set the MDM authority to Intune and turn on automatic enrolment (MDM user scope).",
	"Set up but unused: enrol Windows devices by joining them to Entra ID with automatic enrolment, or with Windows Autopilot.",
	"In use: give the people listed an Intune licence (Business Premium, Microsoft 365 E3/E5, or Intune Plan 1 as an add-on) so their devices can be enrolled.",
}

var IntuneAvailability = Check{
	ID:       idIntune,
	Title:    "Intune availability",
	Category: result.CategoryDevices,
	Severity: result.SeverityMedium,
	Weight:   4,
	Why: "Intune is what makes an Entra-joined laptop a managed company device: it applies settings, encryption and " +
		"updates, and reports compliance that sign-in rules can require. It needs a licence, a one-time setup, and devices enrolled.",
	Remediation: intuneRemediation,
	Links: []string{"https://learn.microsoft.com/mem/intune/fundamentals/deployment-guide-enrollment",
		"https://learn.microsoft.com/mem/intune/enrollment/windows-enroll"},
	Requires: []tenant.Dataset{tenant.DatasetSubscribedSKUs},
	Uses: []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetRoleAssignments, tenant.DatasetIntune, tenant.DatasetManagedDevices,
		tenant.DatasetOrganization},
	Licences: []string{"Microsoft Intune Plan 1"},
	Scope:    "Not licensed / licensed but not set up / set up but unused / in use, and per-person Intune coverage",
	Thresholds: "fail when not licensed or not set up; warn when set up but no device is enrolled, or fewer than 95 % of " +
		"people hold an Intune licence; pass otherwise",
	Codes:     []result.CodeInfo{codeIntuneNone, codeIntuneNotSetUp, codeIntuneNoLicence},
	FactsType: (*result.IntuneFacts)(nil),
	Evaluate:  evalIntune,
}

func evalIntune(e *Env) Outcome {
	list := required(e.Snap.SubscribedSKUs.Get())
	facts := &result.IntuneFacts{Via: []string{}}
	for _, k := range list {
		if skus.Active(k) && skus.OfSKU(k).Intune {
			facts.Via = append(facts.Via, k.SKUPartNumber)
		}
	}
	licensedBy := facts.Via
	facts.Licensed = len(licensedBy) > 0
	if len(licensedBy) == 0 {
		return Outcome{Status: result.StatusFail, Score: 0, Action: intuneRemediation[0], Facts: facts,
			Summary: "Not licensed: no subscription includes Intune Plan 1 (Basic Mobility and Security does not count)",
			Findings: []result.Finding{{Code: codeIntuneNone.Code, ObjectType: "tenant", Name: "Intune",
				Detail: "no enabled SKU carries INTUNE_A, INTUNE_SMBIZ or INTUNE_EDU"}}}
	}
	out := Outcome{Facts: facts}
	// Per-person coverage, when the user list is there.
	coverage, covered, people := -1.0, 0, 0
	if e.Have(tenant.DatasetUsers) {
		for _, a := range e.People().People() {
			people++
			if a.Licence.Caps.Intune {
				covered++
			} else {
				f := userFinding(a, codeIntuneNoLicence, "no Intune licence ("+a.Licence.Family.String()+")")
				f.Attrs = &result.FindingAttrs{SKUs: nonNil(a.Licence.PaidSKUs)}
				out.Findings = append(out.Findings, f)
			}
		}
		if people > 0 {
			coverage = ratio(covered, people)
		}
		facts.People, facts.PeopleLicensed = people, covered
	}
	coverText := ""
	if coverage >= 0 {
		coverText = fmt.Sprintf("; %s of people have an Intune licence", pct(covered, people))
	}
	licensed := "licensed by " + skuNames(licensedBy)

	if !e.Have(tenant.DatasetIntune) {
		out.Status, out.Reason = result.StatusSkipped, "Intune is "+licensed+", but its service state could not be read: "+e.Snap.Intune.Describe()
		out.Summary = "Skipped: " + out.Reason
		out.Findings = nil
		return out
	}
	state := required(e.Snap.Intune.Get())
	mdm := ""
	if e.Have(tenant.DatasetOrganization) {
		mdm = required(e.Snap.Organization.Get()).MDMAuthority
	}
	facts.SubscriptionState, facts.MDMAuthority = state.SubscriptionState, mdm
	facts.SetUp = strings.EqualFold(state.SubscriptionState, "active") && (mdm == "" || strings.EqualFold(mdm, "intune"))
	if !facts.SetUp {
		out.Status, out.Score, out.Action = result.StatusFail, 0.25, intuneRemediation[1]
		out.Summary = fmt.Sprintf("Licensed but not set up: Intune subscription state %q, MDM authority %q%s", state.SubscriptionState, orUnknown(mdm), coverText)
		out.Findings = append(out.Findings, result.Finding{Code: codeIntuneNotSetUp.Code, ObjectType: "tenant", Name: "Intune",
			Detail: fmt.Sprintf("subscription state %s, MDM authority %s", state.SubscriptionState, orUnknown(mdm)),
			Attrs:  &result.FindingAttrs{State: state.SubscriptionState}})
		return out
	}
	if !e.Have(tenant.DatasetManagedDevices) {
		out.Status, out.Reason = result.StatusSkipped, "Intune is set up, but its managed devices could not be read: "+e.Snap.ManagedDevices.Describe()
		out.Summary = "Skipped: " + out.Reason
		out.Findings = nil
		return out
	}
	managed := required(e.Snap.ManagedDevices.Get())
	facts.ManagedDevices = intPtr(len(managed))
	if len(managed) == 0 {
		out.Status, out.Score, out.Action = result.StatusWarn, 0.5, intuneRemediation[2]
		out.Summary = "Set up but unused: no device is enrolled in Intune" + coverText
		return out
	}
	out.Score = 1
	if coverage >= 0 {
		out.Score = coverage
	}
	out.Summary = fmt.Sprintf("In use: %s enrolled%s", plural(len(managed), "device", "devices"), coverText)
	out.Status = result.StatusPass
	if coverage >= 0 && coverage < 0.95 {
		out.Status = result.StatusWarn
		out.Action = intuneRemediation[3]
	}
	return out
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
