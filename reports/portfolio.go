package reports

import (
	"fmt"
	"io"

	"github.com/m365ready/m365ready/internal/result"
)

// PortfolioRenderer writes a fleet run's portfolio in one format.
type PortfolioRenderer interface {
	RenderPortfolio(w io.Writer, p *result.Portfolio) error
}

// portfolioFormats maps a format name to its constructor; each is one file.
var portfolioFormats = formatSet[PortfolioRenderer]{"portfolio", map[string]func(Options) PortfolioRenderer{
	"table":    func(o Options) PortfolioRenderer { return PortfolioTable{Options: o} },
	"json":     func(Options) PortfolioRenderer { return PortfolioJSON{} },
	"csv":      func(Options) PortfolioRenderer { return PortfolioCSV{} },
	"markdown": func(Options) PortfolioRenderer { return PortfolioMarkdown{} },
	"html":     func(o Options) PortfolioRenderer { return PortfolioHTML{Options: o} },
}}

// PortfolioFormats lists the portfolio's format names.
func PortfolioFormats() []string { return portfolioFormats.names() }

// NewPortfolio returns the portfolio renderer for a format name.
func NewPortfolio(format string, o Options) (PortfolioRenderer, error) {
	return portfolioFormats.get(format, o)
}

// portfolioHeadline is the fleet in one line.
func portfolioHeadline(p *result.Portfolio) string {
	s := p.Summary
	line := fmt.Sprintf("%d tenants: %d audited (%d without a grade), %d could not be audited", s.Tenants, s.Audited, s.Incomplete, s.Failed)
	if s.FromStore > 0 {
		line += fmt.Sprintf("; %d read back from the store, already recorded in this run", s.FromStore)
	}
	if sh := p.Shard; sh != nil {
		line = fmt.Sprintf("Shard %d of %d (index from 0), %d of the fleet's %d tenants. ", sh.Index, sh.Count, s.Tenants, sh.FleetTenants) + line
	}
	return line
}

// tenantLabel is a tenant's alias and, when known, its name.
func tenantLabel(t result.PortfolioTenant) string {
	if t.Name == "" {
		return t.Alias
	}
	return t.Alias + " (" + t.Name + ")"
}

// scoreText is "41.2" or "38.0–55.0" (worst–best), or "-".
func scoreText(t result.PortfolioTenant) string {
	if t.Score == nil {
		return "-"
	}
	if t.Score.Worst == t.Score.Best {
		return fmtScore(t.Score.Worst)
	}
	return fmtScore(t.Score.Worst) + "–" + fmtScore(t.Score.Best)
}

func portfolioCoverage(t result.PortfolioTenant) string {
	if t.Coverage == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", *t.Coverage*100)
}

func topActionText(t result.PortfolioTenant) string {
	if t.TopAction == nil {
		return "-"
	}
	return t.TopAction.CheckID + " " + t.TopAction.Title
}

// matrixColumns are the checks × tenants matrix's count columns, in every
// format. A context check (info) and a check that does not apply are no
// verdict, so they are not counted as a pass; an error is a failure to
// look at, so it is counted with fail.
var matrixColumns = []string{"Fail", "Warn", "Pass", "Context", "N/A", "Unknown"}

// matrixCounts is one check's row of the matrix, in matrixColumns' order.
func matrixCounts(c result.PortfolioCheck) []int {
	k := c.Counts
	return []int{k.Fail + k.Error, k.Warn, k.Pass, k.Info, k.NotApplicable, k.Skipped}
}

// changeText is the score change since the last recorded run: "+3.5",
// "−1.0", "0.0", or "-" without one.
func changeText(t result.PortfolioTenant) string {
	switch {
	case t.Change == nil:
		return "-"
	case *t.Change > 0:
		return "+" + fmtScore(*t.Change)
	case *t.Change < 0:
		return "−" + fmtScore(-*t.Change)
	}
	return fmtScore(0)
}
