package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/pgtest"
	"github.com/m365ready/m365ready/internal/result"
)

func demoReport(t *testing.T, at time.Time) *result.Report {
	t.Helper()
	return audit.Build(demo.Fixture(at, "x").Data, audit.Options{Tool: "m365ready test", Now: at})
}

// withFinding returns rep with check IDN-002's findings replaced.
func withFindings(rep *result.Report, id string, fs ...result.Finding) *result.Report {
	for i := range rep.Checks {
		if rep.Checks[i].Check.ID == id {
			rep.Checks[i].Findings = fs
		}
	}
	return rep
}

// TestStoreRecordsAndReadsBack: a new store file is 0600 and migrated; a
// reopened one is not migrated again; a recorded run reads back as the same
// report; runs are found by tenant id, alias or name; pruning drops the old.
func TestStoreRecordsAndReadsBack(t *testing.T) { forEachDialect(t, testStoreRecordsAndReadsBack) }

func testStoreRecordsAndReadsBack(t *testing.T, file string) {
	s, err := Open(t.Context(), file)
	if err != nil {
		t.Fatal(err)
	}
	if !isPostgresURL(file) {
		if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
			t.Fatalf("store file mode %v, %v", st.Mode().Perm(), err)
		}
	}
	if v, err := s.SchemaVersion(t.Context()); err != nil || v != latestVersion(t) {
		t.Fatalf("schema version %d, %v", v, err)
	}
	day := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	rep := demoReport(t, day)
	id, err := s.Record(t.Context(), rep, Meta{Alias: "alder-finch", Command: "audit", RunBy: "ops@host"})
	if err != nil {
		t.Fatal(err)
	}
	back, err := s.Report(t.Context(), id)
	if err != nil || back.Score.Range != rep.Score.Range || len(back.Checks) != len(rep.Checks) || back.Tenant != rep.Tenant {
		t.Fatalf("read back: %v", err)
	}
	s.Close()
	s, err = Open(t.Context(), file) // again: the migration is not re-applied (it would fail on CREATE TABLE)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Record(t.Context(), demoReport(t, day.AddDate(0, 1, 0)), Meta{Alias: "alder-finch", Command: "audit"}); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{rep.Tenant.ID, "ALDER-FINCH", "Alder & Finch Architects Ltd"} {
		if runs, err := s.Runs(t.Context(), key); err != nil || len(runs) != 2 || !runs[0].CollectedAt.Before(runs[1].CollectedAt) {
			t.Errorf("runs of %q: %d, %v", key, len(runs), err)
		}
	}
	if runs, _ := s.Runs(t.Context(), "nobody"); len(runs) != 0 {
		t.Errorf("runs of an unknown tenant: %d", len(runs))
	}
	if n, err := s.Prune(t.Context(), day.AddDate(0, 0, 15)); err != nil || n != 1 {
		t.Errorf("pruned %d, %v", n, err)
	}
	if runs, _ := s.Runs(t.Context(), ""); len(runs) != 1 {
		t.Errorf("%d runs left after pruning", len(runs))
	}
}

// TestChanges: between the last two runs a finding is new, fixed,
// persisting, or regressed (back after an earlier run had it).
func TestChanges(t *testing.T) { forEachDialect(t, testChanges) }

func testChanges(t *testing.T, target string) {
	s, err := Open(t.Context(), target)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f := func(code, name string) result.Finding {
		return result.Finding{Code: result.FindingCode(code), ObjectType: "user", ObjectID: name, Name: name}
	}
	day := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	for i, fs := range [][]result.Finding{
		{f("mfa.none", "ann"), f("mfa.none", "bob")},
		{f("mfa.none", "bob"), f("mfa.none", "cy")},
		{f("mfa.none", "ann"), f("mfa.none", "bob"), f("mfa.none", "dee")},
	} {
		rep := withFindings(demoReport(t, day.AddDate(0, i, 0)), "IDN-001", fs...)
		if _, err := s.Record(t.Context(), rep, Meta{Command: "audit"}); err != nil {
			t.Fatal(err)
		}
	}
	runs, _ := s.Runs(t.Context(), "")
	changes, err := s.Changes(t.Context(), runs)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range changes {
		if c.CheckID == "IDN-001" {
			got[c.Name] = c.State
		}
	}
	want := map[string]string{"ann": StateRegressed, "bob": StatePersisting, "cy": StateFixed, "dee": StateNew}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	if c, _ := s.Changes(t.Context(), runs[:1]); c != nil {
		t.Error("changes with one run")
	}
}

