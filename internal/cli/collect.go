package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/pipeline"
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
	f := opts.Factory
	defer limitMemory(f.Getenv)()
	po := pipelineOptions(f, &config.Config{}, opts.Redact, opts.SignIns)
	var err error
	po.Source, err = source(ctx, f, &opts.Auth, opts.Demo, "")
	if err != nil {
		return err
	}
	done := showProgress(f, &po, len(tenant.AllDatasets()))
	snap, err := pipeline.Collect(ctx, po)
	done()
	if err != nil {
		return err
	}
	if opts.Output == "-" {
		return tenant.Save(ctxWriter{ctx, f.IOStreams.Out}, snap)
	}
	// Streamed to the temporary file: a large tenant's snapshot is not held
	// twice in memory.
	save := func(w io.Writer) error { return tenant.Save(w, snap) }
	if err := writeAtomic(ctx, opts.Output, save); err != nil {
		return err
	}
	fmt.Fprintf(f.IOStreams.ErrOut, "Snapshot written to %s\n", opts.Output)
	return nil
}
