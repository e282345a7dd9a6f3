package cli

import (
	"os"
	"strings"
	"testing"
)

// TestConflictingFlagsAreUsageErrors: a flag the run would silently ignore
// is an error (exit 2) naming both flags; so is a bad value under --demo.
func TestConflictingFlagsAreUsageErrors(t *testing.T) {
	snap := t.TempDir() + "/s.json"
	cases := [][]string{
		{"audit", "--demo", "--tenant", "contoso.onmicrosoft.com"},
		{"audit", "--demo", "--auth", "device-code"},
		{"audit", "--demo", "--from", snap},
		{"audit", "--from", snap, "--auth", "azure-cli"},
		{"audit", "--from", snap, "--concurrency", "8"},
		{"audit", "--from", snap, "--preflight"},
		{"collect", "--demo", "--client-id", "x", "-o", snap},
		{"doctor", "--demo", "--graph-url", "https://graph.example"},
	}
	for _, args := range cases {
		r := runCLI(t, t.Context(), &fakeCollector{snap: demoSnapshot(t)}, nil, args...)
		var flags []string
		for _, a := range args {
			if strings.HasPrefix(a, "--") {
				flags = append(flags, a)
			}
		}
		if r.code != ExitUsage || !strings.Contains(r.errOut, flags[0]) || !strings.Contains(r.errOut, flags[1]) {
			t.Errorf("%v: exit %d, %q: want exit 2 naming %v", args, r.code, r.errOut, flags)
		}
		if n := strings.Count(strings.TrimSpace(r.errOut), "\n"); n > 0 {
			t.Errorf("%v: %d lines on stderr", args, n+1)
		}
	}
	for _, args := range [][]string{{"audit", "--demo", "--concurrency", "0"}, {"doctor", "--demo", "--max-retries", "99"},
		{"audit", "--demo", "--brand-name", strings.Repeat("Contoso ", 11)}, {"audit", "--demo", "--brand-name", "Contoso\nIT"}} {
		if r := runCLI(t, t.Context(), &fakeCollector{snap: demoSnapshot(t)}, nil, args...); r.code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, r.code)
		}
	}
}

// TestHelpSaysExitCodesOnce: the root's help lists the exit codes, each
// command's help points to `m365ready help exit-codes`, and --version works.
func TestHelpSaysExitCodesOnce(t *testing.T) {
	root := runCLI(t, t.Context(), nil, nil, "--help")
	if !strings.Contains(root.out, "130  interrupted") {
		t.Errorf("root help lacks the exit codes:\n%s", root.out)
	}
	for _, cmd := range []string{"audit", "collect", "doctor", "diff", "permissions", "checks"} {
		r := runCLI(t, t.Context(), nil, nil, cmd, "--help")
		if strings.Contains(r.out, "130  interrupted") || !strings.Contains(r.out, "Exit codes: m365ready help exit-codes") {
			t.Errorf("%s --help:\n%s", cmd, r.out)
		}
	}
	if r := runCLI(t, t.Context(), nil, nil, "help", "exit-codes"); !strings.Contains(r.out, "5    incomplete audit") {
		t.Errorf("help exit-codes:\n%s", r.out)
	}
	if r := runCLI(t, t.Context(), nil, nil, "--version"); r.code != ExitOK || !strings.HasPrefix(r.out, "m365ready ") {
		t.Errorf("--version: exit %d %q", r.code, r.out)
	}
	if r := runCLI(t, t.Context(), nil, nil, "audit", "--help"); !strings.Contains(r.out, "--from FILE") {
		t.Errorf("audit --help names --from's value oddly:\n%s", r.out)
	}
}

// TestConfigValidate: a good file says what it sets; a bad one is exit 2
// with the line, the key and what was expected, and one pointer for help.
func TestConfigValidate(t *testing.T) {
	dir := t.TempDir()
	good, bad := dir+"/good.yaml", dir+"/bad.yaml"
	os.WriteFile(good, []byte("thresholds:\n  dormantAccountDays: 45\nskip: [COL-004]\n"), 0o600)
	os.WriteFile(bad, []byte("thresholds:\n  staleDeviceDays: ninety\n"), 0o600)
	r := runCLI(t, t.Context(), nil, nil, "config", "validate", good)
	if r.code != ExitOK || !strings.Contains(r.out, "is valid: 1 check skipped, dormant accounts after 45 days") {
		t.Errorf("valid config: exit %d %q", r.code, r.out)
	}
	r = runCLI(t, t.Context(), nil, nil, "config", "validate", bad)
	if r.code != ExitUsage || !strings.Contains(r.errOut, `line 2: thresholds.staleDeviceDays: expected a whole number, got "ninety"`) {
		t.Errorf("bad config: exit %d %q", r.code, r.errOut)
	}
	os.WriteFile(bad, []byte("skip: [NOPE-1]\n"), 0o600)
	r = runCLI(t, t.Context(), nil, nil, "config", "validate", bad)
	if strings.Count(r.errOut, "'m365ready ") != 1 {
		t.Errorf("one pointer for help, not two: %q", r.errOut)
	}
}
