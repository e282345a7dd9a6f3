package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/iostreams"
	"github.com/m365ready/m365ready/internal/termtable"
)

// TestDiffRefusesDifferentTenants: two tenants' reports are compared only
// when asked, and the comparison then says so first; the table fits the
// terminal.
func TestDiffRefusesDifferentTenants(t *testing.T) {
	dir := t.TempDir()
	demo := demoSnapshot(t)
	a := filepath.Join(dir, "a.json")
	if r := runCLI(t, t.Context(), &fakeCollector{snap: demo}, nil, "audit", "-o", "json="+a); r.code != ExitOK {
		t.Fatalf("audit: %d %s", r.code, r.errOut)
	}
	// The same report, said to be of another tenant.
	var rep map[string]any
	data, _ := os.ReadFile(a)
	json.Unmarshal(data, &rep)
	rep["tenant"] = map[string]any{"id": "00000000-0000-0000-0000-000000000001", "name": "Other Ltd"}
	other, _ := json.Marshal(rep)
	b := filepath.Join(dir, "b.json")
	os.WriteFile(b, other, 0o600)

	r := runCLI(t, t.Context(), nil, nil, "diff", a, b)
	if r.code != ExitUsage || !strings.Contains(r.errOut, "different tenants") || !strings.Contains(r.errOut, "--allow-different-tenants") {
		t.Errorf("different tenants: exit %d %q", r.code, r.errOut)
	}
	r = runCLI(t, t.Context(), nil, nil, "diff", a, b, "--allow-different-tenants", "-o", "json")
	if r.code != ExitOK || !strings.Contains(r.out, `"differentTenants": true`) {
		t.Errorf("allowed: exit %d\n%s", r.code, r.out)
	}
	for _, width := range []int{80, 120} {
		ios, _, _, _ := iostreams.Test()
		ios.SetTerminalWidth(width)
		r := runCLIWith(t, t.Context(), ios, nil, nil, "diff", a, b, "--allow-different-tenants")
		if !strings.Contains(r.out, "DIFFERENT TENANTS (Alder & Finch Architects Ltd and Other Ltd)") {
			t.Errorf("the table does not say the tenants differ:\n%s", r.out)
		}
		for i, line := range strings.Split(r.out, "\n") {
			if termtable.Width(line) > width {
				t.Errorf("diff at %d columns: line %d is %d wide", width, i+1, termtable.Width(line))
			}
		}
	}
	if r := runCLI(t, t.Context(), nil, nil, "diff", a, a); r.code != ExitOK {
		t.Errorf("same tenant: exit %d %s", r.code, r.errOut)
	}
}
