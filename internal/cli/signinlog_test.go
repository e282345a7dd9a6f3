package cli

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// TestSignInLogIsOptIn: audit reads the sign-in log only with --signin-log,
// passes its bounds to the collector, and otherwise says why it was not read.
func TestSignInLogIsOptIn(t *testing.T) {
	demo := demoSnapshot(t)
	c := &fakeCollector{snap: demo}
	r := runCLI(t, t.Context(), c, nil, "audit", "-o", "json")
	if r.code != ExitOK || slices.Contains(c.last.Datasets, tenant.DatasetSignInLog) {
		t.Fatalf("default run: exit %d, datasets %v", r.code, c.last.Datasets)
	}
	var rep result.Report
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Datasets {
		if d.Name == string(tenant.DatasetSignInLog) && (d.State != tenant.StateNotRequested || d.Reason != "off by default: --signin-log reads it") {
			t.Errorf("sign-in log dataset by default: %+v", d)
		}
	}
	r = runCLI(t, t.Context(), c, nil, "audit", "--signin-log", "--signin-log-days", "3", "--signin-log-pages", "5", "-o", "json")
	if r.code != ExitOK || !slices.Contains(c.last.Datasets, tenant.DatasetSignInLog) || c.last.SignInLogDays != 3 || c.last.SignInLogPages != 5 {
		t.Errorf("--signin-log: exit %d, datasets %v, days %d, pages %d", r.code, c.last.Datasets, c.last.SignInLogDays, c.last.SignInLogPages)
	}
}
