// Package pipeline is the one path from a tenant to a report: collect the
// data (from a live tenant, the built-in demo tenant or a saved snapshot),
// redact it when asked, evaluate the checks and score them. The audit and
// collect commands and the bench call it, and so will plan and fleet; the
// commands keep only their flags and their output.
package pipeline

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/plan"
	"github.com/m365ready/m365ready/internal/redact"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Source is where the tenant data comes from: a saved snapshot (From), the
// built-in demo tenant (Demo), or a live tenant read through Collector.
type Source struct {
	From string
	Demo bool
	// Collector reads a live or demo tenant; Collect are its sign-in and
	// collection options (for the demo tenant only the bounds and the
	// progress are taken from them: the pipeline signs in to it).
	Collector collect.Collector
	Collect   collect.Options
}

// SignInLog turns on the sign-in log, off by default: the largest and most
// throttled read, used by the context check CTX-002 only.
type SignInLog struct {
	On          bool
	Days, Pages int // 0: collect's defaults
}

// Options are everything a run needs besides the context.
type Options struct {
	Source
	// Checks to evaluate (nil: checks.Builtin()); only their datasets are
	// collected.
	Checks   []checks.Check
	Skip     []string
	Settings checks.Settings
	Weights  map[string]float64
	// SignInLog adds the sign-in log to what is collected.
	SignInLog SignInLog
	// Redact replaces tenant data with stable pseudonyms before anything
	// else reads it.
	Redact      bool
	MinCoverage float64
	Now         func() time.Time
	Logger      *slog.Logger
	Tool        string // "m365ready vX"
	// ReleaseData lets the audit drop each dataset after its last check,
	// so a large tenant's memory goes back early; the result's snapshot
	// then keeps the statuses and budget only.
	ReleaseData bool
	// Plan, when set, plans the move after the checks (the plan's pilot
	// UPNs as configured; they are mapped when the run is redacted): the
	// result holds it and the report its counts.
	Plan *config.Plan
	// Collected, when set, hears about the snapshot once it is read and
	// before anything evaluates (or releases) it: a summary line's moment.
	Collected func(*tenant.Snapshot)
}

// Result is what a run produced.
type Result struct {
	Snapshot *tenant.Snapshot
	Report   *result.Report
	// Settings are those the checks ran with, and Pseudonym maps a UPN or
	// id named in configuration as the tenant data was mapped: both
	// redacted when the run was (Pseudonym is the identity otherwise).
	Settings  checks.Settings
	Pseudonym func(string) string
	// Plan is the migration plan, when Options.Plan asked for one.
	Plan *result.Plan
	// Files are the reports the caller wrote from this result (fleet's
	// per-tenant reports), for the record.
	Files []string
}

func (o *Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o *Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.New(slog.DiscardHandler)
}

func (o *Options) checkList() []checks.Check {
	if o.Checks != nil {
		return o.Checks
	}
	return checks.Builtin()
}

// Collect reads the tenant data every dataset holds (and the sign-in log
// when asked), redacted when asked: what `collect` saves.
func Collect(ctx context.Context, opts Options) (*tenant.Snapshot, error) {
	snap, err := load(ctx, opts, nil)
	if err != nil {
		return nil, err
	}
	if opts.Redact {
		redact.New().Snapshot(snap)
	}
	return snap, nil
}

// Audit reads what the checks need, evaluates them and scores the tenant.
func Audit(ctx context.Context, opts Options) (*Result, error) {
	list := opts.checkList()
	snap, err := load(ctx, opts, checks.Datasets(list, opts.Skip))
	if err != nil {
		return nil, err
	}
	return evaluate(snap, opts), nil
}

// Evaluate is the part of Audit after the data is read: redaction when
// asked, the checks, the score. The bench times it on its own.
func Evaluate(snap *tenant.Snapshot, opts Options) *result.Report {
	return evaluate(snap, opts).Report
}

func evaluate(snap *tenant.Snapshot, opts Options) *Result {
	res := &Result{Snapshot: snap, Settings: opts.Settings, Pseudonym: func(v string) string { return v }}
	if opts.Redact {
		// Before any check runs: every output is built from pseudonyms,
		// the configuration's accounts and accepted risks included.
		x := redact.New()
		x.Snapshot(snap)
		res.Settings, res.Pseudonym = x.Settings(res.Settings), x.Known
	}
	settings := res.Settings
	log := opts.logger()
	ao := audit.Options{Tool: opts.Tool, Now: opts.now(), Offline: opts.From != "", Checks: opts.Checks,
		Settings: settings, Weights: opts.Weights, Skip: opts.Skip, MinCoverage: opts.MinCoverage,
		Logf: func(m string) { log.Error(m) }, ReleaseData: opts.ReleaseData}
	if opts.Plan != nil {
		ao.Keep = plan.Datasets
	}
	res.Report = audit.Build(snap, ao)
	if opts.Plan != nil {
		pc := *opts.Plan
		pc.Pilot = nil
		for _, upn := range opts.Plan.Pilot {
			pc.Pilot = append(pc.Pilot, strings.ToLower(res.Pseudonym(upn)))
		}
		res.Plan = plan.Build(snap, res.Report, settings, pc)
		res.Report.Plan = plan.Overview(res.Plan)
		if opts.ReleaseData {
			for _, d := range plan.Datasets {
				if d != tenant.DatasetUsers {
					snap.Release(d)
				}
			}
		}
	}
	return res
}

// load reads the snapshot file, or collects datasets (nil: every dataset)
// from the live or demo tenant.
func load(ctx context.Context, opts Options, datasets []tenant.Dataset) (*tenant.Snapshot, error) {
	if opts.From != "" {
		return LoadSnapshot(opts.From)
	}
	co := opts.Collect
	if opts.Demo {
		demoOpts, stop, err := StartDemo(ctx, opts.now, opts.logger())
		if err != nil {
			return nil, err
		}
		defer stop()
		demoOpts.Concurrency, demoOpts.MaxRetries, demoOpts.RequestTimeout, demoOpts.Progress = co.Concurrency, co.MaxRetries, co.RequestTimeout, co.Progress
		co = demoOpts
	}
	co.Datasets = withSignInLog(datasets, opts.SignInLog.On)
	co.SignInLogDays, co.SignInLogPages = opts.SignInLog.Days, opts.SignInLog.Pages
	co.Logger, co.Tool, co.Now = opts.logger(), opts.Tool, opts.now
	snap, err := opts.Collector.Collect(ctx, co)
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		// Interrupted: whatever was collected is incomplete.
		return nil, ctx.Err()
	}
	if st := snap.StatusOf(tenant.DatasetSignInLog); !opts.SignInLog.On && st.State == tenant.StateNotRequested {
		st.Reason = "off by default: --signin-log reads it"
	}
	if opts.Collected != nil {
		opts.Collected(snap)
	}
	return snap, nil
}

// withSignInLog adds the sign-in log to a collection's datasets (nil: every
// dataset) or takes it out.
func withSignInLog(list []tenant.Dataset, on bool) []tenant.Dataset {
	out := []tenant.Dataset{}
	if list == nil {
		list = tenant.AllDatasets()
	}
	for _, d := range list {
		if d != tenant.DatasetSignInLog {
			out = append(out, d)
		}
	}
	if on {
		out = append(out, tenant.DatasetSignInLog)
	}
	return out
}
