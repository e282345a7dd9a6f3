package reports

import (
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
