package plan

import (
	"slices"
	"strconv"
	"strings"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// prerequisiteChecks are the tenant settings wave 0 needs before anyone
// moves: a second Global Administrator, MFA enforced, local admin rights and
// MFA at join settled, LAPS and BitLocker escrow, and where Intune is
// licensed its enrolment settings and a Windows compliance policy.
var prerequisiteChecks = []string{"IDN-002", "IDN-003", "DEV-005", "DEV-006", "DEV-007", "DEV-008", "DEV-009", "DEV-010"}

// Build is the migration plan: wave 0 from the report's checks, a pilot of
// the administrators and the people named in the configuration, then waves
// of at most cfg.WaveSize people, the most ready first. People blocked by a
// decision are in no wave.
func Build(snap *tenant.Snapshot, rep *result.Report, settings checks.Settings, cfg config.Plan) *result.Plan {
	size := cfg.WaveSize
	if size <= 0 {
		size = config.DefaultWaveSize
	}
	p := &result.Plan{Tenant: rep.Tenant, CollectedAt: rep.CollectedAt, Demo: rep.Demo,
		Prerequisites: prerequisites(rep), Waves: []result.PlanWave{}, Blocked: []result.PlanPerson{}}
	admins := adminIDs(rep)
	var pilot, rest []result.PlanPerson
	for _, person := range People(snap, rep, settings) {
		p.Summary.People++
		switch person.State {
		case result.PlanReady:
			p.Summary.Ready++
		case result.PlanNeedsAction:
			p.Summary.NeedsAction++
		case result.PlanBlocked:
			p.Summary.Blocked++
			p.Blocked = append(p.Blocked, person)
			continue
		}
		if admins[person.Person.ID] || slices.Contains(cfg.Pilot, strings.ToLower(person.Person.UPN)) {
			pilot = append(pilot, person)
		} else {
			rest = append(rest, person)
		}
	}
	for _, pr := range p.Prerequisites {
		if !pr.Done {
			p.Summary.PrerequisitesOpen++
		}
	}
	if len(pilot) > 0 {
		p.Waves = append(p.Waves, wave(1, "Pilot: administrators and named pilot users", pilot))
	}
	// The most ready first: fewer actions, then by name for a stable order.
	slices.SortStableFunc(rest, func(a, b result.PlanPerson) int {
		if d := len(a.Actions) - len(b.Actions); d != 0 {
			return d
		}
		return strings.Compare(strings.ToLower(a.Person.UPN), strings.ToLower(b.Person.UPN))
	})
	for len(rest) > 0 {
		n := min(size, len(rest))
		p.Waves = append(p.Waves, wave(len(p.Waves)+1, "", rest[:n]))
		rest = rest[n:]
	}
	return p
}

func wave(n int, name string, people []result.PlanPerson) result.PlanWave {
	if name == "" {
		name = "Wave " + strconv.Itoa(n)
	}
	w := result.PlanWave{Number: n, Name: name, People: append([]result.PlanPerson{}, people...)}
	for _, person := range people {
		registered := false
		for _, a := range person.Actions {
			switch a.Code {
			case actionRejoin:
				w.Effort.PCsToRejoin++
			case actionEnrol:
				w.Effort.PCsToEnrol++
			case actionNewPC:
				w.Effort.PCsToReplace++
			case actionFindPC:
				w.Effort.PCsToFind++
			case actionOneDrive:
				w.Effort.OneDriveMoves++
			case actionRegisterMFA, actionSecondMethod:
				if !registered {
					w.Effort.PeopleToRegister++
					registered = true
				}
			}
		}
	}
	return w
}

// prerequisites reads wave 0 from the report's checks.
func prerequisites(rep *result.Report) []result.PlanPrerequisite {
	out := []result.PlanPrerequisite{}
	for _, id := range prerequisiteChecks {
		for _, c := range rep.Checks {
			if c.Check.ID != id {
				continue
			}
			done := c.Status == result.StatusPass || c.Status == result.StatusNotApplicable
			pr := result.PlanPrerequisite{CheckID: id, Title: c.Check.Title, Status: c.Status, Done: done}
			if !done {
				pr.Action = c.Action
			}
			out = append(out, pr)
		}
	}
	return out
}

// adminIDs are the accounts holding a privileged role (IDN-008's facts).
func adminIDs(rep *result.Report) map[string]bool {
	out := map[string]bool{}
	for _, c := range rep.Checks {
		if f, ok := c.Facts.(*result.AdminAccountsFacts); ok {
			for _, a := range f.Admins {
				out[a.Person.ID] = true
			}
		}
	}
	return out
}
