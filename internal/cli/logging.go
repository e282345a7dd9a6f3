package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/m365ready/m365ready/reports"
)

// logSetup is the root command's logging flags.
type logSetup struct {
	debug  bool
	quiet  bool
	format string // "", text or json
}

// logger builds the process's logger. Structured logs (text or json) go to
// stderr when asked for with --log-format or --debug, and by default when
// stderr is not a terminal, where a scheduled job's log collector reads
// them; on a terminal a person sees only warnings and errors, in words.
// --quiet leaves errors only.
func (l logSetup) logger(errOut io.Writer, stderrTTY bool) (*slog.Logger, error) {
	level := slog.LevelInfo
	if l.debug {
		level = slog.LevelDebug
	}
	if l.quiet {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(l.format) {
	case "json":
		return slog.New(slog.NewJSONHandler(errOut, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(errOut, opts)), nil
	case "":
		if !stderrTTY || l.debug {
			return slog.New(slog.NewTextHandler(errOut, opts)), nil
		}
		return slog.New(&humanHandler{w: errOut, level: max(level, slog.LevelWarn), mu: &sync.Mutex{}}), nil
	}
	return nil, usageErrorf("unknown --log-format %q: use text or json", l.format)
}

// humanHandler writes warnings and errors as one plain line each.
type humanHandler struct {
	w     io.Writer
	level slog.Level
	attrs []slog.Attr
	mu    *sync.Mutex
}

func (h *humanHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level }

func (h *humanHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString("m365ready: ")
	if r.Level < slog.LevelError {
		b.WriteString("warning: ")
	}
	b.WriteString(r.Message)
	var kv []string
	add := func(a slog.Attr) bool {
		kv = append(kv, a.Key+"="+a.Value.String())
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	if len(kv) > 0 {
		b.WriteString(" (" + strings.Join(kv, ", ") + ")")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	// Over the live progress line, if one is drawn; the text itself may
	// quote tenant data, so it is made safe for the terminal.
	_, err := fmt.Fprintln(h.w, "\r\x1b[K"+reports.TerminalSafe(b.String()))
	return err
}

func (h *humanHandler) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.attrs = append(append([]slog.Attr{}, h.attrs...), as...)
	return &c
}

func (h *humanHandler) WithGroup(string) slog.Handler { return h }
