package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/pgtest"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "m365ready-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "m365ready")
	args := []string{"build", "-o", binary}
	if raceEnabled {
		args = append(args, "-race")
	}
	if out, err := exec.Command("go", append(args, ".")...).CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	pgtest.StopShared()
	os.RemoveAll(dir)
	os.Exit(code)
}

type run struct {
	stdout, stderr string
	code           int
}

// m365ready runs the built binary with a clean environment plus env.
func m365ready(t *testing.T, env []string, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return run{out.String(), errb.String(), code}
}

func TestDemoAudit(t *testing.T) {
	r := m365ready(t, nil, "audit", "--demo")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{"DEMO DATA", "Alder & Finch Architects Ltd", "Grade:     F", "Coverage:  100%", "23 of 23 checks evaluated (and 2 for context)", "CTX-001", "IDN-006", "COL-002", "COL-003", "COL-004", "IDN-003", "IDN-004", "IDN-005", "DEV-003",
		"LIC-001", "DEV-002", "IDN-001", "IDN-002", "DEV-001", "COL-001", "Top actions", "Only one Global Administrator"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("demo output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = m365ready(t, nil, "audit", "--demo", "--details")
	for _, want := range []string{"Mara Finch <mara.finch@alderfinch.example>: administrator: only SMS/voice", "MARA-SURFACE: only registered",
		"sites/ProjectsArchive: no current owner: tom.reed@alderfinch.example is disabled", "mfaRegistration", "siteUsage",
		"tenant has no Microsoft Entra ID P2"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--details output lacks %q", want)
		}
	}
}

func TestCollectThenAuditOffline(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "snap.json")
	if r := m365ready(t, nil, "collect", "--demo", "-o", snap); r.code != 0 {
		t.Fatalf("collect: exit %d\n%s", r.code, r.stderr)
	}
	st, err := os.Stat(snap)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("snapshot mode %v, want 0600", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	r := m365ready(t, nil, "audit", "--from", snap, "-o", "json")
	if r.code != 0 {
		t.Fatalf("audit --from: exit %d\n%s", r.code, r.stderr)
	}
	var rep result.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	if !rep.Demo || !rep.Source.Offline || len(rep.Datasets) != len(tenant.AllDatasets()) {
		t.Errorf("report = demo %v offline %v datasets %d", rep.Demo, rep.Source.Offline, len(rep.Datasets))
	}
}

// TestRealSignInSubprocess runs the binary against an emulator in another
// process's view: trust through SSL_CERT_FILE, endpoints and credentials from
// the Azure SDK's environment variables, and --debug logging on. The secret
// and the token must not appear anywhere in the output.
func TestRealSignInSubprocess(t *testing.T) {
	secret := "e2e-secret-6d1b9c"
	f := demo.Fixture(time.Now(), secret)
	srv, err := emulator.Start(t.Context(), f, emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, srv.CAPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"SSL_CERT_FILE=" + ca, "AZURE_TENANT_ID=" + demo.TenantID, "AZURE_CLIENT_ID=" + demo.ClientID,
		"AZURE_CLIENT_SECRET=" + secret, "M365READY_GRAPH_URL=" + srv.GraphURL, "AZURE_AUTHORITY_HOST=" + srv.AuthorityHost}
	out := t.TempDir()
	r := m365ready(t, env, "--debug", "audit", "-o", "json", "-o", "html="+filepath.Join(out, "r.html"),
		"-o", "csv="+filepath.Join(out, "r.csv"), "-o", "markdown="+filepath.Join(out, "r.md"))
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "graph request") || !strings.Contains(r.stderr, "requestId=") || !strings.Contains(r.stderr, "status=200") {
		t.Errorf("--debug did not log requests:\n%s", r.stderr)
	}
	if m365ready(t, env, "collect", "-o", filepath.Join(out, "snap.json")).code != 0 {
		t.Fatal("collect failed")
	}
	everything := r.stdout + r.stderr
	files, _ := os.ReadDir(out)
	for _, fi := range files {
		b, _ := os.ReadFile(filepath.Join(out, fi.Name()))
		everything += string(b)
	}
	// The access tokens are JWTs ("eyJ..."); the secret is known.
	for _, leak := range []string{secret, "Bearer", "eyJ", "Authorization", "client_secret"} {
		if strings.Contains(everything, leak) {
			t.Errorf("output, logs or files contain %q", leak)
		}
	}
	// Without SSL_CERT_FILE the emulator's certificate is not trusted: exit 4.
	r = m365ready(t, env[1:], "audit")
	if r.code != 4 || !strings.Contains(r.stderr, "not trusted") {
		t.Errorf("untrusted CA: exit %d, stderr %q", r.code, r.stderr)
	}
	// A wrong secret is a sign-in failure: one line, exit 4.
	bad := append(append([]string{}, env...), "AZURE_CLIENT_SECRET=wrong")
	r = m365ready(t, bad, "audit")
	if r.code != 4 || !strings.Contains(r.stderr, "AADSTS7000215") || strings.Count(strings.TrimSpace(r.stderr), "\n") > 2 {
		t.Errorf("wrong secret: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.json")
	os.WriteFile(newer, []byte(`{"schemaVersion": 7}`), 0o600)
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, nil, 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"audit", "--no-such-flag"}, "unknown flag"},
		{[]string{"audit", "--demo", "--from", "x.json"}, "cannot be used together"},
		{[]string{"audit", "-o", "yaml", "--demo"}, "unknown output format"},
		{[]string{"audit", "--from", newer}, "schema version 7"},
		{[]string{"audit", "--from", empty}, "empty"},
		{[]string{"audit", "--auth", "password"}, "unknown --auth"},
		{[]string{"collect", "--demo"}, "-o FILE"},
		{[]string{"audit", "extra"}, "takes no arguments"},
	} {
		r := m365ready(t, nil, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", tc.args, r.code, r.stderr, tc.want)
		}
		if strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
			t.Errorf("%v: error is not one line: %q", tc.args, r.stderr)
		}
	}
}

