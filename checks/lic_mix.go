package checks

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/tenant"
)

// LicenceMix scores how many people hold both Intune and Entra ID P1: the
// licences the full Microsoft 365 sign-in experience needs.
const idLicenceMix = "LIC-001"

var LicenceMix = Check{
	ID:       idLicenceMix,
	Title:    "Licence mix",
	Category: result.CategoryLicensing,
	Severity: result.SeverityMedium,
	Weight:   5,
	Why: "Joining Windows devices to Entra ID, managing them with Intune and enforcing sign-in rules with Conditional " +
		"Access need Intune and Entra ID P1 for each person: Business Premium or Microsoft 365 E3/E5 have both, Business " +
		"Basic and Standard have neither.",
	Remediation: []string{
		"Move the people listed to Microsoft 365 Business Premium (up to 300 seats) or Microsoft 365 E3/E5, or add Entra ID P1 and Intune Plan 1.",
		"Remove paid licences from disabled accounts and reduce unused seats at the next renewal.",
		"Renew or remove subscriptions in Warning, Suspended or LockedOut state before they lapse.",
	},
	Links:    []string{"https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference"},
	Requires: []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetSubscribedSKUs},
	Uses:     []tenant.Dataset{tenant.DatasetRoleAssignments},
	Evaluate: evalLicenceMix,
}

func evalLicenceMix(e *Env) Outcome {
	dir := e.People()
	people, acceptedOut := acceptedPeople(e, idLicenceMix, dir.People())
	var findings []result.Finding
	full := 0
	families := map[skus.Family]int{}
	for _, a := range people {
		families[a.Licence.Family]++
		if a.Licence.Caps.Intune && a.Licence.Caps.P1 {
			full++
			continue
		}
		var missing []string
		if !a.Licence.Caps.Intune {
			missing = append(missing, "Intune")
		}
		if !a.Licence.Caps.P1 {
			missing = append(missing, "Entra ID P1")
		}
		findings = append(findings, userFinding(a, fmt.Sprintf("%s: no %s", a.Licence.Family, strings.Join(missing, " or "))))
	}
	for _, a := range dir.All {
		if a.Class == ClassDisabled && a.Licence.Paid {
			findings = append(findings, userFinding(a, "disabled account still holds a paid licence ("+strings.Join(a.Licence.SKUs, ", ")+")"))
		}
		for _, u := range a.Licence.Unknown {
			if a.Class == ClassPerson {
				findings = append(findings, userFinding(a, "SKU "+u+" is not in Microsoft's licensing table; classified by its service plans as "+a.Licence.Family.String()))
			}
		}
	}
	list := required(e.Snap.SubscribedSKUs.Get())
	for _, k := range list {
		if skus.IsFree(k.SKUPartNumber) {
			continue
		}
		switch k.CapabilityStatus {
		case "Warning", "Suspended", "LockedOut":
			findings = append(findings, result.Finding{ObjectType: "sku", ObjectID: k.SKUID, Name: k.SKUPartNumber,
				Detail: "subscription is " + k.CapabilityStatus})
		}
		if unused := k.PrepaidUnits.Enabled - k.ConsumedUnits; unused > 0 && k.CapabilityStatus == "Enabled" {
			findings = append(findings, result.Finding{ObjectType: "sku", ObjectID: k.SKUID, Name: k.SKUPartNumber,
				Detail: fmt.Sprintf("%s unused of %d", plural(unused, "seat", "seats"), k.PrepaidUnits.Enabled)})
		}
	}
	kept, accepted := splitAccepted(e, idLicenceMix, findings)
	out := Outcome{Findings: kept, Excluded: append(append(excludedAccounts(dir), acceptedOut...), accepted...)}
	if len(people) == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no enabled member account holds a paid licence"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	for _, f := range skus.Families() {
		if families[f] > 0 {
			out.Breakdown = append(out.Breakdown, result.Count{Label: f.String(), Value: families[f]})
		}
	}
	out.Score = ratio(full, len(people))
	out.Summary = fmt.Sprintf("%s of %s have Intune and Entra ID P1 (%s)", pct(full, len(people)),
		plural(len(people), "person", "people"), familyMix(families))
	out.Status = verdict(full == len(people), out.Score, 0.5)
	return out
}

// familyMix renders "7 Business Premium, 10 Business Standard, ...", fullest first.
func familyMix(n map[skus.Family]int) string {
	var parts []string
	for _, f := range skus.Families() {
		if n[f] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[f], f))
		}
	}
	return strings.Join(parts, ", ")
}
