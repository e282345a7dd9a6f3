package plan

import (
	"slices"
	"testing"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/result"
)

// TestWaves: the pilot holds the administrators and the people named in
// the configuration; later waves hold at most waveSize people, the most
// ready first; blocked people are in no wave; everyone else is in exactly one.
func TestWaves(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	snap := demo.Fixture(now, "x").Data
	rep := audit.Build(snap, audit.Options{Now: now})
	p := Build(snap, rep, checks.Settings{}, config.Plan{Pilot: []string{"ella.wright@alderfinch.example"}, WaveSize: 4})
	if len(p.Waves) < 3 || p.Waves[0].Number != 1 {
		t.Fatalf("%d waves", len(p.Waves))
	}
	pilot := map[string]bool{}
	for _, person := range p.Waves[0].People {
		pilot[person.Person.UPN] = true
	}
	for _, want := range []string{"mara.finch@alderfinch.example", "ella.wright@alderfinch.example"} {
		if !pilot[want] {
			t.Errorf("pilot lacks %s: %v", want, pilot)
		}
	}
	placed := map[string]int{}
	for i, w := range p.Waves {
		if i > 0 && len(w.People) > 4 {
			t.Errorf("%s holds %d people, wave size 4", w.Name, len(w.People))
		}
		for j, person := range w.People {
			placed[person.Person.ID]++
			if person.State == result.PlanBlocked {
				t.Errorf("%s is blocked but in %s", person.Person.UPN, w.Name)
			}
			if i > 0 && j > 0 && len(person.Actions) < len(w.People[j-1].Actions) {
				t.Errorf("%s: %s needs fewer actions than the one before", w.Name, person.Person.UPN)
			}
		}
		if i > 0 {
			depts := map[string]bool{}
			for _, person := range w.People {
				depts[person.Department] = true
			}
			if len(depts) != 1 {
				t.Errorf("%s mixes departments %v", w.Name, depts)
			}
		}
	}
	for _, person := range p.Blocked {
		if placed[person.Person.ID] > 0 {
			t.Errorf("blocked %s is in a wave", person.Person.UPN)
		}
	}
	for id, n := range placed {
		if n != 1 {
			t.Errorf("%s is in %d waves", id, n)
		}
	}
	if s := p.Summary; s.People != s.Ready+s.NeedsAction+s.Blocked || s.Blocked != len(p.Blocked) || len(placed) != s.Ready+s.NeedsAction {
		t.Errorf("summary %+v, %d placed, %d blocked", s, len(placed), len(p.Blocked))
	}
	// Wave 0: the demo has one Global Administrator and no MFA enforcement.
	open := map[string]bool{}
	for _, pr := range p.Prerequisites {
		if !pr.Done {
			open[pr.CheckID] = true
			if pr.Action == "" {
				t.Errorf("%s open without an action", pr.CheckID)
			}
		}
	}
	if !open["IDN-002"] || !open["IDN-003"] || p.Summary.PrerequisitesOpen != len(open) {
		t.Errorf("open prerequisites %v, summary %d", open, p.Summary.PrerequisitesOpen)
	}
	var effort result.PlanEffort
	for _, w := range p.Waves {
		effort.PCsToRejoin += w.Effort.PCsToRejoin
		effort.OneDriveMoves += w.Effort.OneDriveMoves
	}
	if effort.PCsToRejoin == 0 || effort.OneDriveMoves == 0 {
		t.Errorf("effort %+v: the demo has registered PCs to re-join and OneDrive to set up", effort)
	}
}

// TestByDepartment: one group per department (people without one together),
// the readiest department first, the readiest person first within it.
func TestByDepartment(t *testing.T) {
	person := func(name, dept string, actions int) result.PlanPerson {
		return result.PlanPerson{Person: result.PersonRef{UPN: name + "@x.test"}, Department: dept, Actions: make([]result.PlanAction, actions)}
	}
	got := byDepartment([]result.PlanPerson{person("a", "Sales", 2), person("b", "IT", 0), person("c", "Sales", 0),
		person("d", "", 3), person("e", "IT", 1), person("f", "  ", 1)})
	var names []string
	for _, d := range got {
		names = append(names, d.name+":")
		for _, p := range d.people {
			names = append(names, p.Person.UPN[:1])
		}
	}
	want := []string{"IT:", "b", "e", "Sales:", "c", "a", "No department:", "f", "d"}
	if !equal(names, want) {
		t.Errorf("groups %v, want %v", names, want)
	}
}

// TestMoveWithNewPC: with plan.moveWithNewPC, people whose PCs are all
// Windows 10 or unknown move last, with their replacement PC: one
// "move with the new PC" action instead of re-joining or finding the old
// one, their own MFA and OneDrive actions kept; the pilot and the blocked
// stay where they were; without the option nobody is tagged.
func TestMoveWithNewPC(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	snap := demo.Fixture(now, "x").Data
	rep := audit.Build(snap, audit.Options{Now: now})
	before := Build(snap, rep, checks.Settings{}, config.Plan{WaveSize: 10})
	after := Build(snap, rep, checks.Settings{}, config.Plan{WaveSize: 10, MoveWithNewPC: true})
	for _, w := range before.Waves {
		for _, p := range w.People {
			if p.MovesWithNewPC {
				t.Errorf("%s tagged without the option", p.Person.UPN)
			}
		}
	}
	tagged := 0
	last := false
	for i, w := range after.Waves {
		for _, p := range w.People {
			if !p.MovesWithNewPC {
				if last {
					t.Errorf("%s (not tagged) in %s after the new-PC waves", p.Person.UPN, w.Name)
				}
				continue
			}
			tagged++
			if i == 0 {
				t.Errorf("%s tagged in the pilot", p.Person.UPN)
			}
			last = true
			var codes []string
			for _, a := range p.Actions {
				codes = append(codes, a.Code)
			}
			if slices.Contains(codes, actionRejoin) || slices.Contains(codes, actionFindPC) || countOf(codes, actionNewPC) != 1 {
				t.Errorf("%s: actions %v", p.Person.UPN, codes)
			}
			for _, pc := range p.PCs {
				if pc.OSLine != "Windows 10" {
					t.Errorf("%s tagged with a %s PC", p.Person.UPN, pc.OSLine)
				}
			}
		}
	}
	if tagged < 3 {
		t.Errorf("%d people tagged; the demo has three on Windows 10 and several with no known PC", tagged)
	}
	if len(after.Blocked) != len(before.Blocked) || after.Summary.People != before.Summary.People {
		t.Errorf("blocked %d→%d, people %d→%d", len(before.Blocked), len(after.Blocked), before.Summary.People, after.Summary.People)
	}
}

func countOf(list []string, s string) int {
	n := 0
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}
