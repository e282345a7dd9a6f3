package demo

import (
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

const spHost = "alderfinch.sharepoint.com"

func siteID(key string) string { return spHost + "," + id("sitecoll/"+key) + "," + id("web/"+key) }

type groupDef struct {
	key, name string
	owners    []tenant.Principal
}

// collaboration returns the Microsoft 365 groups, every site, and the usage
// report rows. "Projects" is owned only by Tom Reed, who has left; "Projects
// Archive" is a classic site he owns in the usage report.
func collaboration(now time.Time) ([]tenant.Group, []tenant.Site, []tenant.SiteUsage) {
	guest := tenant.Principal{ID: id("user/ruth_bellco.example#EXT#"), Type: "user", DisplayName: "Ruth Bell (Bell & Co Accountants)",
		UserPrincipalName: "ruth_bellco.example#EXT#@" + initial, AccountEnabled: ptr(true)}
	tom := principal("tom.reed", "Tom Reed")
	tom.AccountEnabled = ptr(false)
	defs := []groupDef{
		{"AllStaff", "All Staff", []tenant.Principal{principal("mara.finch", "Mara Finch"), principal("owen.alder", "Owen Alder")}},
		{"Projects", "Projects", []tenant.Principal{tom}},
		{"Marketing", "Marketing", []tenant.Principal{principal("lena.kowalski", "Lena Kowalski")}},
		{"Finance", "Finance", []tenant.Principal{guest, principal("priya.shah", "Priya Shah")}},
		{"SocialClub", "Social Club", []tenant.Principal{}},
	}
	refresh := now.AddDate(0, 0, -2).Format("2006-01-02")
	var groups []tenant.Group
	sites := []tenant.Site{{ID: siteID("root"), Name: "root", DisplayName: "Communication site", WebURL: "https://" + spHost, CreatedDateTime: daysAgo(now, 2100)}}
	usage := []tenant.SiteUsage{{SiteID: id("sitecoll/root"), SiteURL: "https://" + spHost, OwnerDisplayName: "Mara Finch",
		OwnerPrincipalName: "mara.finch@" + domain, LastActivityDate: refresh, FileCount: 12, StorageUsedBytes: 3 << 20,
		RootWebTemplate: "Communication Site", ReportRefreshDate: refresh}}
	for _, g := range defs {
		url := "https://" + spHost + "/sites/" + g.key
		grp := tenant.Group{ID: id("group/" + g.key), DisplayName: g.name, Mail: g.key + "@" + domain, Visibility: "Private",
			Owners: g.owners, RootSite: &tenant.SiteRef{ID: siteID(g.key), WebURL: url}}
		groups = append(groups, grp)
		sites = append(sites, tenant.Site{ID: siteID(g.key), Name: g.key, DisplayName: g.name, WebURL: url, CreatedDateTime: daysAgo(now, 800)})
		usage = append(usage, tenant.SiteUsage{SiteID: id("sitecoll/" + g.key), SiteURL: url, OwnerDisplayName: g.name + " Owners",
			LastActivityDate: refresh, FileCount: 250, StorageUsedBytes: 900 << 20, RootWebTemplate: "Group", ReportRefreshDate: refresh})
	}
	classic := []struct{ key, name, owner, ownerName string }{
		{"Intranet", "Intranet", "mara.finch", "Mara Finch"},
		{"ProjectsArchive", "Projects Archive", "tom.reed", "Tom Reed"},
		{"Drawings", "Drawings", "dan.hughes", "Dan Hughes"},
	}
	for _, c := range classic {
		url := "https://" + spHost + "/sites/" + c.key
		sites = append(sites, tenant.Site{ID: siteID(c.key), Name: c.key, DisplayName: c.name, WebURL: url, CreatedDateTime: daysAgo(now, 1500)})
		usage = append(usage, tenant.SiteUsage{SiteID: id("sitecoll/" + c.key), SiteURL: url, OwnerDisplayName: c.ownerName,
			OwnerPrincipalName: c.owner + "@" + domain, LastActivityDate: refresh, FileCount: 4200, StorageUsedBytes: 40 << 30,
			RootWebTemplate: "Team Site", ReportRefreshDate: refresh})
	}
	for _, p := range []string{"priya_shah", "dan_hughes", "mara_finch"} {
		url := "https://alderfinch-my.sharepoint.com/personal/" + p + "_alderfinch_example"
		sites = append(sites, tenant.Site{ID: "alderfinch-my.sharepoint.com," + id("od/"+p) + "," + id("odweb/"+p), Name: p,
			DisplayName: p, WebURL: url, IsPersonalSite: true, CreatedDateTime: daysAgo(now, 700)})
	}
	return groups, sites, usage
}
