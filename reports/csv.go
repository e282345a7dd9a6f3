package reports

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/m365ready/m365ready/internal/result"
)

// CSV writes one row per finding, for a spreadsheet. It starts with a UTF-8
// byte order mark: without one, Excel on Windows reads the file in the
// system's code page and garbles every accented name (Zoë, Łukasz). Cells
// that a spreadsheet would read as a formula (starting with =, +, -, @, tab
// or CR) are prefixed with an apostrophe (OWASP's advice), and control
// characters are made visible. Programs should read the JSON report.
type CSV struct{}

// utf8BOM is the byte order mark Excel looks for.
const utf8BOM = "\ufeff"

func (CSV) Render(w io.Writer, r *result.Report) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	// Every row carries the report's grade and score range, so a row read on
	// its own (a pivot table, a filter) still says how complete the audit was.
	_ = cw.Write([]string{"check_id", "check_title", "check_severity", "check_status", "code", "severity", "object_type", "object_id", "object", "upn", "class", "detail", "accepted",
		"report_grade", "report_score", "report_worst_case", "report_best_case"})
	s := r.Score
	tail := []string{string(s.Grade), scoreValue(s), fmtScore(s.Range.Worst), fmtScore(s.Range.Best)}
	for _, c := range r.Checks {
		rows := func(fs []result.Finding, excluded bool) {
			for _, f := range fs {
				acc := ""
				switch {
				case f.Accepted != nil:
					acc = fmt.Sprintf("accepted until %s by %s: %s", f.Accepted.Expires, f.Accepted.Owner, f.Accepted.Reason)
				case excluded:
					acc = "excluded"
				}
				_ = cw.Write(append([]string{cell(c.Check.ID), cell(c.Check.Title), cell(string(c.Check.Severity)), cell(string(c.Status)), cell(string(f.Code)), cell(string(f.Severity)),
					cell(f.ObjectType), cell(f.ObjectID), cell(f.Name), cell(f.UPN), cell(f.Class), cell(f.Detail), cell(acc)}, tail...))
			}
		}
		rows(c.Findings, false)
		rows(c.Excluded, true)
	}
	cw.Flush()
	return cw.Error()
}

// cell neutralises formula injection and control characters.
func cell(s string) string {
	s = terminalSafe(s)
	if s != "" {
		switch s[0] {
		case '=', '+', '-', '@', '\t', '\r':
			return "'" + s
		}
	}
	return s
}
