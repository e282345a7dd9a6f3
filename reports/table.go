package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/m365ready/m365ready/internal/result"
)

// Table is the terminal report: header, category sub-scores, one row per
// check, then the top actions; with Details, each check's findings.
type Table struct {
	Options
}

// maxFindings is how many findings --details lists per check before it
// says how many more there are.
const maxFindings = 10

func (t *Table) Render(w io.Writer, r *result.Report) error {
	t.header(w, r)
	t.categories(w, r)
	t.checks(w, r)
	t.actions(w, r)
	if t.Details {
		t.findings(w, r)
	}
	t.datasets(w, r)
	return nil
}

func (t *Table) header(w io.Writer, r *result.Report) {
	if r.Demo {
		fmt.Fprintln(w, t.paint("DEMO DATA: the built-in demo tenant, not a real organisation.", text.FgYellow, text.Bold))
	}
	name := r.Tenant.Name
	if name == "" {
		name = "(tenant name not collected)"
	}
	fmt.Fprintf(w, "Tenant:    %s", safe(name))
	if r.Tenant.DefaultDomain != "" {
		fmt.Fprintf(w, " (%s)", safe(r.Tenant.DefaultDomain))
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
	evaluated := 0
	for _, c := range r.Checks {
		if c.Status.Evaluated() {
			evaluated++
		}
	}
	s := r.Score
	fmt.Fprintf(w, "Score:     %s over what was evaluated (%s)\n", t.paint(scoreValue(s), text.Bold), scoreRange(s))
	fmt.Fprintf(w, "Grade:     %s", t.paint(gradeText(s), t.toneColor(gradeTone(s)), text.Bold))
	if s.Capped {
		fmt.Fprintf(w, " (%s)", s.CapReason)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Coverage:  %s; %d of %d checks evaluated\n", coverageText(s), evaluated, len(r.Checks))
	if !s.Grade.Letter() {
		fmt.Fprintln(w, "Incomplete audit: no grade until these are evaluated:")
		for _, l := range gapLines(s) {
			fmt.Fprintf(w, "  - %s\n", safe(l))
		}
	}
	fmt.Fprintln(w)
}

func (t *Table) newTable(w io.Writer) table.Writer {
	tw := table.NewWriter()
	tw.SetOutputMirror(w)
	if t.Color {
		tw.SetStyle(table.StyleLight)
	} else {
		tw.SetStyle(table.StyleDefault)
	}
	if t.Width > 0 {
		tw.SetAllowedRowLength(t.Width)
	}
	return tw
}

func (t *Table) categories(w io.Writer, r *result.Report) {
	tw := t.newTable(w)
	tw.AppendHeader(table.Row{"Category", "Score", "Coverage"})
	for _, c := range r.Score.Categories {
		v := "n/a"
		if c.Value != nil {
			v = fmtScore(*c.Value)
		}
		tw.AppendRow(table.Row{string(c.Category), v, fmtPct(c.Coverage)})
	}
	tw.SetColumnConfigs([]table.ColumnConfig{{Number: 2, Align: text.AlignRight}, {Number: 3, Align: text.AlignRight}})
	tw.Render()
	fmt.Fprintln(w)
}

func (t *Table) checks(w io.Writer, r *result.Report) {
	tw := t.newTable(w)
	tw.AppendHeader(table.Row{"Status", "ID", "Check", "Score", "Summary"})
	for _, c := range r.Checks {
		score := "-"
		if c.Score != nil {
			score = fmt.Sprintf("%.0f%%", 100**c.Score)
		}
		tw.AppendRow(table.Row{t.status(c.Status), c.Check.ID, checkName(c.Check), score, safe(c.Summary)})
	}
	// Without a terminal the width is fixed, so the output is stable.
	summaryWidth := 72
	if t.Width > 0 {
		summaryWidth = max(30, t.Width-60)
	}
	tw.SetColumnConfigs([]table.ColumnConfig{{Number: 4, Align: text.AlignRight}, {Number: 5, WidthMax: summaryWidth, WidthMaxEnforcer: text.WrapSoft}})
	tw.Render()
	fmt.Fprintln(w)
}

func (t *Table) actions(w io.Writer, r *result.Report) {
	acts := r.Score.TopActions
	if len(acts) == 0 {
		return
	}
	fmt.Fprintln(w, t.paint("Top actions (points each would recover)", text.Bold))
	for i, a := range acts {
		if i == 5 {
			break
		}
		fmt.Fprintf(w, "%2d. +%-5.1f %s %s: %s\n", i+1, a.Points, a.CheckID, a.Title, safe(a.Remediation))
	}
	fmt.Fprintln(w)
}

func (t *Table) findings(w io.Writer, r *result.Report) {
	for _, c := range r.Checks {
		fmt.Fprintf(w, "%s %s %s\n", t.status(c.Status), t.paint(c.Check.ID, text.Bold), checkName(c.Check))
		fmt.Fprintf(w, "  %s\n", safe(c.Summary))
		if len(c.Missing) > 0 {
			fmt.Fprintf(w, "  Partly evaluated, for want of: %s\n", safe(c.MissingSummary()))
		}
		if c.Status != result.StatusPass && c.Status != result.StatusNotApplicable {
			fmt.Fprintf(w, "  Why: %s\n", c.Check.Why)
		}
		list := func(label string, fs []result.Finding) {
			if len(fs) == 0 {
				return
			}
			fmt.Fprintf(w, "  %s (%d):\n", label, len(fs))
			for i, f := range fs {
				if i == maxFindings {
					fmt.Fprintf(w, "    … and %d more (all in -o json)\n", len(fs)-maxFindings)
					break
				}
				fmt.Fprintf(w, "    - %s %s: %s\n", f.ObjectType, safe(objectName(f)), safe(f.Detail))
			}
		}
		list("Findings", c.Findings)
		list("Excluded", c.Excluded)
		if c.Status == result.StatusFail || c.Status == result.StatusWarn {
			fmt.Fprintln(w, "  Fix:")
			for _, s := range c.Check.Remediation {
				fmt.Fprintf(w, "    - %s\n", s)
			}
		}
		fmt.Fprintln(w)
	}
}

func (t *Table) datasets(w io.Writer, r *result.Report) {
	var missing []result.Dataset
	for _, d := range r.Datasets {
		if d.State != result.DatasetCollected && d.State != result.DatasetNotRequested {
			missing = append(missing, d)
		}
	}
	if !t.Details {
		collected, unneeded := 0, 0
		for _, d := range r.Datasets {
			switch d.State {
			case result.DatasetCollected:
				collected++
			case result.DatasetNotRequested:
				unneeded++
			}
		}
		fmt.Fprintf(w, "Data: %d of %d datasets collected", collected, len(r.Datasets)-unneeded)
		if unneeded > 0 {
			fmt.Fprintf(w, " (%d more not read: no check needs them)", unneeded)
		}
		if len(missing) > 0 {
			var names []string
			for _, d := range missing {
				names = append(names, d.Name+" ("+safe(datasetDetail(d))+")")
			}
			fmt.Fprintf(w, "; not collected: %s", strings.Join(names, "; "))
		}
		fmt.Fprintln(w)
		return
	}
	tw := t.newTable(w)
	tw.SetTitle("Data collected")
	tw.AppendHeader(table.Row{"Dataset", "State", "Records", "Detail"})
	for _, d := range r.Datasets {
		records := "-"
		if d.State == result.DatasetCollected {
			records = fmt.Sprint(d.Count)
		}
		tw.AppendRow(table.Row{d.Name, t.state(d.State), records, safe(datasetDetail(d))})
	}
	tw.SetColumnConfigs([]table.ColumnConfig{{Number: 3, Align: text.AlignRight}, {Number: 4, WidthMax: 70, WidthMaxEnforcer: text.WrapSoft}})
	tw.Render()
}

// datasetDetail explains a dataset's state in a few words.
func datasetDetail(d result.Dataset) string {
	switch d.State {
	case result.DatasetCollected:
		if d.Source != "" && d.Reason == "" {
			return "from " + d.Source
		}
		return d.Reason
	case result.DatasetDenied:
		if d.Permission != "" {
			return "needs permission " + d.Permission
		}
	case result.DatasetUnlicensed:
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

func (t *Table) status(s result.Status) string {
	label := map[result.Status]string{result.StatusPass: "PASS", result.StatusWarn: "WARN", result.StatusFail: "FAIL",
		result.StatusSkipped: "SKIP", result.StatusNotApplicable: "N/A", result.StatusError: "ERROR"}[s]
	switch s {
	case result.StatusPass:
		return t.paint(label, text.FgGreen)
	case result.StatusWarn:
		return t.paint(label, text.FgYellow)
	case result.StatusFail, result.StatusError:
		return t.paint(label, text.FgRed, text.Bold)
	}
	return t.paint(label, text.FgHiBlack)
}

func (t *Table) state(s result.DatasetState) string {
	switch s {
	case result.DatasetCollected:
		return t.paint(string(s), text.FgGreen)
	case result.DatasetDenied, result.DatasetFailed:
		return t.paint(string(s), text.FgRed)
	case result.DatasetUnlicensed:
		return t.paint(string(s), text.FgYellow)
	}
	return string(s)
}

func (t *Table) toneColor(tn tone) text.Color {
	switch tn {
	case toneGood:
		return text.FgGreen
	case toneFair:
		return text.FgYellow
	case toneBad:
		return text.FgRed
	}
	return text.FgHiBlack
}

func (t *Table) paint(s string, c ...text.Color) string {
	if !t.Color {
		return s
	}
	return text.Colors(c).Sprint(s)
}

// safe is terminalSafe, short for use in every cell.
func safe(s string) string { return terminalSafe(s) }
