package checks

import (
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idGroupCreation = "COL-004"

var groupCreationRemediation = []string{
	"Limit Microsoft 365 group creation to a small group (for example the IT admins): set EnableGroupCreation to false and GroupCreationAllowedGroupId to that group (Microsoft's \"Manage who can create Microsoft 365 Groups\" guide).",
	"Have a Global Administrator set up shared sites, one per department or team, so files land in a known place with known owners.",
}

// GroupCreation checks whether every user can create Microsoft 365 groups,
// and with them SharePoint sites and Teams.
var GroupCreation = Check{
	ID:       idGroupCreation,
	Title:    "Who can create sites and groups",
	Category: result.CategoryCollaboration,
	Severity: result.SeverityLow,
	Weight:   2,
	Why: "When everyone can create Microsoft 365 groups, every new team or project gets its own site, and files " +
		"scatter over sites nobody owns. For a small business, shared sites set up by an administrator, one per " +
		"department, keep files findable and owned.",
	Remediation: groupCreationRemediation,
	Links:       []string{"https://learn.microsoft.com/microsoft-365/solutions/manage-creation-of-groups"},
	Requires:    []tenant.Dataset{tenant.DatasetGroupSettings},
	Scope:       "Whether every user can create Microsoft 365 groups (and so sites and Teams); the advice is to limit creation to a group",
	Thresholds:  "warn when every user can create groups; pass when creation is limited",
	Codes:       []result.CodeInfo{codeGroupsEveryone},
	FactsType:   (*result.GroupCreationFacts)(nil),
	Evaluate:    evalGroupCreation,
}

func evalGroupCreation(e *Env) Outcome {
	gs := required(e.Snap.GroupSettings.Get())
	facts := &result.GroupCreationFacts{Configured: gs.Configured, EveryoneCanCreate: gs.EnableGroupCreation, AllowedGroupID: gs.AllowedGroupID}
	switch {
	case !gs.EnableGroupCreation && gs.AllowedGroupID != "":
		return Outcome{Status: result.StatusPass, Score: 1, Facts: facts, Summary: "Only members of one group (and administrators) can create Microsoft 365 groups"}
	case !gs.EnableGroupCreation:
		return Outcome{Status: result.StatusPass, Score: 1, Facts: facts, Summary: "Only administrators can create Microsoft 365 groups"}
	}
	summary := "Every user can create Microsoft 365 groups, and with them SharePoint sites and Teams"
	if !gs.Configured {
		summary += " (the tenant default)"
	}
	return Outcome{Status: result.StatusWarn, Score: 0, Summary: summary, Facts: facts,
		Findings: []result.Finding{{Code: codeGroupsEveryone.Code, ObjectType: "tenant", Name: "Group creation", Severity: result.SeverityLow,
			Detail: "EnableGroupCreation is true for everyone"}}}
}
