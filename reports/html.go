package reports

import (
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/m365ready/m365ready/internal/result"
)

// pagePartials are the parts every HTML page shares: one Content Security
// Policy for all of them (no scripts, no network), and the brand masthead.
//
//go:embed assets/page.html.tmpl
var pagePartials string

//go:embed assets/report.html.tmpl
var htmlTemplate string

//go:embed assets/report.css
var reportCSS string

// HTML is one self-contained page for a client: no CDN, fonts or scripts;
// inline SVG charts; print CSS for A4. html/template escapes all tenant data,
// and a Content-Security-Policy forbids the page any network request.
type HTML struct{ Options }

var htmlFuncs = template.FuncMap{
	"actionable":    func(s result.Status) bool { return s == result.StatusFail || s == result.StatusWarn },
	"collected":     func(s result.DatasetState) bool { return s == result.DatasetCollected },
	"checkName":     checkName,
	"objectName":    objectName,
	"safe":          terminalSafe,
	"datasetDetail": datasetDetail,
	// newReason: a reason the summary does not already say (a skipped
	// check's summary is its reason).
	"newReason":  func(c result.CheckResult) bool { return c.Reason != "" && !strings.Contains(c.Summary, c.Reason) },
	"statusText": statusWord,
	"checkScore": fmtCheckScore,
	"points":     fmtPoints,
	"findingList": func(label string, fs []result.Finding) findingList {
		fl := findingList{Label: label, Total: len(fs), Head: fs}
		if len(fs) > htmlMaxFindings {
			fs, fl.Omitted = fs[:htmlMaxFindings], len(fs)-htmlMaxFindings
		}
		if len(fs) > maxFindings {
			fl.Head, fl.Rest = fs[:maxFindings], fs[maxFindings:]
		}
		return fl
	},
}

var htmlTmpl = template.Must(template.New("report").Funcs(htmlFuncs).Parse(pagePartials + htmlTemplate))

// htmlMaxFindings caps the findings one check lists in the page. A report
// for a client is read, not searched: past a few hundred rows a list stops
// helping, and a 100,000-person tenant would otherwise make a page of
// hundreds of thousands of rows. The page says how many it left out; the
// CSV and JSON reports list every finding.
const htmlMaxFindings = 500

type findingList struct {
	Label      string
	Total      int
	Head, Rest []result.Finding
	Omitted    int
}

// masthead is what every page of ours prints at its top and foot.
type masthead struct {
	TenantName, BrandName string
	FooterText            string // each printed page's footer, beside the page number
	LogoURI               template.URL
}

// masthead names the tenant and the brand; the footer reads "brand ·
// tenant · what · date".
func (o Options) masthead(tenantName, what string, at time.Time) masthead {
	m := masthead{TenantName: terminalSafe(tenantName), BrandName: terminalSafe(o.BrandName)}
	if m.TenantName == "" {
		m.TenantName = "(tenant name not collected)"
	}
	m.FooterText = m.TenantName + " · " + what + " · " + at.UTC().Format("2 January 2006")
	if m.BrandName != "" {
		m.FooterText = m.BrandName + " · " + m.FooterText
	}
	if o.BrandLogo != "" {
		// The data URI is built by brandLogo from validated image bytes only.
		m.LogoURI = template.URL(o.BrandLogo)
	}
	return m
}

type htmlView struct {
	masthead
	R                               *result.Report
	CSS                             template.CSS
	Collected, ScoreText, RangeText string
	GradeText, GradeClass, Coverage string
	Gaps                            []string
	Evaluated                       string
	Actions                         []result.Action
	Gauge, CategoryChart            template.HTML
	LicenceChart, DeviceChart       template.HTML
	FunnelChart                     template.HTML
	FunnelNote                      string
}

