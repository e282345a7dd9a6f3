package audit

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Releasing each dataset after its last reader changes nothing in the
// report, and what it released reads as not requested, never as empty.
func TestReleaseDataKeepsTheReport(t *testing.T) {
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	snaps := map[string]func() *tenant.Snapshot{
		"demo":      func() *tenant.Snapshot { return demo.Fixture(now, "s").Data },
		"synthetic": func() *tenant.Snapshot { return synth.Generate(synth.Spec{People: 300, Seed: 5}, now, "s").Data },
		"free": func() *tenant.Snapshot {
			return synth.Generate(synth.Spec{People: 300, Seed: 6, Free: true}, now, "s").Data
		},
	}
	for name, snap := range snaps {
		kept := Build(snap(), Options{Now: now})
		s := snap()
		released := Build(s, Options{Now: now, ReleaseData: true})
		a, _ := json.Marshal(kept)
		b, _ := json.Marshal(released)
		if string(a) != string(b) {
			t.Errorf("%s: the report differs when data is released", name)
		}
		if _, err := s.Devices.Get(); err == nil {
			t.Errorf("%s: devices still readable after their last check", name)
		}
		if s.Devices.State != tenant.StateNotRequested {
			t.Errorf("%s: released devices read as %s", name, s.Devices.State)
		}
		if _, err := s.Users.Get(); err != nil {
			t.Errorf("%s: users released: %v", name, err)
		}
	}
}
