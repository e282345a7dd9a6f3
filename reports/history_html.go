package reports

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

//go:embed assets/history.html.tmpl
var historyHTMLTemplate string

// HistoryHTML is the run history on one self-contained page: per tenant a
// line chart of the worst- and best-case score and the coverage over its
// runs, the runs, what changed since the previous run; and the accepted
// risks about to expire across the tenants. No scripts, no network; the
// charts are inline SVG drawn from numbers only, and html/template escapes
// the tenant text around them.
type HistoryHTML struct{ Options }

var historyHTMLTmpl = template.Must(template.New("history").Funcs(template.FuncMap{
	"safe": terminalSafe, "label": historyLabel, "expiry": expiryText, "score": fmtScore, "chart": historyChartOf,
	"pct":  func(v float64) string { return fmt.Sprintf("%.0f%%", v*100) },
	"when": func(r result.HistoryRun) string { return r.CollectedAt.UTC().Format("2006-01-02 15:04") },
	"shown": func(cs []result.FindingChange) []result.FindingChange {
		return notableChanges(cs, historyHTMLChangesShown)
	},
	"changes": changeSummary,
}).Parse(pagePartials + historyHTMLTemplate))

// historyHTMLChangesShown caps the changes listed per tenant; -o json has all.
const historyHTMLChangesShown = 50

type historyHTMLView struct {
	masthead
	H         *result.History
	CSS       template.CSS
	Generated string
}

func (h HistoryHTML) RenderHistory(w io.Writer, hist *result.History) error {
	v := historyHTMLView{H: hist, CSS: template.CSS(reportCSS), Generated: hist.GeneratedAt.UTC().Format("2 January 2006 15:04 MST"),
		masthead: h.masthead("", "history", hist.GeneratedAt)}
	v.FooterText = strings.TrimPrefix(v.BrandName+" · Microsoft 365 readiness history · "+hist.GeneratedAt.UTC().Format("2 January 2006"), " · ")
	return historyHTMLTmpl.Execute(w, v)
}

// historyChart is one tenant's chart: polyline points in a 600 × 200 box,
// scores 0-100 and coverage 0-100 % on the same axis.
type historyChart struct {
	Worst, Best, Coverage string
	Dots                  []historyDot
	First, Last           string
}

type historyDot struct {
	X, Y  string
	Title string
}

const (
	chartW, chartH = 600.0, 200.0
	chartLeft      = 40.0 // room for the axis labels
	chartPad       = 12.0
)

func historyChartOf(tn result.TenantHistory) historyChart {
	var c historyChart
	n := len(tn.Runs)
	if n == 0 {
		return c
	}
	x := func(i int) float64 {
		if n == 1 {
			return (chartLeft + chartW - chartPad) / 2
		}
		return chartLeft + float64(i)*(chartW-chartPad-chartLeft)/float64(n-1)
	}
	y := func(v float64) float64 { return chartPad + (100-min(max(v, 0), 100))*(chartH-2*chartPad)/100 }
	var worst, best, cov []string
	for i, r := range tn.Runs {
		pt := func(v float64) string { return fmt.Sprintf("%.1f,%.1f", x(i), y(v)) }
		worst, best, cov = append(worst, pt(r.Worst)), append(best, pt(r.Best)), append(cov, pt(r.Coverage*100))
		c.Dots = append(c.Dots, historyDot{X: fmt.Sprintf("%.1f", x(i)), Y: fmt.Sprintf("%.1f", y(r.Worst)),
			Title: fmt.Sprintf("%s: grade %s, worst case %s, coverage %.0f%%", r.CollectedAt.UTC().Format("2006-01-02"), r.Grade, fmtScore(r.Worst), r.Coverage*100)})
	}
	c.Worst, c.Best, c.Coverage = strings.Join(worst, " "), strings.Join(best, " "), strings.Join(cov, " ")
	c.First, c.Last = tn.Runs[0].CollectedAt.UTC().Format("2006-01-02"), tn.Runs[n-1].CollectedAt.UTC().Format("2006-01-02")
	return c
}
