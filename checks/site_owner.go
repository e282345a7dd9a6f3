package checks

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// SiteOwnership checks every SharePoint site (OneDrive excluded) has an owner
// who still works there.
const idSiteOwnership = "COL-001"

var SiteOwnership = Check{
	ID:       idSiteOwnership,
	Title:    "SharePoint site ownership",
	Category: result.CategoryCollaboration,
	Severity: result.SeverityMedium,
	Weight:   5,
	Why: "Shared files belong in SharePoint sites owned by people who still work there: an owner approves access, " +
		"tidies permissions and takes over when someone leaves. A site whose owners have left, or with a single owner, " +
		"becomes a place nobody looks after.",
	Remediation: []string{
		"For group-connected sites add a second owner to the Microsoft 365 group (Microsoft 365 admin center > Teams & groups).",
		"For other sites set a current owner in the SharePoint admin center (Active sites > the site > Membership).",
		"Replace owners who have left or are guests with current staff.",
		"If owners are hidden: Microsoft 365 admin center > Settings > Org settings > Reports > clear \"Display concealed user, group, and site names in all reports\". m365ready never changes it.",
	},
	Links: []string{"https://learn.microsoft.com/sharepoint/manage-site-collection-administrators",
		"https://learn.microsoft.com/microsoft-365/admin/activity-reports/activity-reports"},
	Requires: []tenant.Dataset{tenant.DatasetSites, tenant.DatasetGroups, tenant.DatasetUsers},
	Uses:     []tenant.Dataset{tenant.DatasetSiteUsage},
	Evaluate: evalSiteOwnership,
}

const concealHint = "report names are concealed; turn off \"Display concealed user, group, and site names in all reports\" in the Microsoft 365 admin center to see owners"

