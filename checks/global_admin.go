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
	Weight:   12,
	Why: "If the only Global Administrator loses their phone or leaves, nobody can manage the tenant, reset their MFA " +
		"or recover it; Microsoft's recovery process takes days. Two to four named administrators, plus an " +
		"emergency-access account, keep the owner from being the only way in.",
	Remediation: globalAdminRemediation,
	Links: []string{"https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access",
		"https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices"},
	Requires: []tenant.Dataset{tenant.DatasetRoleAssignments},
	Uses: []tenant.Dataset{tenant.DatasetRoleEligibilities, tenant.DatasetUsers, tenant.DatasetSubscribedSKUs,
		tenant.DatasetMFARegistration},
	Scope: "Effective Global Administrators: direct, through role-assignable groups, PIM-eligible where visible; " +
		"emergency-access account; administrators on day-to-day mailboxes",
	Thresholds: "fail with one Global Administrator; warn with fewer than the minimum (2) or more than the maximum (4); " +
		"pass in between (configurable: thresholds.globalAdmins)",
	Codes: []result.CodeInfo{codeAdminSingle, codeAdminTooFew, codeAdminTooMany, codeAdminDisabled, codeAdminGroupUnknown,
		codeAdminApp, codeAdminEmergency, codeAdminNoEmergency, codeAdminMailbox, codeAccepted},
	FactsType: (*result.AdminFacts)(nil),
	Evaluate:  evalGlobalAdmin,
}

type gaHolder struct {
	principal tenant.Principal
	how       []result.AdminPath
}

func (h *gaHolder) howText() string {
	parts := make([]string, len(h.how))
	for i, p := range h.how {
		parts[i] = "active"
		if p.Eligible {
			parts[i] = "eligible (PIM)"
		}
		if p.Kind == "group" {
			parts[i] += " via group " + p.Group
		}
	}
	return strings.Join(parts, ", ")
}

