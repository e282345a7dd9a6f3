package emulator

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/graphmeta"
)

// An override of the metadata is kept only while the two disagree, and
// each names the Learn page it comes from.
func TestLearnOverridesDisagreeWithTheMetadata(t *testing.T) {
	m := graphmeta.V1()
	for path, opts := range learnSays {
		p, ok := m.Paths[path]
		if !ok {
			t.Errorf("%s: not a path the collector calls", path)
			continue
		}
		for o, note := range opts {
			if meta, _ := m.Supported(p, o); meta == note.supported {
				t.Errorf("%s %s: the metadata already says %v; drop the override", path, o, meta)
			}
			if !strings.HasPrefix(note.url, "https://learn.microsoft.com/graph/api/") {
				t.Errorf("%s %s: cite the Learn API page, not %q", path, o, note.url)
			}
		}
	}
}

func TestInFlightKeepsThePeak(t *testing.T) {
	var f inFlight
	a, b, c := f.enter(), f.enter(), f.enter()
	a()
	b()
	d := f.enter()
	if got := f.peak.Load(); got != 3 {
		t.Errorf("peak %d, want 3", got)
	}
	c()
	d()
	if f.now.Load() != 0 {
		t.Errorf("%d still in flight", f.now.Load())
	}
}
