package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/pipeline"
)

// Exit codes, documented in the README and in --help.
const (
	ExitOK          = 0
	ExitError       = 1
	ExitUsage       = 2
	ExitThreshold   = 3
	ExitSignIn      = 4
	ExitIncomplete  = 5
	ExitInterrupted = 130
)

// UsageError is a bad flag, argument, config or input file: exit 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	var ue *UsageError
	var se *collect.SignInError
	var te *ThresholdError
	var ie *IncompleteError
	var snapErr *pipeline.SnapshotError
	var fp *FleetPartialError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &fp):
		return ExitFleetPartial
	case errors.As(err, &ie):
		return ExitIncomplete
	case errors.As(err, &te):
		return ExitThreshold
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &se):
		return ExitSignIn
	case errors.As(err, &ue), errors.As(err, &snapErr):
		return ExitUsage
	}
	return ExitError
}
