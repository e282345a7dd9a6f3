// Package diff compares two JSON reports: score and coverage change, checks
// whose status changed, and findings new and resolved.
package diff

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// ErrNotAReport is returned for input that is not a report this build reads.
var ErrNotAReport = errors.New("not an m365ready JSON report")

// Load reads a report written by `audit -o json`.
func Load(r io.Reader) (*result.Report, error) {
	data, err := io.ReadAll(io.LimitReader(r, 1<<30))
	if err != nil {
		return nil, err
	}
	var probe struct {
		SchemaVersion *int `json:"schemaVersion"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotAReport, err)
	}
	if probe.SchemaVersion == nil {
		return nil, fmt.Errorf("%w: no schemaVersion (is it a snapshot? diff compares reports from audit -o json)", ErrNotAReport)
	}
	if *probe.SchemaVersion != result.SchemaVersion {
		return nil, fmt.Errorf("%w: report schema version %d, this build reads %d", ErrNotAReport, *probe.SchemaVersion, result.SchemaVersion)
	}
	var rep result.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotAReport, err)
	}
	if rep.Checks == nil {
		return nil, fmt.Errorf("%w: it has no checks", ErrNotAReport)
	}
	return &rep, nil
}

// rank orders verdicts; other statuses are not comparable.
var rank = map[result.Status]int{result.StatusPass: 0, result.StatusWarn: 1, result.StatusFail: 2}

// scoreTolerance: a score change smaller than this is noise, not a regression.
const scoreTolerance = 0.05

// Compare computes the difference from old to new.
func Compare(old, new *result.Report) *result.Diff {
	d := &result.Diff{SchemaVersion: result.SchemaVersion, Old: side(old), New: side(new),
		ScoreChange: round(new.Score.Value - old.Score.Value), CoverageChange: round(new.Score.Coverage - old.Score.Coverage),
		Checks: []result.CheckChange{}, NewFindings: []result.FindingRef{}, ResolvedFindings: []result.FindingRef{}}
	if d.ScoreChange < -scoreTolerance {
		d.Regressed = true
		d.Reasons = append(d.Reasons, fmt.Sprintf("score fell by %.1f points", -d.ScoreChange))
	}
	oldChecks := map[string]result.CheckResult{}
	for _, c := range old.Checks {
		oldChecks[c.Check.ID] = c
	}
	seen := map[string]bool{}
	for _, n := range new.Checks {
		seen[n.Check.ID] = true
		o, ok := oldChecks[n.Check.ID]
		cc := result.CheckChange{ID: n.Check.ID, Title: n.Check.Title, NewStatus: n.Status, NewScore: n.Score}
		if !ok {
			cc.Change = "added"
		} else {
			cc.OldStatus, cc.OldScore = o.Status, o.Score
			or, okO := rank[o.Status]
			nr, okN := rank[n.Status]
			switch {
			case o.Status == n.Status:
				cc.Change = "unchanged"
			case okO && okN && nr < or:
				cc.Change = "improved"
			case okO && okN && nr > or:
				cc.Change = "regressed"
				d.Regressed = true
				d.Reasons = append(d.Reasons, fmt.Sprintf("%s went from %s to %s", n.Check.ID, o.Status, n.Status))
			default:
				cc.Change = "changed"
			}
		}
		d.Checks = append(d.Checks, cc)
	}
	for _, o := range old.Checks {
		if !seen[o.Check.ID] {
			d.Checks = append(d.Checks, result.CheckChange{ID: o.Check.ID, Title: o.Check.Title, OldStatus: o.Status, OldScore: o.Score, Change: "removed"})
		}
	}
	oldF, newF := findings(old), findings(new)
	for k, f := range newF {
		if _, ok := oldF[k]; !ok {
			d.NewFindings = append(d.NewFindings, f)
		}
	}
	for k, f := range oldF {
		if _, ok := newF[k]; !ok {
			d.ResolvedFindings = append(d.ResolvedFindings, f)
		}
	}
	sortRefs(d.NewFindings)
	sortRefs(d.ResolvedFindings)
	return d
}

func side(r *result.Report) result.DiffSide {
	return result.DiffSide{Tenant: r.Tenant.Name, GeneratedAt: r.GeneratedAt, CollectedAt: r.CollectedAt,
		Score: r.Score.Value, Grade: r.Score.Grade, Coverage: r.Score.Coverage}
}

// findings keys each open finding by check, object type and object, so a
// finding whose wording changed is not counted as new.
func findings(r *result.Report) map[string]result.FindingRef {
	out := map[string]result.FindingRef{}
	for _, c := range r.Checks {
		for _, f := range c.Findings {
			obj := f.ObjectID
			if obj == "" {
				obj = f.Name
			}
			key := c.Check.ID + "\x00" + f.ObjectType + "\x00" + strings.ToLower(obj)
			if f.ObjectType == "tenant" || f.ObjectType == "sku" {
				key += "\x00" + f.Detail
			}
			out[key] = result.FindingRef{CheckID: c.Check.ID, ObjectType: f.ObjectType, Name: f.Name, Detail: f.Detail}
		}
	}
	return out
}

func sortRefs(fs []result.FindingRef) {
	sort.Slice(fs, func(i, j int) bool {
		if fs[i].CheckID != fs[j].CheckID {
			return fs[i].CheckID < fs[j].CheckID
		}
		return fs[i].Name+fs[i].Detail < fs[j].Name+fs[j].Detail
	})
}

func round(f float64) float64 { return math.Round(f*10000) / 10000 }
