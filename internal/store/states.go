package store

import (
	"context"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// Finding states, as the result model names them.
const (
	StateNew        = result.FindingNew
	StateFixed      = result.FindingFixed
	StatePersisting = result.FindingPersisting
	StateRegressed  = result.FindingRegressed
	StateUnverified = result.FindingUnverified
)

// FindingChange is one finding's state in the last run of a tenant.
type FindingChange = result.FindingChange

type findingKey struct{ check, code, otype, object string }

// findingsOf reads one run's findings by key.
func (s *Store) findingsOf(ctx context.Context, runID int64) (map[findingKey]FindingChange, error) {
	out := map[findingKey]FindingChange{}
	return out, s.scanFindings(ctx, out, `SELECT check_id, code, object_type, object_id, object_name FROM findings WHERE run_id = ?`, runID)
}

// scanFindings adds the findings a query returns to out, by key.
func (s *Store) scanFindings(ctx context.Context, out map[findingKey]FindingChange, q string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(q), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f FindingChange
		if err := rows.Scan(&f.CheckID, &f.Code, &f.ObjectType, &f.ObjectID, &f.Name); err != nil {
			return err
		}
		obj := f.ObjectID
		if obj == "" {
			obj = f.Name
		}
		out[findingKey{f.CheckID, f.Code, f.ObjectType, obj}] = f
	}
	return rows.Err()
}

// earlierFindings is every distinct finding of the given runs, read with
// one query per few hundred runs (SQLite caps a statement's parameters).
func (s *Store) earlierFindings(ctx context.Context, runs []Run) (map[findingKey]FindingChange, error) {
	out := map[findingKey]FindingChange{}
	const chunk = 500
	for start := 0; start < len(runs); start += chunk {
		part := runs[start:min(start+chunk, len(runs))]
		ids := make([]any, len(part))
		for i, r := range part {
			ids[i] = r.ID
		}
		q := `SELECT DISTINCT check_id, code, object_type, object_id, object_name FROM findings WHERE run_id IN (` +
			strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + `)`
		if err := s.scanFindings(ctx, out, q, ids...); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Changes compares the last of runs (one tenant's, oldest first) with the
// one before: each finding new, fixed, persisting or regressed. Nil when
// there are fewer than two runs.
func (s *Store) Changes(ctx context.Context, runs []Run) ([]FindingChange, error) {
	if len(runs) < 2 {
		return nil, nil
	}
	last, err := s.findingsOf(ctx, runs[len(runs)-1].ID)
	if err != nil {
		return nil, err
	}
	prev, err := s.findingsOf(ctx, runs[len(runs)-2].ID)
	if err != nil {
		return nil, err
	}
	earlier, err := s.earlierFindings(ctx, runs[:len(runs)-2])
	if err != nil {
		return nil, err
	}
	judged, err := s.evaluatedChecks(ctx, runs[len(runs)-1].ID)
	if err != nil {
		return nil, err
	}
	var out []FindingChange
	for k, f := range last {
		_, before := prev[k]
		switch {
		case before:
			f.State = StatePersisting
		case has(earlier, k):
			f.State = StateRegressed
		default:
			f.State = StateNew
		}
		out = append(out, f)
	}
	for k, f := range prev {
		if _, ok := last[k]; !ok {
			f.State = StateFixed
			if !judged[f.CheckID] {
				f.State = StateUnverified
			}
			out = append(out, f)
		}
	}

	order := map[string]int{StateRegressed: 0, StateNew: 1, StateFixed: 2, StateUnverified: 3, StatePersisting: 4}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if order[a.State] != order[b.State] {
			return order[a.State] < order[b.State]
		}
		if a.CheckID != b.CheckID {
			return a.CheckID < b.CheckID
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Name+a.ObjectID < b.Name+b.ObjectID
	})
	return out, nil
}

func has(m map[findingKey]FindingChange, k findingKey) bool {
	_, ok := m[k]
	return ok
}

// evaluatedChecks are the checks a run could judge: not skipped for want of
// data, not broken, and present at all.
func (s *Store) evaluatedChecks(ctx context.Context, runID int64) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, s.d.rebind(`SELECT check_id, status FROM check_results WHERE run_id = ?`), runID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id, status string
		if err := rows.Scan(&id, &status); err != nil {
			return nil, err
		}
		out[id] = !result.Status(status).Unknown()
	}
	return out, rows.Err()
}
