package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/m365ready/m365ready/internal/collect"
)

// The committed subset is what the generator makes from Microsoft's CSDL.
// The CSDL lives outside the repository (../shared/reference/graph-schema),
// so a clone without it skips this test and says so; the subset's use is
// tested everywhere regardless.
func TestCommittedSubsetIsGenerated(t *testing.T) {
	csdl := filepath.Join("..", "..", "..", "..", "shared", "reference", "graph-schema", "v1.0-Prod.csdl")
	f, err := os.Open(csdl)
	if err != nil {
		t.Skipf("Microsoft's CSDL is not beside the repository (%v); the committed subset is not re-derived", err)
	}
	defer f.Close()
	d, err := parse(f)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range collect.Endpoints() {
		paths = append(paths, e.Path)
	}
	sub, err := d.subset(paths)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.MarshalIndent(sub, "", " ")
	got, err := os.ReadFile(filepath.Join("..", "v1.0-subset.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Error("internal/graphmeta/v1.0-subset.json is stale: run go run ./internal/graphmeta/gen")
	}
}
