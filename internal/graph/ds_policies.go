package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/microsoftgraph/msgraph-sdk-go/identity"
	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/security"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
)

func collectSecurityDefaults(ctx context.Context, c *client) (tenant.SecurityDefaults, error) {
	p, err := c.sdk.Policies().IdentitySecurityDefaultsEnforcementPolicy().Get(ctx, nil)
	if err != nil {
		return tenant.SecurityDefaults{}, err
	}
	if p == nil || p.GetIsEnabled() == nil {
		return tenant.SecurityDefaults{}, errEmpty("identitySecurityDefaultsEnforcementPolicy")
	}
	return tenant.SecurityDefaults{IsEnabled: *p.GetIsEnabled()}, nil
}

func collectConditionalAccess(ctx context.Context, c *client, appOnly bool) ([]tenant.ConditionalAccess, error) {
	out := []tenant.ConditionalAccess{}
	b := c.sdk.Identity().ConditionalAccess().Policies()
	cfg := &identity.ConditionalAccessPoliciesRequestBuilderGetRequestConfiguration{QueryParameters: &identity.ConditionalAccessPoliciesRequestBuilderGetQueryParameters{
		Select: []string{"id", "displayName", "state", "conditions", "grantControls"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.ConditionalAccessPolicyable], error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.ConditionalAccessPolicyable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(p models.ConditionalAccessPolicyable) error {
			v := tenant.ConditionalAccess{ID: deref(p.GetId()), DisplayName: deref(p.GetDisplayName())}
			if s := p.GetState(); s != nil {
				v.State = s.String()
			}
			if cond := p.GetConditions(); cond != nil {
				readConditions(&v, cond)
			}
			if g := p.GetGrantControls(); g != nil {
				v.GrantOperator = deref(g.GetOperator())
				v.BuiltInControls = enumStrings(g.GetBuiltInControls())
				if s := g.GetAuthenticationStrength(); s != nil {
					v.AuthenticationStrength = deref(s.GetDisplayName())
				}
				v.CustomAuthenticationFactors, v.TermsOfUse = g.GetCustomAuthenticationFactors(), g.GetTermsOfUse()
			}
			out = append(out, nilEmpty(v))
			return nil
		})
	if err != nil {
		return nil, err
	}
	return out, resolvePolicyGroups(ctx, c, out, appOnly)
}

// readConditions copies a policy's conditions.
func readConditions(v *tenant.ConditionalAccess, cond models.ConditionalAccessConditionSetable) {
	if u := cond.GetUsers(); u != nil {
		v.IncludeUsers, v.ExcludeUsers = u.GetIncludeUsers(), u.GetExcludeUsers()
		v.IncludeGroups, v.ExcludeGroups = u.GetIncludeGroups(), u.GetExcludeGroups()
		v.IncludeRoles, v.ExcludeRoles = u.GetIncludeRoles(), u.GetExcludeRoles()
		v.IncludeGuestsOrExternalUsers = guestTypes(u.GetIncludeGuestsOrExternalUsers())
		v.ExcludeGuestsOrExternalUsers = guestTypes(u.GetExcludeGuestsOrExternalUsers())
	}
	if a := cond.GetApplications(); a != nil {
		v.IncludeApplications, v.ExcludeApplications = a.GetIncludeApplications(), a.GetExcludeApplications()
		v.IncludeUserActions, v.IncludeAuthenticationContexts = a.GetIncludeUserActions(), a.GetIncludeAuthenticationContextClassReferences()
	}
	v.ClientAppTypes = enumStrings(cond.GetClientAppTypes())
	if pl := cond.GetPlatforms(); pl != nil {
		v.IncludePlatforms, v.ExcludePlatforms = enumStrings(pl.GetIncludePlatforms()), enumStrings(pl.GetExcludePlatforms())
	}
	if l := cond.GetLocations(); l != nil {
		v.IncludeLocations, v.ExcludeLocations = l.GetIncludeLocations(), l.GetExcludeLocations()
	}
	v.SignInRiskLevels, v.UserRiskLevels = enumStrings(cond.GetSignInRiskLevels()), enumStrings(cond.GetUserRiskLevels())
	if r := cond.GetInsiderRiskLevels(); r != nil {
		v.InsiderRisk = r.String()
	}
	if d := cond.GetDevices(); d != nil && d.GetDeviceFilter() != nil {
		f := d.GetDeviceFilter()
		if m := f.GetMode(); m != nil {
			v.DeviceFilterMode = m.String()
		}
		v.DeviceFilterRule = deref(f.GetRule())
	}
	if f := cond.GetAuthenticationFlows(); f != nil && f.GetTransferMethods() != nil {
		v.AuthenticationFlows = f.GetTransferMethods().String()
	}
}

func guestTypes(g models.ConditionalAccessGuestsOrExternalUsersable) string {
	if g == nil || g.GetGuestOrExternalUserTypes() == nil {
		return ""
	}
	if t := g.GetGuestOrExternalUserTypes().String(); t != "none" {
		return t
	}
	return ""
}

// enumStrings writes Graph enum values as their names.
func enumStrings[T fmt.Stringer](vs []T) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, v.String())
	}
	return out
}

