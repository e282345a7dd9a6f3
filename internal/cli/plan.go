package cli

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/plan"
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
  m365ready plan --from contoso.json -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.Auth.checkSource(cmd.Flags(), opts.Demo, opts.From != ""); err != nil {
				return err
			}
			if err := opts.SignIns.check(); err != nil {
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
	cmd.Flags().StringVar(&opts.Config, "config", "", "configuration `FILE` (default ./"+config.DefaultFile+" when present): plan.pilot, plan.waveSize")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, "replace names, UPNs, ids and site URLs with stable pseudonyms in every output")
	opts.SignIns.register(cmd.Flags())
	return cmd
}

func planRun(ctx context.Context, opts *PlanOptions) error {
	f := opts.Factory
	cfg, err := loadConfig(opts.Config)
	if err != nil {
		return err
	}
	defer limitMemory(f.Getenv)()
	sf := sourceFlags{Auth: &opts.Auth, Demo: opts.Demo, From: opts.From, Redact: opts.Redact, SignIns: opts.SignIns}
	// The plan reads the records after the checks: they stay (release false).
	res, err := auditTenant(ctx, f, cfg, sf, 0, false)
	if err != nil {
		return err
	}
	pc := cfg.Plan
	pc.Pilot = nil
	for _, upn := range cfg.Plan.Pilot {
		pc.Pilot = append(pc.Pilot, strings.ToLower(res.Pseudonym(upn)))
	}
	p := plan.Build(res.Snapshot, res.Report, res.Settings, pc)
	ro := reports.Options{Color: f.IOStreams.ColorEnabled(), Width: f.IOStreams.TerminalWidth()}
	return writeOutputs(ctx, f, opts.outputs, ro, func(format string, o reports.Options) (render, error) {
		r, err := reports.NewPlan(format, o)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return r.RenderPlan(w, p) }, nil
	})
}
