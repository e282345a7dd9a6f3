package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/buildinfo"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
)

// DoctorOptions are the options of `m365ready doctor`.
type DoctorOptions struct {
	Factory *Factory
	Auth    authFlags
	Demo    bool
}

// NewCmdDoctor builds `m365ready doctor`.
func NewCmdDoctor(f *Factory, runF func(*DoctorOptions) error) *cobra.Command {
	opts := &DoctorOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Sign in and show which checks will run, and why others would be skipped",
		Long: `doctor signs in, reads the token's permissions and the tenant's licences, and prints
for every check whether it will run or be skipped, and why (missing permission X, tenant lacks
licence Y). It exits 0 only when every check can run, else 3.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return doctorRun(cmd.Context(), opts)
		},
	}
	opts.Auth.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "check access to the built-in demo tenant")
	return cmd
}

func doctorRun(ctx context.Context, opts *DoctorOptions) error {
	f := opts.Factory
	var co collect.Options
	if opts.Demo {
		o, stop, err := startDemo(ctx, f)
		if err != nil {
			return err
		}
		defer stop()
		co = o
	} else {
		o, err := opts.Auth.options(f.Getenv)
		if err != nil {
			return err
		}
		if err := refuseUnattendedPrompt(f, o); err != nil {
			return err
		}
		co = o
	}
	co.Logger, co.Tool, co.Now = f.Logger, buildinfo.String(), f.Now
	pf, ok := f.Collector().(collect.Preflighter)
	if !ok {
		return errors.New("this collector cannot run a preflight")
	}
	access, err := pf.Preflight(ctx, co)
	if err != nil {
		return err
	}
	return printAccess(f, access)
}

func yesNo(b *bool) string {
	switch {
	case b == nil:
		return "unknown"
	case *b:
		return "yes"
	}
	return "no"
}

// printAccess prints the matrix and returns a ThresholdError when some check
// cannot run.
func printAccess(f *Factory, a *collect.Access) error {
	w := f.IOStreams.Out
	kind := "delegated (scp)"
	if a.AppOnly {
		kind = "application (roles)"
	}
	fmt.Fprintf(w, "Token permissions, %s: %s\n", kind, strings.Join(a.Granted, ", "))
	if a.SKUsError != "" {
		fmt.Fprintf(w, "Licences: unknown (subscribed SKUs: %s)\n\n", a.SKUsError)
	} else {
		fmt.Fprintf(w, "Licences: Entra ID P1 %s, Entra ID P2 %s, Intune %s\n\n", yesNo(a.P1), yesNo(a.P2), yesNo(a.Intune))
	}
	tw := table.NewWriter()
	tw.SetOutputMirror(w)
	tw.SetStyle(table.StyleDefault)
	tw.AppendHeader(table.Row{"Check", "Will run", "Why not / what is missing"})
	blocked := 0
	for _, c := range checks.Builtin() {
		var missing, partial []string
		for _, d := range c.Requires {
			switch r, why := a.DatasetAccess(d); r {
			case collect.Unreadable:
				missing = append(missing, string(d)+": "+why)
			case collect.Partly:
				partial = append(partial, string(d)+": "+why)
			}
		}
		for _, d := range c.Uses {
			if r, why := a.DatasetAccess(d); r != collect.Readable {
				partial = append(partial, string(d)+": "+why)
			}
		}
		state := "yes"
		detail := strings.Join(partial, "; ")
		if len(missing) > 0 {
			state, detail = "no, skipped", strings.Join(missing, "; ")
			blocked++
		} else if len(partial) > 0 {
			state = "yes, partly"
		}
		tw.AppendRow(table.Row{c.ID + " " + c.Title, state, detail})
	}
	tw.Render()
	fmt.Fprintln(w)
	dt := table.NewWriter()
	dt.SetOutputMirror(w)
	dt.SetStyle(table.StyleDefault)
	dt.AppendHeader(table.Row{"Dataset", "Readable", "Why not"})
	for _, d := range tenant.AllDatasets() {
		r, why := a.DatasetAccess(d)
		dt.AppendRow(table.Row{d, string(r), why})
	}
	dt.Render()
	if blocked > 0 {
		return &ThresholdError{Reason: fmt.Sprintf("%d of %d checks would be skipped; see 'm365ready permissions'", blocked, len(checks.Builtin()))}
	}
	return nil
}
