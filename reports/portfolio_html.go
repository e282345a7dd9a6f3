package reports

import (
	_ "embed"
	"html/template"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

//go:embed assets/portfolio.html.tmpl
var portfolioHTMLTemplate string

// PortfolioHTML is the fleet on one self-contained page for the MSP: the
// tenants ranked, the checks × tenants matrix, the licences. Like the
// report it has no scripts and no network, and html/template escapes
// tenant text.
type PortfolioHTML struct{ Options }

var portfolioHTMLTmpl = template.Must(template.New("portfolio").Funcs(template.FuncMap{
	"safe": terminalSafe, "headline": portfolioHeadline, "label": tenantLabel, "score": scoreText,
	"change": changeText, "coverage": portfolioCoverage, "action": topActionText,
	"counts": matrixCounts, "countColumns": func() []string { return matrixColumns },
}).Parse(pagePartials + portfolioHTMLTemplate))

type portfolioHTMLView struct {
	masthead
	P         *result.Portfolio
	CSS       template.CSS
	Generated string
}

func (h PortfolioHTML) RenderPortfolio(w io.Writer, p *result.Portfolio) error {
	v := portfolioHTMLView{P: p, CSS: template.CSS(reportCSS), Generated: p.GeneratedAt.UTC().Format("2 January 2006 15:04 MST"),
		masthead: h.masthead("", "portfolio", p.GeneratedAt)}
	// A portfolio is of no one tenant: the footer names the brand alone.
	v.FooterText = strings.TrimPrefix(v.BrandName+" · Microsoft 365 readiness portfolio · "+p.GeneratedAt.UTC().Format("2 January 2006"), " · ")
	return portfolioHTMLTmpl.Execute(w, v)
}
