package collect

import (
	"os"
	"strings"
	"testing"
)

// TestReadmePermissionTable keeps the README's permission table in step with
// Specs: every dataset's endpoint and permissions must be in it.
func TestReadmePermissionTable(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start, end := strings.Index(readme, "<!-- permissions:start"), strings.Index(readme, "<!-- permissions:end -->")
	if start < 0 || end < start {
		t.Fatal("README has no permissions table markers")
	}
	table := readme[start:end]
	for _, s := range Specs() {
		row := "| `" + string(s.Dataset) + "` | " + s.Endpoint + " | `" + s.Application + "` | `" + s.Delegated + "` |"
		if !strings.Contains(table, row) {
			t.Errorf("README permissions table lacks %q; regenerate with go run ./internal/collect/gentable/main.go", row)
		}
	}
}

func TestReadmeListsEveryApplicationPermission(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "All application permissions in one list:")
	if i < 0 {
		t.Fatal("README lacks the one-line permission list")
	}
	line := string(data[i : i+strings.Index(string(data[i:]), "\n")])
	for _, p := range ApplicationPermissions() {
		if !strings.Contains(line, "`"+p+"`") {
			t.Errorf("the README's one-line list lacks %s", p)
		}
	}
}
