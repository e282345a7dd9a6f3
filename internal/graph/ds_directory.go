package graph

import (
	"context"

	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/organization"
	"github.com/microsoftgraph/msgraph-sdk-go/subscribedskus"
	"github.com/microsoftgraph/msgraph-sdk-go/users"

	"github.com/m365ready/m365ready/internal/tenant"
)

// pageSize is the largest $top directory collections accept: "between 1 and
// 999" (https://learn.microsoft.com/graph/api/user-list, .../group-list).
var pageSize int32 = 999

func collectOrganization(ctx context.Context, c *client) (tenant.Organization, error) {
	var org *tenant.Organization
	cfg := &organization.OrganizationRequestBuilderGetRequestConfiguration{QueryParameters: &organization.OrganizationRequestBuilderGetQueryParameters{
		Select: []string{"id", "displayName", "tenantType", "countryLetterCode", "verifiedDomains", "onPremisesSyncEnabled", "mobileDeviceManagementAuthority"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.Organizationable], error) {
			return c.sdk.Organization().Get(ctx, cfg)
		},
		func(ctx context.Context, l string) (page[models.Organizationable], error) {
			return c.sdk.Organization().WithUrl(l).Get(ctx, nil)
		},
		func(o models.Organizationable) error {
			if org != nil {
				return nil
			}
			v := tenant.Organization{ID: deref(o.GetId()), DisplayName: deref(o.GetDisplayName()), TenantType: deref(o.GetTenantType()),
				CountryLetterCode: deref(o.GetCountryLetterCode()), OnPremisesSyncEnabled: o.GetOnPremisesSyncEnabled(),
				VerifiedDomains: []tenant.Domain{}}
			if m := o.GetMobileDeviceManagementAuthority(); m != nil {
				v.MDMAuthority = m.String()
			}
			for _, d := range o.GetVerifiedDomains() {
				v.VerifiedDomains = append(v.VerifiedDomains, tenant.Domain{Name: deref(d.GetName()), Type: deref(d.GetTypeEscaped()),
					IsDefault: deref(d.GetIsDefault()), IsInitial: deref(d.GetIsInitial())})
			}
			org = &v
			return nil
		})
	if err == nil && org == nil {
		err = errEmpty("organization")
	}
	if err != nil {
		return tenant.Organization{}, err
	}
	return *org, nil
}

func collectSKUs(ctx context.Context, c *client) ([]tenant.SubscribedSKU, error) {
	out := []tenant.SubscribedSKU{}
	// subscribedSkus supports only $select: no $top, no $filter
	// (https://learn.microsoft.com/graph/api/subscribedsku-list).
	cfg := &subscribedskus.SubscribedSkusRequestBuilderGetRequestConfiguration{QueryParameters: &subscribedskus.SubscribedSkusRequestBuilderGetQueryParameters{
		Select: []string{"id", "skuId", "skuPartNumber", "appliesTo", "capabilityStatus", "consumedUnits", "prepaidUnits", "servicePlans"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.SubscribedSkuable], error) {
			return c.sdk.SubscribedSkus().Get(ctx, cfg)
		},
		func(ctx context.Context, l string) (page[models.SubscribedSkuable], error) {
			return c.sdk.SubscribedSkus().WithUrl(l).Get(ctx, nil)
		},
		func(s models.SubscribedSkuable) error {
			v := tenant.SubscribedSKU{ID: deref(s.GetId()), SKUPartNumber: deref(s.GetSkuPartNumber()), AppliesTo: deref(s.GetAppliesTo()),
				CapabilityStatus: deref(s.GetCapabilityStatus()), ConsumedUnits: int(deref(s.GetConsumedUnits())), ServicePlans: []tenant.ServicePlan{}}
			if id := s.GetSkuId(); id != nil {
				v.SKUID = id.String()
			}
			if p := s.GetPrepaidUnits(); p != nil {
				v.PrepaidUnits = tenant.PrepaidUnits{Enabled: int(deref(p.GetEnabled())), Suspended: int(deref(p.GetSuspended())),
					Warning: int(deref(p.GetWarning())), LockedOut: int(deref(p.GetLockedOut()))}
			}
			for _, sp := range s.GetServicePlans() {
				plan := tenant.ServicePlan{Name: deref(sp.GetServicePlanName()), ProvisioningStatus: deref(sp.GetProvisioningStatus()), AppliesTo: deref(sp.GetAppliesTo())}
				if id := sp.GetServicePlanId(); id != nil {
					plan.ID = id.String()
				}
				v.ServicePlans = append(v.ServicePlans, plan)
			}
			out = append(out, v)
			return nil
		})
	return out, err
}

var userSelect = []string{"id", "userPrincipalName", "displayName", "mail", "accountEnabled", "userType",
	"assignedLicenses", "onPremisesSyncEnabled", "createdDateTime", "department"}

func collectUsers(ctx context.Context, c *client) ([]tenant.User, error) {
	out := []tenant.User{}
	cfg := &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{
		Select: userSelect, Top: &pageSize}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.Userable], error) { return c.sdk.Users().Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.Userable], error) {
			return c.sdk.Users().WithUrl(l).Get(ctx, nil)
		},
		func(u models.Userable) error {
			v := tenant.User{ID: deref(u.GetId()), UserPrincipalName: deref(u.GetUserPrincipalName()), DisplayName: deref(u.GetDisplayName()),
				Mail: deref(u.GetMail()), AccountEnabled: deref(u.GetAccountEnabled()), UserType: common(u.GetUserType()),
				OnPremisesSyncEnabled: u.GetOnPremisesSyncEnabled(), AssignedLicenses: []tenant.AssignedLicense{}, Department: deref(u.GetDepartment())}
			if t := u.GetCreatedDateTime(); t != nil {
				tt := t.UTC()
				v.CreatedDateTime = &tt
			}
			for _, l := range u.GetAssignedLicenses() {
				al := tenant.AssignedLicense{}
				if id := l.GetSkuId(); id != nil {
					al.SKUID = commonID(id)
				}
				for _, d := range l.GetDisabledPlans() {
					al.DisabledPlans = append(al.DisabledPlans, commonID(d))
				}
				v.AssignedLicenses = append(v.AssignedLicenses, al)
			}
			out = append(out, v)
			return nil
		})
	return out, err
}
