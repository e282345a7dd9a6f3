// Package cli is the m365ready command line: cobra commands following gh's
// pattern (an options struct, NewCmdX(f, runF), xRun(opts)). It never imports
// the Graph SDK: the collector arrives through the Factory.
package cli

import (
	"log/slog"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/iostreams"
)

// Factory holds what commands need from the outside world, built lazily.
type Factory struct {
	IOStreams *iostreams.IOStreams
	// Collector returns the Graph collector (internal/graph in the binary).
	Collector func() collect.Collector
	// Now is the clock (fixed in tests).
	Now func() time.Time
	// Logger writes to stderr; set up by the root command from --debug,
	// --log-format and --quiet.
	Logger *slog.Logger
	// Quiet is --quiet: no progress or summary on stderr.
	Quiet bool
	// Getenv reads the environment (a map in tests).
	Getenv func(string) string
	// LookPath finds a program on PATH (exec.LookPath when nil).
	LookPath func(string) (string, error)
}
