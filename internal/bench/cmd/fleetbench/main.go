// Command fleetbench runs `make bench-fleet`: a fleet of emulated tenants
// (25 to 500 people each, under the emulator's model of Graph's latency and
// limits, per tenant), audited by n shard processes of the real m365ready
// binary at once, all recording into one real PostgreSQL (durable: fsync
// on). It prints wall time, each shard's peak RSS and CPU, and the rows
// written, and checks every tenant was recorded exactly once.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/fleet"
	"github.com/m365ready/m365ready/internal/fleetlab"
	"github.com/m365ready/m365ready/internal/pgtest"
)

func main() {
	tenants := flag.Int("tenants", 200, "how many emulated tenants")
	shards := flag.Int("shards", 4, "how many shard processes")
	parallel := flag.Int("parallel", 4, "tenants at once per shard (--parallel)")
	minPeople := flag.Int("min", 25, "people in the smallest tenant")
	maxPeople := flag.Int("max", 500, "people in the largest tenant")
	latency := flag.Duration("latency", 100*time.Millisecond, "emulated latency per Graph exchange (plus 1 ms per KiB)")
	flag.Parse()
	if err := run(*tenants, *shards, *parallel, *minPeople, *maxPeople, *latency); err != nil {
		fmt.Fprintln(os.Stderr, "fleetbench:", err)
		os.Exit(1)
	}
}

type shardRun struct {
	tenants   int
	wall, cpu time.Duration
	rssMiB    float64
}

func run(n, shards, parallel, minP, maxP int, latency time.Duration) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "m365ready-fleetbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	binary := filepath.Join(dir, "m365ready")
	if out, err := exec.Command("go", "build", "-o", binary, "./cmd/m365ready").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v: %s", err, out)
	}
	pg, err := pgtest.Start(ctx, pgtest.Options{Durable: true})
	if err != nil {
		return err
	}
	defer pg.Stop()
	storeURL, err := pg.NewDatabase(ctx)
	if err != nil {
		return err
	}
	var specs []fleetlab.Spec
	people := 0
	for i := range n {
		p := minP
		if n > 1 {
			p = minP + (maxP-minP)*i/(n-1)
		}
		people += p
		specs = append(specs, fleetlab.Spec{Alias: fmt.Sprintf("t%03d", i+1), People: p, Free: i%5 == 4})
	}
	lab, err := fleetlab.Start(ctx, dir, specs, fleetlab.Options{Cost: &emulator.CostModel{Latency: latency, LatencyPerKB: time.Millisecond}})
	if err != nil {
		return err
	}
	defer lab.Close()
	owned := make([]int, shards)
	for _, t := range lab.Tenants {
		owned[fleet.ShardOf(t.TenantID, shards)]++
	}
	fmt.Fprintf(os.Stderr, "%d tenants (%d people), %d shards of %v tenants, --parallel %d\n", n, people, shards, owned, parallel)
	start, selfStart := time.Now(), selfCPU()
	runs := make([]shardRun, shards)
	errs := make(chan error, shards)
	for s := range shards {
		go func() {
			cmd := exec.CommandContext(ctx, binary, "fleet", "--tenants", lab.TenantsFile, "--shard", fmt.Sprintf("%d/%d", s, shards),
				"--run-id", "bench", "--parallel", fmt.Sprint(parallel), "--quiet", "-o", "json="+filepath.Join(dir, fmt.Sprintf("shard-%d.json", s)))
			cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "M365READY_STORE=" + storeURL}, lab.Env...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			t0 := time.Now()
			err := cmd.Run()
			ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			runs[s] = shardRun{tenants: owned[s], wall: time.Since(t0), rssMiB: float64(ru.Maxrss) / 1024,
				cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano())}
			if err != nil {
				err = fmt.Errorf("shard %d: %v: %s", s, err, stderr.String())
			}
			errs <- err
		}()
	}
	for range shards {
		if err := <-errs; err != nil {
			return err
		}
	}
	wall, emulatorCPU := time.Since(start), selfCPU()-selfStart
	db, err := sql.Open("pgx", storeURL)
	if err != nil {
		return err
	}
	defer db.Close()
	count := func(q string) (k int64) {
		if err := db.QueryRowContext(ctx, q).Scan(&k); err != nil {
			fmt.Fprintln(os.Stderr, q, err)
		}
		return k
	}
	runsN, distinct := count(`SELECT COUNT(*) FROM runs WHERE fleet_run = 'bench'`), count(`SELECT COUNT(DISTINCT alias) FROM runs WHERE fleet_run = 'bench'`)
	if runsN != int64(n) || distinct != int64(n) {
		return fmt.Errorf("%d runs of %d distinct tenants recorded, want %d of %d", runsN, distinct, n, n)
	}
	checks, findings := count(`SELECT COUNT(*) FROM check_results`), count(`SELECT COUNT(*) FROM findings`)
	size := count(`SELECT pg_database_size(current_database())`)

	fmt.Printf("Fleet of %d emulated tenants, %d to %d people (%d in all; every fifth without Entra ID P1), %d shard processes "+
		"with --parallel %d, one PostgreSQL (fsync on), %d CPUs, %s emulated latency per Graph exchange plus 1 ms per KiB, "+
		"each tenant under its own copy of the emulator's limits.\n\n", n, minP, maxP, people, shards, parallel, runtime.NumCPU(), latency)
	fmt.Printf("| shard | tenants | wall | CPU (user+sys) | peak RSS |\n|---|---|---|---|---|\n")
	for s, r := range runs {
		fmt.Printf("| %d/%d | %d | %s | %s | %.0f MiB |\n", s, shards, r.tenants, r.wall.Round(100*time.Millisecond), r.cpu.Round(100*time.Millisecond), r.rssMiB)
	}
	fmt.Printf("\nAll shards: **%s** wall. Rows written: %d runs (each tenant exactly once), %d check results, %d findings; "+
		"database %.1f MiB. The %d emulators, in the benchmark's own process on the same CPUs, used %s of CPU meanwhile.\n",
		wall.Round(100*time.Millisecond), runsN, checks, findings, float64(size)/(1<<20), n, emulatorCPU.Round(100*time.Millisecond))
	return nil
}

// selfCPU is this process's CPU time so far (the emulators').
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
