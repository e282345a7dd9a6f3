package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/iostreams"
	"github.com/m365ready/m365ready/internal/tenant"
)

// TestStderrForPeopleAndForJobs: on a terminal a person sees one summary
// line and no log records; a scheduled job (stderr not a terminal) gets
// structured records; --log-format json makes them JSON; --quiet leaves
// stderr empty on success; a bad --log-format is a usage error.
func TestStderrForPeopleAndForJobs(t *testing.T) {
	demo := demoSnapshot(t)
	demo.Budget = &tenant.Budget{Requests: 23, DurationMs: 1234}
	var asked int
	for _, d := range tenant.AllDatasets() {
		// The sign-in log is off by default.
		if d != tenant.DatasetSignInLog && demo.StatusOf(d).State != tenant.StateNotRequested {
			asked++
		}
	}
	summary := fmt.Sprintf("Read %d of %d datasets in 1.2s (23 requests); unlicensed: roleEligibilities", asked-1, asked)
	run := func(tty bool, args ...string) runResult {
		ios, _, _, _ := iostreams.Test()
		ios.SetStderrTTY(tty)
		return runCLIWith(t, t.Context(), ios, &fakeCollector{snap: demo}, nil, append([]string{"audit"}, args...)...)
	}
	person := run(true)
	if person.code != ExitOK || strings.Contains(person.errOut, "level=") ||
		!strings.Contains(person.errOut, summary) {
		t.Errorf("terminal stderr:\n%s", person.errOut)
	}
	if n := strings.Count(strings.TrimSpace(person.errOut), "\n"); n != 0 {
		t.Errorf("terminal stderr has %d lines, want one:\n%s", n+1, person.errOut)
	}
	job := run(false, "-o", "json="+t.TempDir()+"/r.json")
	if !strings.Contains(job.errOut, "level=INFO msg=\"report written\"") || strings.Contains(job.errOut, summary) {
		t.Errorf("job stderr:\n%s", job.errOut)
	}
	structured := run(true, "--log-format", "json", "-o", "json="+t.TempDir()+"/r.json")
	for _, line := range strings.Split(strings.TrimSpace(structured.errOut), "\n") {
		if strings.Contains(line, summary) {
			continue // the person's summary: stderr is a terminal
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil || rec["msg"] == nil {
			t.Errorf("--log-format json line is not a JSON record: %q", line)
		}
	}
	if quiet := run(true, "--quiet"); quiet.errOut != "" || quiet.code != ExitOK || quiet.out == "" {
		t.Errorf("--quiet: exit %d, stderr %q", quiet.code, quiet.errOut)
	}
	if bad := run(false, "--log-format", "xml"); bad.code != ExitUsage || !strings.Contains(bad.errOut, "--log-format") {
		t.Errorf("--log-format xml: exit %d, %s", bad.code, bad.errOut)
	}
}

// TestHumanLogLines: on a terminal, info records are not shown, a warning is
// one plain line, and tenant text in it cannot reach the terminal as codes.
func TestHumanLogLines(t *testing.T) {
	var buf strings.Builder
	l, err := logSetup{}.logger(&buf, true)
	if err != nil {
		t.Fatal(err)
	}
	l.Info("collected", "summary", "x")
	l.Warn("Graph's limit paces these requests", "site", "Evil\x1b]8;;http://x\x07")
	got := buf.String()
	if strings.Contains(got, "collected") || !strings.Contains(got, "m365ready: warning: Graph's limit paces these requests (site=Evil\\u001b]8;;http://x\\u0007)") {
		t.Errorf("human log:\n%q", got)
	}
	if strings.Count(got, "\x1b") != 1 { // the line-clearing code alone
		t.Errorf("escape codes in the log line: %q", got)
	}
}
