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

// roleFilter is `roleDefinitionId in ('…', …)`, one request for every role.
func roleFilter() *string {
	ids := make([]string, 0, len(tenant.PrivilegedRoles))
	for id := range tenant.PrivilegedRoles {
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
	var ids []string
	for _, a := range list {
		if a.Principal.Type == "group" {
			ids = append(ids, a.Principal.ID)
		}
	}
	members, failed, err := transitiveMembers(ctx, c, ids, collect.NeededFor(tenant.DatasetRoleAssignments, "/groups/{id}/transitiveMembers", appOnly))
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

// transitiveMembers reads the people in each group (batched, every page). A
// group that cannot be read is in failed with its reason; perm is the
// permission a denied read names.
func transitiveMembers(ctx context.Context, c *client, ids []string, perm string) (members map[string][]tenant.Principal, failed map[string]tenant.Status, err error) {
	var jobs []batchJob
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		cfg := &groups.ItemTransitiveMembersRequestBuilderGetRequestConfiguration{QueryParameters: &groups.ItemTransitiveMembersRequestBuilderGetQueryParameters{
			Select: principalSelect, Top: &pageSize}}
		info, err := c.sdk.Groups().ByGroupId(id).TransitiveMembers().ToGetRequestInformation(ctx, cfg)
		if err != nil {
			return nil, nil, err
		}
		jobs = append(jobs, batchJob{key: id, info: info})
	}
	members, failed = map[string][]tenant.Principal{}, map[string]tenant.Status{}
	err = c.runBatches(ctx, jobs, func(r batchResult) error {
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
	return members, failed, err
}
