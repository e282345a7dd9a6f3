package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/buildinfo"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/fleet"
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/store"
	"github.com/m365ready/m365ready/reports"
)

// ExitFleetPartial: some tenants of a fleet could not be audited.
const ExitFleetPartial = 6

// FleetPartialError is exit code 6: the portfolio was written, but some
// tenants are in it as "not audited".
type FleetPartialError struct {
	Failed, Total int
	Preflight     bool // fleet --preflight: they could not be checked
}

func (e *FleetPartialError) Error() string {
	if e.Preflight {
		return fmt.Sprintf("%d of %d tenants could not be signed in to (the table says why for each)", e.Failed, e.Total)
	}
	return fmt.Sprintf("%d of %d tenants could not be audited (see the portfolio for why)", e.Failed, e.Total)
}

// FleetOptions are the options of `m365ready fleet`.
type FleetOptions struct {
	Factory   *Factory
	Tenants   string
	Demo      bool
	Parallel  int
	Outputs   []string
	OutDir    string
	Plan      bool
	Config    string
	FailUnder float64
	Store     storeFlags
	Preflight bool
	Shard     string
	RunID     string

	outputs []outputSpec
	shard   fleet.Shard
}

// NewCmdFleet builds `m365ready fleet`.
func NewCmdFleet(f *Factory, runF func(*FleetOptions) error) *cobra.Command {
	opts := &FleetOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "fleet",
		Short: "Audit every tenant in tenants.yaml and rank them in a portfolio",
		Example: `  m365ready fleet --demo                               # three emulated tenants, one of which cannot sign in
  m365ready fleet --tenants tenants.yaml --out-dir reports -o html=portfolio.html
  m365ready fleet --tenants tenants.yaml --parallel 8 -o json=portfolio.json --plan
  m365ready fleet --tenants tenants.yaml --shard 0/4 --run-id weekly-2026-48 --store postgres://m365ready@db/m365ready`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Demo == (opts.Tenants != "") {
				return usageErrorf("fleet needs --tenants FILE or --demo (one of them)")
			}
			if opts.Parallel < 1 || opts.Parallel > 64 {
				return usageErrorf("--parallel must be between 1 and 64 tenants at a time, got %d", opts.Parallel)
			}
			if err := opts.Store.check(); err != nil {
				return err
			}
			if opts.FailUnder < 0 || opts.FailUnder > 100 {
				return usageErrorf("--fail-under must be between 0 and 100, got %g", opts.FailUnder)
			}
			specs, err := parseOutputsFor(opts.Outputs, func(format string) error {
				_, err := reports.NewPortfolio(format, reports.Options{})
				return err
			})
			if err != nil {
				return err
			}
			opts.outputs = specs
			if err := opts.checkShard(); err != nil {
				return err
			}
			if opts.Demo && opts.OutDir == "" {
				opts.OutDir = "m365ready-fleet-demo"
			}
			if runF != nil {
				return runF(opts)
			}
			return fleetRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Tenants, "tenants", "", "the tenants to audit: a tenants.yaml `FILE` (see README, Many tenants)")
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "audit three built-in emulated tenants (reports go to ./m365ready-fleet-demo unless --out-dir)")
	cmd.Flags().IntVar(&opts.Parallel, "parallel", 4, "how many tenants to audit at once")
	cmd.Flags().StringArrayVarP(&opts.Outputs, "output", "o", nil, "write the portfolio as `FORMAT[=FILE]`: "+strings.Join(reports.PortfolioFormats(), ", ")+" (default table)")
	cmd.Flags().StringVar(&opts.OutDir, "out-dir", "", "write each tenant's own report to `DIR`/ALIAS/ (report.html, report.json; plan.html and plan.json with --plan)")
	cmd.Flags().BoolVar(&opts.Plan, "plan", false, "also write each tenant's migration plan under --out-dir")
	cmd.Flags().StringVar(&opts.Config, "config", "", "configuration `FILE` for tenants without their own (config: in tenants.yaml)")
	opts.Store.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.Preflight, "preflight", false, "only sign in to each tenant and check what it grants (doctor per tenant); audit nothing")
	cmd.Flags().Float64Var(&opts.FailUnder, "fail-under", 0, "exit 3 when an audited tenant's worst-case score is under `N`")
	cmd.Flags().StringVar(&opts.Shard, "shard", "", "audit only this process's share of the tenants: `INDEX/COUNT`, index from 0 (0/4 … 3/4); stable by tenant id")
	cmd.Flags().StringVar(&opts.RunID, "run-id", "", "name this fleet run (default $M365READY_RUN_ID): with --store, a tenant already recorded under the `NAME` is read back, not audited again")
	return cmd
}

