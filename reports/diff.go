package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/termtable"
)

// DiffFormats are the formats `m365ready diff` writes.
func DiffFormats() []string { return []string{"table", "json", "markdown"} }

// RenderDiff writes a comparison of two reports; o.Width and o.Color shape
// the table as they do the report's.
func RenderDiff(w io.Writer, format string, d *result.Diff, o Options) error {
	switch format {
	case "json":
		b, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(escapeFormatRunes(append(b, '\n')))
		return err
	case "markdown":
		return diffMarkdown(w, d)
	case "table":
		return diffTable(w, d, o)
	}
	return fmt.Errorf("unknown diff format %q: use %s", format, strings.Join(DiffFormats(), ", "))
}

func diffHeadline(d *result.Diff) string {
	verdict := "no regression"
	if d.Regressed {
		verdict = "REGRESSED: " + strings.Join(d.Reasons, "; ")
	}
	side := func(s result.DiffSide) string {
		v := "n/a"
		if s.Score != nil {
			v = fmtScore(*s.Score)
		}
		return fmt.Sprintf("%s (worst case %s, grade %s)", v, fmtScore(s.Range.Worst), s.Grade)
	}
	head := fmt.Sprintf("Score %s -> %s, %+.1f points, worst case %+.1f; coverage %s -> %s; %s",
		side(d.Old), side(d.New), d.ScoreChange, d.WorstCaseChange, fmtPct(d.Old.Coverage), fmtPct(d.New.Coverage), verdict)
	if d.DifferentTenants {
		head = "DIFFERENT TENANTS (" + d.Old.Tenant + " and " + d.New.Tenant + "): " + head
	}
	return head
}

func diffTable(w io.Writer, d *result.Diff, o Options) error {
	fmt.Fprintf(w, "%s\nOld: collected %s   New: collected %s\n\n", terminalSafe(d.New.Tenant),
		d.Old.CollectedAt.UTC().Format("2006-01-02 15:04"), d.New.CollectedAt.UTC().Format("2006-01-02 15:04"))
	fmt.Fprintln(w, termtable.Indent("", terminalSafe(diffHeadline(d)), o.Width))
	fmt.Fprintln(w)
	tb := termtable.New(o.Width, o.Color, termtable.Column{Header: "Check", Wrap: true, Min: 20}, termtable.Column{Header: "Old"},
		termtable.Column{Header: "New"}, termtable.Column{Header: "Change", Wrap: true})
	for _, c := range d.Checks {
		tb.Row(c.ID+" "+c.Title, string(c.OldStatus)+" "+fmtCheckScore(c.OldScore), string(c.NewStatus)+" "+fmtCheckScore(c.NewScore), c.Change)
	}
	tb.Render(w)
	list := func(label string, fs []result.FindingRef) {
		fmt.Fprintf(w, "\n%s (%d)\n", label, len(fs))
		for _, f := range fs {
			fmt.Fprintln(w, termtable.Indent("  ", f.CheckID+" "+f.ObjectType+" "+terminalSafe(f.Name)+": "+terminalSafe(f.Detail), o.Width))
		}
	}
	list("New findings", d.NewFindings)
	list("Resolved findings", d.ResolvedFindings)
	return nil
}

func diffMarkdown(w io.Writer, d *result.Diff) error {
	fmt.Fprintf(w, "## m365ready: what changed for %s\n\n%s\n\n", md(d.New.Tenant), md(diffHeadline(d)))
	fmt.Fprint(w, "| Check | Old | New | Change |\n|---|---|---|---|\n")
	for _, c := range d.Checks {
		fmt.Fprintf(w, "| %s %s | %s %s | %s %s | %s |\n", c.ID, md(c.Title), c.OldStatus, fmtCheckScore(c.OldScore), c.NewStatus, fmtCheckScore(c.NewScore), c.Change)
	}
	list := func(label string, fs []result.FindingRef) {
		fmt.Fprintf(w, "\n### %s (%d)\n\n", label, len(fs))
		for _, f := range fs {
			fmt.Fprintf(w, "- %s %s %s: %s\n", f.CheckID, f.ObjectType, md(f.Name), md(f.Detail))
		}
	}
	list("New findings", d.NewFindings)
	list("Resolved findings", d.ResolvedFindings)
	return nil
}
