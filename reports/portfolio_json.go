package reports

import (
	"io"

	"github.com/m365ready/m365ready/internal/result"
)

// PortfolioJSON is the portfolio as data: the contract a fleet dashboard
// reads (tenant statuses, failure kinds, check statuses by id), written
// with the report's JSON writer (the same escaping of invisible and markup
// characters).
type PortfolioJSON struct{}

func (PortfolioJSON) RenderPortfolio(w io.Writer, p *result.Portfolio) error { return writeJSON(w, *p) }