func TestOutputsRedactionAndThresholds(t *testing.T) {
	dir := t.TempDir()
	p := func(n string) string { return filepath.Join(dir, n) }
	r := m365ready(t, nil, "audit", "--demo", "--redact", "-o", "json="+p("r.json"), "-o", "html="+p("r.html"),
		"-o", "csv="+p("r.csv"), "-o", "markdown="+p("r.md"), "-o", "junit="+p("r.xml"), "--fail-on", "critical")
	if r.code != 3 || !strings.Contains(r.stderr, "IDN-001") {
		t.Fatalf("--fail-on critical: exit %d, stderr %q", r.code, r.stderr)
	}
	var all []string
	for _, n := range []string{"r.json", "r.html", "r.csv", "r.md", "r.xml"} {
		st, err := os.Stat(p(n))
		if err != nil {
			t.Fatalf("%s not written: %v", n, err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", n, st.Mode().Perm())
		}
		b, _ := os.ReadFile(p(n))
		all = append(all, string(b))
		for _, leak := range []string{"alderfinch", "mara.finch", "Alder &", "MARA-SURFACE"} {
			if strings.Contains(string(b), leak) {
				t.Errorf("%s contains %q despite --redact", n, leak)
			}
		}
	}
	// The same person has the same pseudonym in every output of the run.
	var rep result.Report
	json.Unmarshal([]byte(all[0]), &rep)
	var ga string
	for _, c := range rep.Checks {
		if c.Check.ID == "IDN-002" {
			for _, f := range c.Findings {
				if f.ObjectType == "user" {
					ga = f.Name
				}
			}
		}
	}
	if ga == "" || !strings.Contains(all[2], ga) || !strings.Contains(all[1], ga) {
		t.Errorf("pseudonym %q is not the same across outputs", ga)
	}
	if r := m365ready(t, nil, "audit", "--demo", "-o", "json="+p("ok.json"), "--fail-under", "30"); r.code != 0 {
		t.Errorf("score above --fail-under: exit %d %s", r.code, r.stderr)
	}
	if r := m365ready(t, nil, "audit", "--demo", "--fail-under", "90"); r.code != 3 || !strings.Contains(r.stdout, "Grade:     F") {
		t.Errorf("below --fail-under: exit %d; the report must still be printed", r.code)
	}
}

func TestDiffCommand(t *testing.T) {
	dir := t.TempDir()
	old, cur := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
	cfg := filepath.Join(dir, "m365ready.yaml")
	os.WriteFile(cfg, []byte("acceptedRisks:\n  - check: DEV-001\n    object: MARA-SURFACE\n    reason: replacing it\n    owner: owen\n    expires: 2099-01-01\n"), 0o600)
	m365ready(t, nil, "audit", "--demo", "-o", "json="+old)
	m365ready(t, nil, "audit", "--demo", "--config", cfg, "-o", "json="+cur)
	r := m365ready(t, nil, "diff", old, cur, "-o", "json", "--fail-on-regression")
	var d result.Diff
	if err := json.Unmarshal([]byte(r.stdout), &d); err != nil || r.code != 0 || d.Regressed || d.ScoreChange <= 0 || len(d.ResolvedFindings) != 1 {
		t.Fatalf("improved: exit %d, %+v, %v", r.code, d, err)
	}
	r = m365ready(t, nil, "diff", cur, old, "--fail-on-regression")
	if r.code != 3 || !strings.Contains(r.stdout, "REGRESSED") {
		t.Errorf("regressed: exit %d\n%s", r.code, r.stdout)
	}
	r = m365ready(t, nil, "diff", old, old, "-o", "markdown", "--fail-on-regression")
	if r.code != 0 || !strings.Contains(r.stdout, "no regression") {
		t.Errorf("unchanged: exit %d\n%s", r.code, r.stdout)
	}
	if r := m365ready(t, nil, "diff", old); r.code != 2 {
		t.Errorf("one argument: exit %d", r.code)
	}
	if r := m365ready(t, nil, "diff", old, cfg); r.code != 2 {
		t.Errorf("not a report: exit %d", r.code)
	}
}

func TestDoctorAndPermissions(t *testing.T) {
	r := m365ready(t, nil, "doctor", "--demo")
	// Column widths follow the longest dataset name: compare words, not padding.
	if r.code != 0 || !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), "roleEligibilities | not licensed | tenant has no Microsoft Entra ID P2") {
		t.Errorf("doctor: exit %d\n%s", r.code, r.stdout)
	}
	if r := m365ready(t, nil, "audit", "--preflight", "--demo"); r.code != 0 || !strings.Contains(r.stdout, "WILL RUN") {
		t.Errorf("audit --preflight: exit %d", r.code)
	}
	for _, format := range []string{"table", "az-cli", "powershell", "json"} {
		r := m365ready(t, nil, "permissions", "-o", format)
		if r.code != 0 || !strings.Contains(r.stdout, "AuditLog.Read.All") {
			t.Errorf("permissions -o %s: exit %d", format, r.code)
		}
		if strings.Contains(r.stdout, "ReadWrite") && format != "powershell" {
			t.Errorf("permissions -o %s asks for a write permission", format)
		}
	}
}

