// Package reports renders a result.Report. Each format is one file with one
// Renderer; they take the result model and nothing else.
package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// Renderer writes a report in one format.
type Renderer interface {
	Render(w io.Writer, r *result.Report) error
}

// Options are what renderers may vary on besides the report.
type Options struct {
	Color bool // ANSI colour (the table on a TTY without NO_COLOR)
	Width int  // terminal width in columns; 0 means unlimited
	// Details adds each check's findings to the terminal report.
	Details bool
	// BrandName and BrandLogo (a data: URI made by BrandLogo) brand the HTML report.
	BrandName string
	BrandLogo string
}

// formatSet is one family of renderers (the report's, the plan's, the
// portfolio's) by format name; what names the family in errors.
type formatSet[R any] struct {
	what string
	mk   map[string]func(Options) R
}

func (s formatSet[R]) names() []string {
	out := make([]string, 0, len(s.mk))
	for k := range s.mk {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s formatSet[R]) get(format string, o Options) (R, error) {
	mk, ok := s.mk[strings.ToLower(format)]
	if !ok {
		var zero R
		return zero, fmt.Errorf("unknown %s format %q: use one of %s", s.what, format, strings.Join(s.names(), ", "))
	}
	return mk(o), nil
}

// formats maps a format name to its constructor.
var formats = formatSet[Renderer]{"output", map[string]func(Options) Renderer{
	"table":    func(o Options) Renderer { return &Table{Options: o} },
	"json":     func(Options) Renderer { return JSON{} },
	"html":     func(o Options) Renderer { return &HTML{Options: o} },
	"markdown": func(o Options) Renderer { return &Markdown{Options: o} },
	"csv":      func(Options) Renderer { return CSV{} },
	"junit":    func(Options) Renderer { return JUnit{} },
}}

// Formats lists the format names.
func Formats() []string { return formats.names() }

// New returns the renderer for a format name.
func New(format string, o Options) (Renderer, error) { return formats.get(format, o) }
