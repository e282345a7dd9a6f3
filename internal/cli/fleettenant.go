package cli

import (
	"context"
	"errors"
	"path/filepath"
	"sync"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/fleet"
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/store"
)

// fleetRunState is what the tenants of one fleet run share: the store and
// each tenant's previous recorded run (for the score change).
type fleetRunState struct {
	f    *Factory
	opts *FleetOptions
	base *config.Config
	st   *store.Store

	mu       sync.Mutex
	previous map[string]*store.Run // by alias
}

// tenant is one tenant's audit: its own credential, its own configuration,
// its own pipeline; the reports under --out-dir/alias; recorded in the
// store as soon as it is done, so a shard stopped half-way keeps what it
// did, and a tenant this fleet run already recorded is read back instead.
func (r *fleetRunState) tenant(e fleetEntry) fleet.Tenant {
	return fleet.Tenant{Alias: e.alias, Tags: e.tags, Audit: func(ctx context.Context) (*pipeline.Result, error) {
		res, err := r.audit(ctx, e)
		return res, e.locate(err)
	}}
}

// audit reads the tenant back from the store when this fleet run recorded
// it, else audits it, writes its reports and records it.
func (r *fleetRunState) audit(ctx context.Context, e fleetEntry) (*pipeline.Result, error) {
	if res, err := r.fromStore(ctx, e.alias); res != nil || err != nil {
		return res, err
	}
	cfg := r.base
	if e.own != nil {
		c, err := e.own()
		if err != nil {
			return nil, err
		}
		cfg = c
	}
	co, err := e.auth()
	if err != nil {
		return nil, err
	}
	f := r.f
	po := pipelineOptions(f, cfg, false, signInLogFlags{})
	po.Checks, po.ReleaseData, po.Plan = checks.Builtin(), true, &cfg.Plan
	po.Logger = f.Logger.With("alias", e.alias)
	po.Source = pipeline.Source{Collector: f.Collector(), Collect: co}
	res, err := pipeline.Audit(ctx, po)
	if err != nil {
		return nil, err
	}
	if err := r.writeReports(ctx, e.alias, res); err != nil {
		return nil, err
	}
	return res, r.record(ctx, e.alias, res)
}

// fromStore reads back a tenant this fleet run already recorded (nil, nil
// when it has not).
func (r *fleetRunState) fromStore(ctx context.Context, alias string) (*pipeline.Result, error) {
	if r.st == nil || r.opts.RunID == "" {
		return nil, nil
	}
	id, ok, err := r.st.Recorded(ctx, r.opts.RunID, alias)
	if err != nil || !ok {
		return nil, storeErr(err)
	}
	rep, err := r.st.Report(ctx, id)
	if err != nil {
		return nil, storeErr(err)
	}
	plan, err := r.st.PlanOf(ctx, id)
	if err != nil {
		return nil, storeErr(err)
	}
	prev, err := r.st.RunBefore(ctx, rep.Tenant.ID, id)
	if err != nil {
		return nil, storeErr(err)
	}
	r.setPrevious(alias, prev)
	res := &pipeline.Result{Report: rep, Plan: plan}
	if err := r.writeReports(ctx, alias, res); err != nil {
		return nil, err
	}
	r.f.Logger.Info("already recorded in this fleet run; read back, not audited again", "alias", alias, "run", id)
	return res, fleet.ErrFromStore
}

// record stores the tenant's run, after noting the run before it.
func (r *fleetRunState) record(ctx context.Context, alias string, res *pipeline.Result) error {
	if r.st == nil {
		return nil
	}
	prev, err := r.st.RunBefore(ctx, res.Report.Tenant.ID, 0)
	if err != nil {
		return storeErr(err)
	}
	r.setPrevious(alias, prev)
	_, err = r.st.Record(ctx, res.Report, store.Meta{Alias: alias, Command: "fleet", RunBy: runBy(r.f), Plan: res.Plan, FleetRun: r.opts.RunID})
	if errors.Is(err, store.ErrAlreadyRecorded) {
		return nil // another process of this fleet run recorded it first
	}
	return storeErr(err)
}

func (r *fleetRunState) setPrevious(alias string, prev *store.Run) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.previous[alias] = prev
}

func (r *fleetRunState) writeReports(ctx context.Context, alias string, res *pipeline.Result) error {
	if r.opts.OutDir == "" {
		return nil
	}
	var err error
	res.Files, err = writeTenantReports(ctx, filepath.Join(r.opts.OutDir, alias), res, r.opts.Plan)
	return err
}

func storeErr(err error) error {
	if err == nil {
		return nil
	}
	return &fleet.StoreError{Err: err}
}
