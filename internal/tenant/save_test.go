package tenant_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Save streams records one by one; what it writes must be exactly what
// encoding/json writes for the whole value, so files stay the same and any
// JSON reader (jq included) agrees with Load.
func TestSaveMatchesEncodingJSON(t *testing.T) {
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	withBudget := synth.Generate(synth.Spec{People: 60, Seed: 7}, now, "x").Data
	withBudget.Budget = &tenant.Budget{Requests: 3, Datasets: []tenant.DatasetBudget{{Dataset: tenant.DatasetUsers, Requests: 3}}}
	empty := tenant.New(now)
	empty.Users.Set(nil)
	empty.Devices.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Device.Read.All"})
	for name, s := range map[string]*tenant.Snapshot{"demo": demo.Fixture(now, "x").Data, "synthetic": withBudget, "empty": empty} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := tenant.Save(&got, s); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: Save differs from encoding/json at byte %d", name, firstDiff(got.Bytes(), want.Bytes()))
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
