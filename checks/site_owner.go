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
	Weight:   3,
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
	Requires: []tenant.Dataset{tenant.DatasetGroups, tenant.DatasetUsers},
	// The SKUs and role assignments are what account classification reads
	// (peopleDatasets): declared, an owner is classed as every other check
	// classes them, and the run builds one directory of people, not two.
	Uses: []tenant.Dataset{tenant.DatasetSites, tenant.DatasetSiteUsage, tenant.DatasetReportSettings,
		tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments},
	Scope: "Sites with no owner, a single owner, owners who left or are guests; group-connected sites from the group's " +
		"owners, others from the usage report (which names one owner, the primary site admin); concealed report names",
	Thresholds: "fail when a site has no current owner; warn when a site has a single owner or owners who left; pass otherwise",
	Codes: []result.CodeInfo{codeSiteNoOwner, codeSiteOnlyLeft, codeSiteOwnerLeft, codeSiteSingle, codeSiteOwnerUnknown,
		codeAccepted},
	FactsType: (*result.SiteFacts)(nil),
	Evaluate:  evalSiteOwnership,
}

const concealHint = "report names are concealed; turn off \"Display concealed user, group, and site names in all reports\" in the Microsoft 365 admin center to see owners"

func evalSiteOwnership(e *Env) Outcome {
	groups := required(e.Snap.Groups.Get())
	dir := e.People()
	byGroupSite := map[string]*tenant.Group{}
	for i := range groups {
		if rs := groups[i].RootSite; rs != nil {
			byGroupSite[strings.ToLower(rs.ID)] = &groups[i]
			byGroupSite[strings.ToLower(strings.TrimRight(rs.WebURL, "/"))] = &groups[i]
		}
	}
	// Without the site list, the group-connected sites (the groups name
	// them) are still judged; the others are unknown, and Have records it.
	var sites []tenant.Site
	if e.Have(tenant.DatasetSites) {
		sites = required(e.Snap.Sites.Get())
	} else {
		for _, g := range groups {
			if g.RootSite != nil {
				sites = append(sites, tenant.Site{ID: g.RootSite.ID, WebURL: g.RootSite.WebURL})
			}
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
	facts := &result.SiteFacts{Sites: []result.SiteFact{}}
	// A fact only, not part of the verdict: not recorded as missing.
	if v, err := e.Snap.ReportSettings.Get(); err == nil {
		facts.NamesConcealed = v.DisplayConcealedNames
	}
	var findings, excluded []result.Finding
	known, ok, noOwner, unknown := 0, 0, 0, 0
	concealed := 0
	verdicts := map[string]int{}
	for _, s := range sites {
		if s.IsPersonalSite {
			continue
		}
		sf := result.SiteFact{ID: s.ID, URL: s.WebURL, OwnerSource: "none", Owners: []result.OwnerFact{}}
		f := result.Finding{ObjectType: "site", ObjectID: s.ID, Name: s.WebURL}
		record := func(verdict string) {
			sf.Verdict = verdict
			verdicts[verdict]++
			facts.Sites = append(facts.Sites, sf)
		}
		if acc := e.accepted(idSiteOwnership, s.ID, s.WebURL); acc != nil {
			f.Code, f.Accepted, f.Detail = codeAccepted.Code, acc, "accepted risk: "+acc.Reason
			excluded = append(excluded, f)
			continue
		}
		unknownSite := func(why string) {
			f.Code, f.Detail, f.Attrs = codeSiteOwnerUnknown.Code, "unknown: "+why, &result.FindingAttrs{Reason: why}
			findings = append(findings, f)
			unknown++
			sf.UnknownReason = why
			record(result.SiteUnknown)
		}
		var owners []ownerState
		source := ""
		g := byGroupSite[strings.ToLower(s.ID)]
		if g == nil {
			g = byGroupSite[strings.ToLower(strings.TrimRight(s.WebURL, "/"))]
		}
		if g != nil {
			sf.GroupConnected, sf.Group, sf.OwnerSource = true, g.DisplayName, "group"
			if g.OwnersStatus != nil {
				unknownSite("owners of group " + g.DisplayName + " could not be read (" + g.OwnersStatus.Describe() + ")")
				continue
			}
			source = "group " + g.DisplayName
			for _, p := range g.Owners {
				owners = append(owners, resolveOwner(dir, p.ID, nonEmptyName(p), p.DisplayName))
			}
		} else {
			if !usageHave() {
				unknownSite("not connected to a group, and the usage report is unavailable (" + e.Snap.SiteUsage.Describe() + ")")
				continue
			}
			row, found := byCollection[strings.ToLower(s.SiteCollectionID())]
			switch {
			case !found:
				unknownSite("not in the usage report")
				findings[len(findings)-1].Severity = result.SeverityInfo
				continue
			case row.Concealed:
				concealed++
				unknownSite(concealHint)
				continue
			}
			source, sf.OwnerSource = "usage report", "usageReport"
			if row.OwnerPrincipalName != "" || row.OwnerDisplayName != "" {
				owners = append(owners, resolveOwner(dir, row.OwnerPrincipalName, nonEmpty(row.OwnerPrincipalName, row.OwnerDisplayName), row.OwnerDisplayName))
			}
		}
		known++
		active, problems, names := 0, []string{}, []string{}
		for _, o := range owners {
			sf.Owners = append(sf.Owners, result.OwnerFact{Name: o.display, UPN: o.name, State: o.state()})
			names = append(names, o.name)
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
		f.Attrs = &result.FindingAttrs{Source: sf.OwnerSource, Owners: names}
		switch {
		case len(owners) == 0:
			noOwner++
			f.Code, f.Detail, f.Severity = codeSiteNoOwner.Code, "no owner ("+source+")", result.SeverityHigh
			record(result.SiteNoOwner)
		case active == 0:
			noOwner++
			f.Code, f.Detail, f.Severity = codeSiteOnlyLeft.Code, "no current owner: "+strings.Join(problems, "; ")+" ("+source+")", result.SeverityHigh
			record(result.SiteOnlyOwnersLeft)
		case len(problems) > 0:
			ok++
			f.Code, f.Detail = codeSiteOwnerLeft.Code, strings.Join(problems, "; ")+" ("+source+")"
			record(result.SiteOwnerLeft)
		case len(owners) == 1 && sf.GroupConnected:
			ok++
			f.Code, f.Detail, f.Severity = codeSiteSingle.Code, "a single owner: "+owners[0].name+" ("+source+")", result.SeverityLow
			record(result.SiteSingleOwner)
		case len(owners) == 1:
			// The usage report names one owner, the primary site admin:
			// others may exist, but only one is known.
			ok++
			f.Code, f.Detail, f.Severity = codeSiteSingle.Code, "one known owner, the primary site admin: "+owners[0].name+" ("+source+")", result.SeverityLow
			record(result.SiteSingleOwner)
		default:
			ok++
			record(result.SiteOK)
			continue
		}
		findings = append(findings, f)
	}
	for _, v := range []string{result.SiteOK, result.SiteSingleOwner, result.SiteOwnerLeft, result.SiteOnlyOwnersLeft, result.SiteNoOwner, result.SiteUnknown} {
		if verdicts[v] > 0 {
			facts.Counts = append(facts.Counts, result.VerdictSite{Verdict: v, Sites: verdicts[v]})
		}
	}
	out := Outcome{Findings: findings, Excluded: excluded, Facts: facts}
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
	name, display         string // UPN (or what the source gave) and display name
	gone, disabled, guest bool
}

func (o ownerState) state() string {
	switch {
	case o.gone:
		return "deleted"
	case o.disabled:
		return "disabled"
	case o.guest:
		return "guest"
	}
	return "active"
}

// resolveOwner finds an owner in the directory: absent means deleted.
func resolveOwner(dir *Directory, key, name, display string) ownerState {
	a := dir.Find(key)
	if a == nil {
		return ownerState{name: name, display: display, gone: true}
	}
	return ownerState{name: a.Name(), display: a.DisplayName(), disabled: !a.User.AccountEnabled, guest: a.Class == ClassGuest}
}

func nonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
