package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Main runs the command line and returns the exit code. Ctrl-C cancels the
// context: I/O stops, no partial file is left, and the code is 130.
func Main(f *Factory, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return MainContext(ctx, f, args)
}

// MainContext is Main with the context given: cancelling it is Ctrl-C.
func MainContext(ctx context.Context, f *Factory, args []string) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetOut(f.IOStreams.Out)
	root.SetErr(f.IOStreams.ErrOut)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	code := exitCode(err)
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || code != ExitUsage) {
		code = ExitInterrupted
		err = errors.New("interrupted")
	}
	msg := "m365ready: " + oneLine(err.Error())
	if code == ExitUsage && !strings.Contains(msg, "'m365ready ") {
		msg += " (see 'm365ready --help')" // one pointer: the message may name a better one
	}
	fmt.Fprintln(f.IOStreams.ErrOut, msg)
	return code
}

// oneLine keeps error output to a single line.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}
