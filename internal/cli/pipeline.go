package cli

import (
	"context"
	"fmt"

	"github.com/m365ready/m365ready/checks"

	"github.com/m365ready/m365ready/internal/buildinfo"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/tenant"
)

// pipelineOptions are the pipeline's options a command's flags and
// configuration set; the caller adds its source and what it evaluates.
func pipelineOptions(f *Factory, cfg *config.Config, redact bool, sl signInLogFlags) pipeline.Options {
	return pipeline.Options{Settings: cfg.Settings, Weights: cfg.Weights, Skip: cfg.Skip, Redact: redact,
		SignInLog: pipeline.SignInLog{On: sl.On, Days: sl.Days, Pages: sl.Pages},
		Now:       f.Now, Logger: f.Logger, Tool: buildinfo.String()}
}

// source is where the data comes from, for the sign-in flags: a snapshot
// file, the demo tenant, or the tenant the flags sign in to. A sign-in that
// would prompt nobody is refused here, before any network.
func source(_ context.Context, f *Factory, a *authFlags, demo bool, from string) (pipeline.Source, error) {
	src := pipeline.Source{From: from, Demo: demo, Collector: f.Collector()}
	switch {
	case from != "":
	case demo:
		src.Collect.Concurrency, src.Collect.MaxRetries, src.Collect.RequestTimeout = a.Concurrency, a.MaxRetries, a.Timeout
	default:
		o, err := a.options(f.Getenv)
		if err != nil {
			return src, err
		}
		if err := refuseUnattendedPrompt(f, o); err != nil {
			return src, err
		}
		src.Collect = o
	}
	return src, nil
}

// showProgress draws the live progress line while a person watches stderr
// (total datasets), and the one summary line once the data is read; the
// returned function clears the line whatever happened.
func showProgress(f *Factory, po *pipeline.Options, total int) (stop func()) {
	if po.From != "" || !f.IOStreams.IsStderrTTY() || f.Quiet {
		return func() {}
	}
	if po.SignInLog.On {
		total++
	}
	lp := newLiveProgress(f.IOStreams.ErrOut, f.IOStreams.TerminalWidth(), total)
	po.Collect.Progress = lp
	po.Collected = func(snap *tenant.Snapshot) {
		lp.Stop()
		fmt.Fprintln(f.IOStreams.ErrOut, collectionSummary(snap))
	}
	return lp.Stop
}

// sourceFlags are the flags that say where a run's data comes from and how
// it is read, shared by audit and plan.
type sourceFlags struct {
	Auth    *authFlags
	Demo    bool
	From    string
	Redact  bool
	SignIns signInLogFlags
}

// auditTenant runs the pipeline from the flags' source over the built-in
// checks, with the progress line on a terminal. release lets the audit drop
// each dataset after its last check (a command that reads the records
// afterwards, as plan does, keeps them).
func auditTenant(ctx context.Context, f *Factory, cfg *config.Config, sf sourceFlags, minCoverage float64, release bool) (*pipeline.Result, error) {
	po := pipelineOptions(f, cfg, sf.Redact, sf.SignIns)
	po.Checks, po.MinCoverage, po.ReleaseData = checks.Builtin(), minCoverage, release
	po.Plan = &cfg.Plan // the audit report carries the plan's counts
	var err error
	po.Source, err = source(ctx, f, sf.Auth, sf.Demo, sf.From)
	if err != nil {
		return nil, err
	}
	done := showProgress(f, &po, len(checks.Datasets(checks.Builtin(), cfg.Skip)))
	defer done()
	return pipeline.Audit(ctx, po)
}
