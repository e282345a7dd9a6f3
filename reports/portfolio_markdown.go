package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// PortfolioMarkdown is the fleet for a ticket or a CI job summary.
type PortfolioMarkdown struct{}

func (PortfolioMarkdown) RenderPortfolio(w io.Writer, p *result.Portfolio) error {
	var b strings.Builder
	b.WriteString("# Microsoft 365 readiness: portfolio\n\n")
	if p.Demo {
		b.WriteString("_Demo data: built-in demo tenants, not real organisations._\n\n")
	}
	fmt.Fprintf(&b, "%s.\n\n| Tenant | Grade | Score | Change | Coverage | Top action |\n|---|---|---|---|---|---|\n", md(portfolioHeadline(p)))
	for _, t := range p.Tenants {
		if t.Failure != nil {
			fmt.Fprintf(&b, "| %s | – | – | – | – | not audited (%s): %s |\n", md(tenantLabel(t)), t.Failure.Kind, md(t.Failure.Message))
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", md(tenantLabel(t)), t.Grade, scoreText(t), changeText(t), portfolioCoverage(t), md(topActionText(t)))
	}
	if len(p.Checks) > 0 {
		fmt.Fprintf(&b, "\n## Checks across the %d audited tenants\n\n| Check | %s |\n|---%s|\n", p.Summary.Audited,
			strings.Join(matrixColumns, " | "), strings.Repeat("|---", len(matrixColumns)))
		for _, c := range p.Checks {
			fmt.Fprintf(&b, "| %s %s |", c.ID, md(c.Title))
			for _, n := range matrixCounts(c) {
				fmt.Fprintf(&b, " %d |", n)
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
