package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idDormant = "IDN-006"

var dormantRemediation = []string{
	"For each account listed, confirm with its manager whether the person still works there; disable or delete it, and free its licence.",
	"Add a leavers step to your process: block sign-in, convert the mailbox to a shared mailbox, remove licences.",
}

// Dormant finds enabled, licensed people who have not signed in for the
// stale period: former staff whose accounts still work and still cost.
var Dormant = Check{
	ID:       idDormant,
	Title:    "Dormant accounts",
	Category: result.CategoryIdentity,
	Severity: result.SeverityHigh,
	Weight:   3,
	Why: "An enabled account nobody uses is a way in that nobody watches, and its licence is paid for every month. " +
		"Once Microsoft 365 is the Windows sign-in, a former employee's account also opens company laptops.",
	Remediation: dormantRemediation,
	Links:       []string{"https://learn.microsoft.com/entra/identity/monitoring-health/howto-manage-inactive-user-accounts"},
	Requires:    []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetSignInActivity},
	Uses:        []tenant.Dataset{tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments},
	Licences:    []string{"Microsoft Entra ID P1 (sign-in activity)"},
	Scope: "Enabled, licensed people with no sign-in for 90 days (thresholds.dormantAccountDays), with the paid licences they hold " +
		"(needs Entra ID P1 and AuditLog.Read.All; skipped with that reason otherwise)",
	Thresholds: "pass when every licensed person signed in within the dormant threshold (90 days unless configured); warn while at least 90 % did; fail below",
	Codes:      []result.CodeInfo{codeDormant, codeNeverSignedIn, codeNotCounted, codeAccepted},
	FactsType:  (*result.DormantFacts)(nil),
	Evaluate:   evalDormant,
}

func evalDormant(e *Env) Outcome {
	last := e.LastSignIns()
	dir := e.People()
	people, acceptedOut := acceptedPeople(e, idDormant, dir.People())
	limit := e.Settings.DormantDays
	facts := &result.DormantFacts{DormantDays: limit, People: len(people), Dormant: []result.DormantAccount{}}
	out := Outcome{Excluded: append(excludedAccounts(dir), acceptedOut...), Facts: facts}
	dormant, known := 0, 0
	licences := map[string]int{}
	for _, a := range people {
		t, ok := last[strings.ToLower(a.User.ID)]
		if !ok {
			continue
		}
		known++
		detail, c := "", codeDormant
		attrs := &result.FindingAttrs{SKUs: nonNil(a.Licence.PaidSKUs)}
		switch {
		case t == nil:
			// A new account may simply not have signed in yet.
			if a.User.CreatedDateTime != nil && daysSince(e.Now, a.User.CreatedDateTime) < limit {
				continue
			}
			detail, c = "never signed in", codeNeverSignedIn
		case daysSince(e.Now, t) > limit:
			detail = fmt.Sprintf("last signed in %s (%d days ago)", t.Format("2006-01-02"), daysSince(e.Now, t))
			attrs.Days, attrs.LastSeen = daysSince(e.Now, t), t
		default:
			continue
		}
		dormant++
		for _, k := range a.Licence.PaidSKUs {
			licences[k]++
		}
		facts.Dormant = append(facts.Dormant, result.DormantAccount{Person: personRef(a), LastSignIn: t, Days: attrs.Days, SKUs: attrs.SKUs})
		f := withSeverity(userFinding(a, c, detail+"; holds "+skuNames(a.Licence.PaidSKUs)), result.SeverityHigh)
		f.Attrs = attrs
		out.Findings = append(out.Findings, f)
	}
	switch {
	case len(people) == 0:
		out.Status, out.Reason = result.StatusNotApplicable, "no enabled member account holds a paid licence"
		out.Summary = "Not applicable: " + out.Reason
		return out
	case known == 0:
		out.Status, out.Reason = result.StatusSkipped, "no person is in the sign-in activity data"
		out.Summary = "Skipped: " + out.Reason
		return out
	}
	facts.Known = known
	out.Score = 1 - ratio(dormant, known)
	if u := len(people) - known; u > 0 {
		// People missing from the sign-in data may or may not be dormant.
		n := float64(len(people))
		out.Bounds = &result.Bounds{Low: float64(known-dormant) / n, High: float64(len(people)-dormant) / n}
	}
	var held []string
	for k, n := range licences {
		held = append(held, fmt.Sprintf("%d %s", n, skus.ProductLabel(k)))
	}
	sort.Strings(held)
	switch {
	case dormant == 0:
		out.Status = result.StatusPass
		out.Summary = fmt.Sprintf("Every licensed person signed in within %d days", limit)
	default:
		out.Status = result.StatusWarn
		if out.Score < 0.9 {
			out.Status = result.StatusFail
		}
		out.Summary = fmt.Sprintf("%s with no sign-in for %d days, holding %s (licence prices are not in Graph)",
			plural(dormant, "licensed person", "licensed people"), limit, strings.Join(held, ", "))
	}
	return out
}
