package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestMemoryLimitCoversCollectionOnly(t *testing.T) {
	before := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	restore := limitMemoryWhileCollecting(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != CollectMemoryLimit {
		t.Fatalf("while collecting the limit is %d, want %d", got, CollectMemoryLimit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("after collecting the limit is %d, want it lifted", got)
	}
	// GOMEMLIMIT is the user's: leave whatever the runtime made of it.
	debug.SetMemoryLimit(1 << 30)
	restore = limitMemoryWhileCollecting(func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	})
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Fatalf("with GOMEMLIMIT set the limit became %d", got)
	}
	restore()
}
