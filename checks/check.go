// Package checks holds the readiness checks: values with a stable ID and
// metadata, and an Evaluate function that is a pure function of the tenant
// snapshot. The registry is one explicit list (Builtin).
package checks

import (
	"cmp"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Check is one readiness check.
type Check struct {
	ID          string // stable, never reused
	Title       string
	Category    result.Category
	Severity    string // critical, high, medium, low
	Weight      float64
	Critical    bool // a failure caps the grade
	Why         string
	Remediation []string
	Links       []string
	// Requires are datasets without which the check is skipped.
	Requires []tenant.Dataset
	// Uses are datasets the check reads when they are there.
	Uses []tenant.Dataset
	// Licences the checked feature needs (informational).
	Licences []string
	Evaluate func(*Env) Outcome
}

// Outcome is what Evaluate returns.
type Outcome struct {
	Status   result.Status
	Score    float64 // [0,1]; ignored unless Status is pass, warn or fail
	Summary  string
	Reason   string
	Findings []result.Finding
	Excluded []result.Finding
	// Action is the remediation step that fits what was found (default: the first).
	Action string
	// Breakdown counts what the check saw, for charts.
	Breakdown []result.Count
}

// Info is the check's metadata as the result model carries it.
func (c Check) Info() result.CheckInfo {
	info := result.CheckInfo{ID: c.ID, Title: c.Title, Category: c.Category, Severity: c.Severity, Weight: c.Weight,
		Critical: c.Critical, Why: c.Why, Remediation: c.Remediation, Links: c.Links, Licences: c.Licences}
	seen := map[string]bool{}
	for _, d := range append(append([]tenant.Dataset{}, c.Requires...), c.Uses...) {
		info.Datasets = append(info.Datasets, string(d))
		for _, s := range collect.Specs() {
			if s.Dataset == d && !seen[s.Application] {
				seen[s.Application] = true
				info.Permissions = append(info.Permissions, s.Application)
			}
		}
	}
	return info
}

// Builtin is the registry: every check, in report order. IDs are never reused.
func Builtin() []Check {
	return []Check{
		MFAMethods,
		MFAEnforced,
		SingleGlobalAdmin,
		AuthMethodsPolicy,
		SSPR,
		Dormant,
		EntraJoinedDevices,
		IntuneAvailability,
		DeviceAccess,
		LicenceMix,
		SiteOwnership,
		GuestHygiene,
		OneDriveInUse,
		GroupCreation,
		SecureScore,
	}
}

// ByID finds a built-in check.
func ByID(id string) (Check, bool) {
	for _, c := range Builtin() {
		if strings.EqualFold(c.ID, id) {
			return c, true
		}
	}
	return Check{}, false
}

// Run evaluates one check. Missing required data skips it with the
// collector's reason; a panic becomes an error result and the run goes on.
func Run(c Check, env *Env) (res result.CheckResult) {
	res = result.CheckResult{Check: c.Info(), Findings: []result.Finding{}}
	for _, d := range c.Requires {
		st := env.Snap.StatusOf(d)
		if st == nil || !st.Collected() {
			res.Status = result.StatusSkipped
			desc := "not requested"
			if st != nil {
				desc = st.Describe()
			}
			res.Reason = fmt.Sprintf("%s data unavailable: %s", d, desc)
			res.Summary = "Skipped: " + res.Reason
			return res
		}
	}
	defer func() {
		if r := recover(); r != nil {
			res.Status, res.Score = result.StatusError, nil
			res.Reason = fmt.Sprintf("the check failed: %v", r)
			res.Summary = "Error: " + res.Reason
			env.Log(fmt.Sprintf("check %s panicked: %v\n%s", c.ID, r, debug.Stack()))
		}
	}()
	out := c.Evaluate(env)
	res.Status, res.Summary, res.Reason = out.Status, out.Summary, out.Reason
	if out.Findings != nil {
		res.Findings = out.Findings
	}
	res.Excluded = out.Excluded
	res.Action = out.Action
	res.Breakdown = out.Breakdown
	if res.Action == "" && len(c.Remediation) > 0 && (out.Status == result.StatusFail || out.Status == result.StatusWarn) {
		res.Action = c.Remediation[0]
	}
	if out.Status.Evaluated() {
		s := clamp01(out.Score)
		res.Score = &s
	}
	sortFindings(res.Findings)
	sortFindings(res.Excluded)
	return res
}

func clamp01(f float64) float64 {
	switch {
	case f != f || f < 0: // NaN or negative
		return 0
	case f > 1:
		return 1
	}
	return f
}

// severityRank orders findings: the worst first.
var severityRank = map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}

