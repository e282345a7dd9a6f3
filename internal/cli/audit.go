package cli

import (
	"context"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/reports"
)

// AuditOptions are the options of `m365ready audit`.
type AuditOptions struct {
	Factory   *Factory
	Auth      authFlags
	Demo      bool
	From      string
	Outputs   []string
	Config    string
	Details   bool
	Redact    bool
	FailUnder float64
	FailOn    string
	// FailUnderEvaluated, AllowSkipped and MinCoverage tune how the run is
	// judged (see Bar and the README's "How to read the score").
	FailUnderEvaluated bool
	AllowSkipped       bool
	MinCoverage        float64
	BrandName          string
	BrandLogo          string
	Preflight          bool
	SignIns            signInLogFlags
	Store              storeFlags

	outputs []outputSpec
	bar     Bar
	logo    string // the --brand-logo image as a data URI
}

// NewCmdAudit builds `m365ready audit`.
func NewCmdAudit(f *Factory, runF func(*AuditOptions) error) *cobra.Command {
	opts := &AuditOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Sign in, collect, evaluate and print the readiness report",
		Example: `  m365ready audit --demo                 # the built-in demo tenant, no sign-in needed
  m365ready audit --tenant contoso.onmicrosoft.com --auth device-code
  AZURE_TENANT_ID=… AZURE_CLIENT_ID=… AZURE_CLIENT_SECRET=… m365ready audit -o json
  m365ready audit --from snapshot.json   # offline, from a saved snapshot`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.Auth.checkSource(cmd.Flags(), opts.Demo, opts.From != ""); err != nil {
				return err
			}
			if opts.Preflight && opts.From != "" {
				return usageErrorf("--preflight and --from cannot be used together: --preflight checks live access")
			}
			specs, err := parseOutputs(opts.Outputs)
			if err != nil {
				return err
			}
			opts.outputs = specs
			bar, err := parseBar(opts.FailUnder, opts.FailUnderEvaluated, opts.FailOn, opts.AllowSkipped)
			if err != nil {
				return err
			}
			opts.bar = bar
			if err := opts.SignIns.check(); err != nil {
				return err
			}
			if err := opts.Store.check(); err != nil {
				return err
			}
			if opts.MinCoverage < 0 || opts.MinCoverage > 1 {
				return usageErrorf("--min-coverage must be between 0 and 1 (a share of the weight), got %g", opts.MinCoverage)
			}
			if n := utf8.RuneCountInString(opts.BrandName); n > maxBrandName || strings.ContainsFunc(opts.BrandName, unicode.IsControl) {
				return usageErrorf("--brand-name must be one line of at most %d characters (it heads every page of the HTML report), got %d", maxBrandName, n)
			}
			// Everything a long collection would otherwise fail on at the end
			// is checked now: the logo, like the output paths above.
			if opts.BrandLogo != "" {
				data, err := os.ReadFile(opts.BrandLogo)
				if err != nil {
					return usageErrorf("--brand-logo: %v", err)
				}
				if opts.logo, err = reports.BrandLogo(data); err != nil {
					return usageErrorf("--brand-logo %s: %v", opts.BrandLogo, err)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return auditRun(cmd.Context(), opts)
		},
	}
	opts.Auth.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "audit the built-in demo tenant (an emulated Graph on loopback; real sign-in)")
	cmd.Flags().StringVar(&opts.From, "from", "", "audit the snapshot `FILE` saved by 'm365ready collect' instead of signing in")
	cmd.Flags().StringArrayVarP(&opts.Outputs, "output", "o", nil, "write the report as `FORMAT[=FILE]`: to stdout, or to FILE; repeatable: "+strings.Join(reports.Formats(), ", ")+" (default table)")
	cmd.Flags().BoolVar(&opts.Preflight, "preflight", false, "only check access (as 'm365ready doctor') and exit")
	cmd.Flags().BoolVar(&opts.Redact, "redact", false, "replace names, UPNs, ids and site URLs with stable pseudonyms in every output")
	cmd.Flags().Float64Var(&opts.FailUnder, "fail-under", 0, "exit 3 when the worst-case score is below `N` (0-100)")
	cmd.Flags().BoolVar(&opts.FailUnderEvaluated, "fail-under-evaluated", false, "compare --fail-under with the score over evaluated checks, not the worst case")
	cmd.Flags().StringVar(&opts.FailOn, "fail-on", "", "exit 3 when a check of this severity or worse fails or could not be evaluated: critical, high, medium, low")
	cmd.Flags().BoolVar(&opts.AllowSkipped, "allow-skipped", false, "--fail-on counts only failed checks, not ones that could not be evaluated")
	cmd.Flags().Float64Var(&opts.MinCoverage, "min-coverage", audit.DefaultMinCoverage, "share of the check weight that must be known for a letter grade; below it the audit is incomplete (exit 5)")
	cmd.Flags().StringVar(&opts.BrandName, "brand-name", "", "your company name on the HTML report")
	opts.Store.register(cmd.Flags())
	cmd.Flags().StringVar(&opts.BrandLogo, "brand-logo", "", "PNG, JPEG, GIF or WebP logo `FILE` embedded in the HTML report")
	cmd.Flags().StringVar(&opts.Config, "config", "", "configuration `FILE` (default ./"+config.DefaultFile+" when present)")
	cmd.Flags().BoolVar(&opts.Details, "details", false, "list each check's findings and every dataset's state")
	opts.SignIns.register(cmd.Flags())
	return cmd
}

func auditRun(ctx context.Context, opts *AuditOptions) error {
	f := opts.Factory
	if opts.Preflight {
		return doctorRun(ctx, &DoctorOptions{Factory: f, Auth: opts.Auth, Demo: opts.Demo})
	}
	cfg, err := loadConfig(opts.Config)
	if err != nil {
		return err
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
	res, err := auditTenant(ctx, f, cfg, sf, opts.MinCoverage, true)
	if err != nil {
		return err
	}
	rep := res.Report
	ro := reports.Options{Color: f.IOStreams.ColorEnabled(), Width: f.IOStreams.TerminalWidth(), Details: opts.Details,
		BrandName: opts.BrandName, BrandLogo: opts.logo}
	if err := renderAll(ctx, f, opts.outputs, rep, ro); err != nil {
		return err
	}
	if err := opts.Store.record(ctx, f, st, rep, res.Plan, "", "audit"); err != nil {
		return err
	}
	return judge(rep, opts.bar)
}

// parseBar checks the --fail-* flags.
func parseBar(failUnder float64, evaluated bool, failOn string, allowSkipped bool) (Bar, error) {
	if failUnder < 0 || failUnder > 100 {
		return Bar{}, usageErrorf("--fail-under must be between 0 and 100, got %g", failUnder)
	}
	bar := Bar{FailUnder: failUnder, FailUnderEvaluated: evaluated, AllowSkipped: allowSkipped}
	if failOn != "" {
		sev, err := result.ParseCheckSeverity(failOn)
		if err != nil {
			return Bar{}, usageErrorf("--fail-on: %v", err)
		}
		bar.FailOn = sev
	}
	return bar, nil
}

// maxBrandName is the longest --brand-name: a company name, not a paragraph.
const maxBrandName = 80

// loadConfig reads --config, or ./m365ready.yaml when it exists.
func loadConfig(path string) (*config.Config, error) {
	explicit := path != ""
	if !explicit {
		path = config.DefaultFile
		if _, err := os.Stat(path); err != nil {
			return &config.Config{}, nil
		}
	}
	c, err := config.Load(path)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	return c, nil
}
