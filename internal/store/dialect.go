package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL through pgx, for a store shared by many processes
	_ "modernc.org/sqlite"             // the pure-Go SQLite driver: the binary stays static, no cgo
)

// dialect is what differs between the two databases a store can be: the
// driver, the migrations, the placeholders, and how a migration is kept to
// one process at a time.
type dialect struct {
	name   string // "sqlite" or "postgres": the migrations directory too
	driver string
	// dollar: the driver wants $1, $2 … rather than ?.
	dollar bool
}

var (
	sqliteDialect   = dialect{name: "sqlite", driver: "sqlite"}
	postgresDialect = dialect{name: "postgres", driver: "pgx", dollar: true}
)

// rebind turns the ? placeholders the queries are written with into the
// dialect's. The queries hold no ? inside string literals.
func (d dialect) rebind(q string) string {
	if !d.dollar {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// migrationLock keeps concurrent openers (n shards starting at once) from
// applying the same migration twice: PostgreSQL's session advisory lock on
// the connection that migrates. SQLite's write transactions already queue
// (busy_timeout, immediate transactions).
func (d dialect) migrationLock(ctx context.Context, conn *sql.Conn) (unlock func(), err error) {
	if d.name != "postgres" {
		return func() {}, nil
	}
	const key = 0x6d333635 // "m365"
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return nil, err
	}
	return func() { _, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key) }, nil
}

// timeLayout is RFC 3339 in UTC with every fractional digit kept, so that
// the text orders as the times do in both databases (RFC3339Nano drops
// trailing zeros: "…05.12Z" would sort after "…05.123Z").
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func timeText(t time.Time) string { return t.UTC().Format(timeLayout) }

// isPostgresURL: a postgres:// or postgresql:// address.
func isPostgresURL(target string) bool {
	l := strings.ToLower(target)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// openSQLite opens (creating it 0600 when new) a SQLite file.
func openSQLite(target string) (*sql.DB, error) {
	// Create the file ourselves so that it is 0600 from the first byte: it
	// holds tenant data.
	f, err := os.OpenFile(target, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	f.Close()
	return sql.Open("sqlite", "file:"+target+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_txlock=immediate")
}

// openPostgres connects to a PostgreSQL server and checks it answers.
func openPostgres(ctx context.Context, target string) (*sql.DB, error) {
	if _, err := url.Parse(target); err != nil {
		return nil, errors.New("the URL does not parse: write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…")
	}
	db, err := sql.Open("pgx", target)
	if err != nil {
		return nil, redactErr(err, target)
	}
	pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, redactErr(err, target)
	}
	return db, nil
}

// RedactURL drops a password from a database URL for a message.
func RedactURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.User == nil {
		if at := strings.LastIndex(u, "@"); at > 0 { // unparseable: keep only what follows the @
			if scheme := strings.Index(u, "://"); scheme >= 0 && scheme < at {
				return u[:scheme+3] + "…@" + u[at+1:]
			}
		}
		return u
	}
	if _, has := p.User.Password(); has {
		p.User = url.UserPassword(p.User.Username(), "xxxxx")
	}
	q := p.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		p.RawQuery = q.Encode()
	}
	return p.String()
}

// redactErr is err with the URL's password taken out of its text: a
// driver's message may quote the connection string.
func redactErr(err error, target string) error {
	msg := err.Error()
	if p, perr := url.Parse(target); perr == nil {
		var secrets []string
		if p.User != nil {
			if pw, ok := p.User.Password(); ok {
				secrets = append(secrets, pw, url.QueryEscape(pw), url.PathEscape(pw))
			}
		}
		if pw := p.Query().Get("password"); pw != "" {
			secrets = append(secrets, pw, url.QueryEscape(pw))
		}
		for _, s := range secrets {
			if s != "" {
				msg = strings.ReplaceAll(msg, s, "xxxxx")
			}
		}
	}
	return &redactedError{msg: msg, err: err}
}

// redactedError keeps the cause for errors.Is and errors.As, with a text
// that has no password in it.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// migrateOn applies, on one connection, the embedded migrations not yet
// applied, each in its own transaction that first checks it is still to
// do, in version order; upTo > 0 stops after that version.
func (s *Store) migrateOn(ctx context.Context, conn *sql.Conn, upTo int) error {
	unlock, err := s.d.migrationLock(ctx, conn)
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	ms, err := s.d.migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if upTo > 0 && m.version > upTo {
			break
		}
		if err := s.apply(ctx, conn, m); err != nil {
			return fmt.Errorf("migration %d: %w", m.version, err)
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, conn *sql.Conn, m migration) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, s.d.rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.d.rebind(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`), m.version, timeText(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}
