package plan

import (
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Datasets are the records People reads besides the report (the people's
// classification, their licences, last sign-ins, Windows Hello
// registrations and PCs): an audit that releases data as it goes keeps
// these to the end when it also plans.
var Datasets = []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments,
	tenant.DatasetMFARegistration, tenant.DatasetDevices, tenant.DatasetManagedDevices, tenant.DatasetSignInActivity,
	tenant.DatasetSignInLog}

// Overview is the plan in counts, for the audit report.
func Overview(p *result.Plan) *result.PlanOverview {
	o := &result.PlanOverview{Counts: p.Summary, Waves: []result.PlanWaveCount{},
		Details: "m365ready plan: each person's state, PCs and actions, and printable checklists (-o html)"}
	for _, w := range p.Waves {
		c := result.PlanWaveCount{Number: w.Number, Name: w.Name, People: len(w.People), Effort: w.Effort}
		for _, person := range w.People {
			switch person.State {
			case result.PlanReady:
				c.Ready++
			case result.PlanNeedsAction:
				c.NeedsAction++
			}
		}
		o.Waves = append(o.Waves, c)
	}
	return o
}
