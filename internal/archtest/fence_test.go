// Package archtest holds tests about the shape of the module.
package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// sdkPrefixes are the modules only internal/graph may depend on.
var sdkPrefixes = []string{
	"github.com/microsoftgraph/",
	"github.com/microsoft/kiota",
	"github.com/Azure/azure-sdk-for-go/",
	"github.com/AzureAD/",
}

// fenced packages may import the SDK: the collector, and main which wires it.
var fenced = map[string]bool{
	"github.com/m365ready/m365ready/internal/graph":    true,
	"github.com/m365ready/m365ready/cmd/m365ready":     true,
	"github.com/m365ready/m365ready/internal/archtest": true,
}

func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list %v: %v\n%s", args, err, ee.Stderr)
		}
		t.Fatalf("go list %v: %v", args, err)
	}
	return strings.Fields(string(out))
}

// TestSDKFence fails if any package outside internal/graph and cmd/m365ready
// depends, directly or not, on msgraph-sdk-go, kiota or azidentity; and it
// checks the same for the test builds of every such package, so their tests
// never compile the SDK. `go list` does not compile anything.
func TestSDKFence(t *testing.T) {
	pkgs := goList(t, "github.com/m365ready/m365ready/...")
	var open []string
	for _, p := range pkgs {
		if !fenced[p] {
			open = append(open, p)
		}
	}
	if len(open) < 5 {
		t.Fatalf("only %d packages found outside the fence: %v", len(open), open)
	}
	for _, p := range open {
		for _, dep := range goList(t, "-deps", "-test", p) {
			for _, bad := range sdkPrefixes {
				if strings.HasPrefix(dep, bad) {
					t.Errorf("%s depends on %s; only internal/graph may import the Graph SDK, kiota or azidentity", p, dep)
				}
			}
		}
	}
}

// TestGraphIsTheOnlySDKImporter is the positive side: internal/graph does use
// the SDK, so the fence test above is not vacuous.
func TestGraphIsTheOnlySDKImporter(t *testing.T) {
	deps := strings.Join(goList(t, "-deps", "github.com/m365ready/m365ready/internal/graph"), " ")
	if !strings.Contains(deps, "github.com/microsoftgraph/msgraph-sdk-go") {
		t.Fatal("internal/graph does not depend on msgraph-sdk-go; the fence list is stale")
	}
}

// TestEveryTestBinaryTakesUpdate keeps `go test ./... -update` working: a test
// binary that does not define -update exits with a usage error, so every
// package with tests must link internal/golden into its test build.
func TestEveryTestBinaryTakesUpdate(t *testing.T) {
	const golden = "github.com/m365ready/m365ready/internal/golden"
	lines := goList(t, "-f", `{{.ImportPath}}:{{len .TestGoFiles}}:{{len .XTestGoFiles}}`, "github.com/m365ready/m365ready/...")
	checked := 0
	for _, line := range lines {
		parts := strings.Split(line, ":")
		if len(parts) != 3 || (parts[1] == "0" && parts[2] == "0") {
			continue
		}
		checked++
		deps := goList(t, "-deps", "-test", parts[0])
		found := false
		for _, d := range deps {
			if d == golden {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s has tests but its test binary does not define -update; add a golden_flag_test.go importing internal/golden", parts[0])
		}
	}
	if checked < 5 {
		t.Fatalf("only %d packages with tests found", checked)
	}
}
