package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestMemoryLimitIsPutBack(t *testing.T) {
	before := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })

	restore := limitMemory(func(string) string { return "" })
	if got := debug.SetMemoryLimit(-1); got != MemoryLimit {
		t.Fatalf("while running the limit is %d, want %d", got, MemoryLimit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("afterwards the limit is %d, want it lifted", got)
	}
	// GOMEMLIMIT is the user's: leave whatever the runtime made of it.
	debug.SetMemoryLimit(1 << 30)
	restore = limitMemory(func(k string) string {
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