// externalTenant serves the demo tenant from the test process, for runs of
// the binary that sign in like a real deployment (SSL_CERT_FILE, env vars).
func externalTenant(t *testing.T, mutate func(*emulator.Fixture)) []string {
	t.Helper()
	secret := "ext-secret-91c2"
	f := demo.Fixture(time.Now(), secret)
	if mutate != nil {
		mutate(f)
	}
	srv, err := emulator.Start(t.Context(), f, emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(ca, srv.CAPEM(), 0o600)
	return []string{"SSL_CERT_FILE=" + ca, "AZURE_TENANT_ID=" + demo.TenantID, "AZURE_CLIENT_ID=" + demo.ClientID,
		"AZURE_CLIENT_SECRET=" + secret, "M365READY_GRAPH_URL=" + srv.GraphURL, "AZURE_AUTHORITY_HOST=" + srv.AuthorityHost}
}

// TestInterrupt: Ctrl-C during collection exits 130 promptly and leaves no file.
func TestInterrupt(t *testing.T) {
	env := externalTenant(t, func(f *emulator.Fixture) { f.Faults.Cost = &emulator.CostModel{Latency: 400 * time.Millisecond} })
	dir := t.TempDir()
	for _, args := range [][]string{
		{"collect", "-o", filepath.Join(dir, "snap.json")},
		{"audit", "-o", "json=" + filepath.Join(dir, "r.json"), "-o", "html=" + filepath.Join(dir, "r.html")},
	} {
		cmd := exec.Command(binary, args...)
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1200 * time.Millisecond)
		sent := time.Now()
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		took := time.Since(sent)
		ee, _ := err.(*exec.ExitError)
		if ee == nil || ee.ExitCode() != 130 {
			t.Errorf("%v: err %v, want exit 130; stderr %s", args[0], err, errb.String())
		}
		if took > 3*time.Second {
			t.Errorf("%v: took %v to stop after Ctrl-C", args[0], took)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("%v left files behind: %v", args[0], names)
		}
		if strings.Count(strings.TrimSpace(lastLine(errb.String())), "\n") > 0 || !strings.Contains(errb.String(), "interrupted") {
			t.Errorf("stderr: %q", errb.String())
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestMissingPermissionEndToEnd: one permission missing skips exactly the
// checks that need it, says which permission, and records Graph's error
// code and request-id in the JSON report.
func TestMissingPermissionEndToEnd(t *testing.T) {
	env := externalTenant(t, func(f *emulator.Fixture) {
		var roles []string
		for _, r := range f.Apps[0].Roles {
			if r != "Device.Read.All" {
				roles = append(roles, r)
			}
		}
		f.Apps[0].Roles = roles
		no := false
		f.Faults.Intune = &no
	})
	// Devices and Intune feed most device checks: coverage drops below
	// the default 80 %, which is not what this test is about.
	r := m365ready(t, env, "audit", "-o", "json", "--min-coverage", "0.5")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep result.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Checks {
		switch c.Check.ID {
		case "DEV-001":
			if c.Status != result.StatusSkipped || !strings.Contains(c.Reason, "needs Device.Read.All") {
				t.Errorf("DEV-001: %s %q", c.Status, c.Reason)
			}
		case "DEV-002":
			// The SKUs carry Intune but the service says it does not apply:
			// the check cannot judge, and says so.
			if c.Status != result.StatusSkipped || !strings.Contains(c.Reason, "needs Microsoft Intune") {
				t.Errorf("DEV-002 with Intune not applicable: %s %q", c.Status, c.Reason)
			}
		case "DEV-009", "DEV-010":
			// Unlicensed by the service while the SKUs carry Intune.
			if c.Status != result.StatusSkipped || !strings.Contains(c.Reason, "needs Microsoft Intune") {
				t.Errorf("%s with Intune not applicable: %s %q", c.Check.ID, c.Status, c.Reason)
			}
		case "IDN-001", "IDN-002", "LIC-001", "COL-001":
			if !c.Status.Evaluated() {
				t.Errorf("%s affected: %s %s", c.Check.ID, c.Status, c.Reason)
			}
		}
	}
	for _, d := range rep.Datasets {
		switch d.Name {
		case "devices":
			if d.State != "denied" || d.ErrorCode != "Authorization_RequestDenied" || d.RequestID == "" || d.HTTPStatus != 403 {
				t.Errorf("devices dataset: %+v", d)
			}
		case "intune", "managedDevices":
			if d.State != "unlicensed" || d.Licence != "Microsoft Intune" {
				t.Errorf("%s dataset: %+v", d.Name, d)
			}
		}
	}
	if rep.Score.Coverage >= 1 {
		t.Errorf("coverage %v should drop when a check is skipped", rep.Score.Coverage)
	}
}

// TestNothingAuditedIsNeverGreen: a scheduled job whose consent was revoked
// (every Graph permission gone), or whose Graph URL points nowhere, exits 5
// whatever bars it sets, and says why in one line; the report is still
// written and shows no grade.
func TestNothingAuditedIsNeverGreen(t *testing.T) {
	// Every Graph permission removed from the app; it can still sign in.
	revoked := externalTenant(t, func(f *emulator.Fixture) { f.Apps[0].Roles = []string{"Mail.Read"} })
	nowhere := append(externalTenant(t, nil), "M365READY_GRAPH_URL=https://127.0.0.1:1/v1.0")
	for name, env := range map[string][]string{"consent revoked": revoked, "graph url nowhere": nowhere} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r.json")
			r := m365ready(t, env, "audit", "--fail-under", "50", "--fail-on", "critical", "-o", "json="+out, "--max-retries", "1")
			if r.code != 5 || !strings.Contains(lastLine(r.stderr), "incomplete audit") {
				t.Fatalf("exit %d, last line %q; want 5, incomplete audit\n%s", r.code, lastLine(r.stderr), r.stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var rep result.Report
			if err := json.Unmarshal(data, &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Score.Grade != result.GradeIncomplete || rep.Score.Value != nil || rep.Score.Coverage != 0 {
				t.Errorf("score %+v", rep.Score)
			}
		})
	}
}

// TestFleetDemo: three emulated tenants through the real SDK and sign-in;
// the one whose secret is wrong fails to sign in and is in the portfolio as
// not audited (exit 6), the other two are ranked and each has its own
// report and plan under --out-dir.
func TestFleetDemo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "history.db")
	r := m365ready(t, nil, "fleet", "--demo", "--plan", "--out-dir", dir, "-o", "json", "--store", db)
	if r.code != 6 {
		t.Fatalf("exit %d, want 6 (one tenant not audited)\n%s", r.code, r.stderr)
	}
	var p result.Portfolio
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatal(err)
	}
	if p.Summary.Tenants != 3 || p.Summary.Audited != 2 || p.Summary.Failed != 1 {
		t.Fatalf("summary %+v", p.Summary)
	}
	last := p.Tenants[2]
	if last.Alias != "fabrikam" || last.Failure == nil || last.Failure.Kind != "signIn" || !strings.Contains(last.Failure.Message, "AADSTS7000215") {
		t.Errorf("failed tenant %+v", last)
	}
	for _, tn := range p.Tenants[:2] {
		if tn.Score == nil || tn.Grade == "" || len(tn.Licences) == 0 || len(tn.Reports) != 4 {
			t.Errorf("%s: grade %q, %d licences, reports %v", tn.Alias, tn.Grade, len(tn.Licences), tn.Reports)
		}
		for _, f := range []string{"report.html", "report.json", "plan.html", "plan.json"} {
			if st, err := os.Stat(filepath.Join(dir, tn.Alias, f)); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("%s/%s: %v", tn.Alias, f, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "fabrikam")); err == nil {
		t.Error("a report directory for the tenant that was not audited")
	}
	if strings.Contains(r.stderr, "secret\":") || strings.Contains(r.stderr, "client_secret=") {
		t.Error("stderr carries a secret")
	}
	// A second run, then the history: two runs of each audited tenant.
	if r := m365ready(t, nil, "fleet", "--demo", "--out-dir", dir, "-o", "json="+filepath.Join(dir, "second.json"), "--store", db); r.code != 6 {
		t.Fatalf("second fleet run: exit %d\n%s", r.code, r.stderr)
	}
	var second result.Portfolio
	if b, err := os.ReadFile(filepath.Join(dir, "second.json")); err != nil || json.Unmarshal(b, &second) != nil {
		t.Fatalf("second portfolio: %v", err)
	}
	for _, tn := range second.Tenants[:2] {
		if tn.Change == nil || *tn.Change != 0 || tn.PreviousAt == nil {
			t.Errorf("%s: the change since the first run is %v, want 0 (the same emulated tenant)", tn.Alias, tn.Change)
		}
	}
	r = m365ready(t, nil, "history", "--store", db, "-o", "json")
	var h result.History
	if err := json.Unmarshal([]byte(r.stdout), &h); r.code != 0 || err != nil || len(h.Tenants) != 2 {
		t.Fatalf("history: exit %d, %v, %d tenants\n%s", r.code, err, len(h.Tenants), r.stderr)
	}
	for _, tn := range h.Tenants {
		if len(tn.Runs) != 2 || tn.Alias == "" || tn.Runs[0].Command != "fleet" {
			t.Errorf("%s: %d runs, alias %q", tn.Name, len(tn.Runs), tn.Alias)
		}
	}
}

// TestFleetPreflight: --preflight signs in to every tenant and checks its
// grant without auditing: the tenant with the wrong secret cannot sign in
// (exit 6), the other two grant everything; nothing is written.
func TestFleetPreflight(t *testing.T) {
	dir := t.TempDir()
	r := m365ready(t, nil, "fleet", "--demo", "--preflight", "--out-dir", dir, "-o", "json")
	if r.code != 6 {
		t.Fatalf("exit %d, want 6\n%s", r.code, r.stderr)
	}
	var got []struct {
		Alias   string
		Failure *struct{ Kind string }
		Doctor  *struct{ Blocked int }
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 3 {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	for _, g := range got {
		switch {
		case g.Alias == "fabrikam":
			if g.Failure == nil || g.Failure.Kind != "signIn" {
				t.Errorf("fabrikam: %+v", g.Failure)
			}
		case g.Doctor == nil || g.Doctor.Blocked != 0:
			t.Errorf("%s: %+v %+v", g.Alias, g.Failure, g.Doctor)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a preflight wrote %d entries", len(entries))
	}
}
