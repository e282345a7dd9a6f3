package cli

import (
	"runtime/debug"
)

// CollectMemoryLimit is the soft heap limit while collecting, unless
// GOMEMLIMIT says otherwise. Collecting is bound by Graph's latency, not CPU,
// so collecting garbage more often near the limit costs little time, and it
// keeps a 100,000-person collection near 280 MB of RSS instead of ~450 MB
// (by default Go lets the heap grow to twice what is live). It is soft: a
// larger tenant goes past it rather than fail.
const CollectMemoryLimit = 256 << 20

// limitMemoryWhileCollecting applies CollectMemoryLimit and returns the
// function that puts the previous limit back. Evaluating a large snapshot
// keeps it all live, so under the same limit the collector would spend its
// time collecting garbage it cannot free: the limit covers collection only.
func limitMemoryWhileCollecting(getenv func(string) string) (restore func()) {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(CollectMemoryLimit)
	return func() { debug.SetMemoryLimit(prev) }
}
