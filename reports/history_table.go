package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/termtable"
)

// HistoryTable is each tenant's trend on a terminal: a sparkline of the
// worst-case score, the runs, and what changed since the previous run.
type HistoryTable struct{ Options }

// historyChangesShown caps the changes listed per tenant; -o json has all.
const historyChangesShown = 20

func (t HistoryTable) RenderHistory(w io.Writer, h *result.History) error {
	if len(h.Tenants) == 0 {
		fmt.Fprintln(w, "No runs recorded yet: audit with --store FILE to start the history.")
	}
	for i, tn := range h.Tenants {
		if i > 0 {
			fmt.Fprintln(w)
		}
		label := historyLabel(tn.Alias, tn.Name)
		var worst []float64
		for _, r := range tn.Runs {
			worst = append(worst, r.Worst)
		}
		fmt.Fprintf(w, "%s: %d runs, worst-case score %s\n", terminalSafe(orDash(label)), len(tn.Runs), sparkline(worst))
		tb := termtable.New(t.Width, t.Color, termtable.Column{Header: "Collected"}, termtable.Column{Header: "Grade"},
			termtable.Column{Header: "Score"}, termtable.Column{Header: "Coverage"}, termtable.Column{Header: "Run", Wrap: true})
		for _, r := range tn.Runs {
			score := fmtScore(r.Worst)
			if r.Best != r.Worst {
				score += "–" + fmtScore(r.Best)
			}
			tb.Row(r.CollectedAt.UTC().Format("2006-01-02 15:04"), r.Grade, score, fmt.Sprintf("%.0f%%", r.Coverage*100),
				terminalSafe(strings.TrimSpace(r.Command+" by "+orDash(r.RunBy)+", "+r.Tool)))
		}
		tb.Render(w)
		if len(tn.Runs) < 2 {
			continue
		}
		fmt.Fprintf(w, "Since the previous run: %s\n", changeSummary(tn.Changes))
		for _, c := range notableChanges(tn.Changes, historyChangesShown) {
			fmt.Fprintf(w, "  %-10s %s %s: %s\n", c.State, c.CheckID, c.Code, terminalSafe(orDash(c.Name)))
		}
	}
	if len(h.Expiring) > 0 {
		fmt.Fprintf(w, "\nAccepted risks expiring within %d days, or expired:\n", h.ExpiringWithinDays)
		for _, e := range h.Expiring {
			fmt.Fprintf(w, "  %s  %-8s %s %s (owner %s): %s\n", e.Expires, expiryText(e), terminalSafe(orDash(historyLabel(e.Alias, e.Name))),
				e.Check, terminalSafe(orDash(e.Owner)), terminalSafe(orDash(e.Object)))
		}
	}
	if h.Pruned > 0 {
		fmt.Fprintf(w, "\n%d runs older than --keep were deleted.\n", h.Pruned)
	}
	return nil
}

// historyLabel names a tenant by alias and name, either of which may be
// missing.
func historyLabel(alias, name string) string {
	switch {
	case alias == "":
		return name
	case name == "":
		return alias
	}
	return alias + " (" + name + ")"
}

// expiryText is "in 12 d", "today" or "expired".
func expiryText(e result.ExpiringAcceptance) string {
	switch {
	case e.DaysLeft < 0:
		return "expired"
	case e.DaysLeft == 0:
		return "today"
	}
	return fmt.Sprintf("in %d d", e.DaysLeft)
}
