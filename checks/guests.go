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
	Weight:   3,
	Why: "Guests keep their access to shared sites and teams until someone removes them. Old guest accounts are an " +
		"easy target, and a guest with an admin role is an outsider who can change the tenant.",
	Remediation: guestRemediation,
	Links:       []string{"https://learn.microsoft.com/entra/id-governance/manage-guest-access-with-access-reviews"},
	Requires:    []tenant.Dataset{tenant.DatasetUsers},
	Uses: []tenant.Dataset{tenant.DatasetSubscribedSKUs, tenant.DatasetSignInActivity, tenant.DatasetRoleAssignments,
		tenant.DatasetRoleEligibilities},
	Scope:      "Guests who never signed in or have been inactive for 90 days (thresholds.inactiveGuestDays), and guests holding directory roles",
	Thresholds: "fail when a guest holds a privileged role or fewer than 80 % of guests are in order; warn while some need attention or their sign-ins are unknown; pass otherwise",
	Codes:      []result.CodeInfo{codeGuestNever, codeGuestInactive, codeGuestPrivileged, codeAccepted},
	FactsType:  (*result.GuestFacts)(nil),
	Evaluate:   evalGuests,
}

func evalGuests(e *Env) Outcome {
	dir := e.People()
	var last map[string]*time.Time
	if e.Have(tenant.DatasetSignInActivity) {
		last = e.LastSignIns()
	}
	privileged := privilegedUserIDs(e)
	limit := e.Settings.InactiveGuestDays
	facts := &result.GuestFacts{SignInsKnown: last != nil, InactiveAfter: limit}
	out := Outcome{Facts: facts}
	guests, bad, unknown := 0, 0, 0
	for _, a := range dir.All {
		if a.Class != ClassGuest || !a.User.AccountEnabled {
			continue
		}
		if acc := e.accepted(idGuests, a.User.ID, a.User.UserPrincipalName); acc != nil {
			f := withSeverity(userFinding(a, codeAccepted, "accepted risk: "+acc.Reason), result.SeverityInfo)
			f.Accepted = acc
			out.Excluded = append(out.Excluded, f)
			continue
		}
		guests++
		var fs []result.Finding
		if privileged[a.User.ID] {
			facts.Privileged++
			fs = append(fs, withSeverity(userFinding(a, codeGuestPrivileged, "holds a privileged directory role"), result.SeverityCritical))
		}
		if last == nil {
			unknown++
		} else if t, ok := last[strings.ToLower(a.User.ID)]; ok {
			switch {
			case t == nil:
				facts.NeverSignedIn++
				fs = append(fs, withSeverity(userFinding(a, codeGuestNever, "never signed in"), result.SeverityMedium))
			case daysSince(e.Now, t) > limit:
				facts.Inactive++
				f := withSeverity(userFinding(a, codeGuestInactive, fmt.Sprintf("no sign-in for %d days", daysSince(e.Now, t))), result.SeverityMedium)
				f.Attrs = &result.FindingAttrs{Days: (daysSince(e.Now, t)), LastSeen: t}
				fs = append(fs, f)
			}
		}
		if len(fs) > 0 {
			bad++
			out.Findings = append(out.Findings, fs...)
		}
	}
	facts.Guests = guests
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
	case facts.Privileged > 0:
		out.Status, out.Action = result.StatusFail, guestRemediation[1]
	case bad == 0 && unknown == 0:
		out.Status = result.StatusPass
	case bad == 0 || out.Score >= 0.8:
		out.Status = result.StatusWarn
	default:
		out.Status = result.StatusFail
	}
	return out
}
