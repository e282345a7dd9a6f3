package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/buildinfo"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/reports"
)

// AuditOptions are the options of `m365ready audit`.
type AuditOptions struct {
	Factory *Factory
	Auth    authFlags
	Demo    bool
	From    string
	Format  string
	Config  string
	Details bool
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
			if opts.Demo && opts.From != "" {
				return usageErrorf("--demo and --from cannot be used together")
			}
			if _, err := reports.New(opts.Format, reports.Options{}); err != nil {
				return &UsageError{Err: err}
			}
			if runF != nil {
				return runF(opts)
			}
			return auditRun(cmd.Context(), opts)
		},
	}
	opts.Auth.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "audit the built-in demo tenant (an emulated Graph on loopback; real sign-in)")
	cmd.Flags().StringVar(&opts.From, "from", "", "audit a snapshot saved by `m365ready collect` instead of signing in")
	cmd.Flags().StringVarP(&opts.Format, "output", "o", "table", "output format: table or json")
	cmd.Flags().StringVar(&opts.Config, "config", "", "configuration file (default ./"+config.DefaultFile+" when present)")
	cmd.Flags().BoolVar(&opts.Details, "details", false, "list each check's findings and every dataset's state")
	return cmd
}

func auditRun(ctx context.Context, opts *AuditOptions) error {
	f := opts.Factory
	cfg, err := loadConfig(opts.Config)
	if err != nil {
		return err
	}
	var snap *tenant.Snapshot
	if opts.From != "" {
		snap, err = loadSnapshot(opts.From)
	} else {
		snap, err = collectSnapshot(ctx, f, &opts.Auth, opts.Demo)
	}
	if err != nil {
		return err
	}
	rep := audit.Build(snap, audit.Options{Tool: buildinfo.String(), Now: f.Now(), Offline: opts.From != "",
		Settings: cfg.Settings, Weights: cfg.Weights, Skip: cfg.Skip, Logf: func(m string) { f.Logger.Error(m) }})
	io := f.IOStreams
	r, err := reports.New(opts.Format, reports.Options{Color: io.ColorEnabled(), Width: io.TerminalWidth(), Details: opts.Details})
	if err != nil {
		return &UsageError{Err: err}
	}
	// Render fully before writing, so a failure never leaves half a report.
	var buf bytes.Buffer
	if err := r.Render(&buf, rep); err != nil {
		return fmt.Errorf("render %s: %w", opts.Format, err)
	}
	_, err = io.Out.Write(buf.Bytes())
	return err
}

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

// maxSnapshotBytes bounds what --from reads (a 300k-person tenant is ~1 GB).
const maxSnapshotBytes = 2 << 30

func loadSnapshot(path string) (*tenant.Snapshot, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, usageErrorf("cannot open snapshot: %v", err)
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err == nil && st.Size() > maxSnapshotBytes {
		return nil, usageErrorf("snapshot %s is %d bytes, more than the %d this build reads", path, st.Size(), maxSnapshotBytes)
	}
	snap, err := tenant.Load(io.LimitReader(fh, maxSnapshotBytes))
	if err != nil {
		return nil, usageErrorf("snapshot %s: %v", path, err)
	}
	return snap, nil
}
