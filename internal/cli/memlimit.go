package cli

import (
	"runtime/debug"
)

// MemoryLimit is the soft limit on the Go runtime's memory while m365ready
// collects, evaluates and renders, unless GOMEMLIMIT says otherwise. By
// default Go lets the heap grow to twice what is live; under the limit it
// collects garbage more often instead. Collecting is bound by Graph's
// latency, not CPU, so that costs little there; evaluating costs some CPU
// (at 100,000 people about a second more, measured with make bench). What
// is live stays under the limit because the audit lets go of each dataset
// after its last check and findings share equal attributes: at 100,000
// people and 100,000 devices the most live at once was about 195 MB. The
// limit is soft: a larger tenant goes past it rather than fail.
const MemoryLimit = 256 << 20

// limitMemory applies MemoryLimit and returns the function that puts the
// previous limit back.
func limitMemory(getenv func(string) string) (restore func()) {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	prev := debug.SetMemoryLimit(MemoryLimit)
	return func() { debug.SetMemoryLimit(prev) }
}
