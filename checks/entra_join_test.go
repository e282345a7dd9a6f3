package checks

import (
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func dev(name, os, version, trust string, daysAgo int) tenant.Device {
	t := now.Add(-time.Duration(daysAgo) * 24 * time.Hour)
	return tenant.Device{ID: "d-" + name, DisplayName: name, OperatingSystem: os, OperatingSystemVersion: version,
		TrustType: trust, AccountEnabled: true, ApproximateLastSignIn: &t}
}

func TestEntraJoinedDevices(t *testing.T) {
	cases := []struct {
		name    string
		devices []tenant.Device
		st      Settings
		status  result.Status
		score   float64
		details map[string]string
	}{
		{"all joined Windows 11", []tenant.Device{dev("a", "Windows", "10.0.22631.4317", "AzureAd", 1), dev("b", "Windows", "10.0.26100.1", "ServerAd", 2)},
			Settings{}, result.StatusPass, 1, map[string]string{"a": "", "b": ""}},
		{"registered laptops and Windows 10", []tenant.Device{dev("a", "Windows", "10.0.22631.4317", "AzureAd", 1),
			dev("home", "Windows", "10.0.19045.5011", "Workplace", 1)},
			Settings{}, result.StatusFail, 0.5, map[string]string{"home": "only registered", "a": ""}},
		{"Windows 10 left to DEV-004", []tenant.Device{dev("old", "Windows", "10.0.19045.1", "AzureAd", 1)},
			Settings{}, result.StatusPass, 1, map[string]string{"old": ""}},
		{"build 22000 is Windows 11", []tenant.Device{dev("w11", "Windows", "10.0.22000.1", "AzureAd", 1)},
			Settings{}, result.StatusPass, 1, map[string]string{"w11": ""}},
		{"stale devices listed, not counted", []tenant.Device{dev("a", "Windows", "10.0.22631.1", "AzureAd", 1), dev("stale", "Windows", "10.0.22631.1", "Workplace", 120)},
			Settings{}, result.StatusPass, 1, map[string]string{"stale": "stale"}},
		{"stale threshold configurable", []tenant.Device{dev("a", "Windows", "10.0.22631.1", "AzureAd", 1), dev("b", "Windows", "10.0.22631.1", "Workplace", 120)},
			Settings{StaleDeviceDays: 200}, result.StatusFail, 0.5, map[string]string{"b": "only registered"}},
		{"phones ignored, unknown trust type", []tenant.Device{dev("p", "iOS", "18.1", "Workplace", 1), dev("x", "Windows", "10.0.22631.1", "", 1), dev("a", "Windows", "10.0.22631.1", "AzureAd", 1),
			dev("b", "Windows", "10.0.22631.1", "AzureAd", 1), dev("c", "Windows", "10.0.22631.1", "AzureAd", 1), dev("d", "Windows", "10.0.22631.1", "AzureAd", 1)},
			Settings{}, result.StatusWarn, 4.0 / 5.0, map[string]string{"p": "", "x": "join state unknown"}},
		{"no Windows devices", []tenant.Device{dev("p", "Android", "14", "Workplace", 1)}, Settings{}, result.StatusNotApplicable, -1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.Devices.Set(tc.devices)
			r := eval(t, EntraJoinedDevices, s, tc.st)
			if r.Status != tc.status || (tc.score >= 0 && score(r) != tc.score) {
				t.Fatalf("status %s score %v, want %s %v (%s)", r.Status, score(r), tc.status, tc.score, r.Summary)
			}
			for name, want := range tc.details {
				f := findingFor(r, name)
				switch {
				case want == "" && f != nil:
					t.Errorf("%s: unexpected finding %q", name, f.Detail)
				case want != "" && (f == nil || !strings.Contains(f.Detail, want)):
					t.Errorf("%s: finding %+v, want %q", name, f, want)
				}
			}
		})
	}
}

func TestDevicesNotCollected(t *testing.T) {
	s := newSnap()
	s.Devices.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Device.Read.All"})
	r := eval(t, EntraJoinedDevices, s, Settings{})
	if r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "Device.Read.All") || r.Score != nil {
		t.Fatalf("%+v", r)
	}
}

