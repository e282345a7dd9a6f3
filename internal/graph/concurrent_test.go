package graph

import (
	"reflect"
	"sync"
	"testing"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
)

// TestTenantsCollectedAtOnce: a fleet collects several tenants in one
// process, each with its own client. Under -race this fails if building a
// client writes state another client's requests read (the SDK's own
// constructor does); and every tenant's snapshot is what it is alone.
func TestTenantsCollectedAtOnce(t *testing.T) {
	f := demoFixture()
	srv := startEmulator(t, f)
	const n = 4
	var opts []collect.Options
	for range n {
		fi := demoFixture()
		opts = append(opts, options(startEmulator(t, fi), fi))
	}
	snaps := make([]*tenant.Snapshot, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			snaps[i], errs[i] = (&Collector{}).Collect(t.Context(), opts[i])
		}()
	}
	wg.Wait()
	alone := collectFrom(t, srv, f)
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("tenant %d: %v", i, errs[i])
		}
		if !reflect.DeepEqual(snaps[i].Users.Items, alone.Users.Items) || !reflect.DeepEqual(snaps[i].Devices.Items, alone.Devices.Items) {
			t.Errorf("tenant %d: collected at once, its users or devices differ from a collection alone", i)
		}
	}
}
