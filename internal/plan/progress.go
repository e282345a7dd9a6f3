package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// ErrNotAPlan is a file that is not a plan written by `plan -o json`.
var ErrNotAPlan = errors.New("not a migration plan")

// Load reads a plan written by `m365ready plan -o json`.
func Load(r io.Reader) (*result.Plan, error) {
	var raw struct {
		result.Plan
		Summary *result.PlanSummary `json:"summary"`
		Waves   *[]result.PlanWave  `json:"waves"`
	}
	dec := json.NewDecoder(io.LimitReader(r, 1<<30))
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotAPlan, err)
	}
	if raw.Summary == nil || raw.Waves == nil || raw.CollectedAt.IsZero() {
		return nil, fmt.Errorf("%w: no summary, waves or collectedAt (write one with m365ready plan -o json=FILE)", ErrNotAPlan)
	}
	p := raw.Plan
	p.Summary, p.Waves = *raw.Summary, *raw.Waves
	return &p, nil
}

// everyone is each person of a plan by id, in waves or blocked.
func everyone(p *result.Plan) map[string]result.PlanPerson {
	out := map[string]result.PlanPerson{}
	for _, w := range p.Waves {
		for _, person := range w.People {
			out[person.Person.ID] = person
		}
	}
	for _, person := range p.Blocked {
		out[person.Person.ID] = person
	}
	return out
}

// Progress compares cur with an earlier plan of the same tenant. It
// reports ErrNoCommonPeople when no one is in both while both have
// people: one of them was redacted and the other not, most likely.
func Progress(old, cur *result.Plan) (*result.PlanProgress, error) {
	before, now := everyone(old), everyone(cur)
	pr := &result.PlanProgress{Since: old.CollectedAt, Before: old.Summary, BecameReady: []result.PersonRef{},
		NoLongerReady: []result.PersonRef{}, Moved: []result.PersonRef{}, StillBlocked: []result.PersonRef{},
		New: []result.PersonRef{}, Gone: []result.PersonRef{}, ActionsDone: []result.PlanActionCount{}, ActionsOpen: []result.PlanActionCount{}}
	common := 0
	done, open := map[string]int{}, map[string]int{}
	for _, id := range sortedIDs(now) {
		p := now[id]
		for _, a := range p.Actions {
			open[a.Code]++
		}
		was, ok := before[id]
		if !ok {
			pr.New = append(pr.New, p.Person)
			continue
		}
		common++
		switch {
		case p.State == result.PlanReady && was.State != result.PlanReady:
			pr.BecameReady = append(pr.BecameReady, p.Person)
		case p.State != result.PlanReady && was.State == result.PlanReady:
			pr.NoLongerReady = append(pr.NoLongerReady, p.Person)
		}
		if p.State == result.PlanBlocked && was.State == result.PlanBlocked {
			pr.StillBlocked = append(pr.StillBlocked, p.Person)
		}
		if allJoined(p.PCs) && !allJoined(was.PCs) {
			pr.Moved = append(pr.Moved, p.Person)
		}
		for _, a := range was.Actions {
			if !slices.ContainsFunc(p.Actions, func(b result.PlanAction) bool { return b.Code == a.Code }) {
				done[a.Code]++
			}
		}
	}
	for _, id := range sortedIDs(before) {
		if _, ok := now[id]; !ok {
			pr.Gone = append(pr.Gone, before[id].Person)
		}
	}
	if common == 0 && len(before) > 0 && len(now) > 0 {
		return nil, ErrNoCommonPeople
	}
	pr.ActionsDone, pr.ActionsOpen = counted(done), counted(open)
	return pr, nil
}

// ErrNoCommonPeople: the two plans share no one.
var ErrNoCommonPeople = errors.New("no person is in both plans: was one made with --redact and the other not?")

// allJoined: at least one Windows PC, and every one Entra joined.
func allJoined(pcs []result.PlanPC) bool {
	if len(pcs) == 0 {
		return false
	}
	for _, pc := range pcs {
		if pc.Join != result.JoinEntra {
			return false
		}
	}
	return true
}

func sortedIDs(m map[string]result.PlanPerson) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		return strings.Compare(strings.ToLower(m[a].Person.UPN)+"\x00"+a, strings.ToLower(m[b].Person.UPN)+"\x00"+b)
	})
	return ids
}

// counted lists action counts in the plan's order of actions.
func counted(m map[string]int) []result.PlanActionCount {
	out := []result.PlanActionCount{}
	for _, code := range actionOrder {
		if m[code] > 0 {
			out = append(out, result.PlanActionCount{Code: code, Count: m[code]})
		}
	}
	return out
}
