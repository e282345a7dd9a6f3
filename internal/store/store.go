// Package store records audit runs so that history, diff and plan --since
// can read them later: the JSON report whole, and indexed rows (tenant,
// time, tool, who ran it, score, grade, coverage, each check's status, each
// finding by code and object). A file path is an embedded SQLite database;
// nothing is recorded unless a store is named, because it holds tenant data.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/diff"
	"github.com/m365ready/m365ready/internal/result"
)

// ErrUnsupported is a store address this build cannot open.
var ErrUnsupported = errors.New("unsupported store")

// Store is an open run history.
type Store struct {
	db *sql.DB
	d  dialect
}

// Open opens the store at target, and brings its schema up to date: a
// postgres:// URL is a shared PostgreSQL database; anything else is a
// SQLite file, created 0600 when new. Messages never carry the URL's
// password.
func Open(ctx context.Context, target string) (*Store, error) {
	var (
		db  *sql.DB
		d   dialect
		err error
	)
	switch {
	case isPostgresURL(target):
		d = postgresDialect
		db, err = openPostgres(ctx, target)
	case strings.Contains(target, "://"):
		return nil, fmt.Errorf("%w: %s: give a SQLite file path or a postgres:// URL", ErrUnsupported, RedactURL(target))
	default:
		d = sqliteDialect
		db, err = openSQLite(target)
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", RedactURL(target), err)
	}
	s := &Store{db: db, d: d}
	if err := s.migrate(ctx, 0); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", RedactURL(target), redactErr(err, target))
	}
	return s, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// migrate brings the schema up to date (upTo > 0: only up to that version;
// tests build an older store with it).
func (s *Store) migrate(ctx context.Context, upTo int) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return s.migrateOn(ctx, conn, upTo)
}

// SchemaVersion is the newest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

// Meta is what the report does not say about a run.
type Meta struct {
	Alias   string // the fleet's name for the tenant
	Command string // audit, plan or fleet
	RunBy   string // user@host
	// Plan is the migration plan made with the run, if any.
	Plan *result.Plan
	// FleetRun names the fleet run (fleet --run-id) the run belongs to; a
	// fleet run records each alias once.
	FleetRun string
}

// ErrAlreadyRecorded: the fleet run already has a run of this alias.
var ErrAlreadyRecorded = errors.New("already recorded in this fleet run")

// Record stores one run; it returns the run's id. A second run of the same
// alias in the same fleet run is not stored: ErrAlreadyRecorded.
func (s *Store) Record(ctx context.Context, rep *result.Report, m Meta) (int64, error) {
	body, err := json.Marshal(rep)
	if err != nil {
		return 0, err
	}
	planBody := ""
	if m.Plan != nil {
		b, err := json.Marshal(m.Plan)
		if err != nil {
			return 0, err
		}
		planBody = string(b)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	demo := 0
	if rep.Demo {
		demo = 1
	}
	var id int64
	err = tx.QueryRowContext(ctx, s.d.rebind(`INSERT INTO runs (tenant_id, tenant_name, alias, collected_at, generated_at, tool, schema_version,
		command, run_by, auth_mode, demo, grade, score_worst, score_best, coverage, report_json, plan_json, fleet_run)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (fleet_run, alias) WHERE fleet_run <> '' DO NOTHING RETURNING id`),
		rep.Tenant.ID, rep.Tenant.Name, m.Alias, timeText(rep.CollectedAt), timeText(rep.GeneratedAt), rep.Tool, rep.SchemaVersion,
		m.Command, m.RunBy, rep.Source.AuthMode, demo, string(rep.Score.Grade), rep.Score.Range.Worst, rep.Score.Range.Best,
		rep.Score.Coverage, string(body), planBody, m.FleetRun).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%s: %w", m.Alias, ErrAlreadyRecorded)
	}
	if err != nil {
		return 0, err
	}
	checkStmt, err := tx.PrepareContext(ctx, s.d.rebind(`INSERT INTO check_results (run_id, check_id, status, score) VALUES (?,?,?,?)`))
	if err != nil {
		return 0, err
	}
	defer checkStmt.Close()
	findingStmt, err := tx.PrepareContext(ctx, s.d.rebind(`INSERT INTO findings (run_id, check_id, code, object_type, object_id, object_name) VALUES (?,?,?,?,?,?)`))
	if err != nil {
		return 0, err
	}
	defer findingStmt.Close()
	for _, c := range rep.Checks {
		if _, err := checkStmt.ExecContext(ctx, id, c.Check.ID, string(c.Status), c.Score); err != nil {
			return 0, err
		}
		for _, f := range c.Findings {
			if _, err := findingStmt.ExecContext(ctx, id, c.Check.ID, string(f.Code), f.ObjectType, f.ObjectID, f.Name); err != nil {
				return 0, err
			}
		}
	}
	return id, tx.Commit()
}

