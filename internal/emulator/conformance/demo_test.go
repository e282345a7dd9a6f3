package conformance

import (
	"reflect"
	"testing"

	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/emulator"
)

// The demo tenant is served as Graph would serve it: no injected faults,
// no throttling model, no licence overrides (see the emulator's package
// comment for why those hooks ship at all).
func TestDemoFixtureHasNoFaults(t *testing.T) {
	if f := demo.Fixture(now, secret); !reflect.DeepEqual(f.Faults, emulator.Faults{}) {
		t.Errorf("the demo fixture sets faults: %+v", f.Faults)
	}
}
