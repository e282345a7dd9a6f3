package plan

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/result"
)

func person(id, state string, pcs []result.PlanPC, actions ...string) result.PlanPerson {
	p := result.PlanPerson{Person: result.PersonRef{ID: id, UPN: id + "@x.test"}, State: state, PCs: pcs}
	for _, a := range actions {
		p.Actions = append(p.Actions, result.PlanAction{Code: a})
	}
	return p
}

func planOf(people []result.PlanPerson, blocked ...result.PlanPerson) *result.Plan {
	return &result.Plan{CollectedAt: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Waves: []result.PlanWave{{Number: 1, People: people}}, Blocked: blocked}
}

func refs(list []result.PersonRef) string {
	var ids []string
	for _, r := range list {
		ids = append(ids, r.ID)
	}
	return strings.Join(ids, ",")
}

// TestProgress: who became ready, who moved (every PC now Entra joined),
// who is still blocked, who is new or gone, and which actions were done.
func TestProgress(t *testing.T) {
	registered := []result.PlanPC{{DeviceFact: result.DeviceFact{Join: result.JoinRegistered}}}
	joined := []result.PlanPC{{DeviceFact: result.DeviceFact{Join: result.JoinEntra}}}
	old := planOf([]result.PlanPerson{
		person("ann", result.PlanNeedsAction, registered, actionRegisterMFA, actionRejoin),
		person("bob", result.PlanNeedsAction, nil, actionFindPC),
		person("cy", result.PlanReady, joined),
		person("dee", result.PlanNeedsAction, joined, actionSecondMethod),
	}, person("eve", result.PlanBlocked, nil, actionLicence), person("fay", result.PlanBlocked, nil, actionLeaver))
	cur := planOf([]result.PlanPerson{
		person("ann", result.PlanReady, joined),
		person("bob", result.PlanNeedsAction, joined, actionOneDrive),
		person("cy", result.PlanNeedsAction, joined, actionSecondMethod),
		person("dee", result.PlanNeedsAction, joined, actionSecondMethod),
		person("gus", result.PlanNeedsAction, nil, actionFindPC),
	}, person("eve", result.PlanBlocked, nil, actionLicence))
	pr, err := Progress(old, cur)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][2]string{
		"becameReady":   {refs(pr.BecameReady), "ann"},
		"noLongerReady": {refs(pr.NoLongerReady), "cy"},
		"moved":         {refs(pr.Moved), "ann,bob"},
		"stillBlocked":  {refs(pr.StillBlocked), "eve"},
		"new":           {refs(pr.New), "gus"},
		"gone":          {refs(pr.Gone), "fay"},
	} {
		if got[0] != got[1] {
			t.Errorf("%s: %q, want %q", name, got[0], got[1])
		}
	}
	want := []result.PlanActionCount{{Code: actionRegisterMFA, Count: 1}, {Code: actionRejoin, Count: 1}, {Code: actionFindPC, Count: 1}}
	if b, w := jsonOf(pr.ActionsDone), jsonOf(want); b != w {
		t.Errorf("done %s, want %s", b, w)
	}
	if !pr.Since.Equal(old.CollectedAt) {
		t.Errorf("since %v", pr.Since)
	}
	if _, err := Progress(planOf([]result.PlanPerson{person("a", result.PlanReady, nil)}),
		planOf([]result.PlanPerson{person("b", result.PlanReady, nil)})); !errors.Is(err, ErrNoCommonPeople) {
		t.Errorf("plans with nobody in common: %v", err)
	}
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestLoad: a plan written as JSON reads back; a report, an empty object
// or not JSON at all is refused as not a plan.
func TestLoad(t *testing.T) {
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	snap := demo.Fixture(now, "x").Data
	rep := audit.Build(snap, audit.Options{Now: now})
	p := Build(snap, rep, checks.Settings{}, config.Plan{WaveSize: 10})
	back, err := Load(strings.NewReader(jsonOf(p)))
	if err != nil || back.Summary != p.Summary || len(back.Waves) != len(p.Waves) {
		t.Fatalf("round trip: %v", err)
	}
	if pr, err := Progress(back, p); err != nil || len(pr.BecameReady)+len(pr.Moved)+len(pr.New)+len(pr.Gone) != 0 {
		t.Errorf("a plan against itself: %+v, %v", pr, err)
	}
	for name, doc := range map[string]string{"report": jsonOf(rep), "empty": "{}", "text": "hello", "array": "[]"} {
		if _, err := Load(strings.NewReader(doc)); !errors.Is(err, ErrNotAPlan) {
			t.Errorf("%s: %v, want ErrNotAPlan", name, err)
		}
	}
}
