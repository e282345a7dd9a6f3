package graph

import (
	"fmt"
	"github.com/m365ready/m365ready/internal/emulator"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/bench"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

// TestCollectorFollowsItsPlan: collecting a synthetic tenant makes exactly
// the requests of the collector's plan (bench.Plan), per dataset, with and
// without Entra ID P1 (the per-person method lookups then go 20 to a
// batch). A regression test: how far the plan is from the documented
// minimum is the bench's to say (bench.DocumentedMinimum).
func TestCollectorFollowsItsPlan(t *testing.T) {
	for _, free := range []bool{false, true} {
		t.Run(fmt.Sprintf("free=%v", free), func(t *testing.T) {
			f := synth.Generate(synth.Spec{People: 1500, Seed: 3, Free: free}, time.Now(), "s3cret")
			srv := startEmulator(t, f)
			snap := collectFrom(t, srv, f)
			plan := bench.Plan(f, !free)
			if snap.Budget.Requests != int64(plan.Total) {
				t.Errorf("%d requests, the collector's plan is %d", snap.Budget.Requests, plan.Total)
			}
			for _, d := range snap.Budget.Datasets {
				if want := int64(plan.PerDataset[d.Dataset]); d.Requests != want {
					t.Errorf("%s: %d requests, planned %d", d.Dataset, d.Requests, want)
				}
			}
			if got, want := snap.MFARegistration.Count, 0; got == want {
				t.Errorf("no MFA data collected (%s)", snap.MFARegistration.Describe())
			}
			if free && snap.MFARegistration.Source != tenant.MFASourceMethods {
				t.Errorf("free tenant source %q", snap.MFARegistration.Source)
			}
		})
	}
}

// TestCollectUnderGraphLimits: under Graph's published limits (time-scaled)
// a 6,000-person tenant is still collected whole, the registration report's
// 5-per-10-s limit (7 pages of 999) is met with a handful of 429s at most,
// and the requests stay near the minimum.
func TestCollectUnderGraphLimits(t *testing.T) {
	f := synth.Generate(synth.Spec{People: 6000, Seed: 3}, time.Now(), "s3cret")
	// Time scale 0.3: the report's 10-s window is 3 s of wall time, which the
	// first five pages cannot outlast even under -race on a loaded machine
	// (at 0.1 they sometimes did, and nothing was throttled).
	f.Faults.Cost = &emulator.CostModel{TimeScale: 0.3, Latency: 100 * time.Millisecond, LatencyPerKB: time.Millisecond}
	srv := startEmulator(t, f)
	snap := collectFrom(t, srv, f)
	plan := bench.Plan(f, true)
	enabled := 0 // the report leaves disabled accounts out
	for _, u := range f.Data.Users.Items {
		if u.AccountEnabled {
			enabled++
		}
	}
	if got := len(mustGet(t, "mfa", &snap.MFARegistration)); got != enabled {
		t.Errorf("%d registrations, the report has %d", got, enabled)
	}
	if got := len(mustGet(t, "sign-ins", &snap.SignInActivity)); got != len(f.Data.SignInActivity.Items) {
		t.Errorf("%d sign-in records, want %d", got, len(f.Data.SignInActivity.Items))
	}
	if snap.Budget.Throttled == 0 {
		t.Fatal("nothing was throttled: the limits were not met and the test proves nothing")
	}
	if extra := snap.Budget.Requests - int64(plan.Total); extra < 0 || extra > 8 {
		t.Errorf("%d requests for a plan of %d (%d throttled)", snap.Budget.Requests, plan.Total, snap.Budget.Throttled)
	}
}
