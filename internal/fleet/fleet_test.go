package fleet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/synth"
)

var now = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// TestRunBoundsAndIsolates: no more than parallel tenants run at once;
// a tenant that fails or panics is that tenant's outcome and the others
// still finish; outcomes keep the tenants' order.
func TestRunBoundsAndIsolates(t *testing.T) {
	var running, most atomic.Int32
	var tenants []Tenant
	for i := range 12 {
		tenants = append(tenants, Tenant{Alias: fmt.Sprint("t", i), Audit: func(ctx context.Context) (*pipeline.Result, error) {
			n := running.Add(1)
			defer running.Add(-1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(5 * time.Millisecond)
			switch i {
			case 3:
				return nil, &collect.SignInError{Cause: "AADSTS7000215: invalid client secret"}
			case 7:
				panic("boom")
			}
			return &pipeline.Result{}, nil
		}})
	}
	out := Run(t.Context(), tenants, 3)
	if most.Load() > 3 || most.Load() < 2 {
		t.Errorf("at most %d ran at once, want 2-3 of a bound of 3", most.Load())
	}
	for i, o := range out {
		failed := i == 3 || i == 7
		if o.Tenant.Alias != fmt.Sprint("t", i) || failed != (o.Err != nil) || (!failed && o.Result == nil) {
			t.Errorf("outcome %d: %s, %v", i, o.Tenant.Alias, o.Err)
		}
	}
	if FailureKind(out[3].Err) != "signIn" || FailureKind(out[7].Err) != "error" {
		t.Errorf("kinds %s, %s", FailureKind(out[3].Err), FailureKind(out[7].Err))
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, o := range Run(ctx, tenants[:2], 1) {
		if !errors.Is(o.Err, context.Canceled) && o.Err == nil {
			t.Errorf("after cancel: %v", o.Err)
		}
	}
}

// TestPortfolioRanks: audited tenants by worst case, the lowest first,
// then the failed ones with their reason and no grade; the matrix counts
// each check's statuses over the audited tenants; licences come from the
// licence check's facts.
func TestPortfolioRanks(t *testing.T) {
	res := func(s *pipeline.Result) func(context.Context) (*pipeline.Result, error) {
		return func(context.Context) (*pipeline.Result, error) { return s, nil }
	}
	demoSnap := demo.Fixture(now, "x").Data
	big := synth.Generate(synth.Spec{People: 80, Seed: 3}, now, "x").Data
	a := &pipeline.Result{Report: audit.Build(demoSnap, audit.Options{Now: now})}
	b := &pipeline.Result{Report: audit.Build(big, audit.Options{Now: now})}
	out := Run(t.Context(), []Tenant{
		{Alias: "broken", Audit: func(context.Context) (*pipeline.Result, error) {
			return nil, &CredentialError{Err: errors.New("certificate file /x.pem: no such file")}
		}},
		{Alias: "a", Audit: res(a)}, {Alias: "b", Audit: res(b)},
	}, 2)
	p := Portfolio(out, "m365ready test", now, false)
	if p.Summary != (result.PortfolioSummary{Tenants: 3, Audited: 2, Failed: 1, Incomplete: p.Summary.Incomplete}) {
		t.Errorf("summary %+v", p.Summary)
	}
	if p.Tenants[2].Alias != "broken" || p.Tenants[2].Failure.Kind != "credential" || p.Tenants[2].Grade != "" || p.Tenants[2].Score != nil {
		t.Errorf("failed tenant %+v", p.Tenants[2])
	}
	if p.Tenants[0].Score.Worst > p.Tenants[1].Score.Worst {
		t.Errorf("ranked %s (%.1f) before %s (%.1f)", p.Tenants[0].Alias, p.Tenants[0].Score.Worst, p.Tenants[1].Alias, p.Tenants[1].Score.Worst)
	}
	for _, c := range p.Checks {
		k := c.Counts
		n := k.Pass + k.Warn + k.Fail + k.Skipped + k.NotApplicable + k.Error + k.Info
		if n != 2 {
			t.Errorf("%s counted over %d tenants, want 2", c.ID, n)
		}
	}
	if len(p.Tenants[0].Licences) == 0 || p.Tenants[0].TopAction == nil || len(p.Tenants[0].Checks) != len(p.Checks) {
		t.Errorf("tenant %s: %d licences, top action %v, %d checks", p.Tenants[0].Alias, len(p.Tenants[0].Licences), p.Tenants[0].TopAction, len(p.Tenants[0].Checks))
	}
}

// TestPortfolioFromWhatTheFleetKeeps: the portfolio of outcomes the fleet
// slimmed (no snapshot, findings or plan) is the portfolio of the full
// results.
func TestPortfolioFromWhatTheFleetKeeps(t *testing.T) {
	full := demoResult(t)
	outs := Run(t.Context(), []Tenant{{Alias: "a", Audit: func(context.Context) (*pipeline.Result, error) { return full, nil }}}, 1)
	if outs[0].Result.Snapshot != nil || outs[0].Result.Plan != nil {
		t.Error("the fleet keeps the snapshot or the plan until the end")
	}
	for _, c := range outs[0].Result.Report.Checks {
		if len(c.Findings) > 0 {
			t.Fatalf("%s keeps %d findings", c.Check.ID, len(c.Findings))
		}
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	want, _ := json.Marshal(Portfolio([]Outcome{{Tenant: outs[0].Tenant, Result: full}}, "t", now, false))
	got, _ := json.Marshal(Portfolio(outs, "t", now, false))
	if string(got) != string(want) {
		t.Errorf("the portfolio changes when the fleet slims the results:\n got %s\nwant %s", got, want)
	}
	findings := 0
	for _, c := range full.Report.Checks {
		findings += len(c.Findings)
	}
	if findings == 0 || full.Snapshot == nil || full.Plan == nil {
		t.Error("slimming changed the caller's result, from which the tenant's reports were written")
	}
}

func demoResult(t *testing.T) *pipeline.Result {
	t.Helper()
	snap := demo.Fixture(now, "x").Data
	rep := audit.Build(snap, audit.Options{Now: now})
	rep.Plan = &result.PlanOverview{Counts: result.PlanSummary{People: 27, Ready: 2}, Waves: []result.PlanWaveCount{{Number: 1, Name: "Pilot"}}}
	return &pipeline.Result{Snapshot: snap, Report: rep, Plan: &result.Plan{Summary: result.PlanSummary{People: 27}}, Files: []string{"a/report.html"}}
}
