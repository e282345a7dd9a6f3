package reports

import (
	"testing"

	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/schema"
)

// TestSchemaIsGenerated keeps schema/report.schema.json equal to what the
// result model's types generate (go test ./reports -update rewrites it).
func TestSchemaIsGenerated(t *testing.T) {
	docs, err := schema.ReadDocs("../internal/result")
	if err != nil {
		t.Fatal(err)
	}
	got, err := schema.Report(docs)
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, "schema/report.schema.json", got)
}
