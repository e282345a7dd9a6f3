package fleet

import (
	"cmp"
	"slices"
	"time"

	"github.com/m365ready/m365ready/internal/result"
)

// Portfolio ranks the outcomes: audited tenants by worst-case score, the
// lowest first; then those that failed, with why.
func Portfolio(outcomes []Outcome, tool string, now time.Time, demo bool) *result.Portfolio {
	p := &result.Portfolio{SchemaVersion: result.SchemaVersion, Tool: tool, GeneratedAt: now.UTC(), Demo: demo,
		Tenants: []result.PortfolioTenant{}, Checks: []result.PortfolioCheck{}}
	rows := map[string]int{}
	for _, o := range outcomes {
		t := result.PortfolioTenant{Alias: o.Tenant.Alias, Tags: o.Tenant.Tags}
		p.Summary.Tenants++
		if o.Err != nil || o.Result == nil {
			p.Summary.Failed++
			t.Status = result.TenantFailed
			msg := "no result"
			if o.Err != nil {
				msg = o.Err.Error()
			}
			t.Failure = &result.TenantFailure{Kind: FailureKind(o.Err), Message: msg}
			p.Tenants = append(p.Tenants, t)
			continue
		}
		rep := o.Result.Report
		p.Summary.Audited++
		if o.FromStore {
			p.Summary.FromStore++
		}
		t.Status, t.TenantID, t.Name, t.Grade = result.TenantAudited, rep.Tenant.ID, rep.Tenant.Name, rep.Score.Grade
		t.Reports = o.Result.Files
		if t.Grade == result.GradeIncomplete {
			p.Summary.Incomplete++
		}
		rng, cov := rep.Score.Range, rep.Score.Coverage
		t.Score, t.Coverage = &rng, &cov
		if len(rep.Score.TopActions) > 0 {
			a := rep.Score.TopActions[0]
			t.TopAction = &a
		}
		if rep.Plan != nil {
			s := rep.Plan.Counts
			t.Plan = &s
		}
		for _, c := range rep.Checks {
			t.Checks = append(t.Checks, result.PortfolioTenantCheck{ID: c.Check.ID, Status: c.Status})
			i, ok := rows[c.Check.ID]
			if !ok {
				i = len(p.Checks)
				rows[c.Check.ID] = i
				p.Checks = append(p.Checks, result.PortfolioCheck{ID: c.Check.ID, Title: c.Check.Title})
			}
			p.Checks[i].Counts.Add(c.Status)
			if f, ok := c.Facts.(*result.LicenceFacts); ok {
				for _, s := range f.SKUs {
					if s.Kind == "free" {
						continue
					}
					t.Licences = append(t.Licences, result.PortfolioLicence{SKU: s.PartNumber, ProductName: s.ProductName,
						Assigned: s.Assigned, Enabled: s.Units.Enabled})
				}
			}
		}
		p.Tenants = append(p.Tenants, t)
	}
	slices.SortStableFunc(p.Tenants, func(a, b result.PortfolioTenant) int {
		if a.Status != b.Status {
			return cmp.Compare(rank(a), rank(b))
		}
		if a.Score != nil && b.Score != nil {
			return cmp.Compare(a.Score.Worst, b.Score.Worst)
		}
		return 0
	})
	return p
}

func rank(t result.PortfolioTenant) int {
	if t.Status == result.TenantAudited {
		return 0
	}
	return 1
}
