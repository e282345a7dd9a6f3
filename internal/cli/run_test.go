package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/iostreams"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/reports"
)

// fakeCollector stands where internal/graph does in the binary: these tests
// run the commands in process, through their real run functions, on a
// stored snapshot (a real collection of the demo tenant).
type fakeCollector struct {
	mu    sync.Mutex // fleet collects several tenants at once
	snap  *tenant.Snapshot
	err   error
	calls int
	// during runs inside Collect, to cancel the run as Ctrl-C would.
	during func()
	// last is what the last Collect was asked.
	last collect.Options
}

func (c *fakeCollector) Collect(_ context.Context, o collect.Options) (*tenant.Snapshot, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	c.last = o
	if c.during != nil {
		c.during()
	}
	if c.err != nil {
		return nil, c.err
	}
	// A copy, as each collection is: a redacted run rewrites its records
	// in place and must not rewrite the next run's.
	b, err := json.Marshal(c.snap)
	if err != nil {
		return nil, err
	}
	cp, err := tenant.Load(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return cp.View(o.Datasets, ""), nil
}

func demoSnapshot(t *testing.T) *tenant.Snapshot {
	t.Helper()
	s, err := tenant.LoadFile("../../testdata/demo-snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// deny marks datasets as a run without their permissions sees them.
func deny(s *tenant.Snapshot, ds ...tenant.Dataset) *tenant.Snapshot {
	c := *s
	for _, d := range ds {
		c.StatusOf(d) // an unknown name panics below
		v := c.View(without(tenant.AllDatasets(), d), "")
		c = *v
		*c.StatusOf(d) = tenant.Status{State: tenant.StateDenied, Permission: "X.Read.All", HTTPStatus: 403, ErrorCode: "Authorization_RequestDenied"}
	}
	return &c
}

func without(list []tenant.Dataset, d tenant.Dataset) []tenant.Dataset {
	var out []tenant.Dataset
	for _, x := range list {
		if x != d {
			out = append(out, x)
		}
	}
	return out
}

type runResult struct {
	code        int
	out, errOut string
}

// runCLI runs the command line in process with credentials in the
// environment (so no sign-in prompt), the fake collector, and test streams.
func runCLI(t *testing.T, ctx context.Context, c collect.Collector, env map[string]string, args ...string) runResult {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	return runCLIWith(t, ctx, ios, c, env, args...)
}

// runCLIWith is runCLI on given streams (a terminal's width, say).
func runCLIWith(t *testing.T, ctx context.Context, ios *iostreams.IOStreams, c collect.Collector, env map[string]string, args ...string) runResult {
	t.Helper()
	if env == nil {
		env = map[string]string{"AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s"}
	}
	out, errOut := ios.Out.(*bytes.Buffer), ios.ErrOut.(*bytes.Buffer)
	f := &Factory{IOStreams: ios, Collector: func() collect.Collector { return c },
		Now:      func() time.Time { return time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC) },
		Getenv:   func(k string) string { return env[k] },
		LookPath: func(string) (string, error) { return "", errors.New("not found") }}
	code := MainContext(ctx, f, args)
	return runResult{code, out.String(), errOut.String()}
}

func report(t *testing.T, r runResult) *result.Report {
	t.Helper()
	var rep result.Report
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatalf("stdout is not a JSON report: %v\n%s\n%s", err, r.out, r.errOut)
	}
	return &rep
}

// TestFewerPermissionsNeverGradeBetter reproduces the first finding of
// issue 11: the same tenant, its devices, Intune and report endpoints
// denied, once scored A. Now it is incomplete (no letter, exit 5), its
// worst case no higher than the full audit's, and never shown green.
func TestFewerPermissionsNeverGradeBetter(t *testing.T) {
	full := demoSnapshot(t)
	less := deny(full, tenant.DatasetDevices, tenant.DatasetIntune, tenant.DatasetManagedDevices, tenant.DatasetMFARegistration,
		tenant.DatasetSiteUsage, tenant.DatasetOneDriveUsage, tenant.DatasetSignInActivity)
	a := runCLI(t, t.Context(), &fakeCollector{snap: full}, nil, "audit", "-o", "json")
	b := runCLI(t, t.Context(), &fakeCollector{snap: less}, nil, "audit", "-o", "json")
	ra, rb := report(t, a), report(t, b)
	if a.code != ExitOK || !ra.Score.Grade.Letter() {
		t.Fatalf("full audit: exit %d grade %s", a.code, ra.Score.Grade)
	}
	if b.code != ExitIncomplete || rb.Score.Grade != result.GradeIncomplete {
		t.Errorf("denied audit: exit %d grade %s, want %d and incomplete", b.code, rb.Score.Grade, ExitIncomplete)
	}
	if rb.Score.Range.Worst > ra.Score.Range.Worst {
		t.Errorf("worst case %v with fewer permissions, %v with all", rb.Score.Range.Worst, ra.Score.Range.Worst)
	}
	found := false
	for _, g := range rb.Score.Incomplete {
		found = found || (g.CheckID == "IDN-001" && g.Severity == result.SeverityCritical)
	}
	if !found {
		t.Errorf("the incomplete list does not name the skipped critical IDN-001: %+v", rb.Score.Incomplete)
	}
	dir := t.TempDir()
	html := filepath.Join(dir, "r.html")
	runCLI(t, t.Context(), &fakeCollector{snap: less}, nil, "audit", "-o", "html="+html)
	page, _ := os.ReadFile(html)
	if !bytes.Contains(page, []byte(`class="grade tone-none"`)) || bytes.Contains(page, []byte(`class="grade tone-good"`)) {
		t.Error("the incomplete audit's HTML grade is not in the neutral (never green) tone")
	}
}

// TestExitCodes runs each documented exit code through the command line.
func TestExitCodesEndToEnd(t *testing.T) {
	demo := demoSnapshot(t)
	allDenied := deny(demo, tenant.AllDatasets()...)
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	dir := t.TempDir()
	cases := []struct {
		name string
		ctx  context.Context
		c    *fakeCollector
		env  map[string]string
		args []string
		code int
		err  string // on stderr
	}{
		{"complete, no bar", nil, &fakeCollector{snap: demo}, nil, []string{"audit"}, ExitOK, ""},
		{"worst case under --fail-under", nil, &fakeCollector{snap: demo}, nil, []string{"audit", "--fail-under", "50"}, ExitThreshold, "worst-case score"},
		{"a critical check failed", nil, &fakeCollector{snap: demo}, nil, []string{"audit", "--fail-on", "critical"}, ExitThreshold, "IDN-001"},
		{"nothing collected, with every bar", nil, &fakeCollector{snap: allDenied}, nil,
			[]string{"audit", "--fail-under", "50", "--fail-on", "critical"}, ExitIncomplete, "incomplete audit"},
		{"a skipped high check counts for --fail-on", nil, &fakeCollector{snap: deny(demo, tenant.DatasetDevices)}, nil,
			[]string{"audit", "--fail-on", "high", "--min-coverage", "0"}, ExitThreshold, "DEV-001, DEV-008 could not be evaluated"},
		{"--allow-skipped", nil, &fakeCollector{snap: deny(demo, tenant.DatasetDevices)}, nil,
			[]string{"audit", "--fail-on", "low", "--allow-skipped"}, ExitThreshold, "failed (--fail-on low)"},
		{"bad flag", nil, &fakeCollector{snap: demo}, nil, []string{"audit", "--nope"}, ExitUsage, "unknown flag"},
		{"sign-in log beyond its retention", nil, &fakeCollector{snap: demo}, nil, []string{"audit", "--signin-log", "--signin-log-days", "45"}, ExitUsage,
			"--signin-log-days must be between 1 and 30"},
		{"sign-in log without pages", nil, &fakeCollector{snap: demo}, nil, []string{"collect", "-o", "x.json", "--signin-log-pages", "0"}, ExitUsage,
			"--signin-log-pages must be between 1 and 1000"},
		{"malformed --graph-url", nil, &fakeCollector{snap: demo}, nil, []string{"audit", "--graph-url", "graph.example"}, ExitUsage, "https://"},
		{"malformed --authority-host", nil, &fakeCollector{snap: demo}, nil, []string{"audit", "--authority-host", "https://"}, ExitUsage, "no host"},
		{"output directory missing", nil, &fakeCollector{snap: demo}, nil,
			[]string{"audit", "-o", "html=" + filepath.Join(dir, "nope", "r.html")}, ExitUsage, "does not exist"},
		{"empty output file name", nil, &fakeCollector{snap: demo}, nil, []string{"audit", "-o", "html="}, ExitUsage, "no file name"},
		{"sign-in failed", nil, &fakeCollector{err: &collect.SignInError{Cause: "the client secret has expired"}}, nil,
			[]string{"audit"}, ExitSignIn, "expired"},
		{"no credentials and no terminal", nil, &fakeCollector{snap: demo}, map[string]string{}, []string{"audit"}, ExitSignIn,
			"AZURE_TENANT_ID"},
		{"runtime error", nil, &fakeCollector{err: errors.New("disk on fire")}, nil, []string{"audit"}, ExitError, "disk on fire"},
		{"interrupted", canceled, &fakeCollector{err: context.Canceled}, nil, []string{"audit"}, ExitInterrupted, "interrupted"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tc.ctx
			if ctx == nil {
				ctx = t.Context()
			}
			r := runCLI(t, ctx, tc.c, tc.env, tc.args...)
			if r.code != tc.code || !strings.Contains(r.errOut, tc.err) {
				t.Fatalf("exit %d, stderr %q; want %d mentioning %q", r.code, r.errOut, tc.code, tc.err)
			}
			if tc.code == ExitUsage || tc.code == ExitSignIn && tc.env != nil {
				if tc.c.calls > 0 && tc.code == ExitUsage {
					t.Errorf("the collector ran before the usage error was found")
				}
			}
			if tc.name == "no credentials and no terminal" && tc.c.calls > 0 {
				t.Error("sign-in was attempted with no credentials and no terminal")
			}
		})
	}
}

