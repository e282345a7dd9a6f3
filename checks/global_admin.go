package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// SingleGlobalAdmin counts effective Global Administrators: direct
// assignments, members of role-assignable groups, and PIM-eligible ones.
const idGlobalAdmin = "IDN-002"

var globalAdminRemediation = []string{
	"Give a second trusted person the Global Administrator role (Entra admin center > Roles and administrators).",
	"Create an emergency-access (break-glass) account: cloud-only, no licence, a long random password kept offline, phishing-resistant MFA, excluded from Conditional Access; list it in the m365ready config.",
	"Administrators should use a separate admin account without a mailbox for admin work, not their day-to-day account.",
	"With five or more, remove Global Administrator from people who need a narrower role (User, Exchange or Billing Administrator).",
}

var SingleGlobalAdmin = Check{
	ID:       idGlobalAdmin,
	Title:    "Single global admin",
	Category: result.CategoryIdentity,
	Severity: result.SeverityCritical,
	Weight:   15,
	Why: "If the only Global Administrator loses their phone or leaves, nobody can manage the tenant, reset their MFA " +
		"or recover it; Microsoft's recovery process takes days. Two to four named administrators, plus an " +
		"emergency-access account, keep the owner from being the only way in.",
	Remediation: globalAdminRemediation,
	Links: []string{"https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
		"https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices"},
	Requires: []tenant.Dataset{tenant.DatasetRoleAssignments},
	Uses:     []tenant.Dataset{tenant.DatasetRoleEligibilities, tenant.DatasetUsers, tenant.DatasetSubscribedSKUs},
	Evaluate: evalGlobalAdmin,
}

type gaHolder struct {
	id, name string
	how      []string
	enabled  *bool
}

func evalGlobalAdmin(e *Env) Outcome {
	holders := map[string]*gaHolder{}
	var findings []result.Finding
	add := func(p tenant.Principal, how string) {
		h := holders[p.ID]
		if h == nil {
			h = &gaHolder{id: p.ID, name: nonEmptyName(p), enabled: p.AccountEnabled}
			holders[p.ID] = h
		}
		h.how = append(h.how, how)
	}
	collectGA := func(list []tenant.RoleAssignment, kind string) {
		for _, a := range list {
			if a.RoleDefinitionID != roleGlobalAdmin || a.DirectoryScopeID != "/" {
				continue
			}
			switch a.Principal.Type {
			case "user":
				add(a.Principal, kind)
			case "group":
				if a.GroupMembersStatus != nil {
					findings = append(findings, result.Finding{ObjectType: "role", ObjectID: a.Principal.ID, Name: a.Principal.DisplayName,
						Detail: "members of this Global Administrator group could not be read: " + a.GroupMembersStatus.Describe()})
				}
				for _, m := range a.GroupMembers {
					if m.Type == "user" {
						add(m, kind+" via group "+a.Principal.DisplayName)
					}
				}
			case "servicePrincipal":
				findings = append(findings, result.Finding{ObjectType: "role", ObjectID: a.Principal.ID, Name: a.Principal.DisplayName,
					Detail: "an application holds Global Administrator (" + kind + "); it does not count as a person"})
			}
		}
	}
	collectGA(required(e.Snap.RoleAssignments.Get()), "active")
	pimNote := ""
	switch {
	case e.Have(tenant.DatasetRoleEligibilities):
		collectGA(required(e.Snap.RoleEligibilities.Get()), "eligible (PIM)")
	case e.Snap.RoleEligibilities.State != tenant.StateUnlicensed:
		// Without Entra ID P2 nobody can be eligible; otherwise it is unknown.
		pimNote = "PIM-eligible administrators could not be read (" + e.Snap.RoleEligibilities.Describe() + ")"
	}
	var dir *Directory
	if e.Have(tenant.DatasetUsers) {
		dir = e.People()
	}
	var working []*gaHolder
	breakGlass := 0
	for _, h := range holders {
		var acct *Account
		if dir != nil {
			acct = dir.Find(h.id)
		}
		if acct != nil {
			h.enabled = &acct.User.AccountEnabled
		}
		if h.enabled != nil && !*h.enabled {
			findings = append(findings, result.Finding{ObjectType: "user", ObjectID: h.id, Name: h.name,
				Detail: "disabled account still holds Global Administrator (" + strings.Join(h.how, ", ") + ")"})
			continue
		}
		working = append(working, h)
		if acct != nil && acct.Class == ClassBreakGlass {
			breakGlass++
			findings = append(findings, result.Finding{ObjectType: "user", ObjectID: h.id, Name: h.name, Class: string(acct.Class),
				Severity: result.SeverityInfo, Detail: "emergency-access account (" + acct.Evidence + ")"})
			continue
		}
		if acct != nil && acct.Licence.Caps.Mailbox {
			findings = append(findings, userFinding(acct, "Global Administrator on a licensed mailbox account used day to day; use a separate admin account"))
		}
	}
	sort.Slice(working, func(i, j int) bool { return working[i].name < working[j].name })
	names := make([]string, 0, len(working))
	for _, h := range working {
		names = append(names, h.name)
	}
	if breakGlass == 0 && dir != nil {
		findings = append(findings, result.Finding{ObjectType: "tenant", Name: "Emergency access", Severity: result.SeverityHigh,
			Detail: "no emergency-access (break-glass) account found among the Global Administrators"})
	}
	kept, accepted := splitAccepted(e, idGlobalAdmin, findings)
	out := Outcome{Findings: kept, Excluded: accepted}
	n := len(working)
	lo, hi := e.Settings.MinGlobalAdmins, e.Settings.MaxGlobalAdmins
	switch {
	case n == 0:
		out.Status = result.StatusError
		out.Reason = "no enabled Global Administrator is visible: the role data is incomplete"
		out.Summary = "Error: " + out.Reason
		return out
	case n == 1:
		out.Status, out.Score = result.StatusFail, 0
		out.Summary = fmt.Sprintf("Only one Global Administrator (%s): if they lose their phone the tenant is locked out", names[0])
	case n < lo:
		out.Status, out.Score = result.StatusWarn, 0.5
		out.Summary = fmt.Sprintf("%d Global Administrators, fewer than %d", n, lo)
	case n <= hi:
		out.Status, out.Score = result.StatusPass, 1
		out.Summary = fmt.Sprintf("%d Global Administrators: %s", n, strings.Join(names, ", "))
	default:
		out.Status, out.Score, out.Action = result.StatusWarn, 0.5, globalAdminRemediation[3]
		out.Summary = fmt.Sprintf("%d Global Administrators, more than %d: too many people can change everything", n, hi)
	}
	if pimNote != "" {
		out.Summary += "; " + pimNote
	}
	return out
}

func nonEmptyName(p tenant.Principal) string {
	if p.UserPrincipalName != "" {
		return p.UserPrincipalName
	}
	if p.DisplayName != "" {
		return p.DisplayName
	}
	return p.ID
}