// Recorded is the id of the alias's run in the fleet run, if it has one.
func (s *Store) Recorded(ctx context.Context, fleetRun, alias string) (int64, bool, error) {
	if fleetRun == "" { // a run outside any fleet run is never "this run's"
		return 0, false, nil
	}
	var id int64
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT id FROM runs WHERE fleet_run = ? AND alias = ?`), fleetRun, alias).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// Run is one recorded run, as history lists it.
type Run = result.HistoryRun

// runColumns are what a Run is read from, in scanRuns' order.
const runColumns = `id, tenant_id, tenant_name, alias, collected_at, tool, command, run_by, grade, score_worst, score_best, coverage`

// Runs lists the runs of one tenant (matched by id, alias or name,
// case-insensitively; "" for every tenant), oldest first.
func (s *Store) Runs(ctx context.Context, tenant string) ([]Run, error) {
	q := `SELECT ` + runColumns + ` FROM runs`
	var args []any
	if tenant != "" {
		q += ` WHERE lower(tenant_id) = lower(?) OR lower(alias) = lower(?) OR lower(tenant_name) = lower(?)`
		args = []any{tenant, tenant, tenant}
	}
	return s.scanRuns(ctx, q+` ORDER BY collected_at, id`, args...)
}

// RunBefore is the tenant's latest run before the run beforeID (0: its
// latest run of all), or nil when there is none: one row, read through the
// (tenant_id, collected_at) index.
func (s *Store) RunBefore(ctx context.Context, tenantID string, beforeID int64) (*Run, error) {
	q := `SELECT ` + runColumns + ` FROM runs WHERE tenant_id = ?`
	args := []any{tenantID}
	if beforeID > 0 {
		q += ` AND (collected_at < (SELECT collected_at FROM runs WHERE id = ?)
			OR (collected_at = (SELECT collected_at FROM runs WHERE id = ?) AND id < ?))`
		args = append(args, beforeID, beforeID, beforeID)
	}
	runs, err := s.scanRuns(ctx, q+` ORDER BY collected_at DESC, id DESC LIMIT 1`, args...)
	if err != nil || len(runs) == 0 {
		return nil, err
	}
	return &runs[0], nil
}

func (s *Store) scanRuns(ctx context.Context, q string, args ...any) ([]Run, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Run
	for rows.Next() {
		var r Run
		var at string
		if err := rows.Scan(&r.ID, &r.TenantID, &r.TenantName, &r.Alias, &at, &r.Tool, &r.Command, &r.RunBy, &r.Grade, &r.Worst, &r.Best, &r.Coverage); err != nil {
			return nil, err
		}
		if r.CollectedAt, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("run %d: collected_at %q: %w", r.ID, at, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Report reads a recorded run's report back.
func (s *Store) Report(ctx context.Context, id int64) (*result.Report, error) {
	var body string
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT report_json FROM runs WHERE id = ?`), id).Scan(&body); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("no run %d in the store", id)
		}
		return nil, err
	}
	return diff.Load(strings.NewReader(body))
}

// LastPlan is the migration plan of the tenant's latest run that made one,
// or nil when none did.
func (s *Store) LastPlan(ctx context.Context, tenantID string) (*result.Plan, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT id FROM runs WHERE tenant_id = ? AND plan_json <> '' ORDER BY collected_at DESC, id DESC LIMIT 1`),
		tenantID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.PlanOf(ctx, id)
}

// Prune deletes the runs collected before cutoff; it returns how many.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, s.d.rebind(`DELETE FROM runs WHERE collected_at < ?`), timeText(cutoff))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// PlanOf is the migration plan recorded with a run, or nil.
func (s *Store) PlanOf(ctx context.Context, id int64) (*result.Plan, error) {
	var body string
	if err := s.db.QueryRowContext(ctx, s.d.rebind(`SELECT plan_json FROM runs WHERE id = ?`), id).Scan(&body); err != nil {
		return nil, err
	}
	if body == "" {
		return nil, nil
	}
	var p result.Plan
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		return nil, fmt.Errorf("the stored plan does not read back: %w", err)
	}
	return &p, nil
}
