package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/store"
)

// storeFlags are --store and --keep, shared by the commands that record runs.
type storeFlags struct {
	Path string
	Keep string
	keep time.Duration
}

func (s *storeFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&s.Path, "store", "", "record the run in the history store: a SQLite `FILE` (created 0600) or a postgres:// URL (default $M365READY_STORE); it holds tenant data")
	fs.StringVar(&s.Keep, "keep", "", "with --store: delete runs collected more than `AGE` ago (180d, 12w, 720h)")
}

// check parses --keep.
func (s *storeFlags) check() error {
	if s.Keep == "" {
		return nil
	}
	d, err := parseAge(s.Keep)
	if err != nil || d <= 0 {
		return usageErrorf("--keep %q: give an age like 180d, 12w or 720h", s.Keep)
	}
	s.keep = d
	return nil
}

// parseAge reads 180d, 12w or a Go duration.
func parseAge(v string) (time.Duration, error) {
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(v, suffix); ok {
			k, err := strconv.Atoi(n)
			return time.Duration(k) * unit, err
		}
	}
	return time.ParseDuration(v)
}

// open opens the store named by --store (or the configuration's store:),
// or nil when none is; a store that cannot be opened is a usage error,
// before anything is collected.
func (s *storeFlags) open(ctx context.Context, f *Factory, configured string) (*store.Store, error) {
	if s.Path == "" {
		s.Path = f.Getenv(storeEnv)
	}
	if s.Path == "" {
		s.Path = configured
	}
	if s.Path == "" {
		if s.keep > 0 {
			return nil, usageErrorf("--keep needs --store (or store: in the configuration): it prunes the history store")
		}
		return nil, nil
	}
	st, err := store.Open(ctx, s.Path)
	if err != nil {
		return nil, &UsageError{Err: fmt.Errorf("--store: %w", err)}
	}
	return st, nil
}

// storeEnv names the store when --store is not given: a PostgreSQL URL
// then stays off the command line (a Kubernetes Secret becomes this
// variable). The password may also come from PGPASSWORD or PGPASSFILE.
const storeEnv = "M365READY_STORE"

// where names the store for a message, without a password.
func (s *storeFlags) where() string { return store.RedactURL(s.Path) }

// record stores a run and prunes by --keep; a nil store records nothing.
func (s *storeFlags) record(ctx context.Context, f *Factory, st *store.Store, rep *result.Report, plan *result.Plan, alias, command string) error {
	if st == nil {
		return nil
	}
	if _, err := st.Record(ctx, rep, store.Meta{Alias: alias, Command: command, RunBy: runBy(f), Plan: plan}); err != nil {
		return fmt.Errorf("record the run in %s: %w", s.where(), err)
	}
	return s.prune(ctx, f, st)
}

// prune deletes the runs older than --keep; a nil store or no --keep does
// nothing.
func (s *storeFlags) prune(ctx context.Context, f *Factory, st *store.Store) error {
	if st == nil || s.keep <= 0 {
		return nil
	}
	if _, err := st.Prune(ctx, f.Now().Add(-s.keep)); err != nil {
		return fmt.Errorf("prune %s: %w", s.where(), err)
	}
	return nil
}

// runBy names who ran it: the user and the host.
func runBy(f *Factory) string {
	user := f.Getenv("USER")
	if user == "" {
		user = f.Getenv("USERNAME")
	}
	host, _ := os.Hostname()
	return strings.Trim(user+"@"+host, "@")
}

var errNoStore = errors.New("history needs --store FILE|URL (or M365READY_STORE): the store that audit --store recorded runs in")
