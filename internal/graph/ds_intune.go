package graph

import (
	"context"
	"strings"

	"github.com/microsoftgraph/msgraph-sdk-go/devicemanagement"
	"github.com/microsoftgraph/msgraph-sdk-go/models"

	"github.com/m365ready/m365ready/internal/tenant"
)

// collectEnrollmentConfigs lists Intune's enrolment configurations. No
// $select: what matters is on the derived types, and the list answers with
// each object's own properties.
func collectEnrollmentConfigs(ctx context.Context, c *client) ([]tenant.EnrollmentConfig, error) {
	out := []tenant.EnrollmentConfig{}
	b := c.sdk.DeviceManagement().DeviceEnrollmentConfigurations()
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.DeviceEnrollmentConfigurationable], error) {
			return b.Get(ctx, nil)
		},
		func(ctx context.Context, l string) (page[models.DeviceEnrollmentConfigurationable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(ec models.DeviceEnrollmentConfigurationable) error {
			v := tenant.EnrollmentConfig{ID: deref(ec.GetId()), DisplayName: deref(ec.GetDisplayName()), Kind: tenant.EnrollmentOther}
			if p := ec.GetPriority(); p != nil {
				v.Priority = int(*p)
			}
			// Concrete types: the derived interfaces match each other.
			switch t := ec.(type) {
			case *models.DeviceEnrollmentPlatformRestrictionsConfiguration:
				v.Kind = tenant.EnrollmentPlatformRestrictions
				if w := t.GetWindowsRestriction(); w != nil {
					v.WindowsPlatformBlocked, v.WindowsPersonalBlocked = w.GetPlatformBlocked(), w.GetPersonalDeviceEnrollmentBlocked()
				}
			case *models.DeviceEnrollmentWindowsHelloForBusinessConfiguration:
				v.Kind = tenant.EnrollmentWindowsHello
				if s := t.GetState(); s != nil {
					v.HelloState = s.String()
				}
			case *models.Windows10EnrollmentCompletionPageConfiguration:
				v.Kind = tenant.EnrollmentStatusPage
			case *models.DeviceEnrollmentLimitConfiguration:
				v.Kind = tenant.EnrollmentLimit
			}
			out = append(out, v)
			return nil
		})
	return out, err
}

// collectCompliancePolicies lists the compliance policies with their
// assignments expanded, so one request says which are assigned.
func collectCompliancePolicies(ctx context.Context, c *client) ([]tenant.CompliancePolicy, error) {
	out := []tenant.CompliancePolicy{}
	b := c.sdk.DeviceManagement().DeviceCompliancePolicies()
	cfg := &devicemanagement.DeviceCompliancePoliciesRequestBuilderGetRequestConfiguration{QueryParameters: &devicemanagement.DeviceCompliancePoliciesRequestBuilderGetQueryParameters{
		Select: []string{"id", "displayName"}, Expand: []string{"assignments"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.DeviceCompliancePolicyable], error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.DeviceCompliancePolicyable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(p models.DeviceCompliancePolicyable) error {
			v := tenant.CompliancePolicy{ID: deref(p.GetId()), DisplayName: deref(p.GetDisplayName()), Platform: typeName(p.GetOdataType()),
				Targets: []string{}}
			for _, a := range p.GetAssignments() {
				if t := a.GetTarget(); t != nil {
					v.Targets = append(v.Targets, typeName(t.GetOdataType()))
				}
			}
			out = append(out, v)
			return nil
		})
	return out, err
}

// collectAutopilotDevices lists the PCs registered with Windows Autopilot.
func collectAutopilotDevices(ctx context.Context, c *client) ([]tenant.AutopilotDevice, error) {
	out := []tenant.AutopilotDevice{}
	b := c.sdk.DeviceManagement().WindowsAutopilotDeviceIdentities()
	cfg := &devicemanagement.WindowsAutopilotDeviceIdentitiesRequestBuilderGetRequestConfiguration{QueryParameters: &devicemanagement.WindowsAutopilotDeviceIdentitiesRequestBuilderGetQueryParameters{
		Select: []string{"id", "azureActiveDirectoryDeviceId", "enrollmentState", "lastContactedDateTime"}}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.WindowsAutopilotDeviceIdentityable], error) {
			return b.Get(ctx, cfg)
		},
		func(ctx context.Context, l string) (page[models.WindowsAutopilotDeviceIdentityable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(d models.WindowsAutopilotDeviceIdentityable) error {
			v := tenant.AutopilotDevice{ID: deref(d.GetId()), AzureADDeviceID: deref(d.GetAzureActiveDirectoryDeviceId()),
				LastContacted: utcPtr(d.GetLastContactedDateTime())}
			if s := d.GetEnrollmentState(); s != nil {
				v.EnrollmentState = s.String()
			}
			out = append(out, v)
			return nil
		})
	return out, err
}

// typeName is an @odata.type without "#microsoft.graph.".
func typeName(t *string) string {
	return strings.TrimPrefix(deref(t), "#microsoft.graph.")
}
