package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
)

// TestFleetFromTenantsFile: each tenant signs in with its own credential
// from where tenants.yaml says; one whose secret variable is unset is not
// audited (credential) and the others still are (exit 6); a tenant's own
// configuration file is used for it; a file with an inline secret, or a
// bad --parallel, is a usage error before anything runs.
func TestFleetFromTenantsFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "own.yaml"), []byte("thresholds:\n  staleDeviceDays: 30\n"), 0o600)
	tenants := filepath.Join(dir, "tenants.yaml")
	os.WriteFile(tenants, []byte(`defaults:
  clientId: 11111111-2222-3333-4444-555555555555
  auth: client-secret
tenants:
  - alias: one
    tenant: one.onmicrosoft.com
    secret: {env: ONE_SECRET}
    config: own.yaml
  - alias: two
    tenant: two.onmicrosoft.com
    secret: {env: TWO_SECRET}
  - alias: three
    tenant: three.onmicrosoft.com
    secret: {file: three.secret}
`), 0o600)
	os.WriteFile(filepath.Join(dir, "three.secret"), []byte("s3cr3t\n"), 0o600)
	c := &fakeCollector{snap: demoSnapshot(t)}
	r := runCLI(t, t.Context(), c, map[string]string{"ONE_SECRET": "abc"}, "fleet", "--tenants", tenants, "-o", "json", "--out-dir", filepath.Join(dir, "out"))
	if r.code != ExitFleetPartial {
		t.Fatalf("exit %d, want %d: %s", r.code, ExitFleetPartial, r.errOut)
	}
	var p result.Portfolio
	if err := json.Unmarshal([]byte(r.out), &p); err != nil {
		t.Fatal(err)
	}
	byAlias := map[string]result.PortfolioTenant{}
	for _, tn := range p.Tenants {
		byAlias[tn.Alias] = tn
	}
	if two := byAlias["two"]; two.Failure == nil || two.Failure.Kind != "credential" || !strings.Contains(two.Failure.Message, "TWO_SECRET") ||
		!strings.HasPrefix(two.Failure.Message, "tenants.yaml line 9: ") {
		t.Errorf("two: %+v", two.Failure)
	}
	if byAlias["one"].Status != result.TenantAudited || byAlias["three"].Status != result.TenantAudited || c.calls != 2 {
		t.Errorf("one %s, three %s, %d collections", byAlias["one"].Status, byAlias["three"].Status, c.calls)
	}
	if c.last.Auth.ClientSecret == "" || c.last.Auth.ClientID != "11111111-2222-3333-4444-555555555555" {
		t.Errorf("the collector was not given the tenant's credential: %+v", c.last.Auth.ClientID)
	}
	if strings.Contains(r.out+r.errOut, "s3cr3t") || strings.Contains(r.out+r.errOut, "abc\"") {
		t.Error("a secret reached the output")
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "one", "report.html")); err != nil {
		t.Error(err)
	}
	inline := filepath.Join(dir, "inline.yaml")
	os.WriteFile(inline, []byte("tenants:\n  - alias: x\n    tenant: t\n    clientId: c\n    auth: client-secret\n    secret: hunter2\n"), 0o600)
	// A shard that records needs a run id, wherever the store is named.
	withStore := filepath.Join(dir, "with-store.yaml")
	os.WriteFile(withStore, []byte("store: configured.db\n"), 0o600)
	calls := c.calls
	for _, args := range [][]string{{"fleet", "--tenants", inline}, {"fleet", "--demo", "--parallel", "0"}, {"fleet"}, {"fleet", "--demo", "--tenants", tenants},
		{"fleet", "--tenants", tenants, "--shard", "0/2", "--store", filepath.Join(dir, "h.db")}, {"fleet", "--tenants", tenants, "--shard", "0/2", "--config", withStore},
		{"fleet", "--tenants", tenants, "--shard", "2/2"}} {
		r := runCLI(t, t.Context(), c, nil, args...)
		if r.code != ExitUsage || strings.Contains(r.errOut, "hunter2") || strings.Count(strings.TrimSpace(r.errOut), "\n") > 0 {
			t.Errorf("%v: exit %d, %q", args, r.code, r.errOut)
		}
	}
	if c.calls != calls {
		t.Errorf("%d collections after a usage error", c.calls-calls)
	}
}

// TestConsentURL: the link is the v2.0 admin-consent endpoint of the
// cloud, for the customer's tenant and the MSP's app, asking for the app's
// configured permissions (.default); the permissions it must have come
// from the permission table; missing flags are usage errors.
func TestConsentURL(t *testing.T) {
	c := &fakeCollector{snap: demoSnapshot(t)}
	r := runCLI(t, t.Context(), c, nil, "consent-url", "--client-id", "11111111-2222-3333-4444-555555555555", "--tenant", "contoso.onmicrosoft.com", "--state", "contoso")
	want := "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=11111111-2222-3333-4444-555555555555" +
		"&redirect_uri=https%3A%2F%2Flocalhost&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&state=contoso\n"
	if r.code != ExitOK || r.out != want {
		t.Errorf("exit %d:\n%s\nwant\n%s", r.code, r.out, want)
	}
	if !strings.Contains(r.errOut, "Organization.Read.All") || !strings.Contains(r.errOut, "Device.Read.All") {
		t.Errorf("stderr lacks the permissions: %s", r.errOut)
	}
	r = runCLI(t, t.Context(), c, nil, "consent-url", "--client-id", "x", "--tenant", "y", "--cloud", "usgov")
	if !strings.HasPrefix(r.out, "https://login.microsoftonline.us/y/v2.0/adminconsent?") || !strings.Contains(r.out, "graph.microsoft.us%2F.default") {
		t.Errorf("usgov: %s", r.out)
	}
	for _, args := range [][]string{{"consent-url"}, {"consent-url", "--client-id", "x", "--tenant", "y", "--cloud", "mars"},
		{"consent-url", "--client-id", "x", "--tenant", "y", "--redirect-uri", "ftp://x"}} {
		if r := runCLI(t, t.Context(), c, nil, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d", args, r.code)
		}
	}
}
