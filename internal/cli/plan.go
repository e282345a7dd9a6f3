package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/plan"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/reports"
)

// PlanOptions are the options of `m365ready plan`.
type PlanOptions struct {
	Factory *Factory
	Auth    authFlags
	Demo    bool
	From    string
	Outputs []string
	Config  string
	Redact  bool
	SignIns signInLogFlags
	// Since is an earlier plan's JSON to show progress against.
	Since string
	Store storeFlags

	outputs []outputSpec
}

// NewCmdPlan builds `m365ready plan`.
func NewCmdPlan(f *Factory, runF func(*PlanOptions) error) *cobra.Command {
	opts := &PlanOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Sign in, audit, and plan who and which PC moves to Microsoft 365 sign-in, in waves",
		Example: `  m365ready plan --demo
  m365ready plan -o csv=plan.csv          # one row per person, for a spreadsheet
  m365ready plan --from contoso.json -o json
  m365ready plan -o json=plan-2026-12.json --since plan-2026-11.json   # who became ready, who moved`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.Auth.checkSource(cmd.Flags(), opts.Demo, opts.From != ""); err != nil {
				return err
			}
			if err := opts.SignIns.check(); err != nil {
				return err
			}
			if err := opts.Store.check(); err != nil {
				return err
			}
			specs, err := parseOutputsFor(opts.Outputs, func(format string) error {
				_, err := reports.NewPlan(format, reports.Options{})
				return err
			})
			if err != nil {
				return err
			}
			opts.outputs = specs
			if runF != nil {
				return runF(opts)
			}
			return planRun(cmd.Context(), opts)
		},
	}
	opts.Auth.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "plan the built-in demo tenant")
	cmd.Flags().StringVar(&opts.From, "from", "", "plan from the snapshot `FILE` saved by 'm365ready collect' instead of signing in")
	cmd.Flags().StringArrayVarP(&opts.Outputs, "output", "o", nil, "write the plan as `FORMAT[=FILE]`: "+strings.Join(reports.PlanFormats(), ", ")+" (default table)")
	cmd.Flags().StringVar(&opts.Config, "config", "", "configuration `FILE` (default ./"+config.DefaultFile+" when present): plan.pilot, plan.waveSize, plan.moveWithNewPC")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, "replace names, UPNs, ids and site URLs with stable pseudonyms in every output")
	cmd.Flags().StringVar(&opts.Since, "since", "", "show progress since the earlier plan `FILE` (written by plan -o json=FILE), or since the last plan in --store with 'last': who became ready, who moved, what still blocks")
	opts.SignIns.register(cmd.Flags())
	opts.Store.register(cmd.Flags())
	return cmd
}

// loadPlan reads an earlier plan for --since.
func loadPlan(path string) (*result.Plan, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, usageErrorf("--since: %v", err)
	}
	defer fh.Close()
	p, err := plan.Load(fh)
	if err != nil {
		return nil, usageErrorf("--since %s: %v", path, err)
	}
	return p, nil
}

func planRun(ctx context.Context, opts *PlanOptions) error {
	f := opts.Factory
	cfg, err := loadConfig(opts.Config)
	if err != nil {
		return err
	}
	var earlier *result.Plan
	fromStore := opts.Since == "last"
	if fromStore && opts.Store.Path == "" && cfg.Store == "" && f.Getenv(storeEnv) == "" {
		return usageErrorf("--since last reads the last plan in the history store: add --store FILE (or store: in the configuration)")
	}
	if opts.Since != "" && !fromStore { // before signing in: a wrong file fails in a second, not after the collection
		if earlier, err = loadPlan(opts.Since); err != nil {
			return err
		}
	}
	st, err := opts.Store.open(ctx, f, cfg.Store)
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
	}
	defer limitMemory(f.Getenv)()
	sf := sourceFlags{Auth: &opts.Auth, Demo: opts.Demo, From: opts.From, Redact: opts.Redact, SignIns: opts.SignIns}
	res, err := auditTenant(ctx, f, cfg, sf, 0, true)
	if err != nil {
		return err
	}
	p := res.Plan
	if fromStore {
		if earlier, err = st.LastPlan(ctx, p.Tenant.ID); err != nil {
			return err
		}
		if earlier == nil && !f.Quiet {
			fmt.Fprintf(f.IOStreams.ErrOut, "no earlier plan of this tenant in %s: this plan is the first, with no progress to show\n", opts.Store.where())
		}
	}
	if earlier != nil {
		if earlier.Tenant.ID != "" && p.Tenant.ID != "" && earlier.Tenant.ID != p.Tenant.ID {
			return usageErrorf("--since %s is the plan of another tenant (%s); progress is only meaningful for the same tenant",
				opts.Since, reports.TerminalSafe(earlier.Tenant.ID))
		}
		if p.Progress, err = plan.Progress(earlier, p); err != nil {
			return usageErrorf("--since %s: %v", opts.Since, err)
		}
	}
	ro := reports.Options{Color: f.IOStreams.ColorEnabled(), Width: f.IOStreams.TerminalWidth()}
	if err := opts.Store.record(ctx, f, st, res.Report, p, "", "plan"); err != nil {
		return err
	}
	return writeOutputs(ctx, f, opts.outputs, ro, func(format string, o reports.Options) (render, error) {
		r, err := reports.NewPlan(format, o)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return r.RenderPlan(w, p) }, nil
	})
}
