package store

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/result"
)

// TestBothDialectsHaveTheSameMigrations: a version added to one database
// and not the other would give the two stores different schemas.
func TestBothDialectsHaveTheSameMigrations(t *testing.T) {
	a, err := sqliteDialect.migrations()
	if err != nil {
		t.Fatal(err)
	}
	b, err := postgresDialect.migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) || len(a) == 0 {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones", len(a), len(b))
	}
	for i := range a {
		if a[i].version != b[i].version || a[i].version != i+1 {
			t.Errorf("migration %d: SQLite version %d, PostgreSQL %d", i+1, a[i].version, b[i].version)
		}
	}
}

// TestFleetRunRecordsEachAliasOnce: within one fleet run an alias is
// recorded once, whoever tries again (a shard run again after it was
// killed); another fleet run, or a run outside any, records it again.
func TestFleetRunRecordsEachAliasOnce(t *testing.T) {
	forEachDialect(t, func(t *testing.T, target string) {
		s := openStore(t, target)
		day := time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
		rep := demoReport(t, day)
		first, err := s.Record(t.Context(), rep, Meta{Alias: "alder-finch", Command: "fleet", FleetRun: "weekly-1"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Record(t.Context(), rep, Meta{Alias: "alder-finch", Command: "fleet", FleetRun: "weekly-1"}); !errors.Is(err, ErrAlreadyRecorded) {
			t.Errorf("second record in the same fleet run: %v", err)
		}
		if id, ok, err := s.Recorded(t.Context(), "weekly-1", "alder-finch"); err != nil || !ok || id != first {
			t.Errorf("Recorded: %d %v %v, want %d", id, ok, err, first)
		}
		if _, ok, _ := s.Recorded(t.Context(), "weekly-1", "northwind"); ok {
			t.Error("a tenant never recorded is recorded")
		}
		for _, m := range []Meta{{Alias: "alder-finch", FleetRun: "weekly-2"}, {Alias: "alder-finch"}, {Alias: "alder-finch"}} {
			if _, err := s.Record(t.Context(), rep, m); err != nil {
				t.Errorf("%+v: %v", m, err)
			}
		}
		if runs, _ := s.Runs(t.Context(), "alder-finch"); len(runs) != 4 {
			t.Errorf("%d runs, want 4", len(runs))
		}
		// The refused record left nothing behind: one run's findings each.
		var findings, checks int
		s.db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM findings`).Scan(&findings)
		s.db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM check_results`).Scan(&checks)
		if checks != 4*len(rep.Checks) {
			t.Errorf("%d check rows for 4 runs of %d checks", checks, len(rep.Checks))
		}
	})
}

// TestConcurrentOpenersMigrateOnce: n shards opening one new store at the
// same moment all get a store at the latest version.
func TestConcurrentOpenersMigrateOnce(t *testing.T) {
	forEachDialect(t, func(t *testing.T, target string) {
		var wg sync.WaitGroup
		errs := make([]error, 6)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := Open(t.Context(), target)
				if err == nil {
					var v int
					v, err = s.SchemaVersion(t.Context())
					if err == nil && v != latestVersion(t) {
						err = errors.New("not at the latest version")
					}
					s.Close()
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("opener %d: %v", i, err)
			}
		}
	})
}

