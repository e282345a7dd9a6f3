package reports

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/fleet"
	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/result"
)

// portfolioOf is a fleet of the demo tenant, the hostile tenant and one
// whose sign-in failed with a message carrying tenant text.
func portfolioOf(t *testing.T) *result.Portfolio {
	t.Helper()
	ok := func(r *result.Report) func(context.Context) (*pipeline.Result, error) {
		return func(context.Context) (*pipeline.Result, error) { return &pipeline.Result{Report: r}, nil }
	}
	out := fleet.Run(t.Context(), []fleet.Tenant{
		{Alias: "alder-finch", Tags: []string{"premium"}, Audit: ok(demoReport(t))},
		{Alias: "hostile", Audit: ok(hostileReport(t))},
		{Alias: "broken", Audit: func(context.Context) (*pipeline.Result, error) {
			return nil, &collect.SignInError{Cause: strings.Join(hostile, " "), Err: errors.New("x")}
		}},
	}, 2)
	return fleet.Portfolio(out, "m365ready test", time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC), false)
}

// TestPortfolioGoldenAndHostile: every portfolio format is pinned; no
// format lets control or bidi characters through; no CSV cell starts a
// formula; the Markdown has no live tag.
func TestPortfolioGoldenAndHostile(t *testing.T) {
	p := portfolioOf(t)
	ext := map[string]string{"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "html": "html"}
	for _, format := range PortfolioFormats() {
		r, err := NewPortfolio(format, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := r.RenderPortfolio(&b, p); err != nil {
			t.Fatal(err)
		}
		golden.Assert(t, "testdata/portfolio."+format+"."+ext[format], b.Bytes())
		out := b.String()
		for _, raw := range []string{"\x1b", "\x07", "\u202e"} {
			if strings.Contains(out, raw) {
				t.Errorf("portfolio %s lets %q through", format, raw)
			}
		}
		switch format {
		case "html":
			if strings.Contains(out, "<script") || !strings.Contains(out, "&lt;script&gt;") {
				t.Error("portfolio html: a hostile name is live, or never reached the page")
			}
		case "markdown":
			if liveTag.MatchString(out) {
				t.Error("portfolio markdown has a live tag")
			}
		case "csv":
			rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, utf8BOM))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows[1:] {
				for _, c := range row {
					if c != "" && strings.ContainsRune("=+@", rune(c[0])) {
						t.Errorf("CSV cell %q would run as a formula", c)
					}
				}
			}
		}
	}
}

// TestPortfolioMatrixKeepsContextApart: a context check (info) and a check
// that does not apply are no verdict; the matrix never counts them as a
// pass, in any format.
func TestPortfolioMatrixKeepsContextApart(t *testing.T) {
	p := &result.Portfolio{Summary: result.PortfolioSummary{Tenants: 3, Audited: 3}, Checks: []result.PortfolioCheck{
		{ID: "CTX-001", Title: "Tenant context", Counts: result.StatusCounts{Info: 3}},
		{ID: "MFA-001", Title: "MFA", Counts: result.StatusCounts{Pass: 1, NotApplicable: 2}},
	}}
	want := map[string][]int{"CTX-001": {0, 0, 0, 3, 0, 0}, "MFA-001": {0, 0, 1, 0, 2, 0}}
	for _, c := range p.Checks {
		if got := matrixCounts(c); !slices.Equal(got, want[c.ID]) {
			t.Errorf("%s: counts %v, want %v (columns %v)", c.ID, got, want[c.ID], matrixColumns)
		}
	}
	for _, format := range []string{"table", "markdown", "html"} {
		r, _ := NewPortfolio(format, Options{Width: 200})
		var b bytes.Buffer
		if err := r.RenderPortfolio(&b, p); err != nil {
			t.Fatal(err)
		}
		for _, h := range matrixColumns {
			if !strings.Contains(strings.ToUpper(b.String()), strings.ToUpper(h)) { // the table upper-cases headers
				t.Errorf("%s: matrix has no %q column", format, h)
			}
		}
	}
}
