package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/termtable"
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
		fmt.Fprintln(w, t.paint(t.line("", "DEMO DATA: the built-in demo tenant, not a real organisation."), text.FgYellow, text.Bold))
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
	s := r.Score
	fmt.Fprintln(w, t.line("Score:     ", t.paint(scoreValue(s), text.Bold)+" over what was evaluated ("+scoreRange(s)+")"))
	grade := t.paint(gradeText(s), t.toneColor(gradeTone(s)), text.Bold)
	if s.Capped {
		grade += " (" + s.CapReason + ")"
	}
	fmt.Fprintln(w, t.line("Grade:     ", grade))
	fmt.Fprintln(w, t.line("Coverage:  ", coverageText(s)+"; "+evaluatedText(r)))
	if !s.Grade.Letter() {
		fmt.Fprintln(w, "Incomplete audit: no grade until these are evaluated:")
		for _, l := range gapLines(s) {
			fmt.Fprintln(w, t.line("  - ", safe(l)))
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(w, t.paint("Configuration warnings:", text.FgYellow))
		for _, x := range r.Warnings {
			fmt.Fprintln(w, t.line("  - ", safe(x.Message)))
		}
	}
	fmt.Fprintln(w)
}

// line is a labelled line or list item, wrapped to the terminal's width
// with its continuation under the text.
func (t *Table) line(prefix, s string) string { return termtable.Indent(prefix, s, t.Width) }

func (t *Table) categories(w io.Writer, r *result.Report) {
	tb := termtable.New(t.Width, t.Color, termtable.Column{Header: "Category"},
		termtable.Column{Header: "Score", Right: true}, termtable.Column{Header: "Coverage", Right: true})
	for _, c := range r.Score.Categories {
		v := "n/a"
		if c.Value != nil {
			v = fmtScore(*c.Value)
		}
		tb.Row(string(c.Category), v, fmtPct(c.Coverage))
	}
	tb.Render(w)
	fmt.Fprintln(w)
}

func (t *Table) checks(w io.Writer, r *result.Report) {
	// Without a terminal the summary wraps at a fixed width, so that output
	// to a file or a pipe is the same everywhere.
	tb := termtable.New(t.Width, t.Color, termtable.Column{Header: "Status"}, termtable.Column{Header: "ID"},
		termtable.Column{Header: "Check", Wrap: true}, termtable.Column{Header: "Score", Right: true},
		termtable.Column{Header: "Summary", Wrap: true, Max: 72, Share: 2})
	for _, c := range r.Checks {
		tb.Row(t.status(c.Status), c.Check.ID, checkName(c.Check), fmtCheckScore(c.Score), safe(c.Summary))
	}
	tb.Render(w)
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
		fmt.Fprintln(w, t.line(fmt.Sprintf("%2d. %-6s ", i+1, fmtPoints(a.Points)), a.CheckID+" "+a.Title+": "+safe(a.Remediation)))
	}
	fmt.Fprintln(w)
}

func (t *Table) findings(w io.Writer, r *result.Report) {
	for _, c := range r.Checks {
		fmt.Fprintf(w, "%s %s %s\n", t.status(c.Status), t.paint(c.Check.ID, text.Bold), checkName(c.Check))
		fmt.Fprintln(w, t.line("  ", safe(c.Summary)))
		if len(c.Missing) > 0 {
			fmt.Fprintln(w, t.line("  Partly evaluated, for want of: ", safe(c.MissingSummary())))
		}
		if c.Status.Evaluated() && c.Status != result.StatusPass || c.Status.Unknown() {
			fmt.Fprintln(w, t.line("  Why: ", c.Check.Why))
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
				fmt.Fprintln(w, t.line("    - ", f.ObjectType+" "+safe(objectName(f))+": "+safe(f.Detail)))
			}
		}
		list("Findings", c.Findings)
		list("Excluded", c.Excluded)
		if c.Status == result.StatusFail || c.Status == result.StatusWarn {
			fmt.Fprintln(w, "  Fix:")
			for _, s := range c.Check.Remediation {
				fmt.Fprintln(w, t.line("    - ", s))
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
		line := fmt.Sprintf("Data: %d of %d datasets collected", collected, len(r.Datasets)-unneeded)
		if unneeded > 0 {
			line += fmt.Sprintf(" (%d more not read: no check needs them)", unneeded)
		}
		if len(missing) > 0 {
			var names []string
			for _, d := range missing {
				names = append(names, d.Name+" ("+safe(datasetDetail(d))+")")
			}
			line += "; not collected: " + strings.Join(names, "; ")
		}
		fmt.Fprintln(w, t.line("", line))
		return
	}
	tb := termtable.New(t.Width, t.Color, termtable.Column{Header: "Dataset"}, termtable.Column{Header: "State"},
		termtable.Column{Header: "Records", Right: true}, termtable.Column{Header: "Detail", Wrap: true, Max: 70})
	tb.Title = "Data collected"
	for _, d := range r.Datasets {
		records := "–"
		if d.State == result.DatasetCollected {
			records = fmt.Sprint(d.Count)
		}
		tb.Row(d.Name, t.state(d.State), records, safe(datasetDetail(d)))
	}
	tb.Render(w)
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
	label := statusWord(s)
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
