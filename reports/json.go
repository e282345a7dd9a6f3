package reports

import (
	"encoding/json"
	"io"

	"github.com/m365ready/m365ready/internal/result"
)

// JSON writes the whole report, the stable contract for automation.
// encoding/json escapes <, > and & so the output is safe to embed in HTML.
type JSON struct{}

func (JSON) Render(w io.Writer, r *result.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
