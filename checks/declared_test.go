package checks

import (
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

// propertySnapshots are tenants unlike the hand-made ones: the demo tenant,
// and synthetic tenants with and without Entra ID P1.
func propertySnapshots(t *testing.T) map[string]*tenant.Snapshot {
	t.Helper()
	out := map[string]*tenant.Snapshot{"demo": demo.Fixture(now, "x").Data}
	for _, sp := range []synth.Spec{{People: 60, Seed: 7}, {People: 40, Seed: 3, Free: true}} {
		f := synth.Generate(sp, now, "x")
		name := "synthetic"
		if sp.Free {
			name += " free"
		}
		out[name] = f.Data
	}
	return out
}

// unrestricted evaluates c over the whole snapshot, as if it had declared
// every dataset.
func unrestricted(c Check, s *tenant.Snapshot) result.CheckResult {
	run := NewEnv(s, now, Settings{})
	env := *run
	env.memo = newMemo()
	return evaluate(c, run, &env)
}

// TestChecksReadOnlyWhatTheyDeclare: every check gives the same result over
// the datasets it declares as over the whole snapshot, so no check depends
// on data it does not declare (and that a run might therefore not collect).
func TestChecksReadOnlyWhatTheyDeclare(t *testing.T) {
	for name, s := range propertySnapshots(t) {
		for _, c := range Builtin() {
			got := Run(c, NewEnv(s, now, Settings{}))
			if want := unrestricted(c, s); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s: over its declared datasets %s %q (%v), over everything %s %q (%v)", name, c.ID,
					got.Status, got.Summary, got.Reason, want.Status, want.Summary, want.Reason)
			}
			if got.Status == result.StatusError {
				t.Errorf("%s, %s: error: %s", name, c.ID, got.Reason)
			}
		}
	}
}

// masked is s as a run collects it when only datasets ds were asked for.
func masked(s *tenant.Snapshot, ds []tenant.Dataset) *tenant.Snapshot {
	return s.View(ds, "")
}

// TestSkipOfOneCheckNeverChangesAnother: `skip: [X]` in the configuration
// leaves X's datasets uncollected when nothing else needs them; no other
// check's result may change.
func TestSkipOfOneCheckNeverChangesAnother(t *testing.T) {
	for name, s := range propertySnapshots(t) {
		full := masked(s, Datasets(Builtin(), nil))
		for _, skipped := range Builtin() {
			part := masked(s, Datasets(Builtin(), []string{skipped.ID}))
			for _, c := range Builtin() {
				if c.ID == skipped.ID {
					continue
				}
				a, b := Run(c, NewEnv(full, now, Settings{})), Run(c, NewEnv(part, now, Settings{}))
				if !reflect.DeepEqual(a, b) {
					t.Errorf("%s: skipping %s changes %s from %s %q to %s %q", name, skipped.ID, c.ID, a.Status, a.Summary, b.Status, b.Summary)
				}
			}
		}
	}
}

// TestMissingDataNeverReadsBetter takes each dataset a check reads away in
// turn (denied, as with a missing permission). The check is then skipped, or
// its lowest possible score does not rise; and when its verdict changes at
// all, the result names the dataset as missing. Account classification is
// the exception that proves the rule: without the SKUs or the role data the
// same people are counted (from Microsoft's SKU table, and emergency-access
// accounts hold no licence either way), so those datasets must leave the
// verdict alone.
func TestMissingDataNeverReadsBetter(t *testing.T) {
	for name, s := range propertySnapshots(t) {
		for _, c := range Builtin() {
			full := Run(c, NewEnv(s, now, Settings{}))
			for _, d := range c.Datasets() {
				less := *s
				deny(&less, d)
				got := Run(c, NewEnv(&less, now, Settings{}))
				if got.Status.Unknown() {
					continue // skipped for want of it: unknown, never better
				}
				if got.Bounds != nil && full.Bounds != nil && got.Bounds.Low > full.Bounds.Low+1e-9 {
					t.Errorf("%s, %s without %s: lowest score rose from %v to %v", name, c.ID, d, full.Bounds.Low, got.Bounds.Low)
				}
				same := got.Status == full.Status && reflect.DeepEqual(got.Score, full.Score) && reflect.DeepEqual(got.Findings, full.Findings)
				named := slices.ContainsFunc(got.Missing, func(m result.MissingData) bool { return m.Dataset == string(d) })
				if !same && !named && !got.Status.Unknown() {
					t.Errorf("%s, %s without %s: %s %q became %s %q, and the result does not say %s was missing",
						name, c.ID, d, full.Status, full.Summary, got.Status, got.Summary, d)
				}
			}
		}
	}
}

