package reports

import (
	"fmt"
	"strings"
	"unicode"
)

// terminalSafe makes tenant-controlled text safe to print on a terminal:
// control characters (ANSI escapes start with one), and the invisible
// bidirectional and zero-width formatting characters that can reorder or hide
// what follows, are shown as \u escapes instead of being interpreted.
func terminalSafe(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeRune(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func needsEscape(s string) bool {
	// Most tenant text is printable ASCII: check bytes before decoding runes.
	i := 0
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	if i == len(s) {
		return false
	}
	for _, r := range s[i:] {
		if unsafeRune(r) {
			return true
		}
	}
	return false
}

func unsafeRune(r rune) bool {
	if r == unicode.ReplacementChar {
		return false
	}
	if unicode.IsControl(r) {
		return true
	}
	// Cf: format characters, which include the bidi overrides (U+202A–E),
	// isolates (U+2066–9), marks (U+200E/F) and zero-width characters.
	return unicode.Is(unicode.Cf, r)
}

// TerminalSafe is terminalSafe for the command line's own output (logs and
// messages that may quote tenant data).
func TerminalSafe(s string) string { return terminalSafe(s) }
