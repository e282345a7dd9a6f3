package reports

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// PlanCSV is the engineer's working sheet: one row per person, every column
// a filter in Excel. Cells are neutralised as the report's CSV does.
type PlanCSV struct{}

func (PlanCSV) RenderPlan(w io.Writer, p *result.Plan) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"wave", "name", "upn", "department", "state", "tier", "mfa", "windows_hello", "onedrive", "last_sign_in", "dormant", "pcs", "pc_states",
		"moves_with_new_pc", "progress", "actions", "who"})
	progress := map[string]string{}
	if pr := p.Progress; pr != nil {
		for _, g := range []struct {
			label  string
			people []result.PersonRef
		}{{"becameReady", pr.BecameReady}, {"moved", pr.Moved}, {"noLongerReady", pr.NoLongerReady}, {"stillBlocked", pr.StillBlocked}, {"new", pr.New}} {
			for _, person := range g.people {
				progress[person.ID] = strings.TrimPrefix(progress[person.ID]+"; "+g.label, "; ")
			}
		}
	}
	row := func(wave string, person result.PlanPerson) {
		var pcs, states, actions, who []string
		for _, pc := range person.PCs {
			pcs = append(pcs, pc.Name)
			states = append(states, pcState(pc))
		}
		for _, a := range person.Actions {
			actions = append(actions, a.Detail)
			who = append(who, a.Who)
		}
		last := ""
		if person.LastSignIn != nil {
			last = person.LastSignIn.UTC().Format("2006-01-02")
		}
		_ = cw.Write([]string{cell(wave), cell(person.Person.DisplayName), cell(person.Person.UPN), cell(person.Department), person.State, person.Tier, person.MFA,
			person.WindowsHello, person.OneDrive, last, strconv.FormatBool(person.Dormant), cell(strings.Join(pcs, "; ")), cell(strings.Join(states, "; ")),
			strconv.FormatBool(person.MovesWithNewPC), progress[person.Person.ID], cell(strings.Join(actions, "; ")), strings.Join(who, "; ")})
	}
	for _, w := range p.Waves {
		for _, person := range w.People {
			row(w.Name, person)
		}
	}
	for _, person := range p.Blocked {
		row("blocked", person)
	}
	for _, x := range p.Excluded {
		_ = cw.Write([]string{"excluded", cell(x.Person.DisplayName), cell(x.Person.UPN), "", "excluded", "", "", "", "", "", "", "", "", "", "", cell(x.Why), ""})
	}
	cw.Flush()
	return cw.Error()
}

// pcState is a PC's state in a few words: join, Windows line, management.
func pcState(pc result.PlanPC) string {
	parts := []string{pc.Join, pc.OSLine}
	if pc.Managed != nil && *pc.Managed {
		parts = append(parts, "managed")
	}
	if pc.Compliant != nil && *pc.Compliant {
		parts = append(parts, "compliant")
	}
	if pc.LAPSBackedUp != nil && *pc.LAPSBackedUp {
		parts = append(parts, "LAPS")
	}
	if pc.KeyEscrowed != nil && *pc.KeyEscrowed {
		parts = append(parts, "key escrowed")
	}
	return strings.Join(parts, ", ") + " (from " + pc.Source + ")"
}
