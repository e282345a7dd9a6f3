package graph

import (
	"context"

	"github.com/microsoftgraph/msgraph-sdk-go/directory"
	"github.com/microsoftgraph/msgraph-sdk-go/informationprotection"
	"github.com/microsoftgraph/msgraph-sdk-go/models"

	"github.com/m365ready/m365ready/internal/tenant"
)

// collectDeviceRegistration reads the tenant's one device registration policy
// (https://learn.microsoft.com/graph/api/deviceregistrationpolicy-get).
func collectDeviceRegistration(ctx context.Context, c *client) (tenant.DeviceRegistrationPolicy, error) {
	p, err := c.sdk.Policies().DeviceRegistrationPolicy().Get(ctx, nil)
	if err != nil {
		return tenant.DeviceRegistrationPolicy{}, err
	}
	if p == nil || p.GetUserDeviceQuota() == nil {
		return tenant.DeviceRegistrationPolicy{}, errEmpty("deviceRegistrationPolicy")
	}
	v := tenant.DeviceRegistrationPolicy{UserDeviceQuota: int(*p.GetUserDeviceQuota())}
	if m := p.GetMultiFactorAuthConfiguration(); m != nil {
		v.MultiFactorAuthConfiguration = m.String()
	}
	if j := p.GetAzureADJoin(); j != nil {
		v.AllowedToJoin = membership(j.GetAllowedToJoin())
		v.LocalAdminsOnJoin, v.GlobalAdminsAreLocalAdmins = localAdmins(j.GetAdditionalData())
	}
	if r := p.GetAzureADRegistration(); r != nil {
		v.AllowedToRegister = membership(r.GetAllowedToRegister())
	}
	if l := p.GetLocalAdminPassword(); l != nil {
		v.LAPSEnabled = l.GetIsEnabled()
	}
	return v, nil
}

// membership reads a deviceRegistrationMembership, whose derived type says
// whom it names. An absent or unknown one is left without a kind, so a
// check can tell "not said" from "nobody".
func membership(m models.DeviceRegistrationMembershipable) tenant.Membership {
	if m == nil {
		return tenant.Membership{}
	}
	// The derived types' interfaces add nothing to the base's, so any of
	// them matches an interface type switch: the @odata.type decides.
	var users, groups []string
	if e, ok := m.(*models.EnumeratedDeviceRegistrationMembership); ok {
		users, groups = e.GetUsers(), e.GetGroups()
	}
	return membershipOf(deref(m.GetOdataType()), users, groups)
}

func membershipOf(odataType string, users, groups []string) tenant.Membership {
	switch odataType {
	case "#microsoft.graph.allDeviceRegistrationMembership":
		return tenant.Membership{Kind: tenant.MembershipAll}
	case "#microsoft.graph.noDeviceRegistrationMembership":
		return tenant.Membership{Kind: tenant.MembershipNone}
	case "#microsoft.graph.enumeratedDeviceRegistrationMembership":
		return tenant.Membership{Kind: tenant.MembershipSelected, Users: users, Groups: groups}
	}
	return tenant.Membership{}
}

// localAdmins reads azureADJoin.localAdmins. The v1.0 metadata has it, but
// the SDK's azureADJoinPolicy was generated before it was added, so it
// arrives as untyped additional data (JSON objects as maps, scalars as
// pointers). The round-trip test notices if a newer SDK types it instead.
func localAdmins(extra map[string]any) (tenant.Membership, *bool) {
	la, _ := extra["localAdmins"].(map[string]any)
	if la == nil {
		return tenant.Membership{}, nil
	}
	global, _ := la["enableGlobalAdmins"].(*bool)
	ru, _ := la["registeringUsers"].(map[string]any)
	if ru == nil {
		return tenant.Membership{}, global
	}
	kind, _ := ru["@odata.type"].(*string)
	return membershipOf(deref(kind), untypedStrings(ru["users"]), untypedStrings(ru["groups"])), global
}

func untypedStrings(v any) []string {
	items, _ := v.([]any)
	var out []string
	for _, it := range items {
		if s, ok := it.(*string); ok && s != nil {
			out = append(out, *s)
		}
	}
	return out
}

// collectAuthorizationPolicy reads the tenant's authorization policy (a
// single object in v1.0) for the BitLocker self-service setting.
func collectAuthorizationPolicy(ctx context.Context, c *client) (tenant.AuthorizationPolicy, error) {
	p, err := c.sdk.Policies().AuthorizationPolicy().Get(ctx, nil)
	if err != nil {
		return tenant.AuthorizationPolicy{}, err
	}
	if p == nil {
		return tenant.AuthorizationPolicy{}, errEmpty("authorizationPolicy")
	}
	var v tenant.AuthorizationPolicy
	if d := p.GetDefaultUserRolePermissions(); d != nil {
		v.ReadOwnBitLockerKeys = d.GetAllowedToReadBitlockerKeysForOwnedDevice()
	}
	return v, nil
}

// collectLocalCredentials lists the devices with a Windows LAPS backup. The
// credentials themselves are never selected (and ReadBasic cannot read them).
func collectLocalCredentials(ctx context.Context, c *client) ([]tenant.LocalCredential, error) {
	out := []tenant.LocalCredential{}
	b := c.sdk.Directory().DeviceLocalCredentials()
	cfg := &directory.DeviceLocalCredentialsRequestBuilderGetRequestConfiguration{QueryParameters: &directory.DeviceLocalCredentialsRequestBuilderGetQueryParameters{
		Select: []string{"id", "deviceName", "lastBackupDateTime", "refreshDateTime"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.DeviceLocalCredentialInfoable], error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.DeviceLocalCredentialInfoable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(d models.DeviceLocalCredentialInfoable) error {
			out = append(out, tenant.LocalCredential{DeviceID: deref(d.GetId()), DeviceName: deref(d.GetDeviceName()),
				LastBackup: utcPtr(d.GetLastBackupDateTime()), RefreshDueTime: utcPtr(d.GetRefreshDateTime())})
			return nil
		})
	return out, err
}

// collectRecoveryKeys lists the BitLocker recovery keys escrowed to Entra ID,
// without the keys: the list never returns them, and the ReadBasic
// permission could not read them. The endpoint takes no $top.
func collectRecoveryKeys(ctx context.Context, c *client) ([]tenant.RecoveryKey, error) {
	out := []tenant.RecoveryKey{}
	b := c.sdk.InformationProtection().Bitlocker().RecoveryKeys()
	cfg := &informationprotection.BitlockerRecoveryKeysRequestBuilderGetRequestConfiguration{QueryParameters: &informationprotection.BitlockerRecoveryKeysRequestBuilderGetQueryParameters{
		Select: []string{"id", "deviceId", "createdDateTime", "volumeType"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.BitlockerRecoveryKeyable], error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.BitlockerRecoveryKeyable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(k models.BitlockerRecoveryKeyable) error {
			v := tenant.RecoveryKey{ID: deref(k.GetId()), DeviceID: deref(k.GetDeviceId()), Created: utcPtr(k.GetCreatedDateTime())}
			if t := k.GetVolumeType(); t != nil {
				v.VolumeType = t.String()
			}
			out = append(out, v)
			return nil
		})
	return out, err
}
