package emulator

import "github.com/m365ready/m365ready/internal/tenant"

// The device registration policy, Windows LAPS backups and BitLocker
// recovery keys: Entra ID features every tenant has, licence or not.

func serveDeviceRegistration(s *Server, rc *reqCtx) graphResp {
	// A tenant that never changed the settings has Microsoft's defaults
	// (https://learn.microsoft.com/entra/identity/devices/manage-device-identities#configure-device-settings).
	yes, no := true, false
	p := tenant.DeviceRegistrationPolicy{UserDeviceQuota: 50, MultiFactorAuthConfiguration: "notRequired",
		AllowedToJoin: tenant.Membership{Kind: tenant.MembershipAll}, AllowedToRegister: tenant.Membership{Kind: tenant.MembershipAll},
		LocalAdminsOnJoin: tenant.Membership{Kind: tenant.MembershipAll}, GlobalAdminsAreLocalAdmins: &yes, LAPSEnabled: &no}
	if v := s.fixture.Data.DeviceRegistration.Value; v != nil {
		p = *v
	}
	return s.entity(rc, "policies/deviceRegistrationPolicy", "microsoft.graph.deviceRegistrationPolicy", encDeviceRegistration(p))
}

func encDeviceRegistration(p tenant.DeviceRegistrationPolicy) map[string]any {
	return map[string]any{"id": "deviceRegistrationPolicy", "displayName": "Device Registration Policy",
		"description":                  "Tenant-wide policy that manages initial provisioning controls using quota restrictions, additional authentication and authorization checks",
		"userDeviceQuota":              p.UserDeviceQuota,
		"multiFactorAuthConfiguration": p.MultiFactorAuthConfiguration,
		"azureADRegistration":          map[string]any{"isAdminConfigurable": false, "allowedToRegister": encMembership(p.AllowedToRegister)},
		"azureADJoin": map[string]any{"isAdminConfigurable": true, "allowedToJoin": encMembership(p.AllowedToJoin),
			"localAdmins": map[string]any{"enableGlobalAdmins": optBool(p.GlobalAdminsAreLocalAdmins),
				"registeringUsers": encMembership(p.LocalAdminsOnJoin)}},
		"localAdminPassword": map[string]any{"isEnabled": optBool(p.LAPSEnabled)}}
}

// encMembership writes a deviceRegistrationMembership as its derived type.
func encMembership(m tenant.Membership) any {
	switch m.Kind {
	case tenant.MembershipAll:
		return map[string]any{"@odata.type": "#microsoft.graph.allDeviceRegistrationMembership"}
	case tenant.MembershipNone:
		return map[string]any{"@odata.type": "#microsoft.graph.noDeviceRegistrationMembership"}
	case tenant.MembershipSelected:
		return map[string]any{"@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership",
			"users": strs(m.Users), "groups": strs(m.Groups)}
	}
	return nil
}

// serveAuthorizationPolicy answers the tenant's authorization policy with
// Microsoft's defaults where the fixture is silent (people may read their
// own BitLocker keys).
func serveAuthorizationPolicy(s *Server, rc *reqCtx) graphResp {
	own := true
	if v := s.fixture.Data.AuthorizationPolicy.Value; v != nil && v.ReadOwnBitLockerKeys != nil {
		own = *v.ReadOwnBitLockerKeys
	}
	return s.entity(rc, "policies/authorizationPolicy", "microsoft.graph.authorizationPolicy", map[string]any{
		"id": "authorizationPolicy", "displayName": "Authorization Policy", "description": "Used to manage authorization related settings across the company.",
		"allowInvitesFrom": "everyone", "allowedToSignUpEmailBasedSubscriptions": true, "allowedToUseSSPR": true,
		"allowEmailVerifiedUsersToJoinOrganization": false, "blockMsolPowerShell": false, "guestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3",
		"defaultUserRolePermissions": map[string]any{"allowedToCreateApps": true, "allowedToCreateSecurityGroups": true,
			"allowedToCreateTenants": true, "allowedToReadBitlockerKeysForOwnedDevice": own, "allowedToReadOtherUsers": true,
			"permissionGrantPoliciesAssigned": []any{"ManagePermissionGrantsForSelf.microsoft-user-default-legacy"}}})
}

func serveLocalCredentials(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.deviceLocalCredentialInfo", context: "directory/deviceLocalCredentials",
		items: encodeAll(s.fixture.Data.LocalCredentials.Items, encLocalCredential), known: keysOf(encLocalCredential(tenant.LocalCredential{}))})
}

// encLocalCredential leaves credentials out, as the list does.
func encLocalCredential(c tenant.LocalCredential) map[string]any {
	return map[string]any{"id": c.DeviceID, "deviceName": c.DeviceName, "lastBackupDateTime": ts(c.LastBackup),
		"refreshDateTime": ts(c.RefreshDueTime)}
}

func serveRecoveryKeys(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.bitlockerRecoveryKey", context: "informationProtection/bitlocker/recoveryKeys",
		items: encodeAll(s.fixture.Data.RecoveryKeys.Items, encRecoveryKey), known: keysOf(encRecoveryKey(tenant.RecoveryKey{})),
		filterable: set("deviceId")})
}

// encRecoveryKey leaves the key out, as the list does.
func encRecoveryKey(k tenant.RecoveryKey) map[string]any {
	return map[string]any{"id": k.ID, "deviceId": optStr(k.DeviceID), "createdDateTime": ts(k.Created), "volumeType": optStr(k.VolumeType)}
}
