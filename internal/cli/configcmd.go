package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/config"
)

// ConfigOptions are the options of `m365ready config validate`.
type ConfigOptions struct {
	Factory *Factory
	Path    string
}

// NewCmdConfig builds `m365ready config`.
func NewCmdConfig(f *Factory, runF func(*ConfigOptions) error) *cobra.Command {
	cmd := &cobra.Command{Use: "config", Short: "Work with the configuration file (" + config.DefaultFile + ")"}
	opts := &ConfigOptions{Factory: f}
	validate := &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a configuration file without signing in (default ./" + config.DefaultFile + ")",
		Long: `validate reads a configuration file as audit would and says what it sets, or what is wrong
with it (the line, the key, what was expected) and exits 2. Entries that need the tenant to be
checked (an accepted risk or an account that matches nothing) are reported by audit, as warnings
in the report.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Path = config.DefaultFile
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return configValidateRun(opts)
		},
	}
	cmd.AddCommand(validate)
	return cmd
}

func configValidateRun(opts *ConfigOptions) error {
	c, err := config.Load(opts.Path)
	if err != nil {
		return &UsageError{Err: err}
	}
	s := c.Settings
	var parts []string
	count := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, plural(n, one, many))
		}
	}
	count(len(s.Accounts), "account classified", "accounts classified")
	count(len(s.Accepted), "accepted risk", "accepted risks")
	count(len(c.Weights), "weight changed", "weights changed")
	count(len(c.Skip), "check skipped", "checks skipped")
	for _, t := range []struct {
		name string
		v    int
	}{{"stale devices after", s.StaleDeviceDays}, {"dormant accounts after", s.DormantDays}, {"inactive guests after", s.InactiveGuestDays}} {
		if t.v > 0 {
			parts = append(parts, fmt.Sprintf("%s %d days", t.name, t.v))
		}
	}
	if s.MinGlobalAdmins > 0 || s.MaxGlobalAdmins > 0 {
		parts = append(parts, "a Global Administrator range")
	}
	what := "nothing (every default applies)"
	if len(parts) > 0 {
		what = strings.Join(parts, ", ")
	}
	_, err = fmt.Fprintf(opts.Factory.IOStreams.Out, "%s is valid: %s\n", opts.Path, what)
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
