package reports

import (
	"fmt"
	"io"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/m365ready/m365ready/internal/result"
)

// Table is the terminal report.
type Table struct {
	Options
}

func (t *Table) Render(w io.Writer, r *result.Report) error {
	name := r.Tenant.Name
	if name == "" {
		name = "(tenant name not collected)"
	}
	if r.Demo {
		fmt.Fprintln(w, t.paint("DEMO DATA: the built-in demo tenant, not a real organisation.", text.FgYellow, text.Bold))
	}
	fmt.Fprintf(w, "Tenant:    %s", terminalSafe(name))
	if r.Tenant.DefaultDomain != "" {
		fmt.Fprintf(w, " (%s)", terminalSafe(r.Tenant.DefaultDomain))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Collected: %s", r.CollectedAt.UTC().Format("2006-01-02 15:04 MST"))
	if r.Source.AuthMode != "" {
		fmt.Fprintf(w, " via %s sign-in", r.Source.AuthMode)
	}
	if r.Source.Offline {
		fmt.Fprint(w, " (read from a snapshot file)")
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)

	tw := table.NewWriter()
	tw.SetOutputMirror(w)
	tw.SetStyle(table.StyleLight)
	if !t.Color {
		tw.SetStyle(table.StyleDefault)
	}
	tw.Style().Options.SeparateRows = false
	if t.Width > 0 {
		tw.SetAllowedRowLength(t.Width)
	}
	tw.SetTitle("Data collected")
	tw.AppendHeader(table.Row{"Dataset", "State", "Records", "Detail"})
	for _, d := range r.Datasets {
		records := "-"
		if d.State == "collected" {
			records = fmt.Sprint(d.Count)
		}
		tw.AppendRow(table.Row{d.Name, t.state(d.State), records, terminalSafe(detail(d))})
	}
	tw.SetColumnConfigs([]table.ColumnConfig{{Number: 3, Align: text.AlignRight}, {Number: 4, WidthMax: 70}})
	tw.Render()
	return nil
}

// detail is the Detail column: why a dataset is missing, or a caveat.
func detail(d result.Dataset) string {
	switch d.State {
	case "collected":
		if d.Source != "" && d.Reason == "" {
			return "from " + d.Source
		}
		return d.Reason
	case "denied":
		if d.Permission != "" {
			return "needs permission " + d.Permission
		}
	case "unlicensed":
		if d.Licence != "" {
			return "tenant has no " + d.Licence
		}
	}
	out := d.Reason
	if d.RequestID != "" {
		out += " (request-id " + d.RequestID + ")"
	}
	return out
}

func (t *Table) state(s string) string {
	switch s {
	case "collected":
		return t.paint(s, text.FgGreen)
	case "denied", "failed":
		return t.paint(s, text.FgRed)
	case "unlicensed":
		return t.paint(s, text.FgYellow)
	}
	return s
}

func (t *Table) paint(s string, c ...text.Color) string {
	if !t.Color {
		return s
	}
	return text.Colors(c).Sprint(s)
}
