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
	Weight:   3,
	Why: "Moving staff to Microsoft 365 sign-in is also the moment to move their files: work kept on a laptop's disk " +
		"or a personal OneDrive is lost with the laptop and invisible to the business.",
	Remediation: oneDriveRemediation,
	Links:       []string{"https://learn.microsoft.com/sharepoint/redirect-known-folders"},
	Requires:    []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetOneDriveUsage},
	Uses:        []tenant.Dataset{tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments},
	Scope: "Licensed people (with OneDrive in their licence) with no OneDrive activity in the 30-day usage report; " +
		"concealed names handled as in site ownership",
	Thresholds: "pass when every such person used OneDrive in the last 30 days; warn while at least 80 % did; fail below",
	Codes:      []result.CodeInfo{codeOneDriveNone, codeOneDriveIdle, codeNotCounted, codeAccepted},
	FactsType:  (*result.OneDriveFacts)(nil),
	Evaluate:   evalOneDrive,
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
	facts := &result.OneDriveFacts{ConcealedRows: concealed, PeriodDays: 30}
	out := Outcome{Excluded: append(excludedAccounts(dir), acceptedOut...), Facts: facts}
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
		c, attrs := codeOneDriveIdle, (*result.FindingAttrs)(nil)
		switch {
		case !ok:
			detail, c = "no OneDrive in the usage report (never set up)", codeOneDriveNone
			facts.NotSetUp++
		case r.LastActivityDate == "":
			detail = "no OneDrive activity in the last 30 days"
		default:
			t, err := time.Parse("2006-01-02", r.LastActivityDate)
			if err == nil && t.Before(periodStart) {
				detail, attrs = "last OneDrive activity "+r.LastActivityDate, &result.FindingAttrs{LastSeen: &t}
			}
		}
		if detail == "" {
			active++
			continue
		}
		if c.Code == codeOneDriveIdle.Code {
			facts.Inactive++
		}
		f := withSeverity(userFinding(a, c, detail), result.SeverityMedium)
		f.Attrs = attrs
		out.Findings = append(out.Findings, f)
	}
	facts.People, facts.Active = known, active
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
