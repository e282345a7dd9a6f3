// Package audit turns a tenant snapshot into the result every renderer takes:
// it runs the checks, applies the configuration, and scores.
package audit

import (
	"slices"
	"strings"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Options tune an audit.
type Options struct {
	Tool    string
	Now     time.Time // when the report is generated; checks measure age from it
	Offline bool      // the snapshot was loaded from a file
	// Checks to run; nil means checks.Builtin().
	Checks   []checks.Check
	Settings checks.Settings
	// Weights override check weights by ID.
	Weights map[string]float64
	// Skip lists check IDs the configuration turns off.
	Skip []string
	// MinCoverage is the known share of the weight a letter grade needs
	// (0 means DefaultMinCoverage).
	MinCoverage float64
	// Logf receives diagnostics.
	Logf func(string)
	// ReleaseData lets Build drop each dataset's records from s once the
	// last check that reads it has run (the users stay: the configuration
	// warnings read them at the end). For a caller that does not read s
	// afterwards: at 100,000 people it is the difference between holding
	// the whole tenant and the whole report at once, and not.
	ReleaseData bool
	// Keep are datasets ReleaseData leaves alone: a caller reads them after
	// the checks (the migration plan).
	Keep []tenant.Dataset
}

// Build makes the report for s.
func Build(s *tenant.Snapshot, opts Options) *result.Report {
	r := &result.Report{SchemaVersion: result.SchemaVersion, Tool: opts.Tool, GeneratedAt: opts.Now.UTC(),
		CollectedAt: s.CollectedAt, Demo: s.Source.Demo,
		Source: result.Source{AuthMode: s.Source.AuthMode, AppOnly: s.Source.AppOnly, Cloud: s.Source.Cloud,
			GraphURL: s.Source.GraphURL, Offline: opts.Offline}}
	if org, err := s.Organization.Get(); err == nil {
		r.Tenant = result.Tenant{ID: org.ID, Name: org.DisplayName}
		for _, d := range org.VerifiedDomains {
			if d.IsDefault {
				r.Tenant.DefaultDomain = d.Name
			}
		}
	}
	for _, d := range tenant.AllDatasets() {
		st := s.StatusOf(d)
		r.Datasets = append(r.Datasets, result.Dataset{Name: string(d), State: st.State, Count: st.Count,
			Summary: st.Describe(), Reason: st.Reason, Permission: st.Permission, Licence: st.Licence,
			HTTPStatus: st.HTTPStatus, ErrorCode: st.ErrorCode, RequestID: st.RequestID, Source: st.Source})
	}
	if b := s.Budget; b != nil {
		r.Budget = &result.Budget{Requests: b.Requests, Throttled: b.Throttled, Retries: b.Retries, Bytes: b.Bytes,
			DurationMs: b.DurationMs, Datasets: []result.DatasetBudget{}}
		for _, f := range b.Fallbacks {
			r.Budget.Fallbacks = append(r.Budget.Fallbacks, result.QueryFallback{Dataset: string(f.Dataset), Option: f.Option})
		}
		for _, d := range b.Datasets {
			r.Budget.Datasets = append(r.Budget.Datasets, result.DatasetBudget{Dataset: string(d.Dataset), Requests: d.Requests,
				Throttled: d.Throttled, DurationMs: d.DurationMs})
		}
	}
	settings := opts.Settings
	settings.Accepted = checks.ExpireAcceptances(settings.Accepted, opts.Now)
	r.Acceptances = settings.Accepted
	env := checks.NewEnv(s, opts.Now, settings)
	env.Logf = opts.Logf
	list := opts.Checks
	if list == nil {
		list = checks.Builtin()
	}
	skip := map[string]bool{}
	for _, id := range opts.Skip {
		skip[strings.ToUpper(id)] = true
	}
	r.Checks = []result.CheckResult{}
	lastReader := lastReaders(list, skip)
	for i, c := range list {
		if w, ok := opts.Weights[c.ID]; ok {
			c.Weight = w
		}
		if skip[strings.ToUpper(c.ID)] {
			r.Checks = append(r.Checks, result.CheckResult{Check: c.Info(), Status: result.StatusSkipped,
				Bounds: &result.Bounds{Low: 0, High: 1}, Reason: "skipped by configuration", Summary: "Skipped by configuration",
				Findings: []result.Finding{}})
			continue
		}
		r.Checks = append(r.Checks, checks.Run(c, env))
		if opts.ReleaseData {
			for _, d := range tenant.AllDatasets() {
				if last, ok := lastReader[d]; ok && last == i && d != tenant.DatasetUsers && !slices.Contains(opts.Keep, d) {
					env.Release(d)
				}
			}
		}
	}
	minCov := opts.MinCoverage
	if minCov == 0 {
		minCov = DefaultMinCoverage
	}
	r.Score = Score(r.Checks, minCov)
	r.Warnings = configWarnings(s, r, settings)
	return r
}

// lastReaders maps each dataset to the index of the last check in list that
// declares it and is not skipped.
func lastReaders(list []checks.Check, skip map[string]bool) map[tenant.Dataset]int {
	last := map[tenant.Dataset]int{}
	for i, c := range list {
		if skip[strings.ToUpper(c.ID)] {
			continue
		}
		for _, d := range c.Datasets() {
			last[d] = i
		}
	}
	return last
}