// checkShard parses --shard and --run-id. Shards writing to one store need
// a run id: it is what lets a shard run again skip what it recorded.
func (o *FleetOptions) checkShard() error {
	if o.RunID == "" {
		o.RunID = o.Factory.Getenv("M365READY_RUN_ID")
	}
	if o.RunID != "" && !runIDRE.MatchString(o.RunID) {
		return usageErrorf("--run-id %q: use 1-100 letters, digits, '.', '_', ':' or '-'", o.RunID)
	}
	if o.Shard == "" {
		return nil
	}
	sh, err := fleet.ParseShard(o.Shard)
	if err != nil {
		return &UsageError{Err: err}
	}
	o.shard = sh
	return nil
}

var runIDRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$`)

func fleetRun(ctx context.Context, opts *FleetOptions) error {
	f := opts.Factory
	base, err := loadConfig(opts.Config)
	if err != nil {
		return err
	}
	st, err := opts.Store.open(ctx, f, base.Store)
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
	}
	// Checked once the store is known, wherever it was named (--store,
	// M365READY_STORE or store: in the configuration).
	if st != nil && opts.Shard != "" && opts.RunID == "" && !opts.Preflight {
		return usageErrorf("--shard with a store needs --run-id NAME (the same in every shard), so that a shard run again records each tenant once")
	}
	entries, stop, err := fleetEntries(ctx, opts, base)
	if err != nil {
		return err
	}
	defer stop()
	fleetSize := len(entries)
	entries = opts.ownShare(entries)
	if opts.Preflight {
		asJSON := false
		for _, o := range opts.outputs {
			asJSON = asJSON || (o.format == "json" && (o.path == "" || o.path == "-"))
		}
		return fleetPreflight(ctx, f, entries, opts.Parallel, asJSON)
	}
	p, err := auditFleet(ctx, opts, base, st, entries, fleetSize)
	if err != nil {
		return err
	}
	ro := reports.Options{Color: f.IOStreams.ColorEnabled(), Width: f.IOStreams.TerminalWidth()}
	err = writeOutputs(ctx, f, opts.outputs, ro, func(format string, o reports.Options) (render, error) {
		r, err := reports.NewPortfolio(format, o)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return r.RenderPortfolio(w, p) }, nil
	})
	if err != nil {
		return err
	}
	if opts.OutDir != "" && !f.Quiet {
		fmt.Fprintf(f.IOStreams.ErrOut, "each tenant's report is in %s/<alias>/\n", opts.OutDir)
	}
	if p.Summary.Failed > 0 {
		return &FleetPartialError{Failed: p.Summary.Failed, Total: p.Summary.Tenants}
	}
	for _, t := range p.Tenants {
		if opts.FailUnder > 0 && t.Score != nil && t.Score.Worst < opts.FailUnder {
			return &ThresholdError{Reason: fmt.Sprintf("tenant %s: worst-case score %.1f is under --fail-under %g", reports.TerminalSafe(t.Alias), t.Score.Worst, opts.FailUnder)}
		}
	}
	return nil
}

// fleetEntries are the tenants to run: tenants.yaml's, or the demo's
// emulated tenants (stop ends their emulators).
func fleetEntries(ctx context.Context, opts *FleetOptions, base *config.Config) ([]fleetEntry, func(), error) {
	f := opts.Factory
	var entries []fleetEntry
	if opts.Demo {
		demoTenants, stop, err := startFleetDemo(ctx, f)
		if err != nil {
			return nil, nil, err
		}
		for _, d := range demoTenants {
			entries = append(entries, fleetEntry{alias: d.alias, key: d.alias, tags: d.tags, auth: d.options})
		}
		return entries, stop, nil
	}
	fl, err := config.LoadFleet(opts.Tenants)
	if err != nil {
		return nil, nil, &UsageError{Err: err}
	}
	for _, t := range fl.Tenants {
		entries = append(entries, fleetEntry{alias: t.Alias, key: t.Tenant, tags: t.Tags, where: fmt.Sprintf("%s line %d", filepath.Base(opts.Tenants), t.Line),
			auth: func() (collect.Options, error) { return fleetAuth(f, t) },
			own:  func() (*config.Config, error) { return tenantConfig(t, base) }})
	}
	return entries, func() {}, nil
}

// ownShare is this process's share of the entries under --shard (all of
// them without).
func (o *FleetOptions) ownShare(entries []fleetEntry) []fleetEntry {
	if o.Shard == "" {
		return entries
	}
	var mine []fleetEntry
	for _, e := range entries {
		if o.shard.Owns(e.key) {
			mine = append(mine, e)
		}
	}
	if f := o.Factory; !f.Quiet {
		fmt.Fprintf(f.IOStreams.ErrOut, "shard %d/%d: %d of the fleet's %d tenants\n", o.shard.Index, o.shard.Count, len(mine), len(entries))
	}
	return mine
}

// auditFleet audits the entries (recording each in st as it ends) and
// ranks them in the portfolio, with each tenant's change since its
// previous recorded run.
func auditFleet(ctx context.Context, opts *FleetOptions, base *config.Config, st *store.Store, entries []fleetEntry, fleetSize int) (*result.Portfolio, error) {
	f := opts.Factory
	run := &fleetRunState{f: f, opts: opts, base: base, st: st, previous: map[string]*store.Run{}}
	var tenants []fleet.Tenant
	for _, e := range entries {
		tenants = append(tenants, run.tenant(e))
	}
	if opts.OutDir != "" {
		if err := os.MkdirAll(opts.OutDir, 0o700); err != nil {
			return nil, fmt.Errorf("--out-dir: %w", err)
		}
	}
	outcomes := fleet.Run(ctx, tenants, opts.Parallel)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	p := fleet.Portfolio(outcomes, buildinfo.String(), f.Now(), opts.Demo)
	p.RunID = opts.RunID
	if opts.Shard != "" {
		p.Shard = &result.PortfolioShard{Index: opts.shard.Index, Count: opts.shard.Count, FleetTenants: fleetSize}
	}
	for i, t := range p.Tenants {
		if prev := run.previous[t.Alias]; prev != nil && t.Score != nil {
			d, at := t.Score.Worst-prev.Worst, prev.CollectedAt
			p.Tenants[i].Change, p.Tenants[i].PreviousAt = &d, &at
		}
	}
	return p, opts.Store.prune(ctx, f, st)
}

// fleetEntry is one tenant of the fleet before it runs.
type fleetEntry struct {
	alias string
	key   string // the tenant id or domain: what the shard is chosen by
	where string // "tenants.yaml line 12", for messages; empty in the demo
	tags  []string
	auth  func() (collect.Options, error)
	own   func() (*config.Config, error)
}

// locate puts the entry's tenants.yaml line before a sign-in or credential
// failure, whether an audit or a preflight met it: that is the entry to fix.
func (e fleetEntry) locate(err error) error {
	var se *collect.SignInError
	var ce *fleet.CredentialError
	if e.where != "" && (errors.As(err, &se) || errors.As(err, &ce)) {
		return fmt.Errorf("%s: %w", e.where, err)
	}
	return err
}

// writeTenantReports writes a tenant's client report (and plan) into dir.
func writeTenantReports(ctx context.Context, dir string, res *pipeline.Result, withPlan bool) ([]string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	type file struct {
		name string
		fill func(io.Writer) error
	}
	files := []file{
		{"report.html", func(w io.Writer) error { return (&reports.HTML{}).Render(w, res.Report) }},
		{"report.json", func(w io.Writer) error { return reports.JSON{}.Render(w, res.Report) }},
	}
	if withPlan && res.Plan != nil {
		files = append(files,
			file{"plan.html", func(w io.Writer) error { return reports.PlanHTML{}.RenderPlan(w, res.Plan) }},
			file{"plan.json", func(w io.Writer) error { return reports.PlanJSON{}.RenderPlan(w, res.Plan) }})
	}
	var out []string
	for _, fl := range files {
		path := filepath.Join(dir, fl.name)
		if err := writeAtomic(ctx, path, fl.fill); err != nil {
			return out, err
		}
		out = append(out, path)
	}
	return out, nil
}

// tenantConfig is the tenant's own configuration, or the shared one.
func tenantConfig(t config.FleetTenant, base *config.Config) (*config.Config, error) {
	if t.Config == "" {
		return base, nil
	}
	c, err := config.Load(t.Config)
	if err != nil {
		return nil, &fleet.ConfigError{Err: err}
	}
	return c, nil
}

// fleetAuth reads a tenant's credential from where tenants.yaml says.
func fleetAuth(f *Factory, t config.FleetTenant) (collect.Options, error) {
	credErr := func(format string, args ...any) (collect.Options, error) {
		return collect.Options{}, &fleet.CredentialError{Err: fmt.Errorf(format, args...)}
	}
	auth := collect.Auth{TenantID: t.Tenant, ClientID: t.ClientID}
	read := func(c *config.CredentialFile) (string, error) {
		if c.Env != "" {
			v := f.Getenv(c.Env)
			if v == "" {
				return "", fmt.Errorf("environment variable %s is not set", c.Env)
			}
			return v, nil
		}
		b, err := os.ReadFile(c.File)
		if err != nil {
			return "", err
		}
		return strings.TrimSpace(string(b)), nil
	}
	switch t.Auth {
	case "client-secret":
		auth.Mode = collect.AuthClientSecret
		v, err := read(t.Secret)
		if err != nil {
			return credErr("secret: %v", err)
		}
		auth.ClientSecret = v
	case "client-certificate":
		auth.Mode, auth.CertificatePath = collect.AuthClientCertificate, t.Certificate.File
		if _, err := os.Stat(t.Certificate.File); err != nil {
			return credErr("certificate: %v", err)
		}
		if env := t.Certificate.PasswordEnv; env != "" {
			auth.CertificatePassword = f.Getenv(env)
		}
	case "workload-identity":
		auth.Mode, auth.FederatedTokenFile = collect.AuthWorkloadIdentity, t.TokenFile
	}
	return collect.Options{Auth: auth, Cloud: t.Cloud, GraphURL: t.GraphURL, AuthorityHost: t.AuthorityHost}, nil
}
