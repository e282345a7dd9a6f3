package reports

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// PortfolioCSV is one row per tenant and check: the checks × tenants matrix
// as a sheet a pivot table reads, with each tenant's grade and score.
type PortfolioCSV struct{}

func (PortfolioCSV) RenderPortfolio(w io.Writer, p *result.Portfolio) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"tenant", "name", "tags", "status", "failure", "grade", "worst", "best", "score_change", "coverage", "check", "check_status"})
	for _, t := range p.Tenants {
		base := []string{cell(t.Alias), cell(t.Name), cell(strings.Join(t.Tags, "; ")), t.Status, "", string(t.Grade), "", "", "", ""}
		if t.Failure != nil {
			base[4] = cell(t.Failure.Kind + ": " + t.Failure.Message)
		}
		if t.Score != nil {
			base[6], base[7] = fmtScore(t.Score.Worst), fmtScore(t.Score.Best)
		}
		if t.Change != nil {
			base[8] = fmtScore(*t.Change)
		}
		if t.Coverage != nil {
			base[9] = fmtScore(*t.Coverage * 100)
		}
		if len(t.Checks) == 0 {
			_ = cw.Write(append(base, "", ""))
		}
		for _, c := range t.Checks {
			_ = cw.Write(append(append([]string{}, base...), c.ID, string(c.Status)))
		}
	}
	cw.Flush()
	return cw.Error()
}
