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
	switch v := *probe.SchemaVersion; {
	case v == 1:
		// Version 2 changed what the numbers mean (the grade is the worst
		// case, unknowns have ranges, people are named by display name), so
		// a v1 report beside a v2 one would show changes that are not there.
		return nil, fmt.Errorf("%w: it is a schema version 1 report, whose score and names mean something else; "+
			"compare v1 reports with the release that wrote them, or audit both snapshots with this one", ErrNotAReport)
	case v != result.SchemaVersion:
		return nil, fmt.Errorf("%w: report schema version %d, this build reads %d", ErrNotAReport, v, result.SchemaVersion)
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

// scoreTolerance: an overall score change smaller than this is noise, not a
// regression; checkTolerance is the same for one check's 0-1 score.
const (
	scoreTolerance = 0.05
	checkTolerance = 1e-6
)

// Compare computes the difference from old to new. A regression is anything
// that reads worse: the worst case or the score fell, the grade fell or
// became incomplete, a check's verdict got worse or it could no longer be
// evaluated, or its score fell while its verdict stayed the same.
func Compare(old, new *result.Report) *result.Diff {
	d := &result.Diff{SchemaVersion: result.SchemaVersion, Old: side(old), New: side(new),
		ScoreChange: round(val(new.Score.Value) - val(old.Score.Value)), WorstCaseChange: round(new.Score.Range.Worst - old.Score.Range.Worst),
		CoverageChange: round(new.Score.Coverage - old.Score.Coverage),
		Checks:         []result.CheckChange{}, NewFindings: []result.FindingRef{}, ResolvedFindings: []result.FindingRef{},
		DifferentTenants: !SameTenant(old, new)}
	regress := func(format string, args ...any) {
		d.Regressed = true
		d.Reasons = append(d.Reasons, fmt.Sprintf(format, args...))
	}
	if old.Score.Value != nil && new.Score.Value != nil && d.ScoreChange < -scoreTolerance {
		regress("score fell by %.1f points", -d.ScoreChange)
	}
	if d.WorstCaseChange < -scoreTolerance {
		regress("worst case fell by %.1f points", -d.WorstCaseChange)
	}
	switch {
	case old.Score.Grade.Letter() && !new.Score.Grade.Letter():
		regress("grade %s became %s", old.Score.Grade, new.Score.Grade)
	case new.Score.Grade.Worse(old.Score.Grade):
		regress("grade fell from %s to %s", old.Score.Grade, new.Score.Grade)
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
			d.Checks = append(d.Checks, cc)
			continue
		}
		cc.OldStatus, cc.OldScore = o.Status, o.Score
		cc.Change = checkChange(o, n)
		switch {
		case cc.Change != "regressed":
		case n.Status.Worse(o.Status):
			regress("%s went from %s to %s", n.Check.ID, o.Status, n.Status)
		case n.Status.Unknown() && !o.Status.Unknown():
			regress("%s could not be evaluated (%s): %s", n.Check.ID, n.Status, n.Reason)
		default:
			regress("%s score fell from %.0f%% to %.0f%% (still %s)", n.Check.ID, 100*val(o.Score), 100*val(n.Score), n.Status)
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

// checkChange classifies one check's change.
func checkChange(o, n result.CheckResult) string {
	switch {
	case n.Status.Worse(o.Status):
		return "regressed"
	case o.Status.Worse(n.Status):
		return "improved"
	case n.Status.Unknown() && !o.Status.Unknown():
		return "regressed" // it was judged, now it cannot be
	case o.Status != n.Status:
		return "changed"
	case o.Score != nil && n.Score != nil && *n.Score < *o.Score-checkTolerance:
		return "regressed"
	case o.Score != nil && n.Score != nil && *n.Score > *o.Score+checkTolerance:
		return "improved"
	}
	return "unchanged"
}

func val(f *float64) float64 {
	if f == nil {
		return 0
	}
	return *f
}

// SameTenant reports whether two reports are of one tenant: the same tenant
// id, or, where either lacks one, the same name and default domain.
func SameTenant(a, b *result.Report) bool {
	if a.Tenant.ID != "" && b.Tenant.ID != "" {
		return strings.EqualFold(a.Tenant.ID, b.Tenant.ID)
	}
	return a.Tenant.Name == b.Tenant.Name && strings.EqualFold(a.Tenant.DefaultDomain, b.Tenant.DefaultDomain)
}

func side(r *result.Report) result.DiffSide {
	return result.DiffSide{Tenant: r.Tenant.Name, TenantID: r.Tenant.ID, GeneratedAt: r.GeneratedAt, CollectedAt: r.CollectedAt,
		Score: r.Score.Value, Range: r.Score.Range, Grade: r.Score.Grade, Coverage: r.Score.Coverage}
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
