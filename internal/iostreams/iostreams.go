// Package iostreams holds the process's standard streams and what is known
// about them: whether stdout is a terminal, its width, and whether colour is
// allowed (a TTY, and NO_COLOR unset).
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes. Data goes to Out;
// progress, prompts and logs go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdoutTTY bool
	stderrTTY bool
	color     bool
	width     int
}

// System returns the real streams.
func System() *IOStreams {
	outTTY := isTerminal(os.Stdout)
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, stdoutTTY: outTTY, stderrTTY: isTerminal(os.Stderr)}
	s.color = outTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	if outTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
			s.width = w
		}
	}
	return s
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// Test returns streams backed by buffers, not a terminal.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut, width: 100}, in, out, errOut
}

// IsStdoutTTY reports whether stdout is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// ColorEnabled reports whether output may use colour.
func (s *IOStreams) ColorEnabled() bool { return s.color }

// TerminalWidth is stdout's width in columns (0 when not a terminal: no limit).
func (s *IOStreams) TerminalWidth() int { return s.width }

// SetStdoutTTY lets tests pretend stdout is a terminal.
func (s *IOStreams) SetStdoutTTY(tty bool) { s.stdoutTTY = tty }

// SetStderrTTY lets tests pretend stderr is a terminal.
func (s *IOStreams) SetStderrTTY(tty bool) { s.stderrTTY = tty }

// SetColorEnabled lets tests switch colour.
func (s *IOStreams) SetColorEnabled(on bool) { s.color = on }

// SetTerminalWidth lets tests fix the width.
func (s *IOStreams) SetTerminalWidth(w int) { s.width = w }
