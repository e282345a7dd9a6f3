// Package golden compares test output with files under testdata/ and
// rewrites them when the tests run with -update:
//
//	go test ./... -update
//
// Every package with tests imports it (for its flag), so -update is accepted
// across the whole module.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Update is the -update flag.
var Update = flag.Bool("update", false, "rewrite golden files under testdata/")

// Assert compares got with the golden file at path, or rewrites it under -update.
func Assert(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the tests with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update and review the diff):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  golden: " + w + "\n  output: " + g
		}
	}
	return "(lengths differ)"
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// AssertSection compares the text between two marker lines of a document
// (the README's generated tables and samples) with want, or rewrites it
// under -update. regen says how to regenerate it, for the failure message.
func AssertSection(t testing.TB, path, start, end, want, regen string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i, j := strings.Index(doc, start), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s has no markers %q ... %q", path, start, end)
	}
	if doc[i+len(start):j] == want {
		return
	}
	if !*Update {
		t.Fatalf("%s: the section after %q is out of date; run %s", path, strings.TrimSpace(start), regen)
	}
	doc = doc[:i+len(start)] + want + doc[j:]
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}
