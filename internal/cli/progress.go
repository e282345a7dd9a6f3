package cli

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/jedib0t/go-pretty/v6/progress"

	"github.com/m365ready/m365ready/internal/tenant"
)

// liveProgress shows one line per dataset on stderr while collecting: pages
// and records so far, then how the dataset ended. Only on a terminal.
type liveProgress struct {
	pw       progress.Writer
	mu       sync.Mutex
	trackers map[tenant.Dataset]*progress.Tracker
	pages    map[tenant.Dataset]int
	records  map[tenant.Dataset]int
}

func newLiveProgress(w io.Writer) *liveProgress {
	pw := progress.NewWriter()
	pw.SetOutputWriter(w)
	pw.SetAutoStop(false)
	pw.SetUpdateFrequency(100 * time.Millisecond)
	pw.SetTrackerLength(12)
	pw.SetMessageLength(48)
	pw.SetStyle(progress.StyleDefault)
	pw.Style().Visibility.ETA = false
	pw.Style().Visibility.Percentage = false
	pw.Style().Visibility.Value = false
	go pw.Render()
	return &liveProgress{pw: pw, trackers: map[tenant.Dataset]*progress.Tracker{}, pages: map[tenant.Dataset]int{}, records: map[tenant.Dataset]int{}}
}

func (p *liveProgress) tracker(d tenant.Dataset) *progress.Tracker {
	t := p.trackers[d]
	if t == nil {
		t = &progress.Tracker{Message: string(d)}
		p.trackers[d] = t
		p.pw.AppendTracker(t)
	}
	return t
}

// Page implements collect.Progress.
func (p *liveProgress) Page(d tenant.Dataset, records int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pages[d]++
	p.records[d] += records
	t := p.tracker(d)
	t.UpdateMessage(fmt.Sprintf("%s: %d pages, %d records", d, p.pages[d], p.records[d]))
	t.Increment(int64(records))
}

// Done implements collect.Progress.
func (p *liveProgress) Done(d tenant.Dataset, st tenant.Status) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.tracker(d)
	t.UpdateMessage(fmt.Sprintf("%s: %s", d, st.Describe()))
	if st.Collected() {
		t.MarkAsDone()
	} else {
		t.MarkAsErrored()
	}
}

// Stop ends the display.
func (p *liveProgress) Stop() {
	time.Sleep(150 * time.Millisecond) // let the last state render
	p.pw.Stop()
}
