package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// HistoryRenderer writes the run history in one format.
type HistoryRenderer interface {
	RenderHistory(w io.Writer, h *result.History) error
}

var historyFormats = formatSet[HistoryRenderer]{"history", map[string]func(Options) HistoryRenderer{
	"table": func(o Options) HistoryRenderer { return HistoryTable{Options: o} },
	"json":  func(Options) HistoryRenderer { return HistoryJSON{} },
	"html":  func(o Options) HistoryRenderer { return HistoryHTML{Options: o} },
}}

// HistoryFormats lists the history's format names.
func HistoryFormats() []string { return historyFormats.names() }

// NewHistory returns the history renderer for a format name.
func NewHistory(format string, o Options) (HistoryRenderer, error) {
	return historyFormats.get(format, o)
}

// sparkline draws scores 0-100 as one block character each.
func sparkline(scores []float64) string {
	const blocks = "▁▂▃▄▅▆▇█"
	bars := []rune(blocks)
	var b strings.Builder
	for _, s := range scores {
		i := int(s / 100 * float64(len(bars)-1))
		b.WriteRune(bars[min(max(i, 0), len(bars)-1)])
	}
	return b.String()
}

// HistoryJSON is the history as data.
type HistoryJSON struct{}

func (HistoryJSON) RenderHistory(w io.Writer, h *result.History) error { return writeJSON(w, *h) }

// changeSummary counts a tenant's finding changes by state, in words:
// "2 new, 0 regressed, 1 fixed, 9 persisting", and the unverified ones when
// there are any.
func changeSummary(cs []result.FindingChange) string {
	n := map[string]int{}
	for _, c := range cs {
		n[c.State]++
	}
	s := fmt.Sprintf("%d new, %d regressed, %d fixed, %d persisting",
		n[result.FindingNew], n[result.FindingRegressed], n[result.FindingFixed], n[result.FindingPersisting])
	if k := n[result.FindingUnverified]; k > 0 {
		s += fmt.Sprintf(", %d unverified (their checks could not run in the last run)", k)
	}
	return s
}

// notableChanges are the changes worth listing (all but persisting), at
// most limit of them; -o json has every change.
func notableChanges(cs []result.FindingChange, limit int) []result.FindingChange {
	var out []result.FindingChange
	for _, c := range cs {
		if c.State != result.FindingPersisting && len(out) < limit {
			out = append(out, c)
		}
	}
	return out
}
