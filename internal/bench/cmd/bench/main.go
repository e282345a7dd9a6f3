// Command bench runs `make bench`: it serves synthetic tenants from the
// emulator with a fixed per-request latency, runs the m365ready binary against
// them like a real deployment, and prints what each audit cost.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/bench"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

type row struct {
	Name              string
	People            int
	Requests, Minimum int64
	Wall, Bound       time.Duration
	Throttled         int64
	PeakRSSMB         float64
	EvalCPU           time.Duration
	EvalRSSMB         float64
}

func main() {
	sizes := flag.String("sizes", "25,1000,10000", "tenant sizes (people)")
	big := flag.Bool("big", false, "also run 100,000 people")
	latency := flag.Duration("latency", 2*time.Millisecond, "emulated Graph latency per request")
	out := flag.String("out", "", "write the results as Markdown to this file")
	flag.Parse()
	dir, err := os.MkdirTemp("", "m365ready-bench")
	check(err)
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "m365ready")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/m365ready")
	cmd.Stderr = os.Stderr
	check(cmd.Run())

	var specs []synth.Spec
	for _, s := range strings.Split(*sizes, ",") {
		var n int
		fmt.Sscan(s, &n)
		specs = append(specs, synth.Spec{People: n, Seed: 42})
	}
	if *big {
		specs = append(specs, synth.Spec{People: 100_000, Seed: 42})
	}
	specs = append(specs, synth.Spec{People: 10_000, Seed: 42, Free: true})
	var rows []row
	for _, sp := range specs {
		rows = append(rows, run(bin, dir, sp, *latency))
	}
	naive, ours := naiveVsOurs(bin, dir, *latency)
	report := render(rows, naive, ours, *latency)
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
func serve(dir string, sp synth.Spec, latency time.Duration) (*emulator.Server, *emulator.Fixture, []string, func()) {
	f := synth.Generate(sp, time.Now(), "bench-secret")
	f.Faults.Latency = latency
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := emulator.Start(ctx, f, emulator.Options{})
	check(err)
	ca := filepath.Join(dir, "ca.pem")
	check(os.WriteFile(ca, srv.CAPEM(), 0o600))
	env := append(os.Environ(), "SSL_CERT_FILE="+ca, "AZURE_TENANT_ID="+synth.TenantID, "AZURE_CLIENT_ID="+synth.ClientID,
		"AZURE_CLIENT_SECRET=bench-secret", "M365READY_GRAPH_URL="+srv.GraphURL, "AZURE_AUTHORITY_HOST="+srv.AuthorityHost)
	return srv, f, env, func() { srv.Close(); cancel() }
}

// child runs the binary and returns its wall time, peak RSS and CPU time.
// GNU time measures it: a child forked from this (large) process would count
// the parent's pages as its own until exec.
func child(bin string, env []string, args ...string) (time.Duration, float64, time.Duration) {
	stats := filepath.Join(os.TempDir(), fmt.Sprintf("m365ready-bench-%d.time", os.Getpid()))
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		check(fmt.Errorf("make bench needs GNU time (apt-get install time) to measure peak memory"))
	}
	cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%M %U %S", "-o", stats, bin}, args...)...)
	cmd.Env = env
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, errb.String())
		check(err)
	}
	wall := time.Since(start)
	raw, err := os.ReadFile(stats)
	check(err)
	var kb int64
	var user, sys float64
	fmt.Sscan(string(raw), &kb, &user, &sys)
	return wall, float64(kb) / 1024, time.Duration((user + sys) * float64(time.Second))
}

