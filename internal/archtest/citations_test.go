package archtest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// outsideNotes are the team's reference notes, which live beside the
// repository and not in it: a comment or document that cites one leaves the
// next maintainer without the source. Cite Microsoft (a Learn URL, a
// metadata type) instead.
var outsideNotes = regexp.MustCompile(`\b(graph-api|graph-examples|licensing|sdk-and-emulator-notes|peers|peers-devices-fleet|style-anchors)\.md\b`)

func TestNoCitationsOfNotesOutsideTheRepository(t *testing.T) {
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata" && strings.Contains(path, "fuzz")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".md")) || strings.HasSuffix(path, "citations_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := outsideNotes.FindString(line); m != "" {
				t.Errorf("%s:%d cites %s, which is not in the repository; cite Microsoft instead", path, i+1, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
