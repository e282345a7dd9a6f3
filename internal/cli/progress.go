package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/internal/termtable"
)

// liveProgress is one line on a terminal's stderr, rewritten as datasets
// are read: how many are done of how many, and the one being paged. It
// names states as the report does. Only on a terminal, never with --quiet;
// Stop clears it, and the summary line takes its place.
type liveProgress struct {
	w       io.Writer
	width   int
	mu      sync.Mutex
	total   int
	done    int
	current tenant.Dataset
	records map[tenant.Dataset]int
	last    time.Time
	stopped bool
}

func newLiveProgress(w io.Writer, width, total int) *liveProgress {
	return &liveProgress{w: w, width: width, total: total, records: map[tenant.Dataset]int{}}
}

// Page implements collect.Progress.
func (p *liveProgress) Page(d tenant.Dataset, records int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.records[d] += records
	p.current = d
	p.draw(false)
}

// Done implements collect.Progress.
func (p *liveProgress) Done(d tenant.Dataset, st tenant.Status) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st.State == tenant.StateNotRequested {
		return // an interrupted run's leftovers, or data no check needs
	}
	p.done++
	p.total = max(p.total, p.done)
	p.current = d
	p.draw(true)
}

// draw rewrites the line, at most ten times a second unless forced.
func (p *liveProgress) draw(force bool) {
	if p.stopped || (!force && time.Since(p.last) < 100*time.Millisecond) {
		return
	}
	p.last = time.Now()
	line := fmt.Sprintf("Reading the tenant: %d of %d datasets", p.done, p.total)
	if p.current != "" {
		line += fmt.Sprintf(" (%s: %d records)", p.current, p.records[p.current])
	}
	if p.width > 0 && termtable.Width(line) >= p.width {
		line = string([]rune(line)[:max(0, p.width-2)]) + "…"
	}
	fmt.Fprint(p.w, "\r\x1b[K"+line)
}

// Stop clears the line.
func (p *liveProgress) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.stopped {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.stopped = true
	}
}

// collectionSummary is the one line a person reads on stderr after a
// collection: what was read, what was not and why (in the report's words),
// and what it cost.
func collectionSummary(s *tenant.Snapshot) string {
	byState := map[tenant.State][]string{}
	requested := 0
	for _, d := range tenant.AllDatasets() {
		st := s.StatusOf(d)
		if st.State == tenant.StateNotRequested || st.State == "" {
			continue
		}
		requested++
		byState[st.State] = append(byState[st.State], string(d))
	}
	line := fmt.Sprintf("Read %d of %d datasets", len(byState[tenant.StateCollected]), requested)
	if b := s.Budget; b != nil {
		line += fmt.Sprintf(" in %s (%d requests", (time.Duration(b.DurationMs) * time.Millisecond).Round(100*time.Millisecond), b.Requests)
		if b.Throttled > 0 {
			line += fmt.Sprintf(", %d throttled", b.Throttled)
		}
		line += ")"
	}
	var not []string
	for _, state := range []tenant.State{tenant.StateUnlicensed, tenant.StateDenied, tenant.StateFailed} {
		if ds := byState[state]; len(ds) > 0 {
			slices.Sort(ds)
			not = append(not, string(state)+": "+strings.Join(ds, ", "))
		}
	}
	if len(not) > 0 {
		line += "; " + strings.Join(not, "; ")
	}
	return line
}
