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
	Weight:   3,
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
	Scope: "Share of people with Intune and Entra ID P1; licence families; unused seats; SKUs in Warning, Suspended or " +
		"LockedOut; disabled accounts holding paid licences",
	Thresholds: "pass when every person has Intune and Entra ID P1; warn while at least half do; fail below",
	Codes: []result.CodeInfo{codeLicenceMissing, codeLicenceDisabled, codeLicenceUnknown, codeLicenceState, codeLicenceUnused,
		codeNotCounted, codeAccepted},
	FactsType: (*result.LicenceFacts)(nil),
	Evaluate:  evalLicenceMix,
}

func evalLicenceMix(e *Env) Outcome {
	dir := e.People()
	people, acceptedOut := acceptedPeople(e, idLicenceMix, dir.People())
	list := required(e.Snap.SubscribedSKUs.Get())
	facts := licenceFacts(list, dir)
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
		f := userFinding(a, codeLicenceMissing, fmt.Sprintf("%s: no %s", a.Licence.Family, strings.Join(missing, " or ")))
		f.Attrs = &result.FindingAttrs{SKUs: nonNil(a.Licence.PaidSKUs)}
		findings = append(findings, f)
	}
	for _, a := range dir.All {
		if a.Class == ClassDisabled && a.Licence.Paid {
			f := userFinding(a, codeLicenceDisabled, "disabled account still holds a paid licence ("+skuNames(a.Licence.PaidSKUs)+")")
			f.Attrs = &result.FindingAttrs{SKUs: a.Licence.PaidSKUs}
			findings = append(findings, f)
		}
		for _, u := range a.Licence.Unknown {
			if a.Class == ClassPerson {
				f := userFinding(a, codeLicenceUnknown, "SKU "+u+" is not in Microsoft's licensing table; classified by its service plans as "+a.Licence.Family.String())
				f.Attrs = &result.FindingAttrs{SKU: u}
				findings = append(findings, f)
			}
		}
	}
	for _, k := range list {
		if skus.IsFree(k.SKUPartNumber) {
			continue
		}
		name := skus.ProductName(k.SKUPartNumber)
		switch k.CapabilityStatus {
		case "Warning", "Suspended", "LockedOut":
			findings = append(findings, result.Finding{Code: codeLicenceState.Code, ObjectType: "sku", ObjectID: k.SKUID, Name: name,
				Detail: skus.ProductLabel(k.SKUPartNumber) + " is " + k.CapabilityStatus, Attrs: &result.FindingAttrs{SKU: k.SKUPartNumber, State: k.CapabilityStatus}})
		}
		if unused := k.PrepaidUnits.Enabled - k.ConsumedUnits; unused > 0 && k.CapabilityStatus == "Enabled" {
			findings = append(findings, result.Finding{Code: codeLicenceUnused.Code, ObjectType: "sku", ObjectID: k.SKUID, Name: name,
				Detail: fmt.Sprintf("%s unused of %d", plural(unused, "seat", "seats"), k.PrepaidUnits.Enabled),
				Attrs:  &result.FindingAttrs{SKU: k.SKUPartNumber, Count: (unused), Total: (k.PrepaidUnits.Enabled)}})
		}
	}
	kept, accepted := splitAccepted(e, idLicenceMix, findings)
	out := Outcome{Findings: kept, Excluded: append(append(excludedAccounts(dir), acceptedOut...), accepted...), Facts: facts}
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

// licenceFacts lists every SKU with its seats and holders, and every
// enabled member's licences.
func licenceFacts(list []tenant.SubscribedSKU, dir *Directory) *result.LicenceFacts {
	facts := &result.LicenceFacts{SKUs: []result.SKUFact{}, PeoplePerFamily: []result.FamilyCount{}, FreeOnly: []result.PersonRef{},
		Holders: make([]result.LicenceHolder, 0, len(dir.All))}
	holders := map[string]*result.SKUHolders{}
	families := map[skus.Family]int{}
	for _, a := range dir.All {
		for _, al := range a.User.AssignedLicenses {
			h := holders[strings.ToLower(al.SKUID)]
			if h == nil {
				h = &result.SKUHolders{}
				holders[strings.ToLower(al.SKUID)] = h
			}
			h.Total++
			if a.User.AccountEnabled {
				h.Enabled++
				if a.Class != ClassGuest {
					h.Members++
				}
			}
			if a.Class == ClassPerson {
				h.People++
			}
		}
		if a.Class == ClassPerson {
			families[a.Licence.Family]++
		}
		if !a.User.AccountEnabled || a.Class == ClassGuest || len(a.User.AssignedLicenses) == 0 {
			continue
		}
		if !a.Licence.Paid {
			facts.FreeOnly = append(facts.FreeOnly, personRef(a))
		}
		facts.Holders = append(facts.Holders, result.LicenceHolder{Person: personRef(a), Family: a.Licence.Family.String(),
			SKUs: nonNil(a.Licence.SKUs), IntuneVia: nonNil(a.Licence.IntuneVia), P1Via: nonNil(a.Licence.P1Via), Paid: a.Licence.Paid})
	}
	for _, k := range list {
		_, inCatalog := skus.Lookup(k.SKUID)
		kind := skus.KindOf(k.SKUPartNumber, inCatalog)
		sf := result.SKUFact{SKUID: k.SKUID, PartNumber: k.SKUPartNumber, ProductName: skus.ProductName(k.SKUPartNumber),
			Kind: string(kind), CapabilityStatus: k.CapabilityStatus, Assigned: k.ConsumedUnits,
			Units: result.SKUUnits{Enabled: k.PrepaidUnits.Enabled, Warning: k.PrepaidUnits.Warning, Suspended: k.PrepaidUnits.Suspended,
				LockedOut: k.PrepaidUnits.LockedOut}}
		if kind == skus.KindBase {
			f, _ := skus.FamilyOf(k.SKUPartNumber, skus.OfSKU(k))
			sf.Family = f.String()
		}
		if h := holders[strings.ToLower(k.SKUID)]; h != nil {
			sf.Holders = *h
		}
		if unused := k.PrepaidUnits.Enabled - k.ConsumedUnits; unused > 0 {
			sf.Unused = unused
			if k.CapabilityStatus == "Enabled" && kind != skus.KindFree && kind != skus.KindTrial {
				facts.UnusedSeats += unused
			}
		}
		facts.SKUs = append(facts.SKUs, sf)
	}
	for _, f := range skus.Families() {
		if families[f] > 0 {
			facts.PeoplePerFamily = append(facts.PeoplePerFamily, result.FamilyCount{Family: f.String(), Frontline: f.Frontline(), People: families[f]})
		}
		facts.People += families[f]
	}
	return facts
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
