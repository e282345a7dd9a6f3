package graph

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"github.com/microsoftgraph/msgraph-sdk-go/groups"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/sites"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/internal/usagereport"
)

var siteSelect = []string{"id", "name", "displayName", "webUrl", "isPersonalSite", "createdDateTime"}

func siteOf(s models.Siteable) tenant.Site {
	return tenant.Site{ID: deref(s.GetId()), Name: deref(s.GetName()), DisplayName: deref(s.GetDisplayName()),
		WebURL: deref(s.GetWebUrl()), IsPersonalSite: deref(s.GetIsPersonalSite()), CreatedDateTime: utcPtr(s.GetCreatedDateTime())}
}

// collectGroups lists Microsoft 365 groups, then reads each one's owners and
// team site in $batch requests. $expand=owners is not used: it stops at 20
// owners with no nextLink (https://learn.microsoft.com/graph/query-parameters,
// expand: "typically returns a maximum of 20 items").
func collectGroups(ctx context.Context, c *client, appOnly bool) ([]tenant.Group, error) {
	out := []tenant.Group{}
	filter := "groupTypes/any(c:c eq 'Unified')"
	cfg := &groups.GroupsRequestBuilderGetRequestConfiguration{QueryParameters: &groups.GroupsRequestBuilderGetQueryParameters{
		Filter: &filter, Select: []string{"id", "displayName", "mail", "visibility"}, Top: &pageSize}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.Groupable], error) { return c.sdk.Groups().Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.Groupable], error) {
			return c.sdk.Groups().WithUrl(l).Get(ctx, nil)
		},
		func(g models.Groupable) error {
			out = append(out, tenant.Group{ID: deref(g.GetId()), DisplayName: deref(g.GetDisplayName()), Mail: deref(g.GetMail()),
				Visibility: deref(g.GetVisibility()), Owners: []tenant.Principal{}})
			return nil
		})
	if err != nil {
		return nil, err
	}
	var jobs []batchJob
	ownersCfg := &groups.ItemOwnersRequestBuilderGetRequestConfiguration{QueryParameters: &groups.ItemOwnersRequestBuilderGetQueryParameters{
		Select: principalSelect, Top: &pageSize}}
	siteCfg := &groups.ItemSitesSiteItemRequestBuilderGetRequestConfiguration{QueryParameters: &groups.ItemSitesSiteItemRequestBuilderGetQueryParameters{
		Select: []string{"id", "webUrl"}}}
	index := map[string]int{}
	for i, g := range out {
		index[g.ID] = i
		oi, err := c.sdk.Groups().ByGroupId(g.ID).Owners().ToGetRequestInformation(ctx, ownersCfg)
		if err != nil {
			return nil, err
		}
		si, err := c.sdk.Groups().ByGroupId(g.ID).Sites().BySiteId("root").ToGetRequestInformation(ctx, siteCfg)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, batchJob{key: "owners/" + g.ID, info: oi}, batchJob{key: "site/" + g.ID, info: si})
	}
	ownerPerm := collect.NeededFor(tenant.DatasetGroups, "/groups/{id}/owners", appOnly)
	sitePerm := collect.NeededFor(tenant.DatasetGroups, "/groups/{id}/sites/root", appOnly)
	err = c.runBatches(ctx, jobs, func(r batchResult) error {
		kind, id, _ := strings.Cut(r.key, "/")
		g := &out[index[id]]
		switch kind {
		case "owners":
			if r.err != nil {
				st := classify(r.err, ownerPerm)
				g.OwnersStatus, g.Owners = &st, nil
				return nil
			}
			coll, err := decodeBatch[models.DirectoryObjectCollectionResponseable](r, models.CreateDirectoryObjectCollectionResponseFromDiscriminatorValue)
			if err != nil {
				return err
			}
			b := c.sdk.Groups().ByGroupId(id).Owners()
			err = forEachPage(ctx,
				func(context.Context) (page[models.DirectoryObjectable], error) { return coll, nil },
				func(ctx context.Context, l string) (page[models.DirectoryObjectable], error) {
					return b.WithUrl(l).Get(ctx, nil)
				},
				func(o models.DirectoryObjectable) error { g.Owners = append(g.Owners, principalOf(o)); return nil })
			if err != nil {
				st := classify(err, ownerPerm)
				g.OwnersStatus, g.Owners = &st, nil
			}
		case "site":
			if r.err != nil {
				if r.err.status == 404 {
					return nil // no team site provisioned for this group
				}
				st := classify(r.err, sitePerm)
				g.RootSiteStatus = &st
				return nil
			}
			s, err := decodeBatch[models.Siteable](r, models.CreateSiteFromDiscriminatorValue)
			if err != nil {
				return err
			}
			g.RootSite = &tenant.SiteRef{ID: deref(s.GetId()), WebURL: deref(s.GetWebUrl())}
		}
		return nil
	})
	return out, err
}