// deny marks dataset d of s as denied, as a run without its permission sees it.
func deny(s *tenant.Snapshot, d tenant.Dataset) {
	*s = *s.View(slices.DeleteFunc(tenant.AllDatasets(), func(x tenant.Dataset) bool { return x == d }), "")
	*s.StatusOf(d) = tenant.Status{State: tenant.StateDenied, Permission: "Test.Read.All", HTTPStatus: 403}
}

// TestEveryFindingHasADeclaredCode: automation keys on codes, so every
// finding (and excluded object) carries one, listed by its check with a
// meaning; and every check that evaluates states its facts.
func TestEveryFindingHasADeclaredCode(t *testing.T) {
	seen := map[result.FindingCode]bool{}
	for name, s := range propertySnapshots(t) {
		for _, c := range Builtin() {
			declared := map[result.FindingCode]bool{}
			for _, k := range c.Codes {
				if k.Meaning == "" || !regexp.MustCompile(`^[a-z0-9_]+\.[a-z0-9_]+$`).MatchString(string(k.Code)) {
					t.Errorf("%s: code %q badly formed or undocumented", c.ID, k.Code)
				}
				declared[k.Code] = true
			}
			r := Run(c, NewEnv(s, now, Settings{}))
			for _, f := range append(append([]result.Finding{}, r.Findings...), r.Excluded...) {
				if !declared[f.Code] {
					t.Errorf("%s, %s: finding %q on %s has code %q, not one the check declares", name, c.ID, f.Detail, f.Name, f.Code)
				}
				seen[f.Code] = true
			}
			if r.Status.Evaluated() && r.Facts == nil {
				t.Errorf("%s, %s: evaluated without facts", name, c.ID)
			}
		}
	}
	if len(seen) < 15 {
		t.Errorf("only %d codes seen over the demo and synthetic tenants", len(seen))
	}
}

// TestOnlyContextChecksInform: a context check (weight 0) never gives a
// verdict, as nothing it finds may read as a pass or a fail; a weighted
// check always judges (or says why it could not).
func TestOnlyContextChecksInform(t *testing.T) {
	for name, s := range propertySnapshots(t) {
		for _, c := range Builtin() {
			r := Run(c, NewEnv(s, now, Settings{}))
			if c.Weight == 0 && r.Status.Evaluated() || c.Weight > 0 && r.Status == result.StatusInfo {
				t.Errorf("%s, %s (weight %v): status %s", name, c.ID, c.Weight, r.Status)
			}
		}
	}
}

// TestFactsAreOfTheDeclaredType: the schema describes each check's facts
// from FactsType; what the check returns must be of that type.
func TestFactsAreOfTheDeclaredType(t *testing.T) {
	for name, s := range propertySnapshots(t) {
		for _, c := range Builtin() {
			r := Run(c, NewEnv(s, now, Settings{}))
			if r.Facts != nil && reflect.TypeOf(r.Facts) != reflect.TypeOf(c.FactsType) {
				t.Errorf("%s, %s: facts %T, declared %T", name, c.ID, r.Facts, c.FactsType)
			}
		}
	}
}
