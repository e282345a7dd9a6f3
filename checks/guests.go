package checks

import (
	"fmt"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idGuests = "COL-002"

var guestRemediation = []string{
	"Remove guests who never accepted their invitation or have not signed in for months (or run an access review on them).",
	"Never give a guest a directory role: remove the role, and if the person needs admin work give them a member account.",
}

// GuestHygiene finds guests who never signed in or went quiet, and guests
// holding privileged roles.
var GuestHygiene = Check{
	ID:       idGuests,
	Title:    "Guest access hygiene",
	Category: result.CategoryCollaboration,
	Severity: result.SeverityMedium,
	Weight:   5,
	Why: "Guests keep their access to shared sites and teams until someone removes them. Old guest accounts are an " +
		"easy target, and a guest with an admin role is an outsider who can change the tenant.",
	Remediation: guestRemediation,
	Links:       []string{"https://learn.microsoft.com/entra/id-governance/manage-guest-access-with-access-reviews"},
	Requires:    []tenant.Dataset{tenant.DatasetUsers},
	Uses: []tenant.Dataset{tenant.DatasetSubscribedSKUs, tenant.DatasetSignInActivity, tenant.DatasetRoleAssignments,
		tenant.DatasetRoleEligibilities},
	Evaluate: evalGuests,
}

func evalGuests(e *Env) Outcome {
	dir := e.People()
	var last map[string]*time.Time
	if e.Have(tenant.DatasetSignInActivity) {
		last = e.LastSignIns()
	}
	privileged := privilegedUserIDs(e)
	limit := e.Settings.StaleDeviceDays
	var out Outcome
	guests, bad, unknown := 0, 0, 0
	for _, a := range dir.All {
		if a.Class != ClassGuest || !a.User.AccountEnabled {
			continue
		}
		if acc := e.accepted(idGuests, a.User.ID, a.User.UserPrincipalName); acc != nil {
			f := withSeverity(userFinding(a, "accepted risk: "+acc.Reason), result.SeverityInfo)
			f.Accepted = acc
			out.Excluded = append(out.Excluded, f)
			continue
		}
		guests++
		var issues []string
		sev := result.SeverityMedium
		if privileged[a.User.ID] {
			issues = append(issues, "holds a privileged directory role")
			sev = result.SeverityCritical
		}
		if last == nil {
			unknown++
		} else if t, ok := last[strings.ToLower(a.User.ID)]; ok {
			switch {
			case t == nil:
				issues = append(issues, "never signed in")
			case daysSince(e.Now, t) > limit:
				issues = append(issues, fmt.Sprintf("no sign-in for %d days", daysSince(e.Now, t)))
			}
		}
		if len(issues) > 0 {
			bad++
			out.Findings = append(out.Findings, withSeverity(userFinding(a, strings.Join(issues, "; ")), sev))
		}
	}
	if guests == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "the tenant has no enabled guests"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	out.Score = 1 - ratio(bad, guests)
	out.Summary = fmt.Sprintf("Guests needing attention: %d of %d", bad, guests)
	if last == nil {
		out.Summary += "; sign-in activity could not be read (" + e.Snap.SignInActivity.Describe() + "), so inactive guests are unknown"
	}
	switch {
	case bad == 0 && unknown == 0:
		out.Status = result.StatusPass
	case bad == 0:
		out.Status = result.StatusWarn
	case out.Score >= 0.8:
		out.Status = result.StatusWarn
	default:
		out.Status = result.StatusFail
	}
	for _, f := range out.Findings {
		if f.Severity == result.SeverityCritical {
			out.Status, out.Action = result.StatusFail, guestRemediation[1]
		}
	}
	return out
}
