package emulator

import "sync/atomic"

// inFlight counts Graph requests being answered at once, and the most
// there ever were: how hard a client presses, whatever it says of itself.
type inFlight struct {
	now, peak atomic.Int64
}

// enter counts a request in and returns what counts it out.
func (f *inFlight) enter() func() {
	n := f.now.Add(1)
	for {
		p := f.peak.Load()
		if n <= p || f.peak.CompareAndSwap(p, n) {
			break
		}
	}
	return func() { f.now.Add(-1) }
}

// MaxInFlight is the most Graph requests (a $batch counts once) the
// emulator has answered at the same time.
func (s *Server) MaxInFlight() int64 { return s.flight.peak.Load() }
