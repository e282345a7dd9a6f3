package collect

import (
	"os"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/golden"
)

const (
	tableStart = "<!-- permissions:start (generated from internal/collect: go test ./internal/collect -update) -->\n"
	tableEnd   = "<!-- permissions:end -->"
)

// TestReadmePermissionTable keeps the README's permission table equal to the
// one table in Endpoints; -update rewrites it.
func TestReadmePermissionTable(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start, end := strings.Index(readme, tableStart), strings.Index(readme, tableEnd)
	if start < 0 || end < start {
		t.Fatalf("README has no permissions table markers %q ... %q", tableStart, tableEnd)
	}
	body := readme[start+len(tableStart) : end]
	line := "All application permissions in one list: `" + strings.Join(ApplicationPermissions(), "`, `") + "`."
	i := strings.Index(readme, "All application permissions in one list:")
	if i < 0 {
		t.Fatal("README lacks the one-line permission list")
	}
	oldLine := readme[i : i+strings.Index(readme[i:], "\n")]
	if body == MarkdownTable() && oldLine == line {
		return
	}
	if !*golden.Update {
		t.Fatalf("README's permission table or one-line list differs from internal/collect's table; run go test ./internal/collect -update")
	}
	readme = readme[:start+len(tableStart)] + MarkdownTable() + readme[end:]
	readme = strings.Replace(readme, oldLine, line, 1)
	if err := os.WriteFile("../../README.md", []byte(readme), 0o644); err != nil {
		t.Fatal(err)
	}
}
