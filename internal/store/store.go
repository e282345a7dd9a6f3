// Package store records audit runs so that history, diff and plan --since
// can read them later: the JSON report whole, and indexed rows (tenant,
// time, tool, who ran it, score, grade, coverage, each check's status, each
// finding by code and object). A file path is an embedded SQLite database;
// nothing is recorded unless a store is named, because it holds tenant data.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver: the binary stays static, no cgo

	"github.com/m365ready/m365ready/internal/diff"
	"github.com/m365ready/m365ready/internal/result"
)

//go:embed migrations
var migrations embed.FS

// ErrUnsupported is a store address this build cannot open.
var ErrUnsupported = errors.New("unsupported store")

// Store is an open run history.
type Store struct {
	db *sql.DB
}

// Open opens (creating when new, mode 0600) the store at target, and brings
// its schema up to date.
func Open(ctx context.Context, target string) (*Store, error) {
	if strings.Contains(target, "://") {
		return nil, fmt.Errorf("%w: %s: only a SQLite file path is supported so far (PostgreSQL is to come)", ErrUnsupported, redactURL(target))
	}
	// Create the file ourselves so that it is 0600 from the first byte: it
	// holds tenant data.
	f, err := os.OpenFile(target, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", target, err)
	}
	f.Close()
	db, err := sql.Open("sqlite", "file:"+target+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", target, err)
	}
	s := &Store{db: db}
	if err := s.migrate(ctx, 0); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", target, err)
	}
	return s, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// redactURL drops a password from a database URL for a message.
func redactURL(u string) string {
	if at := strings.LastIndex(u, "@"); at > 0 {
		if scheme := strings.Index(u, "://"); scheme >= 0 && scheme < at {
			return u[:scheme+3] + "…@" + u[at+1:]
		}
	}
	return u
}

// migrate applies the embedded migrations not yet applied, each in its own
// transaction, in version order; upTo > 0 stops after that version (tests
// build an older store with it).
func (s *Store) migrate(ctx context.Context, upTo int) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/sqlite/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: no version number", name)
		}
		if upTo > 0 && v > upTo {
			break
		}
		var done int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, v).Scan(&done); err != nil {
			return err
		}
		if done > 0 {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
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
}

// Record stores one run; it returns the run's id.
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
	ts := func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
	res, err := tx.ExecContext(ctx, `INSERT INTO runs (tenant_id, tenant_name, alias, collected_at, generated_at, tool, schema_version,
		command, run_by, auth_mode, demo, grade, score_worst, score_best, coverage, report_json, plan_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		rep.Tenant.ID, rep.Tenant.Name, m.Alias, ts(rep.CollectedAt), ts(rep.GeneratedAt), rep.Tool, rep.SchemaVersion,
		m.Command, m.RunBy, rep.Source.AuthMode, rep.Demo, string(rep.Score.Grade), rep.Score.Range.Worst, rep.Score.Range.Best,
		rep.Score.Coverage, string(body), planBody)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for _, c := range rep.Checks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO check_results (run_id, check_id, status, score) VALUES (?,?,?,?)`,
			id, c.Check.ID, string(c.Status), c.Score); err != nil {
			return 0, err
		}
		for _, f := range c.Findings {
			if _, err := tx.ExecContext(ctx, `INSERT INTO findings (run_id, check_id, code, object_type, object_id, object_name) VALUES (?,?,?,?,?,?)`,
				id, c.Check.ID, string(f.Code), f.ObjectType, f.ObjectID, f.Name); err != nil {
				return 0, err
			}
		}
	}
	return id, tx.Commit()
}

// Run is one recorded run, as history lists it.
type Run = result.HistoryRun

// Runs lists the runs of one tenant (matched by id, alias or name,
// case-insensitively; "" for every tenant), oldest first.
func (s *Store) Runs(ctx context.Context, tenant string) ([]Run, error) {
	q := `SELECT id, tenant_id, tenant_name, alias, collected_at, tool, command, run_by, grade, score_worst, score_best, coverage FROM runs`
	var args []any
	if tenant != "" {
		q += ` WHERE lower(tenant_id) = lower(?) OR lower(alias) = lower(?) OR lower(tenant_name) = lower(?)`
		args = []any{tenant, tenant, tenant}
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY collected_at, id`, args...)
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
	if err := s.db.QueryRowContext(ctx, `SELECT report_json FROM runs WHERE id = ?`, id).Scan(&body); err != nil {
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
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT plan_json FROM runs WHERE tenant_id = ? AND plan_json <> '' ORDER BY collected_at DESC, id DESC LIMIT 1`,
		tenantID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var p result.Plan
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		return nil, fmt.Errorf("the stored plan does not read back: %w", err)
	}
	return &p, nil
}

// Prune deletes the runs collected before cutoff; it returns how many.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM runs WHERE collected_at < ?`, cutoff.UTC().Format(time.RFC3339Nano))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
