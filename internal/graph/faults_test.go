package graph

import (
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

// TestWireFaults: every fault below Graph's error model ends in either the
// data, or a failed dataset with a clear reason; never a hang or a panic, and
// the other datasets are still collected.
func TestWireFaults(t *testing.T) {
	cases := []struct {
		name    string
		faults  emulator.Faults
		state   tenant.State
		reason  string
		maxTime time.Duration
	}{
		{"503 and 504 bursts", emulator.Faults{Errors: []emulator.ErrorFault{{PathContains: "/devices", Status: 503, Times: 2},
			{PathContains: "/deviceManagement/managedDevices", Status: 504, Times: 2}}}, tenant.StateCollected, "", 0},
		{"one answer slower than the request timeout", emulator.Faults{Wire: []emulator.WireFault{{PathContains: "/devices", Kind: emulator.WireSlow, Delay: 3 * time.Second, Times: 1}}},
			tenant.StateCollected, "", 0},
		{"never answers in time", emulator.Faults{Wire: []emulator.WireFault{{PathContains: "/devices", Kind: emulator.WireSlow, Delay: 3 * time.Second}}},
			tenant.StateFailed, "did not answer in time", 10 * time.Second},
		{"connection reset once", emulator.Faults{Wire: []emulator.WireFault{{PathContains: "/devices", Kind: emulator.WireReset, Times: 1}}},
			tenant.StateCollected, "", 0},
		{"connection always reset", emulator.Faults{Wire: []emulator.WireFault{{PathContains: "/devices", Kind: emulator.WireReset}}},
			tenant.StateFailed, "", 10 * time.Second}, // over HTTP/2 the stream is reset; over HTTP/1.1 the connection
		{"truncated JSON", emulator.Faults{Wire: []emulator.WireFault{{PathContains: "/devices", Kind: emulator.WireTruncate}}},
			tenant.StateFailed, "", 0},
		{"malformed body", emulator.Faults{Wire: []emulator.WireFault{{PathContains: "/devices", Kind: emulator.WireMalformed}}},
			tenant.StateFailed, "", 0},
		{"empty pages with nextLinks forever", emulator.Faults{Wire: []emulator.WireFault{{PathContains: "/devices", Kind: emulator.WireEmptyPages}}},
			tenant.StateFailed, "empty pages in a row", 30 * time.Second},
		{"nextLink loop", emulator.Faults{Wire: []emulator.WireFault{{PathContains: "/devices", Kind: emulator.WireLoop}}},
			tenant.StateFailed, "paging loop", 10 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := demoFixture()
			f.Faults = tc.faults
			srv := startEmulator(t, f)
			o := options(srv, f)
			o.RequestTimeout = 500 * time.Millisecond
			start := time.Now()
			snap, err := (&Collector{}).Collect(t.Context(), o)
			if err != nil {
				t.Fatalf("collect: %v", err)
			}
			if tc.maxTime > 0 && time.Since(start) > tc.maxTime {
				t.Errorf("took %v", time.Since(start))
			}
			st := snap.Devices.Status
			if tc.name == "503 and 504 bursts" {
				if snap.ManagedDevices.State != tenant.StateCollected {
					t.Errorf("managed devices: %s", snap.ManagedDevices.Describe())
				}
			}
			if st.State != tc.state || !strings.Contains(st.Reason, tc.reason) {
				t.Fatalf("devices: %s (reason %q), want %s with %q", st.Describe(), st.Reason, tc.state, tc.reason)
			}
			if want := len(windowsDevices(f.Data.Devices.Items)); st.State == tenant.StateCollected && st.Count != want {
				t.Errorf("collected %d devices, the fixture has %d Windows devices", st.Count, want)
			}
			if st.State == tenant.StateFailed && st.Reason == "" {
				t.Error("a failed dataset must say why")
			}
			for _, d := range []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetGroups, tenant.DatasetMFARegistration} {
				if s := snap.StatusOf(d); !s.Collected() {
					t.Errorf("%s affected: %s", d, s.Describe())
				}
			}
		})
	}
}

func TestUnknownTenantSignIn(t *testing.T) {
	f := demoFixture()
	srv := startEmulator(t, f)
	o := options(srv, f)
	o.Auth.TenantID = "nosuch.onmicrosoft.com"
	_, err := (&Collector{}).Collect(t.Context(), o)
	if err == nil || !strings.Contains(err.Error(), "AADSTS90002") || !strings.Contains(err.Error(), "tenant was not found") {
		t.Fatalf("err = %v", err)
	}
}

// TestRegistrationReportWithoutTop: should Graph refuse $top on the
// registration report, the collector asks once more without it, collects
// the whole report, and the budget says what happened; a 400 that is not
// about a query option is not retried.
func TestRegistrationReportWithoutTop(t *testing.T) {
	f := demoFixture()
	f.Faults.Errors = []emulator.ErrorFault{{PathContains: "/userRegistrationDetails", QueryContains: "top=", Status: 400,
		Code: "BadRequest", Message: "Query option '$top' is not allowed for this resource."}}
	srv := startEmulator(t, f)
	snap, err := (&Collector{}).Collect(t.Context(), options(srv, f))
	if err != nil {
		t.Fatal(err)
	}
	regs := mustGet(t, "mfa", &snap.MFARegistration)
	if len(regs) == 0 || snap.MFARegistration.Source != tenant.MFASourceRegistrationReport {
		t.Fatalf("registrations: %d from %q", len(regs), snap.MFARegistration.Source)
	}
	if fb := snap.Budget.Fallbacks; len(fb) != 1 || fb[0] != (tenant.QueryFallback{Dataset: tenant.DatasetMFARegistration, Option: "$top=999"}) ||
		!strings.Contains(budgetLine(snap.Budget), "refused $top=999") {
		t.Errorf("budget fallbacks: %+v; %s", fb, budgetLine(snap.Budget))
	}
	asked := 0
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, "userRegistrationDetails") {
			asked++
		}
	}
	if asked != 2 {
		t.Errorf("%d requests for the report, want 2 (refused, then without $top)", asked)
	}

	f = demoFixture()
	f.Faults.Errors = []emulator.ErrorFault{{PathContains: "/userRegistrationDetails", Status: 400, Code: "BadRequest", Message: "Something else."}}
	srv = startEmulator(t, f)
	snap, err = (&Collector{}).Collect(t.Context(), options(srv, f))
	if err != nil {
		t.Fatal(err)
	}
	if snap.MFARegistration.Collected() || len(snap.Budget.Fallbacks) != 0 {
		t.Errorf("an unrelated 400 was retried: %s, fallbacks %+v", snap.MFARegistration.Describe(), snap.Budget.Fallbacks)
	}
}
