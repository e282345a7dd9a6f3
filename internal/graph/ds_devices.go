package graph

import (
	"context"

	"github.com/microsoftgraph/msgraph-sdk-go/devicemanagement"
	"github.com/microsoftgraph/msgraph-sdk-go/devices"
	"github.com/microsoftgraph/msgraph-sdk-go/models"

	"github.com/m365ready/m365ready/internal/tenant"
)

// windowsOnly is tenant.WindowsDevicesFilter, addressable for the SDK.
var windowsOnly = tenant.WindowsDevicesFilter

func collectDevices(ctx context.Context, c *client) ([]tenant.Device, error) {
	out := []tenant.Device{}
	cfg := &devices.DevicesRequestBuilderGetRequestConfiguration{QueryParameters: &devices.DevicesRequestBuilderGetQueryParameters{
		Filter: &windowsOnly,
		Select: []string{"id", "deviceId", "displayName", "operatingSystem", "operatingSystemVersion", "trustType", "isManaged",
			"isCompliant", "accountEnabled", "approximateLastSignInDateTime", "registrationDateTime", "profileType", "managementType"},
		// The registered owner links a PC nobody enrolled in Intune to a
		// person. Only ids: with Device.Read.All alone Graph returns no
		// more of an expanded user, and the users dataset has the rest.
		// With $expand a page holds at most 100 devices whatever $top says.
		Expand: []string{"registeredOwners($select=id)"},
		Top:    &pageSize}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.Deviceable], error) { return c.sdk.Devices().Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.Deviceable], error) {
			return c.sdk.Devices().WithUrl(l).Get(ctx, nil)
		},
		func(d models.Deviceable) error {
			out = append(out, tenant.Device{ID: deref(d.GetId()), DeviceID: deref(d.GetDeviceId()), DisplayName: deref(d.GetDisplayName()),
				OperatingSystem: common(d.GetOperatingSystem()), OperatingSystemVersion: common(d.GetOperatingSystemVersion()),
				TrustType: common(d.GetTrustType()), IsManaged: d.GetIsManaged(), IsCompliant: d.GetIsCompliant(),
				AccountEnabled: deref(d.GetAccountEnabled()), ApproximateLastSignIn: utcPtr(d.GetApproximateLastSignInDateTime()),
				RegistrationDateTime: utcPtr(d.GetRegistrationDateTime()), ProfileType: common(d.GetProfileType()),
				ManagementType: common(d.GetManagementType()), RegisteredOwnerIDs: objectIDs(d.GetRegisteredOwners())})
			return nil
		})
	return out, err
}

func collectIntune(ctx context.Context, c *client) (tenant.IntuneState, error) {
	cfg := &devicemanagement.DeviceManagementRequestBuilderGetRequestConfiguration{QueryParameters: &devicemanagement.DeviceManagementRequestBuilderGetQueryParameters{
		Select: []string{"id", "subscriptionState", "intuneAccountId", "settings"}}}
	dm, err := c.sdk.DeviceManagement().Get(ctx, cfg)
	if err != nil {
		return tenant.IntuneState{}, err
	}
	if dm == nil {
		return tenant.IntuneState{}, errEmpty("deviceManagement")
	}
	v := tenant.IntuneState{ID: deref(dm.GetId())}
	if s := dm.GetSubscriptionState(); s != nil {
		v.SubscriptionState = s.String()
	}
	if id := dm.GetIntuneAccountId(); id != nil {
		v.IntuneAccountID = id.String()
	}
	if st := dm.GetSettings(); st != nil {
		v.SecureByDefault = st.GetSecureByDefault()
	}
	return v, nil
}

func collectManagedDevices(ctx context.Context, c *client) ([]tenant.ManagedDevice, error) {
	out := []tenant.ManagedDevice{}
	// Intune's page limits are not documented; we take its default page and follow nextLink.
	b := c.sdk.DeviceManagement().ManagedDevices()
	cfg := &devicemanagement.ManagedDevicesRequestBuilderGetRequestConfiguration{QueryParameters: &devicemanagement.ManagedDevicesRequestBuilderGetQueryParameters{
		Select: []string{"id", "deviceName", "operatingSystem", "osVersion", "complianceState", "managedDeviceOwnerType",
			"managementAgent", "azureADDeviceId", "userPrincipalName", "enrolledDateTime", "lastSyncDateTime", "isEncrypted"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.ManagedDeviceable], error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.ManagedDeviceable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(d models.ManagedDeviceable) error {
			v := tenant.ManagedDevice{ID: deref(d.GetId()), DeviceName: deref(d.GetDeviceName()), OperatingSystem: common(d.GetOperatingSystem()),
				OSVersion: common(d.GetOsVersion()), AzureADDeviceID: deref(d.GetAzureADDeviceId()), UserPrincipalName: deref(d.GetUserPrincipalName()),
				EnrolledDateTime: utcPtr(d.GetEnrolledDateTime()), LastSyncDateTime: utcPtr(d.GetLastSyncDateTime()),
				IsEncrypted: d.GetIsEncrypted()}
			if s := d.GetComplianceState(); s != nil {
				v.ComplianceState = s.String()
			}
			if s := d.GetManagedDeviceOwnerType(); s != nil {
				v.OwnerType = s.String()
			}
			if s := d.GetManagementAgent(); s != nil {
				v.ManagementAgent = s.String()
			}
			out = append(out, v)
			return nil
		})
	return out, err
}

// objectIDs are the ids of expanded directory objects (nil when none).
func objectIDs(objs []models.DirectoryObjectable) []string {
	var out []string
	for _, o := range objs {
		if id := deref(o.GetId()); id != "" {
			out = append(out, id)
		}
	}
	return out
}
