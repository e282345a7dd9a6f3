package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/pgtest"
	"github.com/m365ready/m365ready/internal/result"
)

// TestStoreAndHistory: audit --store records each run (the file 0600);
// history lists them with the trend and what changed; a fleet run records
// each audited tenant under its alias; --keep without --store, history
// without --store, or a tenant never recorded are usage errors.
func TestStoreAndHistory(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "history.db")
	c := &fakeCollector{snap: demoSnapshot(t)}
	for range 2 {
		if r := runCLI(t, t.Context(), c, nil, "audit", "--store", db, "-o", "json="+filepath.Join(dir, "r.json")); r.code != ExitOK {
			t.Fatalf("audit --store: exit %d: %s", r.code, r.errOut)
		}
	}
	if st, err := os.Stat(db); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("store: %v", err)
	}
	r := runCLI(t, t.Context(), c, nil, "history", "--store", db, "-o", "json")
	var h result.History
	if err := json.Unmarshal([]byte(r.out), &h); r.code != ExitOK || err != nil {
		t.Fatalf("history: exit %d, %v: %s", r.code, err, r.errOut)
	}
	if len(h.Tenants) != 1 || len(h.Tenants[0].Runs) != 2 || len(h.Tenants[0].Changes) == 0 {
		t.Fatalf("history %+v", h)
	}
	for _, ch := range h.Tenants[0].Changes {
		if ch.State != result.FindingPersisting {
			t.Errorf("the same tenant twice: %+v is not persisting", ch)
		}
	}
	r = runCLI(t, t.Context(), c, nil, "history", "Alder & Finch Architects Ltd", "--store", db)
	if r.code != ExitOK || !strings.Contains(r.out, "2 runs, worst-case score ") || !strings.Contains(r.out, "0 new, 0 regressed, 0 fixed") {
		t.Errorf("history table: exit %d\n%s", r.code, r.out)
	}
	for _, args := range [][]string{{"audit", "--keep", "30d"}, {"history"}, {"history", "nobody", "--store", db},
		{"history", "--store", db, "--keep", "soon"}, {"audit", "--store", filepath.Join(dir, "no", "dir", "h.db")}} {
		if r := runCLI(t, t.Context(), c, nil, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, %s", args, r.code, r.errOut)
		}
	}
	// diff reads both sides from the store: a tenant's last two runs, or two ids.
	for _, args := range [][]string{{"diff", "--store", db, "alder & finch architects ltd"}, {"diff", "--store", db, "1", "2", "-o", "json"}} {
		if r := runCLI(t, t.Context(), c, nil, args...); r.code != ExitOK || r.out == "" {
			t.Errorf("%v: exit %d: %s", args, r.code, r.errOut)
		}
	}
	for _, args := range [][]string{{"diff", "--store", db, "nobody"}, {"diff", "--store", db, "1", "99"}, {"diff", "--store", db, "1", "x"}} {
		if r := runCLI(t, t.Context(), c, nil, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d: %s", args, r.code, r.errOut)
		}
	}
	// store: in the configuration, relative to the file, records as --store does.
	cfg := filepath.Join(dir, "m365ready.yaml")
	os.WriteFile(cfg, []byte("store: configured.db\n"), 0o600)
	if r := runCLI(t, t.Context(), c, nil, "audit", "--config", cfg, "--keep", "365d", "-o", "json="+filepath.Join(dir, "r.json")); r.code != ExitOK {
		t.Fatalf("audit with store: in the configuration: exit %d: %s", r.code, r.errOut)
	}
	if r := runCLI(t, t.Context(), c, nil, "history", "--store", filepath.Join(dir, "configured.db"), "-o", "json"); r.code != ExitOK || !strings.Contains(r.out, `"command": "audit"`) {
		t.Errorf("the configured store has no run: exit %d", r.code)
	}
	if c.calls != 3 {
		t.Errorf("%d collections: a bad store must fail before collecting", c.calls)
	}
}

// TestPlanSinceLast: plan --since last reads the tenant's last plan from
// the store (an audit with --store records one too), and needs a store.
func TestPlanSinceLast(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	c := &fakeCollector{snap: demoSnapshot(t)}
	if r := runCLI(t, t.Context(), c, nil, "plan", "--store", db, "--since", "last", "-o", "json"); r.code != ExitOK || !strings.Contains(r.errOut, "no earlier plan") {
		t.Fatalf("first plan: exit %d: %s", r.code, r.errOut)
	}
	r := runCLI(t, t.Context(), c, nil, "plan", "--store", db, "--since", "last", "-o", "json")
	var p result.Plan
	if err := json.Unmarshal([]byte(r.out), &p); r.code != ExitOK || err != nil || p.Progress == nil || len(p.Progress.BecameReady) != 0 {
		t.Fatalf("second plan: exit %d, %v, progress %+v", r.code, err, p.Progress)
	}
	if r := runCLI(t, t.Context(), c, nil, "plan", "--since", "last"); r.code != ExitUsage {
		t.Errorf("--since last without a store: exit %d", r.code)
	}
}

