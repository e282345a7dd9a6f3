package cli

import (
	"bytes"
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

func parseOutputs(values []string) ([]outputSpec, error) {
	if len(values) == 0 {
		values = []string{"table"}
	}
	var out []outputSpec
	stdout := 0
	seen := map[string]bool{}
	for _, v := range values {
		format, path, _ := strings.Cut(v, "=")
		format = strings.ToLower(strings.TrimSpace(format))
		if _, err := reports.New(format, reports.Options{}); err != nil {
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

// renderAll renders every output, then writes every file under a temporary
// name, and only when all are written (and the run was not interrupted)
// puts them in place and writes stdout: a failure or Ctrl-C leaves no report
// written and others not.
func renderAll(ctx context.Context, f *Factory, specs []outputSpec, rep *result.Report, o reports.Options) error {
	rendered := make([][]byte, len(specs))
	for i, s := range specs {
		if err := ctx.Err(); err != nil {
			return err
		}
		opts := o
		if s.path != "" {
			opts.Color, opts.Width = false, 0 // files are never coloured
		}
		r, err := reports.New(s.format, opts)
		if err != nil {
			return &UsageError{Err: err}
		}
		var buf bytes.Buffer
		if err := r.Render(&buf, rep); err != nil {
			return fmt.Errorf("render %s: %w", s.format, err)
		}
		rendered[i] = buf.Bytes()
	}
	var pending []*pendingFile
	discard := func() {
		for _, p := range pending {
			p.discard()
		}
	}
	for i, s := range specs {
		if s.path == "" {
			continue
		}
		data := rendered[i]
		p, err := writeTemp(ctx, s.path, func(w io.Writer) error { _, err := w.Write(data); return err })
		if err != nil {
			discard()
			return err
		}
		pending = append(pending, p)
	}
	if err := ctx.Err(); err != nil {
		discard()
		return err
	}
	for i, s := range specs {
		if s.path == "" {
			if _, err := f.IOStreams.Out.Write(rendered[i]); err != nil {
				discard()
				return err
			}
		}
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