// TestExitCodesAreDocumented: the README's exit-code table and --help list
// every exit code the command line returns.
func TestExitCodesAreDocumented(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []int{ExitOK, ExitError, ExitUsage, ExitThreshold, ExitSignIn, ExitIncomplete, ExitInterrupted} {
		row := regexp.MustCompile(`(?m)^\| ` + strconv.Itoa(code) + ` \|`)
		if !row.Match(readme) {
			t.Errorf("README's exit-code table lacks %d", code)
		}
		if !regexp.MustCompile(`(?m)^  ` + strconv.Itoa(code) + ` `).MatchString(exitCodesHelp) {
			t.Errorf("--help lacks exit code %d", code)
		}
	}
}

// TestInterruptedWhileWritingLeavesNothing: Ctrl-C after collection, while
// the reports are rendered and written, exits 130 and leaves no file; a
// snapshot being saved when Ctrl-C comes is not left either.
func TestInterruptedWhileWritingLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	ios, _, _, errOut := iostreams.Test()
	env := map[string]string{"AZURE_TENANT_ID": "t", "AZURE_CLIENT_ID": "c", "AZURE_CLIENT_SECRET": "s"}
	snap := demoSnapshot(t)
	f := &Factory{IOStreams: ios, Collector: func() collect.Collector { return &fakeCollector{snap: snap} },
		// The report is stamped after collection, just before rendering:
		// Ctrl-C arrives then.
		Now:    func() time.Time { cancel(); return time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC) },
		Getenv: func(k string) string { return env[k] }}
	code := MainContext(ctx, f, []string{"audit", "-o", "json=" + filepath.Join(dir, "r.json"), "-o", "html=" + filepath.Join(dir, "r.html")})
	if code != ExitInterrupted {
		t.Errorf("audit: exit %d, want 130 (%s)", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("audit left files behind: %v", entries)
	}
	// Saving: the snapshot is streamed to a temporary file; Ctrl-C part way
	// through stops the stream and removes it.
	ctx2, cancel2 := context.WithCancel(t.Context())
	written := 0
	err := writeAtomic(ctx2, filepath.Join(dir, "snap.json"), func(w io.Writer) error {
		for range 100 {
			if written == 10 {
				cancel2()
			}
			written++
			if _, err := w.Write(bytes.Repeat([]byte("x"), 1<<20)); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || written > 12 {
		t.Errorf("save: err %v after %d MiB", err, written)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("save left files behind: %v", entries)
	}
}

// TestNoReportLeftWhenAnotherFails: when one output cannot be written, the
// others are not left behind either.
func TestNoReportLeftWhenAnotherFails(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	good := filepath.Join(dir, "r.json")
	specs := []outputSpec{{format: "json", path: good}, {format: "html", path: filepath.Join(ro, "r.html")}}
	os.Chmod(ro, 0o500)
	defer os.Chmod(ro, 0o755)
	if os.Geteuid() == 0 {
		// root writes anywhere: make the second output fail another way.
		specs[1].path = filepath.Join(dir, "missing-dir", "r.html")
	}
	ios, _, _, _ := iostreams.Test()
	f := &Factory{IOStreams: ios, Logger: discardLogger()}
	rep := &result.Report{SchemaVersion: result.SchemaVersion, Checks: []result.CheckResult{}}
	if err := renderAll(t.Context(), f, specs, rep, reportsOptions()); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(good); err == nil {
		t.Error("the first report was left behind")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func reportsOptions() reports.Options { return reports.Options{} }
