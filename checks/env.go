package checks

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Env is what a check sees: a view of the snapshot holding only the datasets
// the check declares, the settings, and the derived views every check shares.
// NewEnv makes the run's Env; Run gives each check its own.
type Env struct {
	// Snap is the snapshot as this check may read it: a dataset the check did
	// not declare reads as not requested.
	Snap     *tenant.Snapshot
	Now      time.Time
	Settings Settings
	// Logf receives diagnostics (panics); nil discards them.
	Logf func(string)

	check   *Check // nil for the run's Env
	memo    *memo
	missing []tenant.Dataset
}

// NewEnv prepares an evaluation environment for a run of checks over s.
func NewEnv(s *tenant.Snapshot, now time.Time, settings Settings) *Env {
	return &Env{Snap: s, Now: now, Settings: settings.withDefaults(), memo: newMemo()}
}

// forCheck is the Env one check evaluates in.
func (e *Env) forCheck(c Check) *Env {
	return &Env{Snap: e.Snap.View(c.Datasets(), "not declared by "+c.ID), Now: e.Now, Settings: e.Settings,
		Logf: e.Logf, check: &c, memo: e.memo}
}

// Log writes a diagnostic.
func (e *Env) Log(msg string) {
	if e.Logf != nil {
		e.Logf(msg)
	}
}

// Have reports whether dataset d can be read. When it cannot, and its
// absence is not itself the answer (a tenant without Entra ID P2 has no
// PIM-eligible administrators), the check's result records the dataset as
// missing: its verdict then rests on part of the picture, its score bounds
// widen, and it never passes. Asking for a dataset the check did not declare
// is a bug in the check, and panics (the run reports the check as errored).
func (e *Env) Have(d tenant.Dataset) bool {
	if e.check != nil && !slices.Contains(e.check.Datasets(), d) {
		panic(fmt.Sprintf("%s reads %s, which it does not declare", e.check.ID, d))
	}
	st := e.Snap.StatusOf(d)
	if st.Collected() {
		return true
	}
	if !(st.State == tenant.StateUnlicensed && d.AbsentWithoutLicence()) && !slices.Contains(e.missing, d) {
		e.missing = append(e.missing, d)
	}
	return false
}

// missingData is what Have recorded, each dataset with its state.
func (e *Env) missingData() []result.MissingData {
	var out []result.MissingData
	for _, d := range e.missing {
		st := e.Snap.StatusOf(d)
		out = append(out, result.MissingData{Dataset: string(d), State: st.State, Reason: st.Describe()})
	}
	return out
}

// memo holds the derived views checks share, worked out once per run. A
// view depends on which of its datasets the asking check can see, so each
// is kept per visibility: two checks that see the same data share the work.
type memo struct {
	people        map[string]*Directory
	registrations map[string]map[string]*tenant.MFARegistration
	signIns       map[string]map[string]*time.Time
}

func newMemo() *memo {
	return &memo{people: map[string]*Directory{}, registrations: map[string]map[string]*tenant.MFARegistration{},
		signIns: map[string]map[string]*time.Time{}}
}

// visibility keys a memo entry: which of ds the snapshot shows.
func visibility(s *tenant.Snapshot, ds ...tenant.Dataset) string {
	var b strings.Builder
	for _, d := range ds {
		if s.StatusOf(d).Collected() {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// peopleDatasets are what account classification reads: the users, the
// tenant's SKUs (its own service-plan data) and the role assignments (to
// recognise emergency-access accounts). A check that counts people declares
// them.
var peopleDatasets = []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments}

// People classifies every account once (users must be collected).
func (e *Env) People() *Directory {
	key := visibility(e.Snap, peopleDatasets...)
	if d, ok := e.memo.people[key]; ok {
		return d
	}
	d := Classify(e.Snap, e.Settings)
	e.memo.people[key] = d
	return d
}

// Release drops dataset d's records from the run's snapshot, and what the
// memo derived from them, once no check left to run reads d.
func (e *Env) Release(d tenant.Dataset) {
	e.Snap.Release(d)
	switch {
	case slices.Contains(peopleDatasets, d):
		e.memo.people = map[string]*Directory{}
	case d == tenant.DatasetMFARegistration:
		e.memo.registrations = map[string]map[string]*tenant.MFARegistration{}
	case d == tenant.DatasetSignInActivity:
		e.memo.signIns = map[string]map[string]*time.Time{}
	}
}

// Registrations indexes the MFA registration records by lower-case user id,
// once for every check that reads them (nil when they were not collected).
func (e *Env) Registrations() map[string]*tenant.MFARegistration {
	regs, err := e.Snap.MFARegistration.Get()
	if err != nil {
		return nil
	}
	key := visibility(e.Snap, tenant.DatasetMFARegistration)
	if m, ok := e.memo.registrations[key]; ok {
		return m
	}
	m := make(map[string]*tenant.MFARegistration, len(regs))
	for i := range regs {
		m[strings.ToLower(regs[i].UserID)] = &regs[i]
	}
	e.memo.registrations[key] = m
	return m
}
