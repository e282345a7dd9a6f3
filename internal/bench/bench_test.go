package bench

import (
	"github.com/m365ready/m365ready/internal/emulator"
	"testing"
	"time"

	_ "github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestMinimumRequests(t *testing.T) {
	f := synth.Generate(synth.Spec{People: 1000, Seed: 1}, time.Now(), "s")
	m := MinimumRequests(f, true)
	if m.PerDataset[tenant.DatasetUsers] != 2 || m.PerDataset[tenant.DatasetDevices] != 1 || m.PerDataset[tenant.DatasetGroups] != 1+5 {
		t.Errorf("%+v", m.PerDataset)
	}
	free := MinimumRequests(synth.Generate(synth.Spec{People: 1000, Seed: 1, Free: true}, time.Now(), "s"), false)
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
