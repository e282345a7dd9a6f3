package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/buildinfo"
)

// VersionOptions are the options of `m365ready version`.
type VersionOptions struct{ Factory *Factory }

// NewCmdVersion builds `m365ready version`.
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{Factory: f}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			_, err := fmt.Fprintln(f.IOStreams.Out, buildinfo.Full())
			return err
		},
	}
}
