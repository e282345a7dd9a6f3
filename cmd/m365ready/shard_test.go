package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/fleet"
	"github.com/m365ready/m365ready/internal/fleetlab"
	"github.com/m365ready/m365ready/internal/pgtest"
	"github.com/m365ready/m365ready/internal/result"
)

// TestFleetShardsOnePostgres: four shard processes audit a fleet of
// emulated tenants at once, all recording into one real PostgreSQL. The
// shard with the most tenants is killed (SIGKILL) once it has recorded one
// of them, and run again. Then every tenant is recorded exactly once in the
// fleet run, none lost; the re-run read back what the killed shard had
// recorded instead of auditing it again; and a run without --shard, with
// every emulator stopped, builds the whole portfolio from the store alone.
func TestFleetShardsOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and 16 emulated tenants")
	}
	storeURL := pgtest.Database(t)
	const n, shards = 16, 4
	var specs []fleetlab.Spec
	for i := range n {
		specs = append(specs, fleetlab.Spec{Alias: fmt.Sprintf("client-%02d", i+1), People: 25 + 5*i, Free: i%3 == 0})
	}
	dir := t.TempDir()
	lab, err := fleetlab.Start(t.Context(), dir, specs, fleetlab.Options{Cost: &emulator.CostModel{Latency: 40 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	defer lab.Close()
	owned := make([][]string, shards)
	for _, tn := range lab.Tenants {
		s := fleet.ShardOf(tn.TenantID, shards)
		owned[s] = append(owned[s], tn.Alias)
	}
	victim := 0
	for s := range owned {
		if len(owned[s]) > len(owned[victim]) {
			victim = s
		}
	}
	if len(owned[victim]) < 2 {
		t.Fatalf("no shard has two tenants to be killed between: %v", owned)
	}
	db, err := sql.Open("pgx", storeURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	recorded := func(aliases []string) map[string]int {
		rows, err := db.QueryContext(t.Context(), `SELECT alias, COUNT(*) FROM runs WHERE fleet_run = 'r1' GROUP BY alias`)
		if err != nil { // before the first shard has made the tables
			return map[string]int{}
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var a string
			var k int
			rows.Scan(&a, &k)
			if aliases == nil || slices.Contains(aliases, a) {
				out[a] = k
			}
		}
		return out
	}
	env := append([]string{"M365READY_STORE=" + storeURL}, lab.Env...)
	shardCmd := func(s int, parallel string) *exec.Cmd {
		cmd := exec.Command(binary, "fleet", "--tenants", lab.TenantsFile, "--shard", fmt.Sprintf("%d/%d", s, shards),
			"--run-id", "r1", "--parallel", parallel, "-o", "json="+filepath.Join(dir, "shard-"+strconv.Itoa(s)+".json"))
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)
		return cmd
	}
	var cmds []*exec.Cmd
	var errs []*bytes.Buffer
	for s := range shards {
		parallel := "2"
		if s == victim {
			parallel = "1" // one tenant at a time, so it is killed between two
		}
		cmd := shardCmd(s, parallel)
		var b bytes.Buffer
		cmd.Stderr = &b
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, errs = append(cmds, cmd), append(errs, &b)
	}
	// Kill the victim once it has recorded a tenant, before it has them all.
	deadline := time.Now().Add(90 * time.Second)
	for len(recorded(owned[victim])) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("shard %d recorded nothing in 90 s\n%s", victim, errs[victim])
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmds[victim].Process.Kill()
	cmds[victim].Wait()
	atKill := recorded(owned[victim])
	if len(atKill) == len(owned[victim]) {
		t.Fatalf("shard %d finished all %d tenants before it could be killed; the test proves nothing", victim, len(owned[victim]))
	}
	t.Logf("tenants per shard %v; shard %d killed with %d of its %d recorded", owned, victim, len(atKill), len(owned[victim]))
	for s, cmd := range cmds {
		if s == victim {
			continue
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("shard %d: %v\n%s", s, err, errs[s])
		}
	}
	// The victim again, as a Job's retry would run it.
	again := shardCmd(victim, "2")
	if out, err := again.CombinedOutput(); err != nil {
		t.Fatalf("shard %d run again: %v\n%s", victim, err, out)
	}
	var p result.Portfolio
	if b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("shard-%d.json", victim))); err != nil || json.Unmarshal(b, &p) != nil {
		t.Fatalf("the re-run's portfolio: %v", err)
	}
	if p.Shard == nil || p.Shard.Index != victim || p.Shard.FleetTenants != n || p.Summary.Tenants != len(owned[victim]) ||
		p.Summary.FromStore != len(atKill) || p.Summary.Audited != len(owned[victim]) || p.RunID != "r1" {
		t.Errorf("re-run: shard %+v, summary %+v; %d tenants were recorded before the kill", p.Shard, p.Summary, len(atKill))
	}
	// Every tenant exactly once.
	all := recorded(nil)
	var got []string
	for a, k := range all {
		if k != 1 {
			t.Errorf("%s recorded %d times in the fleet run", a, k)
		}
		got = append(got, a)
	}
	sort.Strings(got)
	if want := lab.Aliases(); !slices.Equal(got, want) {
		t.Errorf("recorded %v\nwant %v", got, want)
	}
	var findings int
	db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM findings f JOIN runs r ON r.id = f.run_id WHERE r.fleet_run = 'r1'`).Scan(&findings)
	if findings == 0 {
		t.Error("no findings were recorded")
	}
	// The whole portfolio from the store alone: with the emulators gone, any
	// audit would fail to sign in.
	lab.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	whole := exec.CommandContext(ctx, binary, "fleet", "--tenants", lab.TenantsFile, "--run-id", "r1", "-o", "json")
	whole.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)
	out, err := whole.Output()
	if err != nil {
		t.Fatalf("the whole fleet from the store: %v", err)
	}
	p = result.Portfolio{}
	if err := json.Unmarshal(out, &p); err != nil || p.Summary.Audited != n || p.Summary.FromStore != n || p.Shard != nil {
		t.Errorf("whole portfolio: %v, summary %+v", err, p.Summary)
	}
	// The history reads the same store: one run of each tenant.
	hist := exec.CommandContext(ctx, binary, "history", "-o", "json")
	hist.Env = whole.Env
	out, err = hist.Output()
	var h result.History
	if err != nil || json.Unmarshal(out, &h) != nil || len(h.Tenants) != n {
		t.Fatalf("history from PostgreSQL: %v, %d tenants", err, len(h.Tenants))
	}
	for _, tn := range h.Tenants {
		if len(tn.Runs) != 1 || tn.Runs[0].Command != "fleet" {
			t.Errorf("%s: %d runs", tn.Alias, len(tn.Runs))
		}
	}
}
