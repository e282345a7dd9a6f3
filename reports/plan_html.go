package reports

import (
	_ "embed"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
)

//go:embed assets/plan.html.tmpl
var planHTMLTemplate string

//go:embed assets/plan.css
var planCSS string

// PlanHTML is the printable plan: the summary and wave 0 on page one, each
// wave's people on its own page, then one checklist card per person that
// can be cut out and handed over. Like the report it is one self-contained
// page (no scripts, no network), and html/template escapes tenant text.
type PlanHTML struct{ Options }

var planHTMLTmpl = template.Must(template.New("plan").Funcs(template.FuncMap{
	"safe":             terminalSafe,
	"progressHeadline": progressHeadline,
	"progressGroups":   progressGroups,
	"actionCounts":     actionCounts,
	"pcState":          pcState,
	"stateText":        planStateText,
	"mfaText":          func(s string) string { return planMFAText[s] },
	"whoText":          func(s string) string { return planWhoText[s] },
	"date":             func(t *time.Time) string { return t.UTC().Format("2 January 2006") },
	"readyIn": func(people []result.PlanPerson) int {
		n := 0
		for _, p := range people {
			if p.State == result.PlanReady {
				n++
			}
		}
		return n
	},
	"card": func(wave string, p result.PlanPerson) planCard {
		c := planCard{Wave: wave, Person: p, Department: p.Department}
		if strings.Contains(wave, p.Department) {
			c.Department = "" // the wave is named after it
		}
		return c
	},
}).Parse(pagePartials + planHTMLTemplate))

type planCard struct {
	Wave, Department string
	Person           result.PlanPerson
}

type planHTMLView struct {
	masthead
	P            *result.Plan
	CSS, PlanCSS template.CSS
	Collected    string
}

var planMFAText = map[string]string{"ready": "ready", "single": "one method", "smsOnly": "SMS only", "none": "none", "unknown": "unknown"}

var planWhoText = map[string]string{result.ByPerson: "them", result.ByAdmin: "admin", result.ByMSP: "MSP"}

func planStateText(s string) string {
	switch s {
	case result.PlanReady:
		return "ready"
	case result.PlanNeedsAction:
		return "needs action"
	case result.PlanBlocked:
		return "blocked"
	}
	return s
}

func (h PlanHTML) RenderPlan(w io.Writer, p *result.Plan) error {
	v := planHTMLView{P: p, CSS: template.CSS(reportCSS), PlanCSS: template.CSS(planCSS),
		Collected: p.CollectedAt.UTC().Format("2 January 2006 15:04 MST"), masthead: h.masthead(p.Tenant.Name, "migration plan", p.CollectedAt)}
	return planHTMLTmpl.Execute(w, v)
}