// TestHistoryExpiringAcceptances: history lists the accepted risks of each
// tenant's latest run that expire within --expiring-within (30 days by
// default) or have expired, the soonest first; -o html draws the trend.
func TestHistoryExpiringAcceptances(t *testing.T) {
	dir := t.TempDir()
	db, cfg := filepath.Join(dir, "h.db"), filepath.Join(dir, "m365ready.yaml")
	os.WriteFile(cfg, []byte(`acceptedRisks:
  - {check: IDN-001, object: ceo@alderfinch.example, reason: travelling, owner: it@alderfinch.example, expires: 2026-11-20}
  - {check: DEV-004, object: PC-LEGACY-01, reason: replaced in spring, owner: it@alderfinch.example, expires: 2027-06-01}
  - {check: IDN-006, object: old.intern@alderfinch.example, reason: leaving, owner: hr@alderfinch.example, expires: 2026-10-01}
`), 0o600)
	c := &fakeCollector{snap: demoSnapshot(t)}
	if r := runCLI(t, t.Context(), c, nil, "audit", "--config", cfg, "--store", db, "-o", "json="+filepath.Join(dir, "r.json")); r.code != ExitOK {
		t.Fatalf("audit: exit %d: %s", r.code, r.errOut)
	}
	var h result.History
	r := runCLI(t, t.Context(), c, nil, "history", "--store", db, "-o", "json")
	if err := json.Unmarshal([]byte(r.out), &h); r.code != ExitOK || err != nil {
		t.Fatalf("history: exit %d, %v: %s", r.code, err, r.errOut)
	}
	if h.ExpiringWithinDays != 30 || len(h.Expiring) != 2 || h.Expiring[0].Expires != "2026-10-01" || !h.Expiring[0].Expired ||
		h.Expiring[0].DaysLeft != -31 || h.Expiring[1].DaysLeft != 19 || h.Expiring[1].Expired {
		t.Errorf("expiring %+v", h.Expiring)
	}
	r = runCLI(t, t.Context(), c, nil, "history", "--store", db, "-o", "json", "--expiring-within", "365d")
	if err := json.Unmarshal([]byte(r.out), &h); err != nil || len(h.Expiring) != 3 {
		t.Errorf("within a year: %d, %v", len(h.Expiring), err)
	}
	r = runCLI(t, t.Context(), c, nil, "history", "--store", db, "-o", "html")
	if r.code != ExitOK || !strings.Contains(r.out, `<svg class="trend"`) || !strings.Contains(r.out, "ceo@alderfinch.example") || strings.Contains(r.out, "PC-LEGACY-01") {
		t.Errorf("history html: exit %d", r.code)
	}
	if r := runCLI(t, t.Context(), c, nil, "history", "--store", db, "--expiring-within", "soon"); r.code != ExitUsage {
		t.Errorf("--expiring-within soon: exit %d", r.code)
	}
}

// TestHistoryInPostgreSQL: the commands that record and read runs work the
// same against a real PostgreSQL named by M365READY_STORE: audit records,
// history lists the trend, diff reads the last two runs, plan --since last
// finds the last plan; and no output carries the URL's password.
func TestHistoryInPostgreSQL(t *testing.T) {
	url := pgtest.Database(t)
	withPassword := strings.Replace(url, "postgres://m365ready@", "postgres://m365ready:pw-6c1e9a@", 1) // trust auth ignores it
	env := map[string]string{"AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s", "M365READY_STORE": withPassword}
	c := &fakeCollector{snap: demoSnapshot(t)}
	var all string
	for range 2 {
		r := runCLI(t, t.Context(), c, env, "audit", "-o", "json="+filepath.Join(t.TempDir(), "r.json"))
		if r.code != ExitOK {
			t.Fatalf("audit into PostgreSQL: exit %d: %s", r.code, r.errOut)
		}
		all += r.out + r.errOut
	}
	r := runCLI(t, t.Context(), c, env, "history", "-o", "json")
	var h result.History
	if err := json.Unmarshal([]byte(r.out), &h); r.code != ExitOK || err != nil || len(h.Tenants) != 1 || len(h.Tenants[0].Runs) != 2 {
		t.Fatalf("history from PostgreSQL: exit %d, %v: %s", r.code, err, r.errOut)
	}
	all += r.out + r.errOut
	for _, args := range [][]string{{"diff", "--store", withPassword, "Alder & Finch Architects Ltd"}, {"plan", "--since", "last", "-o", "json"}} {
		r := runCLI(t, t.Context(), c, env, args...)
		if r.code != ExitOK {
			t.Errorf("%v: exit %d: %s", args[0], r.code, r.errOut)
		}
		all += r.out + r.errOut
	}
	bad := map[string]string{"M365READY_STORE": strings.Replace(withPassword, "/m365ready_", "/no_such_db_", 1)}
	r = runCLI(t, t.Context(), c, bad, "history")
	if r.code != ExitUsage || !strings.Contains(r.errOut, "no_such_db_") {
		t.Errorf("a database that does not exist: exit %d: %s", r.code, r.errOut)
	}
	if all += r.errOut; strings.Contains(all, "pw-6c1e9a") {
		t.Error("the store URL's password reached the output")
	}
}
