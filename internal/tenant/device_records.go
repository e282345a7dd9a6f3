package tenant

import "time"

// Membership is a deviceRegistrationMembership: who a device-registration
// setting applies to. Graph says which by the object's derived type.
type Membership struct {
	// Kind is all, selected or none (allDeviceRegistrationMembership,
	// enumeratedDeviceRegistrationMembership, noDeviceRegistrationMembership).
	Kind   string   `json:"kind" redact:"-"`
	Users  []string `json:"users,omitempty" redact:"ids"`
	Groups []string `json:"groups,omitempty" redact:"ids"`
}

// Membership kinds.
const (
	MembershipAll      = "all"
	MembershipSelected = "selected"
	MembershipNone     = "none"
)

// DeviceRegistrationPolicy is GET /policies/deviceRegistrationPolicy: who may
// join and register devices, whether that needs MFA, who becomes a local
// administrator of a joined PC, and whether Windows LAPS is on.
type DeviceRegistrationPolicy struct {
	UserDeviceQuota int `json:"userDeviceQuota"`
	// MultiFactorAuthConfiguration: notRequired | required.
	MultiFactorAuthConfiguration string     `json:"multiFactorAuthConfiguration" redact:"-"`
	AllowedToJoin                Membership `json:"allowedToJoin"`
	AllowedToRegister            Membership `json:"allowedToRegister"`
	// LocalAdminsOnJoin is azureADJoin.localAdmins.registeringUsers: whoever
	// it names becomes a local administrator of the PC they join.
	LocalAdminsOnJoin Membership `json:"localAdminsOnJoin"`
	// GlobalAdminsAreLocalAdmins is azureADJoin.localAdmins.enableGlobalAdmins.
	GlobalAdminsAreLocalAdmins *bool `json:"globalAdminsAreLocalAdmins,omitempty"`
	// LAPSEnabled is localAdminPassword.isEnabled (Windows LAPS in Entra ID).
	LAPSEnabled *bool `json:"lapsEnabled,omitempty"`
}

// AuthorizationPolicy is what m365ready reads of GET
// /policies/authorizationPolicy: whether people may read the BitLocker
// recovery keys of their own devices (absent when Graph does not say).
type AuthorizationPolicy struct {
	ReadOwnBitLockerKeys *bool `json:"readOwnBitLockerKeys,omitempty"`
}

// LocalCredential is one deviceLocalCredentialInfo without its credentials:
// a device whose local administrator password Windows LAPS backed up.
type LocalCredential struct {
	// DeviceID is the Entra device's deviceId (Graph's id of the record).
	DeviceID       string     `json:"deviceId" redact:"id"`
	DeviceName     string     `json:"deviceName" redact:"device"`
	LastBackup     *time.Time `json:"lastBackupDateTime,omitempty"`
	RefreshDueTime *time.Time `json:"refreshDateTime,omitempty"`
}

// RecoveryKey is one bitlockerRecoveryKey without its key: a BitLocker
// recovery key escrowed to Entra ID.
type RecoveryKey struct {
	ID       string     `json:"id" redact:"id"`
	DeviceID string     `json:"deviceId,omitempty" redact:"id"`
	Created  *time.Time `json:"createdDateTime,omitempty"`
	// VolumeType: operatingSystemVolume | fixedDataVolume | removableDataVolume.
	VolumeType string `json:"volumeType,omitempty" redact:"-"`
}
