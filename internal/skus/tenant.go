package skus

import "github.com/m365ready/m365ready/internal/tenant"

// Active reports whether a subscribed SKU currently grants its plans
// (Enabled, or Warning: expired but in its grace period).
func Active(s tenant.SubscribedSKU) bool {
	return s.CapabilityStatus == "Enabled" || s.CapabilityStatus == "Warning"
}

// OfSKU is what a tenant's SKU grants: its plans provisioned with status
// Success (PendingActivation, Disabled and the like grant nothing yet).
func OfSKU(s tenant.SubscribedSKU) Capabilities {
	var plans []Plan
	for _, p := range s.ServicePlans {
		if p.ProvisioningStatus == "Success" {
			plans = append(plans, Plan{ID: p.ID, Name: p.Name})
		}
	}
	return CapabilitiesOf(plans)
}
