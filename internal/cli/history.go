package cli

import (
	"context"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/store"
	"github.com/m365ready/m365ready/reports"
)

// HistoryOptions are the options of `m365ready history`.
type HistoryOptions struct {
	Factory  *Factory
	Tenant   string
	Store    storeFlags
	Outputs  []string
	Expiring string

	outputs  []outputSpec
	expiring time.Duration
}

// NewCmdHistory builds `m365ready history [TENANT]`.
func NewCmdHistory(f *Factory, runF func(*HistoryOptions) error) *cobra.Command {
	opts := &HistoryOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "history [TENANT]",
		Short: "Score and coverage over time, and each finding new, fixed, regressed or persisting since the previous run",
		Example: `  m365ready audit --store history.db        # each run recorded
  m365ready history --store history.db       # every tenant
  m365ready history alder-finch --store history.db -o json --keep 180d`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("history takes at most one tenant (its id, alias or name)")
			}
			if len(args) == 1 {
				opts.Tenant = args[0]
			}
			if opts.Store.Path == "" && f.Getenv(storeEnv) == "" {
				return &UsageError{Err: errNoStore}
			}
			if err := opts.Store.check(); err != nil {
				return err
			}
			d, err := parseAge(opts.Expiring)
			if err != nil || d < 0 {
				return usageErrorf("--expiring-within %q: give an age like 30d, 8w or 720h", opts.Expiring)
			}
			opts.expiring = d
			specs, err := parseOutputsFor(opts.Outputs, func(format string) error {
				_, err := reports.NewHistory(format, reports.Options{})
				return err
			})
			if err != nil {
				return err
			}
			opts.outputs = specs
			if runF != nil {
				return runF(opts)
			}
			return historyRun(cmd.Context(), opts)
		},
	}
	opts.Store.register(cmd.Flags())
	cmd.Flags().StringVar(&opts.Expiring, "expiring-within", "30d", "list accepted risks that expire within `AGE` (or have expired), across every tenant")
	cmd.Flags().StringArrayVarP(&opts.Outputs, "output", "o", nil, "write the history as `FORMAT[=FILE]`: "+strings.Join(reports.HistoryFormats(), ", ")+" (default table)")
	return cmd
}

func historyRun(ctx context.Context, opts *HistoryOptions) error {
	f := opts.Factory
	st, err := opts.Store.open(ctx, f, "")
	if err != nil {
		return err
	}
	defer st.Close()
	h := &result.History{GeneratedAt: f.Now().UTC(), Tenants: []result.TenantHistory{}, Expiring: []result.ExpiringAcceptance{},
		ExpiringWithinDays: int(opts.expiring / (24 * time.Hour))}
	if opts.Store.keep > 0 {
		if h.Pruned, err = st.Prune(ctx, f.Now().Add(-opts.Store.keep)); err != nil {
			return err
		}
	}
	runs, err := st.Runs(ctx, opts.Tenant)
	if err != nil {
		return err
	}
	if len(runs) == 0 && opts.Tenant != "" {
		return usageErrorf("no run of %q in %s: name a tenant by its id, alias or name, or leave it out for every tenant", reports.TerminalSafe(opts.Tenant), opts.Store.where())
	}
	byTenant := map[string]int{}
	for _, r := range runs {
		i, ok := byTenant[r.TenantID]
		if !ok {
			i = len(h.Tenants)
			byTenant[r.TenantID] = i
			h.Tenants = append(h.Tenants, result.TenantHistory{TenantID: r.TenantID, Changes: []result.FindingChange{}})
		}
		t := &h.Tenants[i]
		t.Name, t.Alias = r.TenantName, r.Alias // the latest names win
		t.Runs = append(t.Runs, r)
	}
	for i := range h.Tenants {
		changes, err := st.Changes(ctx, h.Tenants[i].Runs)
		if err != nil {
			return err
		}
		if changes != nil {
			h.Tenants[i].Changes = changes
		}
		expiring, err := expiringAcceptances(ctx, st, h.Tenants[i], h.GeneratedAt, h.ExpiringWithinDays)
		if err != nil {
			return err
		}
		h.Expiring = append(h.Expiring, expiring...)
	}
	sort.SliceStable(h.Expiring, func(i, j int) bool { return h.Expiring[i].Expires < h.Expiring[j].Expires })
	ro := reports.Options{Color: f.IOStreams.ColorEnabled(), Width: f.IOStreams.TerminalWidth()}
	return writeOutputs(ctx, f, opts.outputs, ro, func(format string, o reports.Options) (render, error) {
		r, err := reports.NewHistory(format, o)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return r.RenderHistory(w, h) }, nil
	})
}

// expiringAcceptances are the accepted risks of the tenant's latest run
// that expire within days of now, or have expired.
func expiringAcceptances(ctx context.Context, st *store.Store, tn result.TenantHistory, now time.Time, days int) ([]result.ExpiringAcceptance, error) {
	if len(tn.Runs) == 0 {
		return nil, nil
	}
	rep, err := st.Report(ctx, tn.Runs[len(tn.Runs)-1].ID)
	if err != nil {
		return nil, err
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	var out []result.ExpiringAcceptance
	for _, a := range rep.Acceptances {
		exp, err := time.Parse("2006-01-02", a.Expires)
		if err != nil {
			continue // the configuration refuses such a date; an old report may not have
		}
		left := int(exp.Sub(today).Hours() / 24)
		if left > days {
			continue
		}
		out = append(out, result.ExpiringAcceptance{TenantID: tn.TenantID, Alias: tn.Alias, Name: tn.Name, Check: a.Check,
			Object: a.Object, Owner: a.Owner, Expires: a.Expires, DaysLeft: left, Expired: left < 0})
	}
	return out, nil
}
