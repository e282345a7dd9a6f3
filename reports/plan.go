package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// PlanRenderer writes the migration plan in one format.
type PlanRenderer interface {
	RenderPlan(w io.Writer, p *result.Plan) error
}

// planFormats maps a plan format name to its constructor; each is one file.
var planFormats = formatSet[PlanRenderer]{"plan", map[string]func(Options) PlanRenderer{
	"table":    func(o Options) PlanRenderer { return PlanTable{Options: o} },
	"json":     func(Options) PlanRenderer { return PlanJSON{} },
	"csv":      func(Options) PlanRenderer { return PlanCSV{} },
	"markdown": func(Options) PlanRenderer { return PlanMarkdown{} },
	"html":     func(o Options) PlanRenderer { return PlanHTML{Options: o} },
}}

// PlanFormats lists the plan's format names.
func PlanFormats() []string { return planFormats.names() }

// NewPlan returns the plan renderer for a format name.
func NewPlan(format string, o Options) (PlanRenderer, error) { return planFormats.get(format, o) }

// planActionNames name each action code in a few words, for counts.
var planActionNames = map[string]string{
	"plan.confirm_leaver": "confirm a leaver", "plan.licence_decision": "decide a licence", "plan.register_mfa": "register MFA",
	"plan.second_method": "add a second method", "plan.rejoin_pc": "re-join a PC", "plan.identify_pc": "find their PC",
	"plan.enrol_pc": "enrol a PC", "plan.escrow_bitlocker_key": "escrow a BitLocker key", "plan.back_up_laps": "back up LAPS",
	"plan.move_with_new_pc": "move with a new PC", "plan.start_onedrive": "start OneDrive",
}

func planActionName(code string) string {
	if n, ok := planActionNames[code]; ok {
		return n
	}
	return code
}

// progressGroup is one list of people in a plan's progress.
type progressGroup struct {
	Label  string
	People []result.PersonRef
}

// progressGroups are the progress's lists of people, the good news first;
// empty lists are left out.
func progressGroups(pr *result.PlanProgress) []progressGroup {
	all := []progressGroup{{"Became ready", pr.BecameReady}, {"Moved (every PC Entra joined)", pr.Moved},
		{"No longer ready", pr.NoLongerReady}, {"Still blocked", pr.StillBlocked}, {"New since", pr.New}, {"Gone since", pr.Gone}}
	var out []progressGroup
	for _, g := range all {
		if len(g.People) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// actionCounts reads "register MFA 3, re-join a PC 2", or "none".
func actionCounts(list []result.PlanActionCount) string {
	var parts []string
	for _, a := range list {
		parts = append(parts, fmt.Sprintf("%s %d", planActionName(a.Code), a.Count))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// progressHeadline is the progress in one line.
func progressHeadline(pr *result.PlanProgress) string {
	return fmt.Sprintf("Progress since %s: %d became ready, %d moved, %d no longer ready, %d still blocked; %d new, %d gone",
		pr.Since.UTC().Format("2 January 2006"), len(pr.BecameReady), len(pr.Moved), len(pr.NoLongerReady), len(pr.StillBlocked),
		len(pr.New), len(pr.Gone))
}
