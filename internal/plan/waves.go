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
// by department (the readiest department first, the readiest people first
// within it), none holding more than cfg.WaveSize people. People blocked by
// a decision are in no wave.
func Build(snap *tenant.Snapshot, rep *result.Report, settings checks.Settings, cfg config.Plan) *result.Plan {
	size := cfg.WaveSize
	if size <= 0 {
		size = config.DefaultWaveSize
	}
	env := checks.NewEnv(snap, rep.CollectedAt, settings) // the accounts are classified once, here
	p := &result.Plan{Tenant: rep.Tenant, CollectedAt: rep.CollectedAt, Demo: rep.Demo,
		Prerequisites: prerequisites(rep), Waves: []result.PlanWave{}, Blocked: []result.PlanPerson{},
		Excluded: excluded(env.People())}
	p.Summary.Excluded = len(p.Excluded)
	admins := adminIDs(rep)
	var pilot, rest, newPC []result.PlanPerson
	for _, person := range people(env, rep) {
		if cfg.MoveWithNewPC && person.State != result.PlanBlocked && oldOrUnknownPCs(person) {
			person = withNewPC(person)
		}
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
		switch {
		case admins[person.Person.ID] || slices.Contains(cfg.Pilot, strings.ToLower(person.Person.UPN)):
			pilot = append(pilot, person)
		case person.MovesWithNewPC:
			newPC = append(newPC, person)
		default:
			rest = append(rest, person)
		}
	}
	for _, pr := range p.Prerequisites {
		if !pr.Done {
			p.Summary.PrerequisitesOpen++
		}
	}
	if len(pilot) > 0 {
		p.Waves = append(p.Waves, wave(1, "pilot (administrators and plan.pilot)", pilot))
	}
	groups := byDepartment(rest)
	if len(newPC) > 0 {
		// Last: their timing is the hardware's, not the department's.
		groups = append(groups, department{name: "with their new PC", people: readiestFirst(newPC)})
	}
	for _, d := range groups {
		people := d.people
		for part := 1; len(people) > 0; part++ {
			n := min(size, len(people))
			name := d.name
			if len(d.people) > size {
				name += " (" + strconv.Itoa(part) + ")"
			}
			p.Waves = append(p.Waves, wave(len(p.Waves)+1, name, people[:n]))
			people = people[n:]
		}
	}
	return p
}

type department struct {
	name   string
	people []result.PlanPerson
}

// byDepartment groups people by department, the readiest first (fewest
// actions a person), and orders each group the readiest person first.
func byDepartment(people []result.PlanPerson) []department {
	idx := map[string]int{}
	var out []department
	for _, person := range people {
		name := person.Department
		if strings.TrimSpace(name) == "" {
			name = "No department"
		}
		i, ok := idx[name]
		if !ok {
			i = len(out)
			idx[name] = i
			out = append(out, department{name: name})
		}
		out[i].people = append(out[i].people, person)
	}
	load := func(d department) float64 {
		n := 0
		for _, person := range d.people {
			n += len(person.Actions)
		}
		return float64(n) / float64(len(d.people))
	}
	for i := range out {
		out[i].people = readiestFirst(out[i].people)
	}
	slices.SortStableFunc(out, func(a, b department) int {
		switch la, lb := load(a), load(b); {
		case la < lb:
			return -1
		case la > lb:
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}

// readiestFirst orders people by how many actions they need, then by UPN.
func readiestFirst(people []result.PlanPerson) []result.PlanPerson {
	slices.SortStableFunc(people, func(a, b result.PlanPerson) int {
		if d := len(a.Actions) - len(b.Actions); d != 0 {
			return d
		}
		return strings.Compare(strings.ToLower(a.Person.UPN), strings.ToLower(b.Person.UPN))
	})
	return people
}

// oldOrUnknownPCs: no Windows PC is known for them, or every one is
// Windows 10 (which a replacement, not a re-join, fixes).
func oldOrUnknownPCs(p result.PlanPerson) bool {
	for _, pc := range p.PCs {
		if pc.OSLine != "Windows 10" {
			return false
		}
	}
	return true
}

// withNewPC replaces what their old or unknown PC would need (re-join it,
// find it, upgrade it) with one action: move them with the replacement,
// which arrives joined. Their own actions (MFA, OneDrive) stay.
func withNewPC(p result.PlanPerson) result.PlanPerson {
	p.MovesWithNewPC = true
	var keep []result.PlanAction
	for _, a := range p.Actions {
		switch a.Code {
		case actionRejoin, actionFindPC, actionNewPC, actionEnrol, actionEscrowKey, actionLAPS:
		default:
			keep = append(keep, a)
		}
	}
	keep = append(keep, result.PlanAction{Code: actionNewPC, Who: result.ByMSP,
		Detail: "move them with their new PC: order it joined to Entra ID (Autopilot) and retire the old one after their files are in OneDrive"})
	slices.SortStableFunc(keep, func(a, b result.PlanAction) int {
		return slices.Index(actionOrder, a.Code) - slices.Index(actionOrder, b.Code)
	})
	p.Actions = keep
	p.State = stateOf(p)
	return p
}

func wave(n int, name string, people []result.PlanPerson) result.PlanWave {
	name = "Wave " + strconv.Itoa(n) + ": " + name
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
