package graph

import (
	"fmt"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/bench"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

// TestFewestRequests: collecting a synthetic tenant makes exactly the fewest
// requests its data allows at the emulator's page limits, with and without
// Entra ID P1 (the per-person method lookups then go 20 to a batch).
func TestFewestRequests(t *testing.T) {
	for _, free := range []bool{false, true} {
		t.Run(fmt.Sprintf("free=%v", free), func(t *testing.T) {
			f := synth.Generate(synth.Spec{People: 1500, Seed: 3, Free: free}, time.Now(), "s3cret")
			srv := startEmulator(t, f)
			snap := collectFrom(t, srv, f)
			min := bench.MinimumRequests(f, !free)
			if snap.Budget.Requests != int64(min.Total) {
				t.Errorf("%d requests, the minimum is %d", snap.Budget.Requests, min.Total)
			}
			for _, d := range snap.Budget.Datasets {
				if want := int64(min.PerDataset[d.Dataset]); d.Requests != want {
					t.Errorf("%s: %d requests, minimum %d", d.Dataset, d.Requests, want)
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
