package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/buildinfo"
)

// VersionOptions are the options of `m365ready version`.
type VersionOptions struct {
	Factory *Factory
	Format  dataFormat
}

// NewCmdVersion builds `m365ready version`.
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := opts.Format.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return versionRun(opts)
		},
	}
	opts.Format.register(cmd.Flags())
	return cmd
}

func versionRun(opts *VersionOptions) error {
	w := opts.Factory.IOStreams.Out
	if opts.Format.json() {
		return writeJSON(w, buildinfo.Get())
	}
	_, err := fmt.Fprintln(w, buildinfo.Full())
	return err
}
