package cli

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/iostreams"
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func testFactory(env map[string]string) *Factory {
	ios, _, _, _ := iostreams.Test()
	return &Factory{IOStreams: ios, Now: func() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) },
		Getenv: func(k string) string { return env[k] }}
}

func TestNewCmdAuditFlags(t *testing.T) {
	cases := []struct {
		args    string
		wantErr string
		check   func(*testing.T, *AuditOptions)
	}{
		{"--demo", "", func(t *testing.T, o *AuditOptions) {
			if !o.Demo || len(o.outputs) != 1 || o.outputs[0].format != "table" || o.outputs[0].path != "" || o.Auth.Mode != "auto" || o.Auth.Cloud != "global" {
				t.Errorf("opts = %+v", o)
			}
		}},
		{"--from snap.json -o json -o html=r.html -o junit=r.xml --fail-under 70 --fail-on high --redact", "", func(t *testing.T, o *AuditOptions) {
			if o.From != "snap.json" || len(o.outputs) != 3 || o.outputs[1] != (outputSpec{"html", "r.html"}) || o.FailUnder != 70 || o.FailOn != "high" || !o.Redact {
				t.Errorf("opts = %+v", o)
			}
		}},
		{"-o json -o table", "only one output can go to stdout", nil},
		{"-o html=a -o csv=a", "two outputs write to a", nil},
		{"--fail-on severe", "--fail-on", nil},
		{"--fail-under 101", "--fail-under", nil},
		{"--demo --from x.json", "cannot be used together", nil},
		{"-o xml", "unknown output format", nil},
		{"stray", "takes no arguments", nil},
	}
	for _, tc := range cases {
		t.Run(tc.args, func(t *testing.T) {
			var got *AuditOptions
			cmd := NewCmdAudit(testFactory(nil), func(o *AuditOptions) error { got = o; return nil })
			cmd.SetArgs(strings.Fields(tc.args))
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			err := cmd.Execute()
			if tc.wantErr != "" {
				var ue *UsageError
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.As(err, &ue) {
					t.Fatalf("err = %v, want usage error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, got)
		})
	}
}

func TestAuthOptionsFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "secret")
	os.WriteFile(secretFile, []byte("from-file\n"), 0o600)
	env := map[string]string{"AZURE_TENANT_ID": "tid", "AZURE_CLIENT_ID": "cid", "AZURE_CLIENT_SECRET": "from-env",
		"M365READY_GRAPH_URL": "https://127.0.0.1:9/v1.0", "AZURE_AUTHORITY_HOST": "https://127.0.0.1:8/"}
	a := authFlags{Mode: "auto", Cloud: "global", MaxRetries: 5, Concurrency: 4, Timeout: time.Second}
	o, err := a.options(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if o.Auth.TenantID != "tid" || o.Auth.ClientID != "cid" || o.Auth.ClientSecret != "from-env" ||
		o.GraphURL != env["M365READY_GRAPH_URL"] || o.AuthorityHost != env["AZURE_AUTHORITY_HOST"] {
		t.Errorf("options = %+v", o)
	}
	a.ClientSecretFile, a.TenantID = secretFile, "flag-tenant"
	o, err = a.options(func(k string) string { return env[k] })
	if err != nil || o.Auth.ClientSecret != "from-file" || o.Auth.TenantID != "flag-tenant" {
		t.Errorf("file secret / flag precedence: %+v, %v", o.Auth, err)
	}
	for name, bad := range map[string]authFlags{
		"mode":        {Mode: "password", Cloud: "global", MaxRetries: 5, Concurrency: 4, Timeout: time.Second},
		"cloud":       {Mode: "auto", Cloud: "mars", MaxRetries: 5, Concurrency: 4, Timeout: time.Second},
		"retries":     {Mode: "auto", Cloud: "global", MaxRetries: 50, Concurrency: 4, Timeout: time.Second},
		"secret":      {Mode: "client-secret", Cloud: "global", MaxRetries: 5, Concurrency: 4, Timeout: time.Second},
		"secret file": {Mode: "auto", Cloud: "global", MaxRetries: 5, Concurrency: 4, Timeout: time.Second, ClientSecretFile: filepath.Join(dir, "none")},
	} {
		if _, err := bad.options(func(string) string { return "" }); err == nil {
			t.Errorf("%s: no error", name)
		} else if exitCode(err) != ExitUsage {
			t.Errorf("%s: exit code %d, want 2", name, exitCode(err))
		}
	}
}

func TestExitCodes(t *testing.T) {
	cases := map[error]int{
		nil:                              ExitOK,
		errors.New("boom"):               ExitError,
		usageErrorf("bad"):               ExitUsage,
		&collect.SignInError{Cause: "x"}: ExitSignIn,
	}
	for err, want := range cases {
		if got := exitCode(err); got != want {
			t.Errorf("exitCode(%v) = %d, want %d", err, got, want)
		}
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.json")
	if err := writeAtomic(t.Context(), p, func(w io.Writer) error { _, err := w.Write([]byte("{}")); return err }); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode().Perm())
	}
	if err := writeAtomic(t.Context(), filepath.Join(dir, "missing", "x.json"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing directory should fail")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestChecksCommands(t *testing.T) {
	run := func(args ...string) (string, error) {
		f := testFactory(nil)
		cmd := NewCmdChecks(f, nil)
		cmd.SetArgs(args)
		cmd.SetOut(&strings.Builder{})
		cmd.SetErr(&strings.Builder{})
		err := cmd.Execute()
		return f.IOStreams.Out.(interface{ String() string }).String(), err
	}
	out, err := run("list")
	if err != nil || !strings.Contains(out, "IDN-002") || !strings.Contains(out, "Single global admin") {
		t.Errorf("list: %v\n%s", err, out)
	}
	out, err = run("explain", "idn-002")
	if err != nil || !strings.Contains(out, "Why it matters") || !strings.Contains(out, "RoleManagement.Read.Directory") || !strings.Contains(out, "caps the grade") {
		t.Errorf("explain: %v\n%s", err, out)
	}
	scoring, err := run("explain", "--scoring")
	if err != nil || !strings.Contains(scoring, "coverage  = ") || !strings.Contains(scoring, audit.RuleCap) {
		t.Errorf("scoring: %v\n%s", err, scoring)
	}
	// Critical means one thing everywhere: the check's severity.
	list, _ := run("list")
	for _, c := range checks.Builtin() {
		explain, _ := run("explain", c.ID)
		critical := c.Severity == result.SeverityCritical
		if strings.Contains(explain, audit.RuleCap) != critical || !strings.Contains(explain, "Severity: "+string(c.Severity)) {
			t.Errorf("explain %s (%s) does not say its severity and the cap rule alike:\n%s", c.ID, c.Severity, explain)
		}
		if row := lineWith(list, c.ID); !strings.Contains(row, " "+string(c.Severity)+" ") {
			t.Errorf("list row for %s lacks %s: %q", c.ID, c.Severity, row)
		}
		if crit := lineWith(scoring, "Critical checks:"); strings.Contains(crit, c.ID) != critical {
			t.Errorf("--scoring's critical list %q disagrees on %s", crit, c.ID)
		}
	}
	for _, bad := range [][]string{{"explain", "NOPE-1"}, {"explain"}, {"explain", "IDN-001", "--scoring"}} {
		if _, err := run(bad...); exitCode(err) != ExitUsage {
			t.Errorf("%v: err %v, want a usage error", bad, err)
		}
	}
}

func lineWith(text, sub string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestConfigErrorsAreUsageErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.yaml")
	os.WriteFile(p, []byte("weights:\n  NOPE-1: 3\n"), 0o600)
	_, err := loadConfig(p)
	if exitCode(err) != ExitUsage || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v", err)
	}
	if _, err := loadConfig(filepath.Join(dir, "missing.yaml")); exitCode(err) != ExitUsage {
		t.Fatalf("missing explicit config: %v", err)
	}
}

func TestHugeInputsAreRefused(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, []byte("skip: []\n"+strings.Repeat("# padding\n", 200_000)), 0o600)
	if _, err := loadConfig(big); exitCode(err) != ExitUsage || !strings.Contains(err.Error(), "1 MiB") {
		t.Errorf("huge config: %v", err)
	}
	// The pipeline's refusal of a snapshot file is a usage error (exit 2).
	if exitCode(&pipeline.SnapshotError{Path: "x", Err: errors.New("too large")}) != ExitUsage {
		t.Error("a snapshot the pipeline refuses is not a usage error")
	}
}

// TestLiveProgress: one line, rewritten in place, counting datasets; the
// datasets an interrupted run never asked for add nothing; Stop clears the
// line and nothing is drawn after it.
func TestLiveProgress(t *testing.T) {
	sw := &syncWriter{w: &strings.Builder{}}
	lp := newLiveProgress(sw, 80, 3)
	lp.Page("users", 999)
	lp.Page("users", 3)
	lp.Done("users", tenant.Status{State: tenant.StateCollected, Count: 1002})
	lp.Done("devices", tenant.Status{State: tenant.StateDenied, Permission: "Device.Read.All"})
	lp.Done("sites", tenant.Status{State: tenant.StateNotRequested, Reason: "interrupted"})
	lp.Stop()
	lp.Done("groups", tenant.Status{State: tenant.StateCollected})
	out := sw.String()
	if !strings.Contains(out, "Reading the tenant: 1 of 3 datasets (users: 1002 records)") ||
		!strings.Contains(out, "Reading the tenant: 2 of 3 datasets (devices: 0 records)") {
		t.Errorf("progress:\n%q", out)
	}
	if strings.Contains(out, "sites") || strings.Contains(out, "groups") || strings.Contains(out, "\n") || !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("progress after an interrupt or Stop, or on more than one line:\n%q", out)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

// TestWriteToAFIFO: an output named by an existing file that is no regular
// file (a FIFO here; /dev/null or a terminal alike) is written into, never
// replaced by a rename: -o json=/dev/null must not turn /dev/null into a
// file. A directory is refused.
func TestWriteToAFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	got := make(chan string, 1)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- string(b)
	}()
	if err := writeAtomic(t.Context(), fifo, func(w io.Writer) error { _, err := io.WriteString(w, `{"ok":true}`); return err }); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != `{"ok":true}` {
			t.Errorf("the reader got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Error("nothing was written into the FIFO")
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
	if err := writeAtomic(t.Context(), dir, func(io.Writer) error { return nil }); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("a directory: %v", err)
	}
}