func TestOpenRefusesWhatItCannotOpen(t *testing.T) {
	_, err := Open(t.Context(), "mysql://ops:s3cret@db.example/m365ready")
	if !errors.Is(err, ErrUnsupported) || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("mysql: %v", err)
	}
	// A server that is not there: the message names it, without the password.
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	_, err = Open(ctx, "postgres://ops:s3cret@127.0.0.1:1/m365ready?sslmode=disable&connect_timeout=5")
	if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("postgres nowhere: %v", err)
	}
	if _, err := Open(t.Context(), filepath.Join(t.TempDir(), "no", "such", "dir", "h.db")); err == nil {
		t.Error("a store in a directory that does not exist opened")
	}
}

// TestMigrateFromTheVersionBefore: a store made by the previous schema
// (version 1, with a run in it) is brought up to date on open; the old run
// still reads back, it has no plan, and a new run's plan is kept.
func TestMigrateFromTheVersionBefore(t *testing.T) {
	forEachDialect(t, testMigrateFromTheVersionBefore)
}

func testMigrateFromTheVersionBefore(t *testing.T, file string) {
	s, err := openAt(t, file, 1)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	rep := demoReport(t, day)
	if _, err := s.db.ExecContext(t.Context(), s.d.rebind(`INSERT INTO runs (tenant_id, collected_at, generated_at, tool, schema_version, command, grade,
		score_worst, score_best, coverage, report_json) VALUES (?, ?, ?, 'm365ready old', 2, 'audit', 'F', 1, 1, 1, '{"schemaVersion": 2}')`),
		rep.Tenant.ID, day.Format(time.RFC3339Nano), day.Format(time.RFC3339Nano)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(t.Context(), file)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, _ := s.SchemaVersion(t.Context()); v != latestVersion(t) {
		t.Fatalf("schema version %d after opening, want %d", v, latestVersion(t))
	}
	if p, err := s.LastPlan(t.Context(), rep.Tenant.ID); err != nil || p != nil {
		t.Errorf("the version-1 run has a plan: %v %v", p, err)
	}
	plan := &result.Plan{Tenant: rep.Tenant, CollectedAt: day, Summary: result.PlanSummary{People: 27, Ready: 2}}
	if _, err := s.Record(t.Context(), demoReport(t, day.AddDate(0, 0, 7)), Meta{Command: "plan", Plan: plan}); err != nil {
		t.Fatal(err)
	}
	if p, err := s.LastPlan(t.Context(), rep.Tenant.ID); err != nil || p == nil || p.Summary != plan.Summary {
		t.Errorf("the new run's plan: %+v %v", p, err)
	}
	if runs, _ := s.Runs(t.Context(), rep.Tenant.ID); len(runs) != 2 {
		t.Errorf("%d runs after the migration, want 2", len(runs))
	}
}

// openAt opens a store migrated only up to version v.
func openAt(t *testing.T, target string, v int) (*Store, error) {
	t.Helper()
	d, dsn := sqliteDialect, "file:"+target
	if isPostgresURL(target) {
		d, dsn = postgresDialect, target
	}
	db, err := sql.Open(d.driver, dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, d: d}
	return s, s.migrate(t.Context(), v)
}

// forEachDialect runs a store test on a new SQLite file and on a new
// database of a real PostgreSQL server.
func forEachDialect(t *testing.T, test func(t *testing.T, target string)) {
	t.Run("sqlite", func(t *testing.T) { test(t, filepath.Join(t.TempDir(), "history.db")) })
	t.Run("postgres", func(t *testing.T) { test(t, pgtest.Database(t)) })
}

// latestVersion is the newest embedded migration.
func latestVersion(t *testing.T) int {
	ms, err := sqliteDialect.migrations()
	if err != nil || len(ms) == 0 {
		t.Fatal(err)
	}
	return ms[len(ms)-1].version
}

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}
