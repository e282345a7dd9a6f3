package graph

import (
	"context"
	"strings"

	"github.com/microsoftgraph/msgraph-sdk-go/groups"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/rolemanagement"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
)

// PrivilegedRoles are the directory role template ids collected: Global
// Administrator and the roles that can take over a tenant or its sign-in
// (graph-api.md §4.1). For built-in roles roleDefinitionId is the template id.
var PrivilegedRoles = map[string]string{
	"62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
	"e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
	"7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
	"194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
	"b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
	"fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
	"c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
	"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
	"158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
	"729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
	"8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
	"3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
	"29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
	"f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
	"b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
}

// roleFilter is `roleDefinitionId in ('…', …)`, one request for every role.
func roleFilter() *string {
	ids := make([]string, 0, len(PrivilegedRoles))
	for id := range PrivilegedRoles {
		ids = append(ids, "'"+id+"'")
	}
	sortStrings(ids)
	f := "roleDefinitionId in (" + strings.Join(ids, ",") + ")"
	return &f
}

var principalSelect = []string{"id", "displayName", "userPrincipalName", "accountEnabled"}

func principalOf(o models.DirectoryObjectable) tenant.Principal {
	if o == nil {
		return tenant.Principal{Type: "unknown"}
	}
	p := tenant.Principal{ID: deref(o.GetId()), Type: "unknown"}
	switch v := o.(type) {
	case models.Userable:
		p.Type, p.DisplayName, p.UserPrincipalName, p.AccountEnabled = "user", deref(v.GetDisplayName()), deref(v.GetUserPrincipalName()), v.GetAccountEnabled()
	case models.Groupable:
		p.Type, p.DisplayName = "group", deref(v.GetDisplayName())
	case models.ServicePrincipalable:
		p.Type, p.DisplayName, p.AccountEnabled = "servicePrincipal", deref(v.GetDisplayName()), v.GetAccountEnabled()
	case models.Deviceable:
		p.Type, p.DisplayName = "device", deref(v.GetDisplayName())
	}
	return p
}

func collectRoleAssignments(ctx context.Context, c *client, appOnly bool) ([]tenant.RoleAssignment, error) {
	out := []tenant.RoleAssignment{}
	b := c.sdk.RoleManagement().Directory().RoleAssignments()
	cfg := &rolemanagement.DirectoryRoleAssignmentsRequestBuilderGetRequestConfiguration{
		QueryParameters: &rolemanagement.DirectoryRoleAssignmentsRequestBuilderGetQueryParameters{
			Filter: roleFilter(), Expand: []string{"principal"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.UnifiedRoleAssignmentable], error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.UnifiedRoleAssignmentable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(a models.UnifiedRoleAssignmentable) error {
			out = append(out, tenant.RoleAssignment{ID: deref(a.GetId()), RoleDefinitionID: deref(a.GetRoleDefinitionId()),
				DirectoryScopeID: deref(a.GetDirectoryScopeId()), Principal: principalOf(a.GetPrincipal())})
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, expandGroups(ctx, c, out, appOnly)
}

func collectRoleEligibilities(ctx context.Context, c *client, appOnly bool) ([]tenant.RoleAssignment, error) {
	out := []tenant.RoleAssignment{}
	b := c.sdk.RoleManagement().Directory().RoleEligibilityScheduleInstances()
	cfg := &rolemanagement.DirectoryRoleEligibilityScheduleInstancesRequestBuilderGetRequestConfiguration{
		QueryParameters: &rolemanagement.DirectoryRoleEligibilityScheduleInstancesRequestBuilderGetQueryParameters{
			Filter: roleFilter(), Expand: []string{"principal"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.UnifiedRoleEligibilityScheduleInstanceable], error) {
			return b.Get(ctx, cfg)
		},
		func(ctx context.Context, l string) (page[models.UnifiedRoleEligibilityScheduleInstanceable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(a models.UnifiedRoleEligibilityScheduleInstanceable) error {
			r := tenant.RoleAssignment{ID: deref(a.GetId()), RoleDefinitionID: deref(a.GetRoleDefinitionId()),
				DirectoryScopeID: deref(a.GetDirectoryScopeId()), Principal: principalOf(a.GetPrincipal()), MemberType: deref(a.GetMemberType())}
			if t := a.GetEndDateTime(); t != nil {
				tt := t.UTC()
				r.EndDateTime = &tt
			}
			out = append(out, r)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, expandGroups(ctx, c, out, appOnly)
}

// expandGroups resolves role-assignable group principals to their people
// (transitiveMembers, batched). A group that cannot be read keeps its reason
// on the assignment instead of failing the whole dataset.
func expandGroups(ctx context.Context, c *client, list []tenant.RoleAssignment, appOnly bool) error {
	var jobs []batchJob
	seen := map[string]bool{}
	for _, a := range list {
		if a.Principal.Type != "group" || seen[a.Principal.ID] {
			continue
		}
		seen[a.Principal.ID] = true
		cfg := &groups.ItemTransitiveMembersRequestBuilderGetRequestConfiguration{QueryParameters: &groups.ItemTransitiveMembersRequestBuilderGetQueryParameters{
			Select: principalSelect, Top: &pageSize}}
		info, err := c.sdk.Groups().ByGroupId(a.Principal.ID).TransitiveMembers().ToGetRequestInformation(ctx, cfg)
		if err != nil {
			return err
		}
		jobs = append(jobs, batchJob{key: a.Principal.ID, info: info})
	}
	members := map[string][]tenant.Principal{}
	failed := map[string]tenant.Status{}
	perm := collect.PermissionFor(tenant.DatasetRoleAssignments, appOnly, "GET /groups")
	err := c.runBatches(ctx, jobs, func(r batchResult) error {
		if r.err != nil {
			failed[r.key] = classify(r.err, perm)
			return nil
		}
		coll, err := decodeBatch[models.DirectoryObjectCollectionResponseable](r, models.CreateDirectoryObjectCollectionResponseFromDiscriminatorValue)
		if err != nil {
			return err
		}
		ms := []tenant.Principal{}
		b := c.sdk.Groups().ByGroupId(r.key).TransitiveMembers()
		err = forEachPage(ctx,
			func(context.Context) (page[models.DirectoryObjectable], error) { return coll, nil },
			func(ctx context.Context, l string) (page[models.DirectoryObjectable], error) {
				return b.WithUrl(l).Get(ctx, nil)
			},
			func(o models.DirectoryObjectable) error { ms = append(ms, principalOf(o)); return nil })
		if err != nil {
			failed[r.key] = classify(err, perm)
			return nil
		}
		members[r.key] = ms
		return nil
	})
	if err != nil {
		return err
	}
	for i := range list {
		id := list[i].Principal.ID
		if list[i].Principal.Type != "group" {
			continue
		}
		if st, bad := failed[id]; bad {
			list[i].GroupMembersStatus = &st
			continue
		}
		list[i].GroupMembers = members[id]
	}
	return nil
}