// TestMigrateFromVersion2: a store at version 2 (before fleet runs), with
// runs in it, comes up to date on open; its runs belong to no fleet run,
// so the same alias can be recorded again, and a fleet run records it once.
func TestMigrateFromVersion2(t *testing.T) {
	forEachDialect(t, func(t *testing.T, target string) {
		s, err := openAt(t, target, 2)
		if err != nil {
			t.Fatal(err)
		}
		day := time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
		rep := demoReport(t, day)
		if _, err := s.db.ExecContext(t.Context(), s.d.rebind(`INSERT INTO runs (tenant_id, alias, collected_at, generated_at, tool, schema_version,
			command, grade, score_worst, score_best, coverage, report_json, plan_json) VALUES (?, 'alder-finch', ?, ?, 'm365ready old', 2, 'fleet', 'F', 1, 1, 1, '{}', '')`),
			rep.Tenant.ID, timeText(day), timeText(day)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s, err = Open(t.Context(), target)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if v, _ := s.SchemaVersion(t.Context()); v != latestVersion(t) {
			t.Fatalf("version %d after opening", v)
		}
		if _, ok, _ := s.Recorded(t.Context(), "", "alder-finch"); ok {
			t.Error("a run from before fleet runs counts as recorded in a fleet run")
		}
		for range 2 {
			if _, err := s.Record(t.Context(), rep, Meta{Alias: "alder-finch", Command: "fleet"}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Record(t.Context(), rep, Meta{Alias: "alder-finch", FleetRun: "w1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Record(t.Context(), rep, Meta{Alias: "alder-finch", FleetRun: "w1"}); !errors.Is(err, ErrAlreadyRecorded) {
			t.Errorf("second record in w1: %v", err)
		}
		if runs, _ := s.Runs(t.Context(), rep.Tenant.ID); len(runs) != 4 {
			t.Errorf("%d runs, want 4", len(runs))
		}
	})
}

// TestRunBefore: the tenant's latest run, or its latest before a given
// run, ordered by collection time then id, in both databases.
func TestRunBefore(t *testing.T) {
	forEachDialect(t, func(t *testing.T, target string) {
		s := openStore(t, target)
		day := time.Date(2026, 11, 2, 6, 0, 0, 0, time.UTC)
		var ids []int64
		for _, at := range []time.Time{day, day.AddDate(0, 0, 7), day.AddDate(0, 0, 7)} { // two runs in the same instant
			id, err := s.Record(t.Context(), demoReport(t, at), Meta{Command: "audit"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		tenant := demoReport(t, day).Tenant.ID
		for before, want := range map[int64]int64{0: ids[2], ids[2]: ids[1], ids[1]: ids[0], ids[0]: 0} {
			r, err := s.RunBefore(t.Context(), tenant, before)
			if err != nil || (r == nil) != (want == 0) || (r != nil && r.ID != want) {
				t.Errorf("before %d: %+v %v, want run %d", before, r, err, want)
			}
		}
		if r, _ := s.RunBefore(t.Context(), "no-such-tenant", 0); r != nil {
			t.Errorf("a run of a tenant never recorded: %+v", r)
		}
	})
}

// TestChangesUnderAnUnknownCheck: findings of a check the last run could
// not evaluate (skipped for want of a permission) are unverified, never
// fixed; findings of a check that ran and found nothing are fixed.
func TestChangesUnderAnUnknownCheck(t *testing.T) {
	forEachDialect(t, func(t *testing.T, target string) {
		s := openStore(t, target)
		day := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
		mfa := result.Finding{Code: "mfa.none", ObjectType: "user", ObjectID: "ann", Name: "ann"}
		admin := result.Finding{Code: "admin.single", ObjectType: "user", ObjectID: "bob", Name: "bob"}
		first := withFindings(withFindings(demoReport(t, day), "IDN-001", mfa), "IDN-002", admin)
		second := withFindings(withFindings(demoReport(t, day.AddDate(0, 0, 7)), "IDN-001"), "IDN-002")
		for i := range second.Checks {
			if second.Checks[i].Check.ID == "IDN-001" {
				second.Checks[i].Status = result.StatusSkipped
			} else if second.Checks[i].Check.ID == "IDN-002" {
				second.Checks[i].Status = result.StatusPass
			}
		}
		for _, rep := range []*result.Report{first, second} {
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
			if c.CheckID == "IDN-001" || c.CheckID == "IDN-002" {
				got[c.Name] = c.State
			}
		}
		if got["ann"] != StateUnverified || got["bob"] != StateFixed {
			t.Errorf("states %v: want ann unverified (IDN-001 skipped), bob fixed (IDN-002 passed)", got)
		}
	})
}

// openStore opens a store for a test, closed when the test ends.
func openStore(t *testing.T, target string) *Store {
	t.Helper()
	s, err := Open(t.Context(), target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
