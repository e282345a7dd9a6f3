package fleet

import (
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/result"
)

// forPortfolio is what the portfolio needs of a tenant's result, once its
// reports are written and its run recorded: the score, grade, coverage, top
// actions, plan counts, each check's status and the licence facts. A fleet
// holds every tenant's outcome until the end, so it drops the snapshot,
// the findings, the other facts and the plan, which a process auditing
// hundreds of tenants would otherwise keep in memory all at once.
func forPortfolio(res *pipeline.Result) *pipeline.Result {
	if res == nil || res.Report == nil {
		return res
	}
	rep := *res.Report
	rep.Checks = make([]result.CheckResult, len(res.Report.Checks))
	for i, c := range res.Report.Checks {
		c.Findings, c.Excluded, c.Breakdown = nil, nil, nil
		if _, licences := c.Facts.(*result.LicenceFacts); !licences {
			c.Facts = nil
		}
		rep.Checks[i] = c
	}
	if rep.Plan != nil {
		rep.Plan = &result.PlanOverview{Counts: rep.Plan.Counts}
	}
	return &pipeline.Result{Report: &rep, Files: res.Files}
}
