package reports

import (
	"io"

	"github.com/m365ready/m365ready/internal/result"
)

// PlanJSON writes the whole plan with the report's JSON writer (the same
// escaping of invisible and markup characters).
type PlanJSON struct{}

func (PlanJSON) RenderPlan(w io.Writer, p *result.Plan) error { return writeJSON(w, *p) }
