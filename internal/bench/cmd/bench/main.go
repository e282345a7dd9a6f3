// Command bench runs `make bench`: it serves synthetic tenants from the
// emulator under Graph's published limits (internal/emulator CostModel), runs
// the m365ready binary against them like a real deployment, and prints what
// each audit cost against what the data and the limits allow.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/bench"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

// scenario is one row of the table.
type scenario struct {
	spec synth.Spec
	// methodsAsReports counts per-person method lookups against the identity
	// reports limit (5 per 10 s), one reading of Microsoft's table
	// (https://learn.microsoft.com/graph/throttling-limits);
	// otherwise against the directory's resource units.
	methodsAsReports bool
}

func (s scenario) name() string {
	n := fmt.Sprintf("%s people", thousands(s.spec.People))
	if s.spec.Free {
		if s.methodsAsReports {
			return n + ", no P1, lookups at 5/10 s"
		}
		return n + ", no P1, lookups in the directory bucket"
	}
	return n
}

type row struct {
	Name           string
	Scale          float64
	Requests, Plan int64
	Minimum        int64 // documented, independent of the collector
	Wall, Bound    time.Duration
	BoundBy        string
	Throttled      int64
	PeakRSSMB      float64
	EvalCPU        time.Duration
	AuditRSSMB     float64
	LiveAuditRSSMB float64 // collect, evaluate and render in one process
	MaxInFlight    int64
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-eval-cpu" {
		evalCPU(os.Args[2]) // the child that measures evaluate + render alone
		return
	}
	sizes := flag.String("sizes", "25,1000,10000", "tenant sizes (people) with Entra ID P1")
	big := flag.Bool("big", false, "also run 100,000 people")
	latency := flag.Duration("latency", 100*time.Millisecond, "emulated Graph latency per request (before time scaling)")
	perKB := flag.Duration("latency-per-kb", time.Millisecond, "emulated latency per KiB of answer")
	target := flag.Duration("target", 20*time.Second, "scale time so each tenant's throttle bound is about this long")
	out := flag.String("out", "", "also write the results as Markdown to this file")
	withFree := flag.Bool("free", true, "also run 10,000 people without Entra ID P1 (both readings of the lookup limit)")
	withNaive := flag.Bool("naive", true, "also compare what peers do (per-person lookups, the report at its default page) with ours")
	flag.Parse()
	dir, err := os.MkdirTemp("", "m365ready-bench")
	check(err)
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "m365ready")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/m365ready")
	cmd.Stderr = os.Stderr
	check(cmd.Run())

	var scenarios []scenario
	for _, s := range strings.Split(*sizes, ",") {
		var n int
		if _, err := fmt.Sscan(s, &n); err != nil || n <= 0 {
			check(fmt.Errorf("-sizes: %q is not a number of people", s))
		}
		scenarios = append(scenarios, scenario{spec: synth.Spec{People: n, Seed: 42}})
	}
	if *big {
		scenarios = append(scenarios, scenario{spec: synth.Spec{People: 100_000, Seed: 42}})
	}
	if *withFree {
		free := synth.Spec{People: 10_000, Seed: 42, Free: true}
		scenarios = append(scenarios, scenario{spec: free, methodsAsReports: true}, scenario{spec: free})
	}
	model := emulator.CostModel{Latency: *latency, LatencyPerKB: *perKB}
	var rows []row
	for _, sc := range scenarios {
		fmt.Fprintf(os.Stderr, "bench: %s\n", sc.name())
		rows = append(rows, run(bin, dir, sc, model, *target))
	}
	var naive []comparison
	if *withNaive {
		fmt.Fprintln(os.Stderr, "bench: what peers do")
		naive = compareWithPeers(bin, dir, model)
	}
	report := render(rows, naive, model)
	fmt.Print(report)
	if *out != "" {
		check(os.WriteFile(*out, []byte(report), 0o644))
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// serve starts the emulator for a tenant and returns the environment that
// points the binary at it.
func serve(dir string, f *emulator.Fixture) (*emulator.Server, []string, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := emulator.Start(ctx, f, emulator.Options{})
	check(err)
	ca := filepath.Join(dir, "ca.pem")
	check(os.WriteFile(ca, srv.CAPEM(), 0o600))
	env := append(os.Environ(), "SSL_CERT_FILE="+ca, "AZURE_TENANT_ID="+synth.TenantID, "AZURE_CLIENT_ID="+synth.ClientID,
		"AZURE_CLIENT_SECRET=bench-secret", "M365READY_GRAPH_URL="+srv.GraphURL, "AZURE_AUTHORITY_HOST="+srv.AuthorityHost)
	return srv, env, func() { srv.Close(); cancel() }
}

// child runs a command under GNU time and returns its wall time, peak RSS
// and CPU time. (A child forked from this large process would count the
// parent's pages as its own until exec; GNU time measures the exec'd one.)
func child(env []string, bin string, args ...string) (time.Duration, float64, time.Duration, []byte) {
	return childAllowing(nil, env, bin, args...)
}

// childAllowing is child when some non-zero exits are answers, not failures
// (an audit below the bar exits 3).
func childAllowing(ok []int, env []string, bin string, args ...string) (time.Duration, float64, time.Duration, []byte) {
	stats := filepath.Join(os.TempDir(), fmt.Sprintf("m365ready-bench-%d.time", os.Getpid()))
	defer os.Remove(stats)
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		check(fmt.Errorf("make bench needs GNU time (apt-get install time) to measure peak memory"))
	}
	cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%M %U %S", "-o", stats, bin}, args...)...)
	cmd.Env = env
	var outb, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outb, &errb
	start := time.Now()
	if err := cmd.Run(); err != nil && !slices.Contains(ok, cmd.ProcessState.ExitCode()) {
		fmt.Fprintln(os.Stderr, errb.String())
		check(err)
	}
	wall := time.Since(start)
	raw, err := os.ReadFile(stats)
	check(err)
	var kb int64
	var user, sys float64
	fmt.Sscan(string(raw), &kb, &user, &sys)
	return wall, float64(kb) / 1024, time.Duration((user + sys) * float64(time.Second)), outb.Bytes()
}

