package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestWindows10(t *testing.T) {
	w11 := func(n string) tenant.Device { return dev(n, "Windows", "10.0.26100.2314", "AzureAd", 1) }
	cases := []struct {
		name    string
		devices []tenant.Device
		st      Settings
		status  result.Status
		score   float64
		codes   map[string]result.FindingCode
	}{
		{"all Windows 11", []tenant.Device{w11("a"), w11("b")}, Settings{}, result.StatusPass, 1, nil},
		{"one in five on Windows 10", []tenant.Device{w11("a"), w11("b"), w11("c"), w11("d"),
			dev("old", "Windows", "10.0.19045.5011", "Workplace", 3)}, Settings{}, result.StatusWarn, 0.8,
			map[string]result.FindingCode{"old": codeDeviceWindows10.Code}},
		{"half on Windows 10", []tenant.Device{w11("a"), dev("old", "Windows", "10.0.19045.1", "AzureAd", 1)},
			Settings{}, result.StatusFail, 0.5, map[string]result.FindingCode{"old": codeDeviceWindows10.Code}},
		{"stale, disabled and phones not counted", []tenant.Device{w11("a"), dev("stale", "Windows", "10.0.19045.1", "AzureAd", 200),
			func() tenant.Device {
				d := dev("off", "Windows", "10.0.19045.1", "AzureAd", 1)
				d.AccountEnabled = false
				return d
			}(),
			dev("phone", "iOS", "18.1", "Workplace", 1)}, Settings{}, result.StatusPass, 1, nil},
		{"unknown build is not a pass", []tenant.Device{w11("a"), w11("b"), w11("c"), dev("x", "Windows", "", "AzureAd", 1)},
			Settings{}, result.StatusWarn, 0.75, map[string]result.FindingCode{"x": codeDeviceOSUnknown.Code}},
		{"accepted risk", []tenant.Device{w11("a"), dev("old", "Windows", "10.0.19045.1", "AzureAd", 1)},
			Settings{Accepted: []result.Acceptance{{Check: idWindows10, Object: "old", Reason: "ESU until the refresh"}}},
			result.StatusPass, 1, nil},
		{"no Windows devices", []tenant.Device{dev("p", "Android", "14", "Workplace", 1)}, Settings{}, result.StatusNotApplicable, -1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.Devices.Set(tc.devices)
			r := eval(t, Windows10, s, tc.st)
			if r.Status != tc.status || (tc.score >= 0 && score(r) != tc.score) {
				t.Fatalf("status %s score %v, want %s %v (%s)", r.Status, score(r), tc.status, tc.score, r.Summary)
			}
			if len(r.Findings) != len(tc.codes) {
				t.Errorf("findings %+v, want %v", r.Findings, tc.codes)
			}
			for name, code := range tc.codes {
				if f := findingFor(r, name); f == nil || f.Code != code {
					t.Errorf("%s: finding %+v, want %s", name, f, code)
				}
			}
			if tc.name == "one in five on Windows 10" {
				f := findingFor(r, "old")
				if !strings.Contains(f.Detail, "only registered") || f.Attrs.Build != 19045 || f.Attrs.JoinType != result.JoinRegistered {
					t.Errorf("the finding does not carry the join state and build: %+v %+v", f, f.Attrs)
				}
			}
			if tc.name == "unknown build is not a pass" && (r.Bounds == nil || r.Bounds.High != 1) {
				t.Errorf("bounds %+v, want the unknown PC's best case to be Windows 11", r.Bounds)
			}
			if tc.name == "accepted risk" && (len(r.Excluded) != 1 || r.Excluded[0].Accepted == nil) {
				t.Errorf("excluded %+v, want the accepted PC", r.Excluded)
			}
		})
	}
	s := newSnap()
	s.Devices.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Device.Read.All"})
	if r := eval(t, Windows10, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "Device.Read.All") {
		t.Errorf("devices denied: %+v", r)
	}
}
