package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/graph"
	"github.com/m365ready/m365ready/internal/tenant"
)

// DemoTime is the fixed clock of the stored demo snapshot and the golden reports.
var demoTime = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

const demoSnapshotPath = "../../testdata/demo-snapshot.json"

// TestDemoSnapshotFile keeps testdata/demo-snapshot.json, which the report
// golden tests read, equal to a real collection of the demo tenant through
// the emulator and the SDK; -update rewrites it.
func TestDemoSnapshotFile(t *testing.T) {
	f := demo.Fixture(demoTime, "golden-secret")
	srv, err := emulator.Start(t.Context(), f, emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	snap, err := graph.New().Collect(context.Background(), collect.Options{
		Auth:     collect.Auth{Mode: collect.AuthClientSecret, TenantID: demo.TenantID, ClientID: demo.ClientID, ClientSecret: "golden-secret"},
		GraphURL: srv.GraphURL, AuthorityHost: srv.AuthorityHost, RootCAs: srv.PKI().CAPool, Demo: true,
		Tool: "m365ready test", Now: func() time.Time { return demoTime }})
	if err != nil {
		t.Fatal(err)
	}
	normalize(snap)
	var got bytes.Buffer
	if err := tenant.Save(&got, snap); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, demoSnapshotPath, got.Bytes())
}

// normalize removes what changes from run to run: the emulator's port and
// Graph's random request ids.
func normalize(s *tenant.Snapshot) {
	s.Source.GraphURL = "https://127.0.0.1/v1.0"
	if b := s.Budget; b != nil {
		b.Bytes, b.DurationMs = 0, 0 // ports in links and timings vary
		for i := range b.Datasets {
			b.Datasets[i].DurationMs = 0
		}
	}
	for _, d := range tenant.AllDatasets() {
		if st := s.StatusOf(d); st.RequestID != "" {
			st.RequestID = "00000000-0000-0000-0000-000000000000"
		}
	}
}