func evalSiteOwnership(e *Env) Outcome {
	sites := required(e.Snap.Sites.Get())
	groups := required(e.Snap.Groups.Get())
	dir := e.People()
	byGroupSite := map[string]*tenant.Group{}
	for i := range groups {
		if rs := groups[i].RootSite; rs != nil {
			byGroupSite[strings.ToLower(rs.ID)] = &groups[i]
			byGroupSite[strings.ToLower(strings.TrimRight(rs.WebURL, "/"))] = &groups[i]
		}
	}
	// The usage report is read only when a site is not connected to a group.
	var byCollection map[string]tenant.SiteUsage
	usageHave := func() bool {
		if byCollection == nil && e.Have(tenant.DatasetSiteUsage) {
			byCollection = map[string]tenant.SiteUsage{}
			for _, u := range required(e.Snap.SiteUsage.Get()) {
				byCollection[strings.ToLower(u.SiteID)] = u
			}
		}
		return byCollection != nil
	}
	var findings, excluded []result.Finding
	known, ok, noOwner, unknown := 0, 0, 0, 0
	concealed := 0
	for _, s := range sites {
		if s.IsPersonalSite {
			continue
		}
		f := result.Finding{ObjectType: "site", ObjectID: s.ID, Name: s.WebURL}
		if acc := e.accepted(idSiteOwnership, s.ID, s.WebURL); acc != nil {
			f.Accepted, f.Detail = acc, "accepted risk: "+acc.Reason
			excluded = append(excluded, f)
			continue
		}
		var owners []ownerState
		source := ""
		if g := byGroupSite[strings.ToLower(s.ID)]; g != nil || byGroupSite[strings.ToLower(strings.TrimRight(s.WebURL, "/"))] != nil {
			if g == nil {
				g = byGroupSite[strings.ToLower(strings.TrimRight(s.WebURL, "/"))]
			}
			if g.OwnersStatus != nil {
				f.Detail = "unknown: owners of group " + g.DisplayName + " could not be read (" + g.OwnersStatus.Describe() + ")"
				findings = append(findings, f)
				unknown++
				continue
			}
			source = "group " + g.DisplayName
			for _, p := range g.Owners {
				owners = append(owners, resolveOwner(dir, p.ID, nonEmptyName(p), p.AccountEnabled))
			}
		} else {
			if !usageHave() {
				f.Detail = "unknown: not connected to a group, and the usage report is unavailable (" + e.Snap.SiteUsage.Describe() + ")"
				findings = append(findings, f)
				unknown++
				continue
			}
			row, found := byCollection[strings.ToLower(s.SiteCollectionID())]
			switch {
			case !found:
				f.Detail = "unknown: not in the usage report"
				f.Severity = result.SeverityInfo
				findings = append(findings, f)
				unknown++
				continue
			case row.Concealed:
				concealed++
				f.Detail = "unknown: " + concealHint
				findings = append(findings, f)
				unknown++
				continue
			}
			source = "usage report"
			if row.OwnerPrincipalName != "" || row.OwnerDisplayName != "" {
				owners = append(owners, resolveOwner(dir, row.OwnerPrincipalName, nonEmpty(row.OwnerPrincipalName, row.OwnerDisplayName), nil))
			}
		}
		known++
		active, problems := 0, []string{}
		for _, o := range owners {
			switch {
			case o.gone:
				problems = append(problems, o.name+" no longer exists")
			case o.disabled:
				problems = append(problems, o.name+" is disabled (has left?)")
			case o.guest:
				problems = append(problems, o.name+" is a guest")
			default:
				active++
			}
		}
		switch {
		case len(owners) == 0:
			noOwner++
			f.Detail, f.Severity = "no owner ("+source+")", result.SeverityHigh
		case active == 0:
			noOwner++
			f.Detail, f.Severity = "no current owner: "+strings.Join(problems, "; ")+" ("+source+")", result.SeverityHigh
		case len(problems) > 0:
			ok++
			f.Detail = strings.Join(problems, "; ") + " (" + source + ")"
		case len(owners) == 1 && strings.HasPrefix(source, "group"):
			ok++
			f.Detail, f.Severity = "a single owner: "+owners[0].name+" ("+source+")", result.SeverityLow
		default:
			ok++
			continue
		}
		findings = append(findings, f)
	}
	out := Outcome{Findings: findings, Excluded: excluded}
	if known == 0 {
		if len(findings) == 0 {
			out.Status, out.Reason = result.StatusNotApplicable, "the tenant has no SharePoint sites besides OneDrive"
		} else {
			out.Status, out.Reason = result.StatusSkipped, "no site's owners could be determined"
			if concealed > 0 {
				out.Reason += ": " + concealHint
			}
		}
		out.Summary = map[result.Status]string{result.StatusNotApplicable: "Not applicable: ", result.StatusSkipped: "Skipped: "}[out.Status] + out.Reason
		return out
	}
	out.Score = ratio(ok, known)
	if unknown > 0 {
		n := float64(known + unknown)
		out.Bounds = &result.Bounds{Low: float64(ok) / n, High: float64(ok+unknown) / n}
	}
	out.Summary = fmt.Sprintf("%d of %s have a current owner", ok, plural(known, "site", "sites"))
	if unknown > 0 {
		out.Summary += fmt.Sprintf("; owners of %s unknown", plural(unknown, "site", "sites"))
	}
	switch {
	case noOwner > 0:
		out.Status = result.StatusFail
	case len(findings) > unknown:
		out.Status = result.StatusWarn
	default:
		out.Status = result.StatusPass
	}
	return out
}

type ownerState struct {
	name                  string
	gone, disabled, guest bool
}

// resolveOwner finds an owner in the directory: absent means deleted.
func resolveOwner(dir *Directory, key, name string, enabled *bool) ownerState {
	a := dir.Find(key)
	if a == nil {
		return ownerState{name: name, gone: true}
	}
	return ownerState{name: a.Name(), disabled: !a.User.AccountEnabled, guest: a.Class == ClassGuest}
}

func nonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