func (h *HTML) Render(w io.Writer, r *result.Report) error {
	v := htmlView{R: r, CSS: template.CSS(reportCSS), Collected: r.CollectedAt.UTC().Format("2 January 2006 15:04 MST"), Coverage: coverageText(r.Score),
		ScoreText: scoreValue(r.Score), RangeText: scoreRange(r.Score), GradeText: gradeText(r.Score),
		GradeClass: toneClass[gradeTone(r.Score)], Gaps: gapLines(r.Score)}
	v.masthead = h.masthead(r.Tenant.Name, "Microsoft 365 readiness", r.CollectedAt)
	for _, c := range r.Checks {
		switch c.Check.ID {
		case "LIC-001":
			v.LicenceChart = barChart(countBars(c.Breakdown), 0)
		case "DEV-001":
			v.DeviceChart = barChart(countBars(c.Breakdown), 0)
		}
	}
	v.FunnelChart, v.FunnelNote = deviceFunnel(r)
	v.Evaluated = evaluatedText(r)
	v.Actions = r.Score.TopActions
	if len(v.Actions) > 5 {
		v.Actions = v.Actions[:5]
	}
	v.Gauge = gauge(r.Score)
	var cats []bar
	for _, c := range r.Score.Categories {
		if c.Value != nil {
			cats = append(cats, bar{Label: string(c.Category), Value: *c.Value, Text: fmtScore(*c.Value)})
		}
	}
	v.CategoryChart = barChart(cats, 100)
	return htmlTmpl.Execute(w, v)
}

// toneClass names the CSS class of a grade's tone; an incomplete audit is
// never shown in the good (green) tone.
var toneClass = map[tone]string{toneNeutral: "tone-none", toneGood: "tone-good", toneFair: "tone-fair", toneBad: "tone-bad"}

var toneColour = map[tone]string{toneNeutral: "#5b6470", toneGood: "#1a7f37", toneFair: "#9a6700", toneBad: "#cf222e"}

// gauge draws the score as a ring with the grade in the middle. The ring is
// the worst case, the score that sets the grade; an incomplete audit shows
// "?" in grey.
func gauge(s result.Score) template.HTML {
	const r, c = 70.0, 2 * math.Pi * 70.0
	frac := s.Range.Worst / 100
	colour := toneColour[gradeTone(s)]
	mark := string(s.Grade)
	if !s.Grade.Letter() {
		mark = "?"
	}
	return template.HTML(fmt.Sprintf(`<svg viewBox="0 0 180 180" width="180" height="180" role="img">`+
		`<circle cx="90" cy="90" r="%.0f" fill="none" stroke="#eef1f4" stroke-width="18"/>`+
		`<circle cx="90" cy="90" r="%.0f" fill="none" stroke="%s" stroke-width="18" stroke-dasharray="%.1f %.1f" transform="rotate(-90 90 90)"/>`+
		`<text x="90" y="88" text-anchor="middle" font-size="40" font-weight="700" fill="%s">%s</text>`+
		`<text x="90" y="116" text-anchor="middle" font-size="15" fill="#5b6470">%s</text></svg>`,
		r, r, colour, frac*c, c, colour, html.EscapeString(mark), html.EscapeString(gaugeLabel(s))))
}

func gaugeLabel(s result.Score) string {
	if !s.Grade.Letter() {
		return "incomplete"
	}
	return "at least " + fmtScore(s.Range.Worst)
}

// bar is one bar of a chart, with its value as the report writes it.
type bar struct {
	Label string
	Value float64
	Text  string
}

func countBars(counts []result.Count) []bar {
	out := make([]bar, len(counts))
	for i, c := range counts {
		out[i] = bar{Label: c.Label, Value: float64(c.Value), Text: strconv.Itoa(c.Value)}
	}
	return out
}

// barChart draws labelled horizontal bars; scale 0 means the largest value.
func barChart(counts []bar, scale float64) template.HTML {
	if len(counts) == 0 {
		return ""
	}
	if scale == 0 {
		for _, c := range counts {
			scale = max(scale, c.Value)
		}
		if scale == 0 {
			scale = 1
		}
	}
	const rowH, barW = 26, 300
	// Labels are right-aligned against the bars: leave room for the
	// longest (about 7.5 px a character at 13 px).
	labelW := 150
	for _, c := range counts {
		labelW = max(labelW, int(7.5*float64(utf8.RuneCountInString(c.Label)))+12)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg viewBox="0 0 %d %d" width="100%%" style="max-width:%dpx" role="img">`, labelW+barW+50, rowH*len(counts), labelW+barW+50)
	for i, c := range counts {
		y := i * rowH
		w := float64(barW) * c.Value / scale
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13" text-anchor="end" fill="#1b1f24">%s</text>`, labelW-8, y+17, html.EscapeString(c.Label))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="16" fill="#eef1f4"/>`, labelW, y+5, barW)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="16" fill="#0969da"/>`, labelW, y+5, w)
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="13" fill="#1b1f24">%s</text>`, labelW+barW+6, y+17, html.EscapeString(c.Text))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
