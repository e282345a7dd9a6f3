package cli

import (
	"slices"
	"strings"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
)

// doctorReport is what doctor learned, the same for the table and -o json.
type doctorReport struct {
	// SignIn is application (the token's roles) or delegated (its scp).
	SignIn  string   `json:"signIn"`
	Granted []string `json:"granted"`
	// Licences is nil when the tenant's SKUs could not be read
	// (LicencesError says why).
	Licences      *doctorLicences `json:"licences"`
	LicencesError string          `json:"licencesError,omitempty"`
	Checks        []doctorCheck   `json:"checks"`
	Datasets      []doctorDataset `json:"datasets"`
	// Blocked counts the checks a permission (or the kind of sign-in) keeps
	// from running: what an administrator can fix, and what sets exit 3.
	// NotLicensed counts those only the tenant's licences keep from running.
	Blocked     int `json:"blocked"`
	NotLicensed int `json:"notLicensed"`
}

type doctorLicences struct {
	P1     *bool `json:"entraIdP1"`
	P2     *bool `json:"entraIdP2"`
	Intune *bool `json:"intune"`
}

// Run states of a check, as doctor predicts them.
const (
	runYes         = "yes"
	runPartly      = "partly"
	runNotLicensed = "not_licensed"
	runNo          = "no"
)

// runOrder ranks the run states from best to worst.
var runOrder = []string{runYes, runPartly, runNotLicensed, runNo}

type doctorCheck struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Run is yes, partly (some data it uses will be missing), not_licensed
	// (the tenant lacks a licence it needs) or no (a permission is missing).
	Run     string          `json:"run"`
	Missing []doctorDataset `json:"missing,omitempty"`
}

type doctorDataset struct {
	Dataset  string `json:"dataset"`
	Readable string `json:"readable"` // yes, partly, not_licensed, no
	// Why says it in words, endpoints included; Gaps says it as data.
	Why      string        `json:"why,omitempty"`
	Gaps     []collect.Gap `json:"gaps,omitempty"`
	Fallback bool          `json:"fallback,omitempty"` // read another way: the gaps are the usual way's
}

// short is what the table says: the permissions to grant and licences
// missing, each once; the endpoints are in -o json.
func (d doctorDataset) short() string {
	if d.Fallback {
		return "read another way (" + d.shortGaps() + ")"
	}
	return d.shortGaps()
}

func (d doctorDataset) shortGaps() string {
	var out []string
	for _, g := range d.Gaps {
		if s := g.Short(); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

func datasetOf(a *collect.Access, d tenant.Dataset) doctorDataset {
	r, gaps, fallback := a.DatasetGaps(d)
	return doctorDataset{Dataset: string(d), Readable: string(r), Why: collect.Why(r, gaps, fallback), Gaps: gaps, Fallback: fallback}
}

func newDoctorReport(a *collect.Access) doctorReport {
	rep := doctorReport{SignIn: "delegated", Granted: append([]string{}, a.Granted...)}
	if a.AppOnly {
		rep.SignIn = "application"
	}
	if a.SKUsError != "" {
		rep.LicencesError = a.SKUsError
	} else {
		rep.Licences = &doctorLicences{P1: a.P1, P2: a.P2, Intune: a.Intune}
	}
	// Each dataset's access is worked out once; the checks share it.
	access := map[tenant.Dataset]doctorDataset{}
	for _, d := range tenant.AllDatasets() {
		access[d] = datasetOf(a, d)
		rep.Datasets = append(rep.Datasets, access[d])
	}
	for _, c := range checks.Builtin() {
		dc := doctorCheck{ID: c.ID, Title: c.Title, Run: runYes}
		worse := func(state string) {
			if slices.Index(runOrder, state) > slices.Index(runOrder, dc.Run) {
				dc.Run = state
			}
		}
		for _, d := range c.Requires {
			ds := access[d]
			switch r := collect.Readability(ds.Readable); {
			case r == collect.Unreadable:
				worse(runNo)
			case r == collect.Unlicensed, ds.Fallback && slices.Contains(c.NoFallback, d):
				// Read only through a fallback that lacks what the check
				// needs is, for the check, the licence missing.
				worse(runNotLicensed)
			case r == collect.Partly:
				worse(runPartly)
			default:
				continue
			}
			dc.Missing = append(dc.Missing, ds)
		}
		for _, d := range c.Uses {
			ds := access[d]
			switch r := collect.Readability(ds.Readable); {
			case r == collect.Readable:
				continue
			case r == collect.Unlicensed && d.AbsentWithoutLicence():
				// What a missing licence means there is nothing to read
				// (no Conditional Access without P1): the check judges
				// without it, as Env.Have does. Other unlicensed data
				// (sign-in activity) leaves the check partly evaluated.
			default:
				worse(runPartly)
			}
			dc.Missing = append(dc.Missing, ds)
		}
		switch dc.Run {
		case runNo:
			rep.Blocked++
		case runNotLicensed:
			rep.NotLicensed++
		}
		rep.Checks = append(rep.Checks, dc)
	}
	return rep
}