func sortFindings(fs []result.Finding) {
	// Keys are worked out once (lower-casing names inside the comparison
	// allocated on every one of its n·log n calls), and small keys are sorted
	// rather than whole findings; the position breaks ties, so the order is
	// stable.
	type key struct {
		rank int
		name string
		pos  int
	}
	ks := make([]key, len(fs))
	for i := range fs {
		if fs[i].Severity == "" {
			fs[i].Severity = "medium"
		}
		ks[i] = key{severityRank[fs[i].Severity], strings.ToLower(fs[i].Name), i}
	}
	slices.SortFunc(ks, func(a, b key) int {
		if a.rank != b.rank {
			return cmp.Compare(a.rank, b.rank)
		}
		if c := strings.Compare(fs[a.pos].ObjectType, fs[b.pos].ObjectType); c != 0 {
			return c
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	sorted := make([]result.Finding, len(fs))
	for i, k := range ks {
		sorted[i] = fs[k.pos]
	}
	copy(fs, sorted)
}

// Env is what a check sees: the snapshot, the settings, and the derived
// views every check shares.
type Env struct {
	Snap     *tenant.Snapshot
	Now      time.Time
	Settings Settings
	// Log receives diagnostics (panics); nil discards them.
	Logf func(string)

	people        *Directory
	registrations map[string]*tenant.MFARegistration
	signIns       map[string]*time.Time
	signInsDone   bool
}

// Log writes a diagnostic.
func (e *Env) Log(msg string) {
	if e.Logf != nil {
		e.Logf(msg)
	}
}

// NewEnv prepares an evaluation environment.
func NewEnv(s *tenant.Snapshot, now time.Time, settings Settings) *Env {
	return &Env{Snap: s, Now: now, Settings: settings.withDefaults()}
}

// People classifies every account once (users must be collected).
func (e *Env) People() *Directory {
	if e.people == nil {
		e.people = Classify(e.Snap, e.Settings)
	}
	return e.people
}

// Registrations indexes the MFA registration records by lower-case user id,
// once for every check that reads them (nil when they were not collected).
func (e *Env) Registrations() map[string]*tenant.MFARegistration {
	if e.registrations == nil {
		regs, err := e.Snap.MFARegistration.Get()
		if err != nil {
			return nil
		}
		e.registrations = make(map[string]*tenant.MFARegistration, len(regs))
		for i := range regs {
			e.registrations[strings.ToLower(regs[i].UserID)] = &regs[i]
		}
	}
	return e.registrations
}

// pct formats a share as a percentage.
func pct(num, den int) string {
	if den == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d%%", (num*100+den/2)/den)
}

func ratio(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}

// Datasets lists what a set of checks reads (always the organization, for
// the report header), so a run collects nothing no selected check needs.
func Datasets(list []Check, skip []string) []tenant.Dataset {
	skipped := map[string]bool{}
	for _, id := range skip {
		skipped[strings.ToUpper(id)] = true
	}
	need := map[tenant.Dataset]bool{tenant.DatasetOrganization: true}
	for _, c := range list {
		if skipped[c.ID] {
			continue
		}
		for _, d := range append(append([]tenant.Dataset{}, c.Requires...), c.Uses...) {
			need[d] = true
		}
	}
	var out []tenant.Dataset
	for _, d := range tenant.AllDatasets() {
		if need[d] {
			out = append(out, d)
		}
	}
	return out
}
