package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/termtable"
)

// PlanTable is the plan on a terminal: wave 0's open prerequisites, each
// wave's people and effort, and who is blocked and why.
type PlanTable struct{ Options }

func (t PlanTable) RenderPlan(w io.Writer, p *result.Plan) error {
	s := p.Summary
	if p.Demo {
		fmt.Fprintln(w, "DEMO DATA: the built-in demo tenant, not a real organisation.")
	}
	fmt.Fprintf(w, "Migration plan for %s\n", terminalSafe(orDash(p.Tenant.Name)))
	fmt.Fprintf(w, "%d people: %d ready, %d need action, %d blocked; %d of %d prerequisites open\n\n",
		s.People, s.Ready, s.NeedsAction, s.Blocked, s.PrerequisitesOpen, len(p.Prerequisites))
	if pr := p.Progress; pr != nil {
		fmt.Fprintln(w, progressHeadline(pr))
		for _, g := range progressGroups(pr) {
			var names []string
			for _, person := range g.People {
				names = append(names, terminalSafe(orDash(person.DisplayName)))
			}
			fmt.Fprintf(w, "  %s: %s\n", g.Label, strings.Join(names, ", "))
		}
		fmt.Fprintf(w, "  Done since: %s\n  Still to do: %s\n\n", actionCounts(pr.ActionsDone), actionCounts(pr.ActionsOpen))
	}
	fmt.Fprintln(w, "Wave 0: before anyone moves")
	pre := termtable.New(t.Width, t.Color, termtable.Column{Header: "Done"}, termtable.Column{Header: "Check"},
		termtable.Column{Header: "What to do", Wrap: true, Share: 3})
	for _, pr := range p.Prerequisites {
		done := "no"
		if pr.Done {
			done = "yes"
		}
		pre.Row(done, pr.CheckID+" "+pr.Title, terminalSafe(orDash(pr.Action)))
	}
	pre.Render(w)
	for _, wv := range p.Waves {
		e := wv.Effort
		fmt.Fprintf(w, "\n%s: %d people; PCs to re-join %d, to enrol %d, to replace %d, to find %d; MFA to register %d; OneDrive moves %d\n",
			terminalSafe(wv.Name), len(wv.People), e.PCsToRejoin, e.PCsToEnrol, e.PCsToReplace, e.PCsToFind, e.PeopleToRegister, e.OneDriveMoves)
		t.people(w, wv.People)
	}
	if len(p.Blocked) > 0 {
		fmt.Fprintf(w, "\nBlocked until a decision is made: %d people\n", len(p.Blocked))
		t.people(w, p.Blocked)
	}
	if len(p.Excluded) > 0 {
		fmt.Fprintf(w, "\nNot in the plan: %d accounts\n", len(p.Excluded))
		tb := termtable.New(t.Width, t.Color, termtable.Column{Header: "Account", Wrap: true}, termtable.Column{Header: "Why not", Wrap: true, Share: 3})
		for _, x := range p.Excluded {
			tb.Row(terminalSafe(x.Person.DisplayName), x.Why)
		}
		tb.Render(w)
	}
	fmt.Fprintln(w, "\nEvery column per person: -o csv=plan.csv; the data contract: -o json.")
	return nil
}

func (t PlanTable) people(w io.Writer, people []result.PlanPerson) {
	tb := termtable.New(t.Width, t.Color, termtable.Column{Header: "Person", Wrap: true}, termtable.Column{Header: "State"},
		termtable.Column{Header: "Licence"}, termtable.Column{Header: "Before moving day", Wrap: true, Share: 3})
	for _, person := range people {
		var todo []string
		for _, a := range person.Actions {
			todo = append(todo, "["+a.Who+"] "+terminalSafe(a.Detail))
		}
		tb.Row(terminalSafe(person.Person.DisplayName), person.State, person.Tier, orDash(strings.Join(todo, "; ")))
	}
	tb.Render(w)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
