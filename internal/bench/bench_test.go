package bench

import (
	"testing"
	"time"

	_ "github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestMinimumRequests(t *testing.T) {
	f := synth.Generate(synth.Spec{People: 1000, Seed: 1}, time.Now(), "s")
	m := MinimumRequests(f, true)
	if m.PerDataset[tenant.DatasetUsers] != 2 || m.PerDataset[tenant.DatasetDevices] != 2 || m.PerDataset[tenant.DatasetGroups] != 1+5 {
		t.Errorf("%+v", m.PerDataset)
	}
	free := MinimumRequests(synth.Generate(synth.Spec{People: 1000, Seed: 1, Free: true}, time.Now(), "s"), false)
	if free.PerDataset[tenant.DatasetMFARegistration] < 1+49 {
		t.Errorf("free MFA %d", free.PerDataset[tenant.DatasetMFARegistration])
	}
}
