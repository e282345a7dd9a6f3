package cli

import (
	"strings"

	"github.com/m365ready/m365ready/internal/buildinfo"

	"github.com/spf13/cobra"
)

const exitCodesHelp = `Exit codes:
  0    success
  1    runtime error
  2    usage error: a bad flag, argument, config or input file
  3    below the bar: the worst-case score is under --fail-under, or a check of
       --fail-on severity failed (or could not be evaluated, unless --allow-skipped)
  4    sign-in failed
  5    incomplete audit: coverage under --min-coverage, a critical check not
       evaluated, or nothing collected (the reports are still written)
  6    fleet: some tenants could not be audited, or audited but not recorded in
       the store (the portfolio is still written and says why for each); it
       wins over 3
  130  interrupted (Ctrl-C)`

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	var logs logSetup
	cmd := &cobra.Command{
		Use:   "m365ready",
		Short: "Audit a Microsoft 365 tenant's readiness for Microsoft 365 sign-in",
		Long: `m365ready signs in to a Microsoft 365 tenant through Microsoft Graph, reads what it
needs (read-only), runs readiness checks and prints a scored report.

Try it without a tenant:  m365ready audit --demo`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			l, err := logs.logger(f.IOStreams.ErrOut, f.IOStreams.IsStderrTTY())
			if err != nil {
				return err
			}
			f.Logger, f.Quiet = l, logs.quiet
			return nil
		},
	}
	// The exit codes once, on the root's help and as a help topic; each
	// command's help points there.
	cmd.SetUsageTemplate(cmd.UsageTemplate() + "{{if not .HasParent}}\n" + exitCodesHelp + "\n{{else}}\nExit codes: m365ready help exit-codes\n{{end}}")
	cmd.Version = buildinfo.Full()
	cmd.SetVersionTemplate("{{.Version}}\n")
	cmd.PersistentFlags().BoolVar(&logs.debug, "debug", false, "log every Graph request (method, URL, status, duration, request-id) to stderr")
	cmd.PersistentFlags().StringVar(&logs.format, "log-format", "", "structured logs on stderr: text or json (the default when stderr is not a terminal is text)")
	cmd.PersistentFlags().BoolVarP(&logs.quiet, "quiet", "q", false, "print nothing but the report and errors: no progress, summary or logs")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{Err: err} })
	cmd.AddCommand(&cobra.Command{Use: "exit-codes", Short: "What each exit code means", Long: exitCodesHelp})
	cmd.AddCommand(NewCmdAudit(f, nil), NewCmdPlan(f, nil), NewCmdFleet(f, nil), NewCmdConsentURL(f, nil), NewCmdHistory(f, nil), NewCmdCollect(f, nil), NewCmdChecks(f, nil), NewCmdDiff(f, nil), NewCmdDoctor(f, nil), NewCmdPermissions(f, nil), NewCmdConfig(f, nil), NewCmdVersion(f, nil))
	return cmd
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.CommandPath(), strings.Join(args, " "))
	}
	return nil
}
