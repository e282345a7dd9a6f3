package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/reports"
)

// outputSpec is one -o value: FORMAT to stdout, or FORMAT=FILE.
type outputSpec struct {
	format string
	path   string // "" or "-" is stdout
}

// parseOutputs checks -o values against the report's formats.
func parseOutputs(values []string) ([]outputSpec, error) {
	return parseOutputsFor(values, func(format string) error {
		_, err := reports.New(format, reports.Options{})
		return err
	})
}

// parseOutputsFor checks -o values; valid refuses a format name.
func parseOutputsFor(values []string, valid func(format string) error) ([]outputSpec, error) {
	if len(values) == 0 {
		values = []string{"table"}
	}
	var out []outputSpec
	stdout := 0
	seen := map[string]bool{}
	for _, v := range values {
		format, path, _ := strings.Cut(v, "=")
		format = strings.ToLower(strings.TrimSpace(format))
		if err := valid(format); err != nil {
			return nil, &UsageError{Err: err}
		}
		switch {
		case path == "-" || (path == "" && !strings.Contains(v, "=")):
			stdout++
			path = ""
		case path == "":
			return nil, usageErrorf("-o %s= has no file name: use -o %s for stdout or -o %s=FILE", format, format, format)
		case seen[path]:
			return nil, usageErrorf("two outputs write to %s", path)
		default:
			if err := checkWritable("-o "+format+"=", path); err != nil {
				return nil, err
			}
		}
		seen[path] = true
		out = append(out, outputSpec{format: format, path: path})
	}
	if stdout > 1 {
		return nil, usageErrorf("only one output can go to stdout; give the others a file: -o html=report.html")
	}
	return out, nil
}

// renderAll streams each file output into a temporary file beside it,
// then writes stdout's, and only when all are written (and the run was not
// interrupted) puts the files in place: a failure or Ctrl-C leaves no report
// written and others not. Nothing is held in memory whole: the JSON report
// of 100,000 people is some 200 MB.
func renderAll(ctx context.Context, f *Factory, specs []outputSpec, rep *result.Report, o reports.Options) error {
	return writeOutputs(ctx, f, specs, o, func(format string, o reports.Options) (render, error) {
		r, err := reports.New(format, o)
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return r.Render(w, rep) }, nil
	})
}

// render writes one output.
type render func(io.Writer) error

// writeOutputs is renderAll for any result: newRender makes a format's
// writer.
func writeOutputs(ctx context.Context, f *Factory, specs []outputSpec, o reports.Options,
	newRender func(format string, o reports.Options) (render, error)) error {
	renderer := func(s outputSpec) (render, error) {
		opts := o
		if s.path != "" {
			opts.Color, opts.Width = false, 0 // files are never coloured
		}
		r, err := newRender(s.format, opts)
		if err != nil {
			return nil, &UsageError{Err: err}
		}
		return r, nil
	}
	var pending []*pendingFile
	discard := func() {
		for _, p := range pending {
			p.discard()
		}
	}
	stdout := -1
	for i, s := range specs {
		if s.path == "" {
			stdout = i
			continue
		}
		r, err := renderer(s)
		if err != nil {
			discard()
			return err
		}
		p, err := writeTemp(ctx, s.path, func(w io.Writer) error {
			if err := r(w); err != nil {
				return fmt.Errorf("render %s: %w", s.format, err)
			}
			return nil
		})
		if err != nil {
			discard()
			return err
		}
		pending = append(pending, p)
	}
	if stdout >= 0 {
		r, err := renderer(specs[stdout])
		if err != nil {
			discard()
			return err
		}
		bw := bufio.NewWriterSize(ctxWriter{ctx, f.IOStreams.Out}, 1<<16)
		if err := r(bw); err != nil {
			discard()
			return err
		}
		if err := bw.Flush(); err != nil {
			discard()
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		discard()
		return err
	}
	for i, p := range pending {
		if err := p.commit(); err != nil {
			for _, q := range pending[i+1:] {
				q.discard()
			}
			return err
		}
		f.Logger.Info("report written", "file", p.path)
	}
	return nil
}