func run(bin, dir string, sc scenario, model emulator.CostModel, target time.Duration) row {
	f := synth.Generate(sc.spec, time.Now(), "bench-secret")
	perRequest := 20
	if sc.spec.Free && sc.methodsAsReports {
		perRequest = 5
	}
	min := bench.DocumentedMinimum(f, !sc.spec.Free, perRequest)
	plan := bench.PlanWithLookups(f, !sc.spec.Free, perRequest)
	model.MethodsAsReports = sc.methodsAsReports
	if sc.spec.People >= 100_000 {
		// Reading 100,000 people's records takes tens of seconds of CPU on
		// a small machine; squeezing Graph's half hour into 20 s would
		// measure that, not the pace the limits allow.
		target = max(target, time.Minute)
	}
	model.TimeScale = bench.TimeScaleFor(min, target)
	f.Faults.Cost = &model
	srv, env, stop := serve(dir, f)
	defer func() { stop() }()
	snapPath := filepath.Join(dir, "snap.json")
	wall, rss, _, _ := child(env, bin, "collect", "-o", snapPath)
	snap, err := tenant.LoadFile(snapPath)
	check(err)
	inFlight := srv.MaxInFlight()
	throttleBound, by := srv.ThrottleBound()
	bound := bench.LatencyBound(srv.Requests(), 4)
	if bound >= throttleBound {
		by = "latency"
	} else {
		bound = throttleBound
	}
	// Evaluate + render (JSON and HTML) alone, in a child of its own that has
	// loaded the snapshot first; and the offline audit's peak memory.
	self, err := os.Executable()
	check(err)
	_, _, _, cpu := child(os.Environ(), self, "-eval-cpu", snapPath)
	var evalNS int64
	fmt.Sscan(string(cpu), &evalNS)
	_, auditRSS, _, _ := childAllowing([]int{3, 5}, env, bin, "audit", "--from", snapPath, "-o", "json="+filepath.Join(dir, "r.json"), "-o", "html="+filepath.Join(dir, "r.html"))
	// The live audit: sign in, collect, evaluate and render in one process,
	// against a fresh emulator so it inherits no throttling state.
	stop()
	_, env, stop = serve(dir, f)
	_, liveRSS, _, _ := childAllowing([]int{3, 5}, env, bin, "audit", "-o", "json="+filepath.Join(dir, "live.json"), "-o", "html="+filepath.Join(dir, "live.html"))
	return row{Name: sc.name(), Scale: model.TimeScale, Requests: snap.Budget.Requests, Plan: int64(plan.Total), Minimum: int64(min.Total), Wall: wall,
		Bound: bound, BoundBy: by, Throttled: snap.Budget.Throttled, PeakRSSMB: rss, EvalCPU: time.Duration(evalNS), AuditRSSMB: auditRSS,
		LiveAuditRSSMB: liveRSS, MaxInFlight: inFlight}
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func render(rows []row, naive []comparison, model emulator.CostModel) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Machine: %s/%s, %d CPUs, %s. Date: %s. Cost model: %s per request + %s per KiB, the emulator's model of Graph's published limits (https://learn.microsoft.com/graph/throttling-limits), time scaled per tenant.\n\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"), model.Latency, model.LatencyPerKB)
	b.WriteString("| tenant | time scale | requests | collector's plan | documented minimum | ratio | wall | bound | bound set by | ratio | 429s | most in flight | peak RSS (collect) | evaluate+render CPU | peak RSS (offline audit) | peak RSS (live audit) |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.3g | %d | %d | %d | %.2f | %s | %s | %s | %.2f | %d | %d | %.0f MB | %s | %.0f MB | %.0f MB |\n", r.Name, r.Scale, r.Requests, r.Plan, r.Minimum,
			float64(r.Requests)/float64(r.Minimum), r.Wall.Round(time.Millisecond), r.Bound.Round(time.Millisecond), r.BoundBy,
			float64(r.Wall)/float64(max(r.Bound, 1)), r.Throttled, r.MaxInFlight, r.PeakRSSMB, r.EvalCPU.Round(time.Millisecond), r.AuditRSSMB, r.LiveAuditRSSMB)
	}
	b.WriteString("\nThe documented minimum counts the tenant's records at Microsoft's documented page sizes (internal/bench DocumentedMinimum), independent of the collector; the collector's plan is what it is meant to send (a regression test holds it to that). At time scale s, the emulator's model of Graph would take wall ÷ s (a figure about the model, not a measurement of Graph).\n")
	if len(naive) == 0 {
		return b.String()
	}
	b.WriteString("\nMFA data: what peers do against m365ready, requests for MFA data only:\n\n")
	b.WriteString("| tenant | strategy | time scale | requests | 429s | wall | wall ÷ scale (model) |\n|---|---|---:|---:|---:|---:|---:|\n")
	for _, r := range naive {
		fmt.Fprintf(&b, "| %s | %s | %.3g | %d | %d | %s | %s |\n", r.Tenant, r.Strategy, r.Scale, r.Requests, r.Throttled,
			r.Wall.Round(time.Millisecond), time.Duration(float64(r.Wall)/r.Scale).Round(time.Second))
	}
	return b.String()
}