func run(bin, dir string, sp synth.Spec, latency time.Duration) row {
	_, f, env, stop := serve(dir, sp, latency)
	defer stop()
	snapPath := filepath.Join(dir, "snap.json")
	wall, rss, _ := child(bin, env, "collect", "-o", snapPath)
	fh, err := os.Open(snapPath)
	check(err)
	snap, err := tenant.Load(fh)
	fh.Close()
	check(err)
	min := bench.MinimumRequests(f, !sp.Free)
	// Evaluate + render alone: an offline audit of the snapshot (it includes
	// loading the file).
	_, evalRSS, evalCPU := child(bin, env, "audit", "--from", snapPath, "-o", "json="+filepath.Join(dir, "r.json"), "-o", "html="+filepath.Join(dir, "r.html"))
	name := fmt.Sprintf("%d people", sp.People)
	if sp.Free {
		name += " (no P1)"
	}
	return row{Name: name, People: sp.People, Requests: snap.Budget.Requests, Minimum: int64(min.Total), Wall: wall,
		Bound: time.Duration(min.Chain) * latency, Throttled: snap.Budget.Throttled, PeakRSSMB: rss, EvalCPU: evalCPU, EvalRSSMB: evalRSS}
}

// naiveVsOurs compares, at 1,000 people without P1, one sequential request
// per person for MFA methods with the collector's batched lookups.
func naiveVsOurs(bin, dir string, latency time.Duration) (row, row) {
	sp := synth.Spec{People: 1000, Seed: 42, Free: true}
	srv, f, env, stop := serve(dir, sp, latency)
	defer stop()
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: nil}}
	pool := srv.PKI().CAPool
	hc.Transport.(*http.Transport).TLSClientConfig = tlsConfig(pool)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {synth.ClientID}, "client_secret": {"bench-secret"},
		"scope": {"https://graph.microsoft.com/.default"}}
	resp, err := hc.PostForm(srv.AuthorityHost+synth.TenantID+"/oauth2/v2.0/token", form)
	check(err)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	get := func(u string) {
		req, _ := http.NewRequest("GET", u, nil)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		r, err := hc.Do(req)
		check(err)
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	start := time.Now()
	requests := int64(0)
	for _, u := range f.Data.Users.Items {
		if u.AccountEnabled && u.UserType == "Member" {
			get(srv.GraphURL + "/users/" + u.ID + "/authentication/methods")
			requests++
		}
	}
	naive := row{Name: "naive: one request per person", People: 1000, Requests: requests, Wall: time.Since(start)}
	before := len(srv.Requests())
	wall, _, _ := child(bin, env, "collect", "-o", filepath.Join(dir, "snap1k.json"))
	ourReq := int64(0)
	for _, r := range srv.Requests()[before:] {
		if r.Origin == "graph" && !r.InBatch && (strings.HasSuffix(r.Path, "$batch") || strings.Contains(r.Path, "userRegistrationDetails")) {
			ourReq++
		}
	}
	return naive, row{Name: "m365ready: $batch of 20, 4 in flight", People: 1000, Requests: ourReq, Wall: wall}
}

func render(rows []row, naive, ours row, latency time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Machine: %s/%s, %d CPUs, %s. Date: %s. Emulated latency: %s per request.\n\n", runtime.GOOS, runtime.GOARCH,
		runtime.NumCPU(), runtime.Version(), time.Now().UTC().Format("2006-01-02"), latency)
	b.WriteString("| tenant | requests | minimum | ratio | wall | bound | ratio | throttled | peak RSS (collect) | evaluate+render CPU | peak RSS (evaluate) |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %d | %d | %.2f | %s | %s | %.1f | %d | %.0f MB | %s | %.0f MB |\n", r.Name, r.Requests, r.Minimum,
			float64(r.Requests)/float64(r.Minimum), r.Wall.Round(time.Millisecond), r.Bound, float64(r.Wall)/float64(max(r.Bound, 1)),
			r.Throttled, r.PeakRSSMB, r.EvalCPU.Round(time.Millisecond), r.EvalRSSMB)
	}
	fmt.Fprintf(&b, "\nMFA methods without Entra ID P1, 1,000 people:\n\n| strategy | requests | wall |\n|---|---:|---:|\n")
	for _, r := range []row{naive, ours} {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", r.Name, r.Requests, r.Wall.Round(time.Millisecond))
	}
	return b.String()
}
