package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestIntuneAvailability(t *testing.T) {
	cases := []struct {
		name    string
		build   func(*snap)
		status  result.Status
		score   float64
		summary string
	}{
		{"not licensed: Basic Mobility is not Intune", func(s *snap) {
			s.SubscribedSKUs.Items = s.SubscribedSKUs.Items[1:] // Business Standard (INTUNE_O365) and a free SKU
			s.user("a@x.test", []string{skuStandard})
		}, result.StatusFail, 0, "Not licensed"},
		{"licensed through a suspended SKU only", func(s *snap) {
			s.SubscribedSKUs.Items[0].CapabilityStatus = "Suspended"
		}, result.StatusFail, 0, "Not licensed"},
		{"licensed but not set up", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.Intune.Set(tenant.IntuneState{SubscriptionState: "pending"})
		}, result.StatusFail, 0.25, "Licensed but not set up"},
		{"set up but unused", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.Intune.Set(tenant.IntuneState{SubscriptionState: "active"})
			s.ManagedDevices.Set(nil)
		}, result.StatusWarn, 0.5, "Set up but unused"},
		{"in use, everyone covered", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.Intune.Set(tenant.IntuneState{SubscriptionState: "active"})
			s.ManagedDevices.Set([]tenant.ManagedDevice{{ID: "m1", DeviceName: "LT1"}})
		}, result.StatusPass, 1, "In use: 1 device enrolled; 100%"},
		{"in use, half covered", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuStandard})
			s.Intune.Set(tenant.IntuneState{SubscriptionState: "active"})
			s.ManagedDevices.Set([]tenant.ManagedDevice{{ID: "m1", DeviceName: "LT1"}})
		}, result.StatusWarn, 0.5, "50% of people"},
		{"licensed, service state not readable", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.Intune.Fail(tenant.Status{State: tenant.StateDenied, Permission: "DeviceManagementServiceConfig.Read.All"})
		}, result.StatusSkipped, -1, "DeviceManagementServiceConfig.Read.All"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			tc.build(s)
			r := eval(t, IntuneAvailability, s, Settings{})
			if r.Status != tc.status || (tc.score >= 0 && score(r) != tc.score) || !strings.Contains(r.Summary, tc.summary) {
				t.Fatalf("status %s score %v summary %q; want %s %v %q", r.Status, score(r), r.Summary, tc.status, tc.score, tc.summary)
			}
		})
	}
}
