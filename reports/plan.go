package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// PlanRenderer writes the migration plan in one format.
type PlanRenderer interface {
	RenderPlan(w io.Writer, p *result.Plan) error
}

// planFormats maps a plan format name to its constructor; each is one file.
var planFormats = map[string]func(Options) PlanRenderer{
	"table":    func(o Options) PlanRenderer { return PlanTable{Options: o} },
	"json":     func(Options) PlanRenderer { return PlanJSON{} },
	"csv":      func(Options) PlanRenderer { return PlanCSV{} },
	"markdown": func(Options) PlanRenderer { return PlanMarkdown{} },
}

// PlanFormats lists the plan's format names.
func PlanFormats() []string {
	out := make([]string, 0, len(planFormats))
	for k := range planFormats {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// NewPlan returns the plan renderer for a format name.
func NewPlan(format string, o Options) (PlanRenderer, error) {
	mk, ok := planFormats[strings.ToLower(format)]
	if !ok {
		return nil, fmt.Errorf("unknown plan format %q: use one of %s", format, strings.Join(PlanFormats(), ", "))
	}
	return mk(o), nil
}