// resolvePolicyGroups reads the members of every group a policy includes or
// excludes, so exclusions can be told apart (an emergency-access group is
// expected; a department is a gap). A group that cannot be read keeps its
// reason; the policies are still collected.
func resolvePolicyGroups(ctx context.Context, c *client, policies []tenant.ConditionalAccess, appOnly bool) error {
	var ids []string
	for _, p := range policies {
		ids = append(append(ids, p.IncludeGroups...), p.ExcludeGroups...)
	}
	if len(ids) == 0 {
		return nil
	}
	members, failed, err := transitiveMembers(ctx, c, ids, collect.NeededFor(tenant.DatasetConditionalAccess, "/groups/{id}/transitiveMembers", appOnly))
	if err != nil {
		return err
	}
	for i := range policies {
		p := &policies[i]
		for _, id := range append(append([]string{}, p.IncludeGroups...), p.ExcludeGroups...) {
			g := tenant.GroupMembers{ID: id, Members: members[id]}
			if st, bad := failed[id]; bad {
				g.Members, g.Status = nil, &st
			}
			p.Groups = append(p.Groups, g)
		}
	}
	return nil
}

// nilEmpty drops empty lists so a policy reads the same from Graph and from a snapshot file.
func nilEmpty(v tenant.ConditionalAccess) tenant.ConditionalAccess {
	for _, l := range []*[]string{&v.IncludeUsers, &v.ExcludeUsers, &v.IncludeGroups, &v.ExcludeGroups, &v.IncludeRoles,
		&v.ExcludeRoles, &v.IncludeApplications, &v.ExcludeApplications, &v.IncludeUserActions, &v.IncludeAuthenticationContexts,
		&v.ClientAppTypes, &v.IncludePlatforms, &v.ExcludePlatforms, &v.IncludeLocations, &v.ExcludeLocations,
		&v.SignInRiskLevels, &v.UserRiskLevels, &v.BuiltInControls, &v.CustomAuthenticationFactors, &v.TermsOfUse} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	return v
}

// collectGroupSettings reads the Group.Unified directory setting; without it
// the defaults apply (everyone can create groups).
func collectGroupSettings(ctx context.Context, c *client) (tenant.GroupCreation, error) {
	v := tenant.GroupCreation{EnableGroupCreation: true}
	b := c.sdk.GroupSettings()
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.GroupSettingable], error) { return b.Get(ctx, nil) },
		func(ctx context.Context, l string) (page[models.GroupSettingable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(gs models.GroupSettingable) error {
			if !strings.EqualFold(deref(gs.GetDisplayName()), "Group.Unified") {
				return nil
			}
			v.Configured = true
			for _, sv := range gs.GetValues() {
				switch deref(sv.GetName()) {
				case "EnableGroupCreation":
					v.EnableGroupCreation = !strings.EqualFold(deref(sv.GetValue()), "false")
				case "GroupCreationAllowedGroupId":
					v.AllowedGroupID = deref(sv.GetValue())
				}
			}
			return nil
		})
	return v, err
}

