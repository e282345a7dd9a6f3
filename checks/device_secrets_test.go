package checks

import (
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// joinedPCs are four active Entra-joined PCs, one hybrid, one registered and
// one stale joined PC: only the four are in LAPS's and BitLocker's scope.
func joinedPCs() []tenant.Device {
	var out []tenant.Device
	for _, d := range []tenant.Device{
		dev("PC1", "Windows", "10.0.26100.1", "AzureAd", 1), dev("PC2", "Windows", "10.0.26100.1", "AzureAd", 2),
		dev("PC3", "Windows", "10.0.19045.1", "AzureAd", 3), dev("PC4", "Windows", "10.0.22631.1", "AzureAd", 4),
		dev("HYBRID", "Windows", "10.0.22631.1", "ServerAd", 1), dev("HOME", "Windows", "10.0.22631.1", "Workplace", 1),
		dev("OLD", "Windows", "10.0.19045.1", "AzureAd", 200),
	} {
		d.DeviceID = "did-" + d.DisplayName
		out = append(out, d)
	}
	return out
}

func daysAgoT(n int) *time.Time {
	t := now.Add(-time.Duration(n) * 24 * time.Hour)
	return &t
}

func backup(name string, backedUpDaysAgo int) tenant.LocalCredential {
	return tenant.LocalCredential{DeviceID: "DID-" + name, DeviceName: name, LastBackup: daysAgoT(backedUpDaysAgo),
		RefreshDueTime: daysAgoT(backedUpDaysAgo - 30)}
}

func TestLAPS(t *testing.T) {
	all := []tenant.LocalCredential{backup("PC1", 1), backup("PC2", 5), backup("PC3", 20), backup("PC4", 29)}
	denied := tenant.Status{State: tenant.StateDenied, Permission: "DeviceLocalCredential.ReadBasic.All"}
	off := regPolicy(func(p *tenant.DeviceRegistrationPolicy) { p.LAPSEnabled = bptr(false) })
	cases := []struct {
		name    string
		policy  tenant.DeviceRegistrationPolicy
		backups []tenant.LocalCredential
		status  *tenant.Status
		devices []tenant.Device
		accept  string
		want    result.Status
		score   float64
		codes   []result.FindingCode
	}{
		{"every PC backed up", regPolicy(), all, nil, joinedPCs(), "", result.StatusPass, 1, nil},
		{"LAPS off", off, all, nil, joinedPCs(), "", result.StatusFail, 0, []result.FindingCode{codeLAPSOff.Code}},
		{"LAPS off, backups unreadable", off, nil, &denied, joinedPCs(), "", result.StatusFail, 0, []result.FindingCode{codeLAPSOff.Code}},
		{"one overdue", regPolicy(), append(all[:3:3], backup("PC4", 45)), nil, joinedPCs(), "", result.StatusWarn, 0.875,
			[]result.FindingCode{codeLAPSStale.Code}},
		{"overdue within the grace", regPolicy(), append(all[:3:3], backup("PC4", 35)), nil, joinedPCs(), "", result.StatusPass, 1, nil},
		{"two without", regPolicy(), all[:2], nil, joinedPCs(), "", result.StatusFail, 0.5, []result.FindingCode{codeLAPSNoBackup.Code}},
		{"one without, accepted", regPolicy(), all[:3], nil, joinedPCs(), "PC4", result.StatusPass, 1, nil},
		{"backups unreadable", regPolicy(), nil, &denied, joinedPCs(), "", result.StatusSkipped, 0, nil},
		{"policy silent on LAPS", regPolicy(func(p *tenant.DeviceRegistrationPolicy) { p.LAPSEnabled = nil }), all, nil, joinedPCs(), "",
			result.StatusSkipped, 0, nil},
		{"no joined PC", regPolicy(), nil, nil, joinedPCs()[4:6], "", result.StatusPass, 1, nil},
	}
	for _, tc := range cases {
		s := newSnap()
		s.DeviceRegistration.Set(tc.policy)
		s.Devices.Set(tc.devices)
		setOrFail(&s.LocalCredentials, tc.backups, tc.status)
		var st Settings
		if tc.accept != "" {
			st.Accepted = []result.Acceptance{{Check: idLAPS, Object: tc.accept, Reason: "replaced next month"}}
		}
		r := eval(t, LAPS, s, st)
		if r.Status != tc.want {
			t.Errorf("%s: %s (%s %s)", tc.name, r.Status, r.Summary, r.Reason)
			continue
		}
		wantCodes(t, tc.name, r, tc.codes...)
		if r.Score != nil && *r.Score != tc.score {
			t.Errorf("%s: score %v, want %v", tc.name, *r.Score, tc.score)
		}
		if tc.status != nil && r.Status == result.StatusSkipped && !strings.Contains(r.Reason, "DeviceLocalCredential.ReadBasic.All") {
			t.Errorf("%s: skipped without naming the permission: %q", tc.name, r.Reason)
		}
		for _, f := range r.Findings {
			if f.ObjectType == "device" && (f.Name == "HYBRID" || f.Name == "HOME" || f.Name == "OLD") {
				t.Errorf("%s: %s is out of scope but listed: %+v", tc.name, f.Name, f)
			}
		}
	}
}

func TestBitLockerEscrow(t *testing.T) {
	key := func(name, volume string) tenant.RecoveryKey {
		return tenant.RecoveryKey{ID: "k-" + name + volume, DeviceID: "did-" + name, VolumeType: volume}
	}
	all := []tenant.RecoveryKey{key("PC1", "operatingSystemVolume"), key("PC2", "operatingSystemVolume"),
		key("PC3", "operatingSystemVolume"), key("PC4", "operatingSystemVolume")}
	managed := func(name string, encrypted bool) tenant.ManagedDevice {
		return tenant.ManagedDevice{ID: "m-" + name, DeviceName: name, AzureADDeviceID: "did-" + name, IsEncrypted: bptr(encrypted)}
	}
	denied := tenant.Status{State: tenant.StateDenied, Permission: "BitlockerKey.ReadBasic.All"}
	cases := []struct {
		name    string
		keys    []tenant.RecoveryKey
		status  *tenant.Status
		managed []tenant.ManagedDevice
		want    result.Status
		score   float64
		codes   []result.FindingCode
	}{
		{"every PC escrowed", all, nil, nil, result.StatusPass, 1, nil},
		{"a data volume is not the OS volume", append(all[:3:3], key("PC4", "fixedDataVolume")), nil, nil, result.StatusFail, 0.75,
			[]result.FindingCode{codeBitLockerNoKey.Code}},
		{"one without, Intune says not encrypted", all[:3], nil, []tenant.ManagedDevice{managed("PC4", false)}, result.StatusFail, 0.75,
			[]result.FindingCode{codeBitLockerOff.Code}},
		{"one without, Intune says encrypted", all[:3], nil, []tenant.ManagedDevice{managed("PC4", true)}, result.StatusFail, 0.75,
			[]result.FindingCode{codeBitLockerNoKey.Code}},
		{"keys unreadable", nil, &denied, nil, result.StatusSkipped, 0, nil},
	}
	for _, tc := range cases {
		s := newSnap()
		s.Devices.Set(joinedPCs())
		setOrFail(&s.RecoveryKeys, tc.keys, tc.status)
		if tc.managed != nil {
			s.ManagedDevices.Set(tc.managed)
		} else {
			s.ManagedDevices.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Intune"})
		}
		r := eval(t, BitLockerEscrow, s, Settings{})
		if r.Status != tc.want {
			t.Errorf("%s: %s (%s %s)", tc.name, r.Status, r.Summary, r.Reason)
			continue
		}
		wantCodes(t, tc.name, r, tc.codes...)
		if r.Score != nil && *r.Score != tc.score {
			t.Errorf("%s: score %v, want %v", tc.name, *r.Score, tc.score)
		}
		if tc.status != nil && !strings.Contains(r.Reason, "BitlockerKey.ReadBasic.All") {
			t.Errorf("%s: skipped without naming the permission: %q", tc.name, r.Reason)
		}
	}
	// Self-service recovery is information: the same verdict either way.
	for _, own := range []bool{true, false} {
		s := newSnap()
		s.Devices.Set(joinedPCs())
		s.RecoveryKeys.Set(all)
		s.ManagedDevices.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Intune"})
		s.AuthorizationPolicy.Set(tenant.AuthorizationPolicy{ReadOwnBitLockerKeys: bptr(own)})
		r := eval(t, BitLockerEscrow, s, Settings{})
		f := r.Facts.(*result.BitLockerFacts)
		if r.Status != result.StatusPass || f.UsersReadOwnKeys == nil || *f.UsersReadOwnKeys != own || strings.Contains(r.Summary, "self-service") != own {
			t.Errorf("own keys %v: %s %q, facts %+v", own, r.Status, r.Summary, f)
		}
	}
	// Five active joined PCs of which four escrowed: 80 % is a warning.
	s := newSnap()
	pcs := append(joinedPCs(), dev("PC5", "Windows", "10.0.26100.1", "AzureAd", 1))
	pcs[len(pcs)-1].DeviceID = "did-PC5"
	s.Devices.Set(pcs)
	s.RecoveryKeys.Set(all)
	s.ManagedDevices.Fail(tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Intune"})
	if r := eval(t, BitLockerEscrow, s, Settings{}); r.Status != result.StatusWarn {
		t.Errorf("four of five escrowed: %s, want warn", r.Status)
	}
}
