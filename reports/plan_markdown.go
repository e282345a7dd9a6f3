package reports

import (
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// PlanMarkdown writes one section per wave, each a checklist that fits a
// ticket: the person, their PCs, and what to do before moving day. Tenant
// text goes through md, as in the report's Markdown.
type PlanMarkdown struct{}

func (PlanMarkdown) RenderPlan(w io.Writer, p *result.Plan) error {
	var b strings.Builder
	s := p.Summary
	fmt.Fprintf(&b, "# Migration plan: %s\n\n", md(orDash(p.Tenant.Name)))
	if p.Demo {
		b.WriteString("_Demo data: the built-in demo tenant, not a real organisation._\n\n")
	}
	fmt.Fprintf(&b, "%d people: %d ready, %d need action, %d blocked.\n\n", s.People, s.Ready, s.NeedsAction, s.Blocked)
	if pr := p.Progress; pr != nil {
		fmt.Fprintf(&b, "## %s\n\n", md(progressHeadline(pr)))
		for _, g := range progressGroups(pr) {
			var names []string
			for _, person := range g.People {
				names = append(names, md(orDash(person.DisplayName)))
			}
			fmt.Fprintf(&b, "- %s: %s\n", g.Label, strings.Join(names, ", "))
		}
		fmt.Fprintf(&b, "- Done since: %s\n- Still to do: %s\n\n", actionCounts(pr.ActionsDone), actionCounts(pr.ActionsOpen))
	}
	b.WriteString("## Wave 0: before anyone moves\n\n")
	for _, pr := range p.Prerequisites {
		mark, todo := "x", ""
		if !pr.Done {
			mark, todo = " ", ": "+md(pr.Action)
		}
		fmt.Fprintf(&b, "- [%s] %s %s%s\n", mark, pr.CheckID, md(pr.Title), todo)
	}
	for _, wv := range p.Waves {
		e := wv.Effort
		fmt.Fprintf(&b, "\n## %s\n\n%d people. PCs to re-join %d, to enrol %d, to replace %d, to find %d; MFA to register %d; OneDrive moves %d.\n\n",
			md(wv.Name), len(wv.People), e.PCsToRejoin, e.PCsToEnrol, e.PCsToReplace, e.PCsToFind, e.PeopleToRegister, e.OneDriveMoves)
		planPeopleMD(&b, wv.People)
	}
	if len(p.Blocked) > 0 {
		fmt.Fprintf(&b, "\n## Blocked until a decision is made\n\n")
		planPeopleMD(&b, p.Blocked)
	}
	if len(p.Excluded) > 0 {
		fmt.Fprintf(&b, "\n## Not in the plan\n\n")
		for _, x := range p.Excluded {
			fmt.Fprintf(&b, "- **%s** (%s): %s\n", md(x.Person.DisplayName), md(x.Person.UPN), md(x.Why))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func planPeopleMD(b *strings.Builder, people []result.PlanPerson) {
	for _, person := range people {
		var pcs []string
		for _, pc := range person.PCs {
			pcs = append(pcs, md(pc.Name)+" ("+md(pcState(pc))+")")
		}
		fmt.Fprintf(b, "- **%s** (%s), %s, licence %s", md(person.Person.DisplayName), md(person.Person.UPN), person.State, person.Tier)
		if len(pcs) > 0 {
			fmt.Fprintf(b, "; PCs: %s", strings.Join(pcs, ", "))
		}
		b.WriteString("\n")
		for _, a := range person.Actions {
			fmt.Fprintf(b, "  - [ ] %s: %s\n", a.Who, md(a.Detail))
		}
	}
}
