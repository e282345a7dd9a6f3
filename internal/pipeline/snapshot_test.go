package pipeline

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHugeSnapshotsAreRefused: a file over the limit is refused for its size
// before it is read; at the limit exactly it is read (and judged on its
// content); a stream one byte over is refused too.
func TestHugeSnapshotsAreRefused(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "snap.json")
	os.WriteFile(snap, []byte(`{"schemaVersion":1}`+strings.Repeat(" ", 4096)), 0o600)
	old := MaxSnapshotBytes
	MaxSnapshotBytes = 1024
	defer func() { MaxSnapshotBytes = old }()
	var se *SnapshotError
	if _, err := LoadSnapshot(snap); !errors.As(err, &se) || !strings.Contains(err.Error(), "more than") {
		t.Errorf("huge snapshot: %v", err)
	}
	exact := []byte(`{"schemaVersion":2}`)
	MaxSnapshotBytes = int64(len(exact))
	os.WriteFile(snap, exact, 0o600)
	if _, err := LoadSnapshot(snap); err != nil {
		t.Errorf("a snapshot of exactly the limit: %v", err)
	}
	g := &sizeGuard{r: strings.NewReader(string(exact) + " "), left: MaxSnapshotBytes}
	if _, err := io.ReadAll(g); err == nil || !g.over {
		t.Errorf("a stream one byte over the limit: %v, over %v", err, g.over)
	}
	if _, err := LoadSnapshot(filepath.Join(dir, "missing.json")); !errors.As(err, &se) || se.Path == "" {
		t.Errorf("missing snapshot: %v", err)
	}
}