// secureScoreDays is how many daily scores are read: the latest and a trend.
var secureScoreDays int32 = 30

func collectSecureScores(ctx context.Context, c *client) ([]tenant.SecureScore, error) {
	out := []tenant.SecureScore{}
	cfg := &security.SecureScoresRequestBuilderGetRequestConfiguration{QueryParameters: &security.SecureScoresRequestBuilderGetQueryParameters{
		Select: []string{"createdDateTime", "currentScore", "maxScore"}, Top: &secureScoreDays}}
	b := c.sdk.Security().SecureScores()
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.SecureScoreable], error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.SecureScoreable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(s models.SecureScoreable) error {
			out = append(out, tenant.SecureScore{CreatedDateTime: utcPtr(s.GetCreatedDateTime()), CurrentScore: deref(s.GetCurrentScore()), MaxScore: deref(s.GetMaxScore())})
			if len(out) >= int(secureScoreDays) {
				return errEnough // newest first: the trend needs no older days
			}
			return nil
		})
	if errors.Is(err, errEnough) {
		err = nil
	}
	return out, err
}

func collectAuthMethodsPolicy(ctx context.Context, c *client) (tenant.AuthMethodsPolicy, error) {
	p, err := c.sdk.Policies().AuthenticationMethodsPolicy().Get(ctx, nil)
	if err != nil {
		return tenant.AuthMethodsPolicy{}, err
	}
	if p == nil {
		return tenant.AuthMethodsPolicy{}, errEmpty("authenticationMethodsPolicy")
	}
	v := tenant.AuthMethodsPolicy{Methods: []tenant.AuthMethodConfig{}}
	if s := p.GetPolicyMigrationState(); s != nil {
		v.PolicyMigrationState = s.String()
	}
	for _, cfg := range p.GetAuthenticationMethodConfigurations() {
		m := tenant.AuthMethodConfig{ID: deref(cfg.GetId())}
		if s := cfg.GetState(); s != nil {
			m.State = s.String()
		}
		m.IncludeTargets = includeTargets(cfg)
		v.Methods = append(v.Methods, m)
	}
	return v, nil
}

// includeTargets reads the per-type includeTargets (each method type declares its own).
func includeTargets(cfg models.AuthenticationMethodConfigurationable) []string {
	var ids []string
	addAll := func(ts []models.AuthenticationMethodTargetable) {
		for _, t := range ts {
			ids = append(ids, deref(t.GetId()))
		}
	}
	switch v := cfg.(type) {
	case models.MicrosoftAuthenticatorAuthenticationMethodConfigurationable:
		for _, t := range v.GetIncludeTargets() {
			ids = append(ids, deref(t.GetId()))
		}
	case models.SmsAuthenticationMethodConfigurationable:
		for _, t := range v.GetIncludeTargets() {
			ids = append(ids, deref(t.GetId()))
		}
	case models.Fido2AuthenticationMethodConfigurationable:
		addAll(v.GetIncludeTargets())
	case models.VoiceAuthenticationMethodConfigurationable:
		addAll(v.GetIncludeTargets())
	case models.EmailAuthenticationMethodConfigurationable:
		addAll(v.GetIncludeTargets())
	case models.SoftwareOathAuthenticationMethodConfigurationable:
		addAll(v.GetIncludeTargets())
	case models.TemporaryAccessPassAuthenticationMethodConfigurationable:
		addAll(v.GetIncludeTargets())
	case models.X509CertificateAuthenticationMethodConfigurationable:
		addAll(v.GetIncludeTargets())
	}
	return ids
}
