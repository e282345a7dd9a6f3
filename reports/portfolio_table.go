package reports

import (
	"fmt"
	"io"
	"strconv"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/termtable"
)

// PortfolioTable is the fleet on a terminal: tenants ranked, the ones that
// failed and why, and which checks fail in how many tenants.
type PortfolioTable struct{ Options }

func (t PortfolioTable) RenderPortfolio(w io.Writer, p *result.Portfolio) error {
	if p.Demo {
		fmt.Fprintln(w, "DEMO DATA: built-in demo tenants, not real organisations.")
	}
	fmt.Fprintln(w, portfolioHeadline(p))
	tb := termtable.New(t.Width, t.Color, termtable.Column{Header: "Tenant", Wrap: true}, termtable.Column{Header: "Grade"},
		termtable.Column{Header: "Score"}, termtable.Column{Header: "Change"}, termtable.Column{Header: "Coverage"},
		termtable.Column{Header: "Top action / why not audited", Wrap: true, Share: 2})
	for _, x := range p.Tenants {
		if x.Failure != nil {
			tb.Row(terminalSafe(tenantLabel(x)), "-", "-", "-", "-", "not audited ("+x.Failure.Kind+"): "+terminalSafe(x.Failure.Message))
			continue
		}
		tb.Row(terminalSafe(tenantLabel(x)), string(x.Grade), scoreText(x), changeText(x), portfolioCoverage(x), topActionText(x))
	}
	tb.Render(w)
	if len(p.Checks) > 0 {
		fmt.Fprintf(w, "\nChecks across the %d audited tenants\n", p.Summary.Audited)
		cols := []termtable.Column{{Header: "Check", Wrap: true, Share: 2}}
		for _, h := range matrixColumns {
			cols = append(cols, termtable.Column{Header: h})
		}
		m := termtable.New(t.Width, t.Color, cols...)
		for _, c := range p.Checks {
			row := []string{c.ID + " " + c.Title}
			for _, n := range matrixCounts(c) {
				row = append(row, strconv.Itoa(n))
			}
			m.Row(row...)
		}
		m.Render(w)
	}
	fmt.Fprintln(w, "\nEach tenant's own report: --out-dir DIR; every check of every tenant: -o json or -o csv.")
	return nil
}