// collectSites lists every site: getAllSites with application permissions;
// with delegated ones (where getAllSites is not supported) the search
// endpoint, whose results come from the search index.
func collectSites(ctx context.Context, c *client, appOnly bool) ([]tenant.Site, string, error) {
	out := []tenant.Site{}
	add := func(s models.Siteable) error { out = append(out, siteOf(s)); return nil }
	if appOnly {
		b := c.sdk.Sites().GetAllSites()
		cfg := &sites.GetAllSitesRequestBuilderGetRequestConfiguration{QueryParameters: &sites.GetAllSitesRequestBuilderGetQueryParameters{Select: siteSelect}}
		err := forEachPage(ctx,
			func(ctx context.Context) (page[models.Siteable], error) {
				return b.GetAsGetAllSitesGetResponse(ctx, cfg)
			},
			func(ctx context.Context, l string) (page[models.Siteable], error) {
				return b.WithUrl(l).GetAsGetAllSitesGetResponse(ctx, nil)
			}, add)
		return out, "getAllSites", err
	}
	// The SDK's typed builder sends $search; the documented form is search=.
	raw := c.adapter.GetBaseUrl() + "/sites?search=*&$select=" + strings.Join(siteSelect, ",")
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.Siteable], error) {
			return c.sdk.Sites().WithUrl(raw).Get(ctx, nil)
		},
		func(ctx context.Context, l string) (page[models.Siteable], error) {
			return c.sdk.Sites().WithUrl(l).Get(ctx, nil)
		}, add)
	return out, "search", err
}

// collectSiteUsage downloads the 30-day SharePoint site usage report. Graph
// answers with a 302 to a pre-authenticated URL on another host; kiota's
// redirect handler follows it without the Authorization header.
func collectSiteUsage(ctx context.Context, c *client) ([]tenant.SiteUsage, error) {
	period := "D30"
	data, err := c.sdk.Reports().GetSharePointSiteUsageDetailWithPeriod(&period).Get(ctx, nil)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, errors.New("the usage report download was empty (the redirect was not followed)")
	}
	return usagereport.ParseSiteUsage(bytes.NewReader(data))
}

// collectOneDriveUsage downloads the 30-day OneDrive account report (302 like the site report).
func collectOneDriveUsage(ctx context.Context, c *client) ([]tenant.OneDriveUsage, error) {
	period := "D30"
	data, err := c.sdk.Reports().GetOneDriveUsageAccountDetailWithPeriod(&period).Get(ctx, nil)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, errors.New("the OneDrive usage report download was empty (the redirect was not followed)")
	}
	return usagereport.ParseOneDriveUsage(bytes.NewReader(data))
}

func collectReportSettings(ctx context.Context, c *client) (tenant.ReportSettings, error) {
	rs, err := c.sdk.Admin().ReportSettings().Get(ctx, nil)
	if err != nil {
		return tenant.ReportSettings{}, err
	}
	if rs == nil || rs.GetDisplayConcealedNames() == nil {
		return tenant.ReportSettings{}, errEmpty("reportSettings")
	}
	return tenant.ReportSettings{DisplayConcealedNames: *rs.GetDisplayConcealedNames()}, nil
}
