package cli

import (
	"bytes"
	"context"
	"os"
	"strconv"
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
	// Store reads both sides from the history store: OLD and NEW are run
	// ids, or one tenant whose last two runs are compared.
	Store  string
	tenant string
}

// NewCmdDiff builds `m365ready diff OLD.json NEW.json`.
func NewCmdDiff(f *Factory, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "diff OLD.json NEW.json",
		Short: "Compare two JSON reports: score, coverage, checks that changed, findings new and resolved",
		Example: `  m365ready audit -o json=2026-11.json
  m365ready diff 2026-10.json 2026-11.json
  m365ready diff old.json new.json -o markdown --fail-on-regression
  m365ready diff --store history.db alder-finch     # its last two recorded runs
  m365ready diff --store history.db 12 31           # two runs by id (m365ready history -o json)`,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case opts.Store != "" && len(args) == 1:
				opts.tenant = args[0]
			case len(args) != 2 && opts.Store != "":
				return usageErrorf("diff --store takes a tenant (its last two runs) or two run ids")
			case len(args) != 2:
				return usageErrorf("diff takes two report files: OLD.json NEW.json")
			default:
				opts.Old, opts.New = args[0], args[1]
			}
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
			return diffRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Store, "store", "", "read both reports from the history store `FILE` (audit --store)")
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

func diffRun(ctx context.Context, opts *DiffOptions) error {
	var old, cur *result.Report
	var err error
	if opts.Store != "" {
		old, cur, err = storedPair(ctx, opts)
	} else {
		if old, err = loadReport(opts.Old); err == nil {
			cur, err = loadReport(opts.New)
		}
	}
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

// storedPair reads diff's two reports from the store: two runs by id, or a
// tenant's last two runs.
func storedPair(ctx context.Context, opts *DiffOptions) (*result.Report, *result.Report, error) {
	sf := storeFlags{Path: opts.Store}
	st, err := sf.open(ctx, opts.Factory, "")
	if err != nil {
		return nil, nil, err
	}
	defer st.Close()
	var ids [2]int64
	if opts.tenant != "" {
		runs, err := st.Runs(ctx, opts.tenant)
		if err != nil {
			return nil, nil, err
		}
		if len(runs) < 2 {
			return nil, nil, usageErrorf("%s has %d recorded runs of %q; diff needs two", opts.Store, len(runs), reports.TerminalSafe(opts.tenant))
		}
		ids = [2]int64{runs[len(runs)-2].ID, runs[len(runs)-1].ID}
	} else {
		for i, v := range []string{opts.Old, opts.New} {
			if ids[i], err = strconv.ParseInt(v, 10, 64); err != nil {
				return nil, nil, usageErrorf("with --store, %q must be a run id (m365ready history -o json lists them) or give one tenant", v)
			}
		}
	}
	var out [2]*result.Report
	for i, id := range ids {
		if out[i], err = st.Report(ctx, id); err != nil {
			return nil, nil, usageErrorf("%s: %v", opts.Store, err)
		}
	}
	return out[0], out[1], nil
}
