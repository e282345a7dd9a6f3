package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/buildinfo"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/redact"
	"github.com/m365ready/m365ready/internal/tenant"
)

// CollectOptions are the options of `m365ready collect`.
type CollectOptions struct {
	Factory *Factory
	Auth    authFlags
	Output  string
	Demo    bool
	Redact  bool
	SignIns signInLogFlags
}

// NewCmdCollect builds `m365ready collect`.
func NewCmdCollect(f *Factory, runF func(*CollectOptions) error) *cobra.Command {
	opts := &CollectOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "collect",
		Short: "Sign in and save a tenant snapshot (JSON) for offline audits",
		Example: `  m365ready collect -o contoso.json
  m365ready collect --demo -o demo.json
  m365ready audit --from contoso.json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Output == "" {
				return usageErrorf("collect needs -o FILE (or -o - for stdout)")
			}
			if err := opts.Auth.checkSource(cmd.Flags(), opts.Demo, false); err != nil {
				return err
			}
			if err := opts.SignIns.check(); err != nil {
				return err
			}
			if opts.Output != "-" {
				if err := checkWritable("-o ", opts.Output); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return collectRun(cmd.Context(), opts)
		},
	}
	opts.Auth.register(cmd.Flags())
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write the snapshot to FILE (- for stdout)")
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "collect the built-in demo tenant instead of a real one")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, "replace names, UPNs, ids, URLs and domains with stable pseudonyms, for a snapshot to share")
	opts.SignIns.register(cmd.Flags())
	return cmd
}

func collectRun(ctx context.Context, opts *CollectOptions) error {
	defer limitMemory(opts.Factory.Getenv)()
	snap, err := collectSnapshot(ctx, opts.Factory, &opts.Auth, opts.Demo, nil, &opts.SignIns)
	if err != nil {
		return err
	}
	if opts.Redact {
		redact.New().Snapshot(snap)
	}
	if opts.Output == "-" {
		return tenant.Save(ctxWriter{ctx, opts.Factory.IOStreams.Out}, snap)
	}
	// Streamed to the temporary file: a large tenant's snapshot is not held
	// twice in memory.
	save := func(w io.Writer) error { return tenant.Save(w, snap) }
	if err := writeAtomic(ctx, opts.Output, save); err != nil {
		return err
	}
	fmt.Fprintf(opts.Factory.IOStreams.ErrOut, "Snapshot written to %s\n", opts.Output)
	return nil
}

// collectSnapshot signs in (to the demo tenant when demo is set) and collects.
// datasets nil means every dataset; the sign-in log is read only when sl
// turns it on.
func collectSnapshot(ctx context.Context, f *Factory, a *authFlags, demo bool, datasets []tenant.Dataset, sl *signInLogFlags) (*tenant.Snapshot, error) {
	datasets = sl.datasets(datasets)
	var opts collect.Options
	if demo {
		o, stop, err := startDemo(ctx, f)
		if err != nil {
			return nil, err
		}
		defer stop()
		opts = o
		opts.Concurrency, opts.MaxRetries, opts.RequestTimeout = a.Concurrency, a.MaxRetries, a.Timeout
	} else {
		o, err := a.options(f.Getenv)
		if err != nil {
			return nil, err
		}
		if err := refuseUnattendedPrompt(f, o); err != nil {
			return nil, err
		}
		opts = o
	}
	opts.Logger, opts.Tool, opts.Now, opts.Datasets = f.Logger, buildinfo.String(), f.Now, datasets
	opts.SignInLogDays, opts.SignInLogPages = sl.Days, sl.Pages
	human := f.IOStreams.IsStderrTTY() && !f.Quiet
	if human {
		lp := newLiveProgress(f.IOStreams.ErrOut, f.IOStreams.TerminalWidth(), len(datasets))
		opts.Progress = lp
		defer lp.Stop()
	}
	snap, err := f.Collector().Collect(ctx, opts)
	if err == nil {
		sl.note(snap)
	}
	if err == nil && ctx.Err() != nil {
		// Interrupted: whatever was collected is incomplete; write nothing.
		return nil, ctx.Err()
	}
	if err == nil && human {
		if lp, ok := opts.Progress.(*liveProgress); ok {
			lp.Stop()
		}
		fmt.Fprintln(f.IOStreams.ErrOut, collectionSummary(snap))
	}
	return snap, err
}
