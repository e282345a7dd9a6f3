package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/buildinfo"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/termtable"
)

// DoctorOptions are the options of `m365ready doctor`.
type DoctorOptions struct {
	Factory *Factory
	Auth    authFlags
	Demo    bool
	Format  dataFormat
}

// NewCmdDoctor builds `m365ready doctor`.
func NewCmdDoctor(f *Factory, runF func(*DoctorOptions) error) *cobra.Command {
	opts := &DoctorOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Sign in and show which checks will run, and why others would be skipped",
		Long: `doctor signs in, reads the token's permissions and the tenant's licences, and prints
for every check whether it will run or be skipped, and why (missing permission X, tenant lacks
licence Y). It exits 3 when a missing permission keeps a check from running, else 0: a licence
the tenant does not have is listed, but no grant would change it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.Format.validate(); err != nil {
				return err
			}
			if err := opts.Auth.checkSource(cmd.Flags(), opts.Demo, false); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return doctorRun(cmd.Context(), opts)
		},
	}
	opts.Auth.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "check access to the built-in demo tenant")
	opts.Format.register(cmd.Flags())
	return cmd
}

func doctorRun(ctx context.Context, opts *DoctorOptions) error {
	f := opts.Factory
	var co collect.Options
	if opts.Demo {
		o, stop, err := pipeline.StartDemo(ctx, f.Now, f.Logger)
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
	return printAccess(f, access, opts.Format)
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

// runText is how the table says whether a check will run.
var runText = map[string]string{runYes: "yes", runPartly: "partly", runNotLicensed: "not licensed", runNo: "no"}

// printAccess prints what doctor found and returns a ThresholdError when a
// missing permission keeps some check from running; a licence the tenant
// lacks is listed but is no failure, as no grant would help.
func printAccess(f *Factory, a *collect.Access, format dataFormat) error {
	rep := newDoctorReport(a)
	if format.json() {
		if err := writeJSON(f.IOStreams.Out, rep); err != nil {
			return err
		}
	} else {
		printDoctorTable(f, rep)
	}
	if rep.Blocked > 0 {
		return &ThresholdError{Reason: fmt.Sprintf("%d of %d checks would be skipped for want of a permission; see 'm365ready permissions'", rep.Blocked, len(rep.Checks))}
	}
	return nil
}

func printDoctorTable(f *Factory, rep doctorReport) {
	w, width, color := f.IOStreams.Out, f.IOStreams.TerminalWidth(), f.IOStreams.ColorEnabled()
	granted := strings.Join(rep.Granted, ", ")
	if granted == "" {
		granted = "(none)"
	}
	kind := map[string]string{"application": "application (roles)", "delegated": "delegated (scp)"}[rep.SignIn]
	fmt.Fprintln(w, termtable.Indent("Token permissions, "+kind+": ", granted, width))
	if rep.Licences == nil {
		fmt.Fprintln(w, termtable.Indent("Licences: ", "unknown (subscribed SKUs: "+rep.LicencesError+")", width))
	} else {
		l := rep.Licences
		fmt.Fprintf(w, "Licences: Entra ID P1 %s, Entra ID P2 %s, Intune %s\n", yesNo(l.P1), yesNo(l.P2), yesNo(l.Intune))
	}
	fmt.Fprintln(w)
	ct := termtable.New(width, color, termtable.Column{Header: "Check", Wrap: true, Max: 40, Min: 20}, termtable.Column{Header: "Will run"},
		termtable.Column{Header: "Why not / what is missing", Wrap: true, Max: 70, Share: 2, Min: 30})
	for _, c := range rep.Checks {
		var why []string
		for _, m := range c.Missing {
			why = append(why, m.Dataset+": "+m.short())
		}
		ct.Row(c.ID+" "+c.Title, runText[c.Run], strings.Join(why, "; "))
	}
	ct.Render(w)
	fmt.Fprintln(w)
	dt := termtable.New(width, color, termtable.Column{Header: "Dataset"}, termtable.Column{Header: "Readable"},
		termtable.Column{Header: "Why not", Wrap: true, Max: 80, Min: 40})
	for _, d := range rep.Datasets {
		dt.Row(d.Dataset, strings.ReplaceAll(d.Readable, "_", " "), d.short())
	}
	dt.Render(w)
	if rep.NotLicensed > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, termtable.Indent("", fmt.Sprintf("%d checks need a licence the tenant does not have; they will be reported as skipped, "+
			"and no permission would change that.", rep.NotLicensed), width))
	}
}
