package bench

import (
	"github.com/m365ready/m365ready/internal/emulator"
	"testing"
	"time"

	_ "github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestPlan(t *testing.T) {
	f := synth.Generate(synth.Spec{People: 1000, Seed: 1}, time.Now(), "s")
	m := Plan(f, true)
	if m.PerDataset[tenant.DatasetUsers] != 2 || m.PerDataset[tenant.DatasetDevices] != 8 || m.PerDataset[tenant.DatasetGroups] != 1+5 {
		t.Errorf("%+v", m.PerDataset)
	}
	free := Plan(synth.Generate(synth.Spec{People: 1000, Seed: 1, Free: true}, time.Now(), "s"), false)
	if free.PerDataset[tenant.DatasetMFARegistration] < 1+49 {
		t.Errorf("free MFA %d", free.PerDataset[tenant.DatasetMFARegistration])
	}
}

func TestLatencyBound(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	g := func(path, query string, inBatch bool, lat int) emulator.Request {
		return emulator.Request{Origin: "graph", Path: path, Query: query, InBatch: inBatch, Latency: ms(lat)}
	}
	log := []emulator.Request{
		g("/v1.0/users", "$top=999", false, 300), g("/v1.0/users", "$skiptoken=x", false, 300),
		g("/v1.0/users", "$select=id,signInActivity", false, 500),
		g("/v1.0/devices", "", false, 200),
		g("/v1.0/users/u1/authentication/methods", "", true, 0), g("/v1.0/$batch", "", false, 100),
		g("/v1.0/users/u2/authentication/methods", "", true, 0), g("/v1.0/$batch", "", false, 100),
		{Origin: "download", Path: "/x", Latency: ms(9000)},
	}
	// users pages 600 ms, then two batches of 100 ms side by side: 700 ms.
	if got := LatencyBound(log, 2); got != ms(700) {
		t.Errorf("bound %v, want 700ms", got)
	}
	if got := LatencyBound(log, 1); got != ms(800) {
		t.Errorf("one at a time: bound %v, want 800ms", got)
	}
}

// The documented minimum counts records at Microsoft's page sizes, worked
// out here by hand for a tenant whose counts are read off the fixture.
func TestDocumentedMinimum(t *testing.T) {
	f := synth.Generate(synth.Spec{People: 2500, Seed: 1}, time.Now(), "s")
	d := f.Data
	enabled, windowsPCs := 0, 0
	for _, u := range d.Users.Items {
		if u.AccountEnabled {
			enabled++
		}
	}
	for _, dev := range d.Devices.Items {
		if dev.OperatingSystem == "Windows" {
			windowsPCs++
		}
	}
	up := func(a, b int) int { return (a + b - 1) / b }
	m := DocumentedMinimum(f, true, 20)
	want := map[tenant.Dataset]int{
		tenant.DatasetUsers:           up(len(d.Users.Items), 999),
		tenant.DatasetMFARegistration: up(enabled, 999),
		tenant.DatasetSignInActivity:  up(len(d.Users.Items), 500),
		tenant.DatasetDevices:         up(windowsPCs, 100),
		tenant.DatasetGroups:          up(len(d.Groups.Items), 999) + up(2*len(d.Groups.Items), 20),
	}
	for ds, n := range want {
		if m.PerDataset[ds] != n {
			t.Errorf("%s: %d, want %d", ds, m.PerDataset[ds], n)
		}
	}
	// 3 registration pages fit the first 10-s window; 5 sign-in pages the first minute.
	if m.Throttle != 0 {
		t.Errorf("throttle %v, want 0 for 2,500 people", m.Throttle)
	}
	free := DocumentedMinimum(synth.Generate(synth.Spec{People: 1000, Seed: 1, Free: true}, time.Now(), "s"), false, 5)
	if free.Throttle < 190*time.Second {
		t.Errorf("free at 5 per 10 s: throttle %v, want about 200 s for ~1,000 lookups", free.Throttle)
	}
	if _, asked := free.PerDataset[tenant.DatasetSignInActivity]; asked {
		t.Error("without P1 nothing refused belongs in the minimum")
	}
}
