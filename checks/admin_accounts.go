package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idAdminAccounts = "IDN-008"

// phishingResistant are the registration report's methods that cannot be
// relayed by a phishing site: FIDO2 keys and passkeys bound to a device,
// Windows Hello for Business, platform credentials
// (https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths).
// A synced passkey is not among them: it leaves the device.
var phishingResistant = map[string]bool{"fido2": true, "fido2SecurityKey": true, "passKeyDeviceBound": true,
	"passKeyDeviceBoundAuthenticator": true, "passKeyDeviceBoundWindowsHello": true, "windowsHelloForBusiness": true,
	"platformCredential": true, "macOsSecureEnclaveKey": true}

// AdminAccounts checks the accounts that hold privileged roles: cloud-only,
// not synchronised from an on-premises directory, and with a
// phishing-resistant sign-in method.
var AdminAccounts = Check{
	ID:       idAdminAccounts,
	Title:    "Administrator accounts",
	Category: result.CategoryIdentity,
	Severity: result.SeverityHigh,
	Weight:   3,
	Why: "An administrator account synchronised from an on-premises Active Directory can be taken over by whoever " +
		"takes over that directory, and then the tenant with it. An administrator who signs in with a code or an " +
		"app prompt can be phished; a security key, a device-bound passkey or Windows Hello cannot.",
	Remediation: []string{
		"Give each administrator a separate cloud-only account (name@tenant.onmicrosoft.com) for admin work, and remove the roles from their synchronised everyday account.",
		"Register a FIDO2 security key or a device-bound passkey (Microsoft Authenticator) for every administrator at https://aka.ms/mysecurityinfo, then require the built-in \"Phishing-resistant MFA\" authentication strength for administrators in Conditional Access.",
	},
	Links: []string{"https://learn.microsoft.com/entra/identity/role-based-access-control/best-practices",
		"https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths"},
	Requires: []tenant.Dataset{tenant.DatasetRoleAssignments, tenant.DatasetUsers},
	Uses:     []tenant.Dataset{tenant.DatasetRoleEligibilities, tenant.DatasetMFARegistration},
	Scope: "Enabled accounts holding a privileged directory role (direct, through a group, PIM-eligible where visible): " +
		"cloud-only rather than synchronised, with a phishing-resistant method registered",
	Thresholds: "fail when a Global Administrator is synchronised from on-premises; warn when any administrator is " +
		"synchronised or has no phishing-resistant method; pass otherwise",
	Codes:     []result.CodeInfo{codeAdminSynced, codeAdminPhishable, codeAdminMethodsUnknown, codeAccepted},
	FactsType: (*result.AdminAccountsFacts)(nil),
	Evaluate:  evalAdminAccounts,
}

// roleHolder is one account and the privileged roles it holds.
type roleHolder struct {
	principal tenant.Principal
	roles     []string
}

// privilegedHolders lists the users holding a privileged role tenant-wide,
// directly or through a group, active or eligible, each once.
func privilegedHolders(e *Env) []*roleHolder {
	byID := map[string]*roleHolder{}
	var order []*roleHolder
	eachRoleHolder(e, func(p tenant.Principal, a tenant.RoleAssignment, _, _ bool) {
		role, ok := tenant.PrivilegedRoles[a.RoleDefinitionID]
		if !ok || a.DirectoryScopeID != "/" || p.Type != "user" {
			return
		}
		h := byID[strings.ToLower(p.ID)]
		if h == nil {
			h = &roleHolder{principal: p}
			byID[strings.ToLower(p.ID)] = h
			order = append(order, h)
		}
		if !slices.Contains(h.roles, role) {
			h.roles = append(h.roles, role)
		}
	})
	return order
}

func evalAdminAccounts(e *Env) Outcome {
	holders := privilegedHolders(e)
	dir := e.People()
	regsKnown := e.Have(tenant.DatasetMFARegistration)
	regs := e.Registrations()
	facts := &result.AdminAccountsFacts{MethodsKnown: regsKnown, Admins: []result.AdminAccountFact{}}
	var findings []result.Finding
	counted, good, unknown, syncedGA := 0, 0, 0, 0
	for _, h := range holders {
		a := dir.Find(h.principal.ID)
		if a == nil || !a.User.AccountEnabled {
			continue // not an account that can sign in; IDN-002 lists disabled admins
		}
		counted++
		af := result.AdminAccountFact{Person: personRef(a), Roles: h.roles, Synced: a.User.OnPremisesSyncEnabled != nil && *a.User.OnPremisesSyncEnabled}
		ok, methodsUnknown := true, false
		roles := strings.Join(h.roles, ", ")
		if af.Synced {
			ok = false
			sev := result.SeverityMedium
			if slices.Contains(h.roles, tenant.PrivilegedRoles[roleGlobalAdmin]) {
				sev, syncedGA = result.SeverityHigh, syncedGA+1
			}
			f := withSeverity(userFinding(a, codeAdminSynced, "synchronised from on-premises, holds "+roles), sev)
			f.Attrs = &result.FindingAttrs{Role: roles}
			findings = append(findings, f)
		}
		switch r := regs[strings.ToLower(a.User.ID)]; {
		case !regsKnown || r == nil:
			methodsUnknown = true
			f := withSeverity(userFinding(a, codeAdminMethodsUnknown, "whether a phishing-resistant method is registered is not known"), result.SeverityInfo)
			f.Attrs = &result.FindingAttrs{Role: roles, Reason: methodsUnknownReason(e, regsKnown)}
			findings = append(findings, f)
		default:
			pr := slices.ContainsFunc(r.Methods, func(m string) bool { return phishingResistant[m] })
			af.PhishingResistant = &pr
			if !pr {
				ok = false
				f := withSeverity(userFinding(a, codeAdminPhishable, "no phishing-resistant method (security key, device-bound passkey, Windows Hello); holds "+roles), result.SeverityMedium)
				f.Attrs = &result.FindingAttrs{Role: roles, Methods: nonNil(r.Methods)}
				findings = append(findings, f)
			}
		}
		facts.Admins = append(facts.Admins, af)
		switch {
		case ok && methodsUnknown:
			unknown++ // may have one: neither good nor bad
		case ok:
			good++
		}
	}
	kept, accepted := splitAccepted(e, idAdminAccounts, findings)
	out := Outcome{Findings: kept, Excluded: accepted, Facts: facts}
	if counted == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no enabled account holds a privileged role"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	out.Score = ratio(good, counted)
	if unknown > 0 {
		// Whoever's methods are unknown may have a phishing-resistant one.
		out.Bounds = &result.Bounds{Low: out.Score, High: ratio(good+unknown, counted)}
	}
	out.Summary = fmt.Sprintf("%d of %s cloud-only with a phishing-resistant method (%d synchronised from on-premises, %d unknown)",
		good, plural(counted, "administrator", "administrators"), countCode(kept, codeAdminSynced), unknown)
	switch {
	case syncedGA > 0:
		out.Status = result.StatusFail
	case good == counted:
		out.Status = result.StatusPass
	default:
		out.Status = result.StatusWarn
	}
	return out
}

func methodsUnknownReason(e *Env, regsKnown bool) string {
	if !regsKnown {
		return "the registration data could not be read: " + e.Snap.MFARegistration.Describe()
	}
	return "not in the registration data"
}

func countCode(fs []result.Finding, c result.CodeInfo) int {
	n := 0
	for _, f := range fs {
		if f.Code == c.Code {
			n++
		}
	}
	return n
}
