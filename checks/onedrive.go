package checks

import (
	"fmt"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idOneDrive = "COL-003"

var oneDriveRemediation = []string{
	"Turn on OneDrive Known Folder Move (Intune or Group Policy) so Desktop, Documents and Pictures are kept in OneDrive on every managed laptop.",
	"Show the people listed how to move their work files from local disks or a personal OneDrive into their work OneDrive or a team site.",
}

// OneDriveInUse finds licensed people with no OneDrive activity in the
// report period: a sign their work files live on local disks or a personal OneDrive.
var OneDriveInUse = Check{
	ID:       idOneDrive,
	Title:    "OneDrive for Business in use",
	Category: result.CategoryCollaboration,
	Severity: result.SeverityMedium,
	Weight:   5,
	Why: "Moving staff to Microsoft 365 sign-in is also the moment to move their files: work kept on a laptop's disk " +
		"or a personal OneDrive is lost with the laptop and invisible to the business.",
	Remediation: oneDriveRemediation,
	Links:       []string{"https://learn.microsoft.com/sharepoint/redirect-known-folders"},
	Requires:    []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetOneDriveUsage},
	Uses:        []tenant.Dataset{tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments},
	Evaluate:    evalOneDrive,
}

func evalOneDrive(e *Env) Outcome {
	rows := required(e.Snap.OneDriveUsage.Get())
	byOwner := map[string]tenant.OneDriveUsage{}
	concealed := 0
	for _, r := range rows {
		if r.Concealed {
			concealed++
			continue
		}
		byOwner[strings.ToLower(r.OwnerPrincipalName)] = r
	}
	dir := e.People()
	people, acceptedOut := acceptedPeople(e, idOneDrive, dir.People())
	out := Outcome{Excluded: append(excludedAccounts(dir), acceptedOut...)}
	if concealed > 0 && len(byOwner) == 0 {
		out.Status, out.Reason = result.StatusSkipped, concealHint
		out.Summary = "Skipped: " + concealHint
		return out
	}
	periodStart := e.Now.AddDate(0, 0, -30)
	known, active := 0, 0
	for _, a := range people {
		if !a.Licence.Caps.SharePoint {
			continue // no OneDrive in their licence (Exchange-only, for example)
		}
		known++
		r, ok := byOwner[strings.ToLower(a.User.UserPrincipalName)]
		var detail string
		switch {
		case !ok:
			detail = "no OneDrive in the usage report (never set up)"
		case r.LastActivityDate == "":
			detail = "no OneDrive activity in the last 30 days"
		default:
			t, err := time.Parse("2006-01-02", r.LastActivityDate)
			if err == nil && t.Before(periodStart) {
				detail = "last OneDrive activity " + r.LastActivityDate
			}
		}
		if detail == "" {
			active++
			continue
		}
		out.Findings = append(out.Findings, withSeverity(userFinding(a, detail), result.SeverityMedium))
	}
	if known == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no person's licence includes OneDrive"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	out.Score = ratio(active, known)
	out.Summary = fmt.Sprintf("%s of %s used OneDrive in the last 30 days", pct(active, known), plural(known, "person", "people"))
	if concealed > 0 {
		out.Summary += fmt.Sprintf("; %d report rows were concealed", concealed)
	}
	out.Status = verdict(active == known, out.Score, 0.8)
	return out
}
