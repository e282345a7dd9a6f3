package reports

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// Markdown fits a GitHub job summary or a ticket: score, the table of
// checks, top actions. Tenant text is escaped so it renders as text: no
// HTML, no links, no formatting, no table breakouts.
type Markdown struct{ Options }

func (m *Markdown) Render(w io.Writer, r *result.Report) error {
	name := r.Tenant.Name
	if name == "" {
		name = "tenant"
	}
	fmt.Fprintf(w, "## m365ready readiness: %s\n\n", md(name))
	if r.Demo {
		fmt.Fprint(w, "> **Demo data**: the built-in demo tenant, not a real organisation.\n\n")
	}
	s := r.Score
	fmt.Fprintf(w, "**Score %s/100, grade %s** (%s), coverage %s. Collected %s.\n\n", scoreValue(s), gradeText(s), scoreRange(s),
		coverageText(s), r.CollectedAt.UTC().Format("2006-01-02 15:04 MST"))
	if s.Capped {
		fmt.Fprintf(w, "%s.\n\n", md(s.CapReason))
	}
	if !s.Grade.Letter() {
		fmt.Fprint(w, "**Incomplete audit**: no grade until these are evaluated:\n\n")
		for _, l := range gapLines(s) {
			fmt.Fprintf(w, "- %s\n", md(l))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, "| Status | Check | Score | Summary |\n|---|---|---:|---|\n")
	for _, c := range r.Checks {
		fmt.Fprintf(w, "| %s | %s %s | %s | %s |\n", statusLabel(c.Status), c.Check.ID, md(checkName(c.Check)), fmtCheckScore(c.Score), md(c.Summary))
	}
	if len(r.Score.TopActions) > 0 {
		fmt.Fprint(w, "\n### Top actions\n\n")
		for i, a := range r.Score.TopActions {
			if i == 5 {
				break
			}
			fmt.Fprintf(w, "%d. **%s points** %s %s: %s\n", i+1, fmtPoints(a.Points), a.CheckID, md(a.Title), md(a.Remediation))
		}
	}
	var missing []string
	for _, d := range r.Datasets {
		if d.State != result.DatasetCollected && d.State != result.DatasetNotRequested {
			missing = append(missing, d.Name+" ("+md(datasetDetail(d))+")")
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "\nNot collected: %s.\n", strings.Join(missing, "; "))
	}
	if len(r.Warnings) > 0 {
		fmt.Fprint(w, "\n### Configuration warnings\n\n")
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "- %s\n", md(x.Message))
		}
	}
	return nil
}

func statusLabel(s result.Status) string {
	return map[result.Status]string{result.StatusPass: "✅ pass", result.StatusWarn: "⚠️ warn", result.StatusFail: "❌ fail",
		result.StatusSkipped: "⏭ skipped", result.StatusNotApplicable: "➖ n/a", result.StatusError: "💥 error", result.StatusInfo: "ℹ️ info"}[s]
}

// mdEscaper backslash-escapes the punctuation that can start Markdown
// formatting, a link, an image, raw HTML or a code span inside a table cell
// or a list item. Backslash escapes are CommonMark's own, so a renderer
// shows the character and nothing else; no HTML entities, and URLs are left
// whole (an autolink's target is the text shown, so it hides nothing).
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`,
	"<", `\<`, "\n", " ", "\r", " ",
)

// entityStart finds an & that could begin an HTML entity ("&amp;", "&#60;"),
// which a renderer would decode; a plain "&" ("Alder & Finch") needs nothing.
var entityStart = regexp.MustCompile(`&([A-Za-z0-9#])`)

// blockStart finds what would make a list item's text a heading, a quote, a
// list or a rule when it starts the line.
var blockStart = regexp.MustCompile(`^(\s*)([#>+=-]|\d+[.)])`)

// md makes tenant text inert in Markdown: it reads as itself and starts
// nothing.
func md(s string) string {
	out := entityStart.ReplaceAllString(mdEscaper.Replace(terminalSafe(s)), `\&$1`)
	return blockStart.ReplaceAllStringFunc(out, func(m string) string {
		return m[:len(m)-1] + `\` + m[len(m)-1:]
	})
}
