package cli

import (
	"bytes"
	"fmt"
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
		if path == "" || path == "-" {
			stdout++
			path = ""
		} else if seen[path] {
			return nil, usageErrorf("two outputs write to %s", path)
		}
		seen[path] = true
		out = append(out, outputSpec{format: format, path: path})
	}
	if stdout > 1 {
		return nil, usageErrorf("only one output can go to stdout; give the others a file: -o html=report.html")
	}
	return out, nil
}

// renderAll renders every output before writing any, so a failure never
// leaves some reports written and others not; files are then written
// atomically with mode 0600 (they hold tenant data).
func renderAll(f *Factory, specs []outputSpec, rep *result.Report, o reports.Options) error {
	rendered := make([][]byte, len(specs))
	for i, s := range specs {
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
	for i, s := range specs {
		if s.path == "" {
			if _, err := f.IOStreams.Out.Write(rendered[i]); err != nil {
				return err
			}
			continue
		}
		if err := writeFileAtomic(s.path, rendered[i]); err != nil {
			return err
		}
		f.Logger.Info("report written", "format", s.format, "file", s.path)
	}
	return nil
}
