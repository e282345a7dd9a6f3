package cli

import (
	"bytes"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/diff"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/reports"
)

// DiffOptions are the options of `m365ready diff`.
type DiffOptions struct {
	Factory          *Factory
	Old, New         string
	Format           string
	FailOnRegression bool
	AllowDifferent   bool
}

// NewCmdDiff builds `m365ready diff OLD.json NEW.json`.
func NewCmdDiff(f *Factory, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two JSON reports: score, coverage, checks that changed, findings new and resolved",
		Example: `  m365ready audit -o json=2026-11.json
  m365ready diff 2026-10.json 2026-11.json
  m365ready diff old.json new.json -o markdown --fail-on-regression`,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usageErrorf("diff takes two report files: OLD.json NEW.json")
			}
			opts.Old, opts.New = args[0], args[1]
			ok := false
			for _, f := range reports.DiffFormats() {
				ok = ok || f == opts.Format
			}
			if !ok {
				return usageErrorf("unknown -o %q for diff: use %s", opts.Format, strings.Join(reports.DiffFormats(), ", "))
			}
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Format, "output", "o", "table", "output format: table, json or markdown")
	cmd.Flags().BoolVar(&opts.FailOnRegression, "fail-on-regression", false, "exit 3 when the score fell or a check got worse")
	cmd.Flags().BoolVar(&opts.AllowDifferent, "allow-different-tenants", false, "compare reports of two different tenants (refused otherwise)")
	return cmd
}

func loadReport(path string) (*result.Report, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, usageErrorf("cannot open report: %v", err)
	}
	defer fh.Close()
	r, err := diff.Load(fh)
	if err != nil {
		return nil, usageErrorf("%s: %v", path, err)
	}
	return r, nil
}

// tenantLabel names a report's tenant for a message.
func tenantLabel(r *result.Report) string {
	name := r.Tenant.Name
	if name == "" {
		name = "unnamed tenant"
	}
	if r.Tenant.ID != "" {
		name += " " + r.Tenant.ID
	}
	return reports.TerminalSafe(name)
}

func diffRun(opts *DiffOptions) error {
	old, err := loadReport(opts.Old)
	if err != nil {
		return err
	}
	cur, err := loadReport(opts.New)
	if err != nil {
		return err
	}
	if !diff.SameTenant(old, cur) && !opts.AllowDifferent {
		return usageErrorf("%s and %s are reports of different tenants (%s, %s); comparing them says nothing about either; "+
			"use --allow-different-tenants if that is what you mean", opts.Old, opts.New, tenantLabel(old), tenantLabel(cur))
	}
	d := diff.Compare(old, cur)
	ios := opts.Factory.IOStreams
	var buf bytes.Buffer
	if err := reports.RenderDiff(&buf, opts.Format, d, reports.Options{Width: ios.TerminalWidth(), Color: ios.ColorEnabled()}); err != nil {
		return err
	}
	if _, err := opts.Factory.IOStreams.Out.Write(buf.Bytes()); err != nil {
		return err
	}
	if opts.FailOnRegression && d.Regressed {
		return &ThresholdError{Reason: "regression: " + strings.Join(d.Reasons, "; ")}
	}
	return nil
}
