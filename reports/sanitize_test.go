package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
)

func TestTerminalSafe(t *testing.T) {
	cases := map[string]string{
		"Mara Finch":                "Mara Finch",
		"evil\x1b[31mred\x1b[0m":    `evil\u001b[31mred\u001b[0m`,
		"abc\u202edocx.exe":         `abc\u202edocx.exe`,
		"line\nbreak\rreturn\ttab":  `line\u000abreak\u000dreturn\u0009tab`,
		"zero\u200bwidth":           `zero\u200bwidth`,
		"delete\x7f":                `delete\u007f`,
		"\x00leading":               `\u0000leading`,
		"Zoë Ångström 日本":           "Zoë Ångström 日本",
		"<script>alert(1)</script>": "<script>alert(1)</script>", // harmless on a terminal
		"=HYPERLINK(\"http://x\")":  "=HYPERLINK(\"http://x\")",
	}
	for in, want := range cases {
		if got := terminalSafe(in); got != want {
			t.Errorf("terminalSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHostileNamesInTable: tenant data with escape sequences and bidi
// overrides cannot reach the terminal raw.
func TestHostileNamesInTable(t *testing.T) {
	r := &result.Report{Tenant: result.Tenant{Name: "Evil\x1b]0;pwned\x07Corp\u202e"},
		Checks: []result.CheckResult{{Check: result.CheckInfo{ID: "IDN-001", Title: "t"}, Status: result.StatusFail,
			Summary: "x\x1b[2Jy", Findings: []result.Finding{{ObjectType: "user", Name: "a\x1b[31m@b", Detail: "d\u2066e"}}}}}
	for _, o := range []Options{{}, {Details: true}} {
		out := render(t, "table", o, r)
		if bytes.ContainsAny(out, "\x1b\x07") || strings.Contains(string(out), "\u202e") || strings.Contains(string(out), "\u2066") {
			t.Errorf("raw control characters reached the output:\n%q", out)
		}
	}
}