// Each device's facts carry Entra's managed and compliant flags, absent
// where Entra does not say (the migration plan needs them per PC).
func TestDeviceFactsCarryManagement(t *testing.T) {
	managed := dev("m", "Windows", "10.0.26100.1", "AzureAd", 1)
	managed.IsManaged, managed.IsCompliant = bptr(true), bptr(false)
	s := newSnap()
	s.Devices.Set([]tenant.Device{managed, dev("u", "Windows", "10.0.26100.1", "Workplace", 1)})
	facts := eval(t, EntraJoinedDevices, s, Settings{}).Facts.(*result.DeviceFacts)
	for _, d := range facts.Devices {
		switch d.Name {
		case "m":
			if d.Managed == nil || !*d.Managed || d.Compliant == nil || *d.Compliant {
				t.Errorf("managed, not compliant: %+v", d)
			}
		case "u":
			if d.Managed != nil || d.Compliant != nil {
				t.Errorf("unknown management must stay absent: %+v", d)
			}
		}
	}
}

// TestDeviceFactsCarryLAPSAndBitLocker: the per-device facts say what the
// LAPS, BitLocker, Autopilot and Intune data say of each PC, leave out what
// was not read, and the verdict is the same either way.
func TestDeviceFactsCarryLAPSAndBitLocker(t *testing.T) {
	s := newSnap()
	s.Devices.Set(joinedPCs())
	s.LocalCredentials.Set([]tenant.LocalCredential{backup("PC1", 1)})
	s.RecoveryKeys.Fail(tenant.Status{State: tenant.StateDenied, Permission: "BitlockerKey.ReadBasic.All"})
	keysSnap := newSnap()
	keysSnap.Devices.Set(joinedPCs())
	// A data volume's key is not the PC's key: DEV-008 and the fact agree.
	keysSnap.RecoveryKeys.Set([]tenant.RecoveryKey{{ID: "k", DeviceID: "did-PC1", VolumeType: "fixedDataVolume"}})
	for _, d := range eval(t, EntraJoinedDevices, keysSnap, Settings{}).Facts.(*result.DeviceFacts).Devices {
		if d.Name == "PC1" && (d.KeyEscrowed == nil || *d.KeyEscrowed) {
			t.Errorf("PC1 with only a data-volume key reads escrowed %v", d.KeyEscrowed)
		}
	}
	s.AutopilotDevices.Set([]tenant.AutopilotDevice{{ID: "a", AzureADDeviceID: "did-PC2"}})
	s.ManagedDevices.Set([]tenant.ManagedDevice{{ID: "m", AzureADDeviceID: "did-PC1", IsEncrypted: bptr(true)}})
	r := eval(t, EntraJoinedDevices, s, Settings{})
	bare := newSnap()
	bare.Devices.Set(joinedPCs())
	if r0 := eval(t, EntraJoinedDevices, bare, Settings{}); r0.Status != r.Status || *r0.Score != *r.Score || len(r.Missing) != 0 {
		t.Errorf("the extras changed the verdict: %s %v, without them %s %v (missing %v)", r.Status, *r.Score, r0.Status, *r0.Score, r.Missing)
	}
	facts := r.Facts.(*result.DeviceFacts)
	got := map[string]result.DeviceFact{}
	for _, d := range facts.Devices {
		got[d.Name] = d
	}
	pc1, pc2 := got["PC1"], got["PC2"]
	if pc1.LAPSBackedUp == nil || !*pc1.LAPSBackedUp || pc2.LAPSBackedUp == nil || *pc2.LAPSBackedUp {
		t.Errorf("LAPS: PC1 %v, PC2 %v", pc1.LAPSBackedUp, pc2.LAPSBackedUp)
	}
	if pc1.KeyEscrowed != nil {
		t.Errorf("key escrow is unknown (denied) but reads %v", *pc1.KeyEscrowed)
	}
	if pc2.Autopilot == nil || !*pc2.Autopilot || pc1.Autopilot == nil || *pc1.Autopilot {
		t.Errorf("Autopilot: PC1 %v, PC2 %v", pc1.Autopilot, pc2.Autopilot)
	}
	if pc1.Encrypted == nil || !*pc1.Encrypted || pc2.Encrypted != nil {
		t.Errorf("encrypted: PC1 %v, PC2 %v", pc1.Encrypted, pc2.Encrypted)
	}
	if pc1.DeviceID != "did-PC1" {
		t.Errorf("deviceId %q", pc1.DeviceID)
	}
}