func evalGlobalAdmin(e *Env) Outcome {
	holders := map[string]*gaHolder{}
	var order []string
	var findings []result.Finding
	facts := &result.AdminFacts{Admins: []result.AdminFact{}, Others: []result.AdminOther{}}
	add := func(p tenant.Principal, path result.AdminPath) {
		h := holders[p.ID]
		if h == nil {
			h = &gaHolder{principal: p}
			holders[p.ID] = h
			order = append(order, p.ID)
		}
		h.how = append(h.how, path)
	}
	collectGA := func(list []tenant.RoleAssignment, eligible bool) {
		for _, a := range list {
			if a.RoleDefinitionID != roleGlobalAdmin || a.DirectoryScopeID != "/" {
				continue
			}
			switch a.Principal.Type {
			case "user":
				add(a.Principal, result.AdminPath{Kind: "direct", Eligible: eligible})
			case "group":
				if a.GroupMembersStatus != nil {
					why := a.GroupMembersStatus.Describe()
					findings = append(findings, result.Finding{Code: codeAdminGroupUnknown.Code, ObjectType: "group", ObjectID: a.Principal.ID,
						Name: a.Principal.DisplayName, Detail: "members of this Global Administrator group could not be read: " + why,
						Attrs: &result.FindingAttrs{Group: a.Principal.DisplayName, Reason: why}})
					facts.Others = append(facts.Others, result.AdminOther{Type: "group", ID: a.Principal.ID, Name: a.Principal.DisplayName,
						Note: "members unknown: " + why})
				}
				for _, m := range a.GroupMembers {
					if m.Type == "user" {
						add(m, result.AdminPath{Kind: "group", Group: a.Principal.DisplayName, Eligible: eligible})
					}
				}
			case "servicePrincipal":
				findings = append(findings, result.Finding{Code: codeAdminApp.Code, ObjectType: "role", ObjectID: a.Principal.ID, Name: a.Principal.DisplayName,
					Detail: "an application holds Global Administrator; it does not count as a person"})
				facts.Others = append(facts.Others, result.AdminOther{Type: "servicePrincipal", ID: a.Principal.ID, Name: a.Principal.DisplayName,
					Note: "an application, not a person"})
			}
		}
	}
	collectGA(required(e.Snap.RoleAssignments.Get()), false)
	pimNote := ""
	facts.EligibleKnown = true
	switch {
	case e.Have(tenant.DatasetRoleEligibilities):
		collectGA(required(e.Snap.RoleEligibilities.Get()), true)
	case e.Snap.RoleEligibilities.State != tenant.StateUnlicensed:
		// Without Entra ID P2 nobody can be eligible; otherwise it is unknown.
		pimNote = "PIM-eligible administrators could not be read (" + e.Snap.RoleEligibilities.Describe() + ")"
		facts.EligibleKnown = false
	}
	var dir *Directory
	if e.Have(tenant.DatasetUsers) {
		dir = e.People()
	}
	// Whether each administrator has MFA is a fact here (IDN-001 judges it):
	// unknown when the registrations were not read, never missing data.
	regs := e.Registrations()
	var working []*gaHolder
	breakGlass := 0
	for _, id := range order {
		h := holders[id]
		af := result.AdminFact{Person: result.PersonRef{ID: id, DisplayName: h.principal.DisplayName, UPN: h.principal.UserPrincipalName},
			How: h.how, Enabled: h.principal.AccountEnabled == nil || *h.principal.AccountEnabled}
		var acct *Account
		if dir != nil {
			acct = dir.Find(id)
		}
		if acct != nil {
			af.Person, af.Enabled = personRef(acct), acct.User.AccountEnabled
			af.Licensed, af.MailboxLicence, af.EmergencyAccess = acct.Licence.Paid, acct.Licence.Caps.Mailbox, acct.Class == ClassBreakGlass
		}
		if regs != nil {
			has := false
			if r, ok := regs[strings.ToLower(id)]; ok {
				state, _, _, _, _ := mfaState(r.Methods)
				has = state != result.MFANone
				af.HasMFA = &has
			}
		}
		facts.Admins = append(facts.Admins, af)
		f := result.Finding{ObjectType: "user", ObjectID: id, Name: af.Person.DisplayName, UPN: af.Person.UPN, Class: af.Person.Class}
		if f.Name == "" {
			f.Name = nonEmptyName(h.principal)
		}
		if !af.Enabled {
			f.Code, f.Detail = codeAdminDisabled.Code, "disabled account still holds Global Administrator ("+h.howText()+")"
			findings = append(findings, f)
			continue
		}
		working = append(working, h)
		if af.EmergencyAccess {
			breakGlass++
			f.Code, f.Severity, f.Detail = codeAdminEmergency.Code, result.SeverityInfo, "emergency-access account ("+acct.Evidence+")"
			findings = append(findings, f)
			continue
		}
		if af.MailboxLicence {
			f.Code, f.Attrs = codeAdminMailbox.Code, &result.FindingAttrs{SKUs: nonNil(acct.Licence.PaidSKUs)}
			f.Detail = "Global Administrator on a licensed mailbox account used day to day; use a separate admin account"
			findings = append(findings, f)
		}
	}
	sort.Slice(working, func(i, j int) bool { return adminName(working[i]) < adminName(working[j]) })
	names := make([]string, 0, len(working))
	for _, h := range working {
		names = append(names, adminName(h))
	}
	facts.Count, facts.People, facts.EmergencyAccess = len(working), len(working)-breakGlass, breakGlass
	if breakGlass == 0 && dir != nil {
		findings = append(findings, result.Finding{Code: codeAdminNoEmergency.Code, ObjectType: "tenant", Name: "Emergency access", Severity: result.SeverityHigh,
			Detail: "no emergency-access (break-glass) account found among the Global Administrators"})
	}
	kept, accepted := splitAccepted(e, idGlobalAdmin, findings)
	out := Outcome{Findings: kept, Excluded: accepted, Facts: facts}
	n := len(working)
	lo, hi := e.Settings.MinGlobalAdmins, e.Settings.MaxGlobalAdmins
	tenantFinding := func(c result.CodeInfo, detail string) {
		out.Findings = append(out.Findings, result.Finding{Code: c.Code, ObjectType: "tenant", Name: "Global Administrators", Severity: result.SeverityHigh,
			Detail: detail, Attrs: &result.FindingAttrs{Count: (n), Total: (lo)}})
	}
	switch {
	case n == 0:
		out.Status = result.StatusError
		out.Reason = "no enabled Global Administrator is visible: the role data is incomplete"
		out.Summary = "Error: " + out.Reason
		return out
	case n == 1:
		out.Status, out.Score = result.StatusFail, 0
		out.Summary = fmt.Sprintf("Only one Global Administrator (%s): if they lose their phone the tenant is locked out", names[0])
		tenantFinding(codeAdminSingle, "only one Global Administrator: "+names[0])
	case n < lo:
		out.Status, out.Score = result.StatusWarn, 0.5
		out.Summary = fmt.Sprintf("%d Global Administrators, fewer than %d", n, lo)
		tenantFinding(codeAdminTooFew, out.Summary)
	case n <= hi:
		out.Status, out.Score = result.StatusPass, 1
		out.Summary = fmt.Sprintf("%d Global Administrators: %s", n, strings.Join(names, ", "))
	default:
		out.Status, out.Score, out.Action = result.StatusWarn, 0.5, globalAdminRemediation[3]
		out.Summary = fmt.Sprintf("%d Global Administrators, more than %d: too many people can change everything", n, hi)
		out.Findings = append(out.Findings, result.Finding{Code: codeAdminTooMany.Code, ObjectType: "tenant", Name: "Global Administrators",
			Severity: result.SeverityMedium, Detail: out.Summary, Attrs: &result.FindingAttrs{Count: (n), Total: (hi)}})
	}
	if pimNote != "" {
		out.Summary += "; " + pimNote
	}
	return out
}

// adminName is how the summary names an administrator: display name and UPN.
func adminName(h *gaHolder) string {
	p := h.principal
	switch {
	case p.DisplayName != "" && p.UserPrincipalName != "":
		return p.DisplayName + " <" + p.UserPrincipalName + ">"
	}
	return nonEmptyName(p)
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
