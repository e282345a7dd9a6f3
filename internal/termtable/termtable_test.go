package termtable

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

var vocabulary = strings.Fields(`MFA is not enforced: security defaults are off and no enabled Conditional
Access policy requires MFA of everyone (1 policy is only in report-only mode) Mara Finch
<mara.finch@alderfinch.example> Exchange Online (Plan 1) (EXCHANGESTANDARD) 42% of 12 active
Windows devices are joined Zoë Łukasz 東京 Ünïcödé`)

func sentence(r *rand.Rand, words int) string {
	out := make([]string, words)
	for i := range out {
		out[i] = vocabulary[r.IntN(len(vocabulary))]
	}
	return strings.Join(out, " ")
}

// TestFitsAndKeepsWords lays out random tables at many widths: every line
// fits, and every word of every cell that fits its column comes out whole.
func TestFitsAndKeepsWords(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		width := 60 + r.IntN(160)
		tb := New(width, trial%2 == 0,
			Column{Header: "Status"}, Column{Header: "ID"}, Column{Header: "Check", Wrap: true},
			Column{Header: "Score", Right: true}, Column{Header: "Summary", Wrap: true})
		var checks, summaries []string
		for i := 0; i < 1+r.IntN(8); i++ {
			check, summary := sentence(r, 1+r.IntN(6)), sentence(r, r.IntN(40))
			tb.Row("FAIL", "IDN-001", check, "53%", summary)
			checks = append(checks, strings.Fields(check)...)
			summaries = append(summaries, strings.Fields(summary)...)
		}
		widths := tb.layout(tb.natural())
		var words []string
		for col, ws := range map[int][]string{2: checks, 4: summaries} {
			for _, w := range ws {
				if widths[col] == 0 || Width(w) <= widths[col] {
					words = append(words, w)
				}
			}
		}
		var buf bytes.Buffer
		tb.Render(&buf)
		out := buf.String()
		for i, line := range strings.Split(strings.TrimRight(out, "\n"), "\n") {
			if n := Width(line); n > width {
				t.Fatalf("trial %d: line %d is %d columns at width %d:\n%s", trial, i+1, n, width, out)
			}
		}
		tokens := map[string]int{}
		for _, tok := range strings.FieldsFunc(out, func(r rune) bool { return r == ' ' || r == '\n' || r == '|' || r == '│' }) {
			tokens[tok]++
		}
		for _, w := range words {
			if tokens[w] == 0 {
				t.Fatalf("trial %d: word %q was cut at width %d:\n%s", trial, w, width, out)
			}
		}
	}
}

func TestNoWidthWrapsAtMax(t *testing.T) {
	tb := New(0, false, Column{Header: "A"}, Column{Header: "B", Wrap: true, Max: 20})
	long := strings.Repeat("word ", 30)
	tb.Row("x", long)
	var buf bytes.Buffer
	tb.Render(&buf)
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if Width(line) > Overhead(2)+1+20 {
			t.Fatalf("line wider than Max: %q", line)
		}
	}
	if strings.Count(buf.String(), "word") != 30 {
		t.Fatalf("words lost:\n%s", buf.String())
	}
}

func TestShortColumnKeepsItsWidth(t *testing.T) {
	// A wrapping column narrower than its share is not wrapped to make room
	// it does not use; the long one gets the rest.
	tb := New(80, false, Column{Header: "Name", Wrap: true}, Column{Header: "Text", Wrap: true})
	tb.Row("short", strings.Repeat("long text ", 20))
	got := tb.layout(tb.natural())
	if got[0] != len("short") || got[1] != 80-Overhead(2)-len("short") {
		t.Fatalf("layout = %v", got)
	}
}

func TestIndent(t *testing.T) {
	got := Indent("  1. ", "one two three four five six seven eight", 20)
	want := "  1. one two three\n     four five six\n     seven eight"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if got := Indent("- ", "a b c", 0); got != "- a b c" {
		t.Fatalf("no width: %q", got)
	}
}
