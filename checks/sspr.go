package checks

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idSSPR = "IDN-005"

var ssprRemediation = []string{
	"Turn on self-service password reset for all users (Entra admin center > Protection > Password reset > Properties: All).",
	"Ask the people listed to register at https://aka.ms/mysecurityinfo; the same methods serve MFA and password reset.",
}

// SSPR checks people can reset their own password once their Microsoft 365
// account is also their Windows sign-in.
var SSPR = Check{
	ID:       idSSPR,
	Title:    "Self-service password reset",
	Category: result.CategoryIdentity,
	Severity: result.SeverityMedium,
	Weight:   3,
	Why: "When staff sign in to Windows with their Microsoft 365 account, a forgotten password locks them out of their " +
		"laptop too. Self-service password reset lets them recover from the sign-in screen instead of calling the owner.",
	Remediation: ssprRemediation,
	Links:       []string{"https://learn.microsoft.com/entra/identity/authentication/tutorial-enable-sspr"},
	Requires:    []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetMFARegistration},
	NoFallback:  []tenant.Dataset{tenant.DatasetMFARegistration},
	Uses:        []tenant.Dataset{tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments},
	Licences:    []string{"Microsoft Entra ID P1 (registration data)"},
	Scope:       "SSPR enabled, and people registered for it (from the registration report; skipped without Entra ID P1)",
	Thresholds: "pass when SSPR is enabled for and registered by every person; warn while at least 80 % registered; " +
		"fail below, or when it is enabled for nobody",
	Codes:     []result.CodeInfo{codeSSPRNotRegistered, codeNotCounted, codeAccepted},
	FactsType: (*result.SSPRFacts)(nil),
	Evaluate:  evalSSPR,
}

func evalSSPR(e *Env) Outcome {
	if e.Snap.MFARegistration.Source != tenant.MFASourceRegistrationReport {
		return Outcome{Status: result.StatusSkipped,
			Reason:  "password reset registration comes from the registration report, which needs Microsoft Entra ID P1",
			Summary: "Skipped: password reset registration is only in the registration report (Entra ID P1)"}
	}
	byUser := e.Registrations()
	dir := e.People()
	people, acceptedOut := acceptedPeople(e, idSSPR, dir.People())
	facts := &result.SSPRFacts{People: len(people)}
	out := Outcome{Excluded: append(excludedAccounts(dir), acceptedOut...), Facts: facts}
	known, registered, enabled := 0, 0, 0
	for _, a := range people {
		r, ok := byUser[strings.ToLower(a.User.ID)]
		if !ok {
			continue
		}
		known++
		if r.IsSSPREnabled != nil && *r.IsSSPREnabled {
			enabled++
		}
		if r.IsSSPRRegistered != nil && *r.IsSSPRRegistered {
			registered++
		} else {
			out.Findings = append(out.Findings, withSeverity(userFinding(a, codeSSPRNotRegistered, "not registered for password reset"), result.SeverityMedium))
		}
	}
	facts.Known, facts.Enabled, facts.Registered = known, enabled, registered
	switch {
	case len(people) == 0:
		out.Status, out.Reason = result.StatusNotApplicable, "no enabled member account holds a paid licence"
		out.Summary = "Not applicable: " + out.Reason
		return out
	case known == 0:
		out.Status, out.Reason = result.StatusSkipped, "no person is in the registration data"
		out.Summary = "Skipped: " + out.Reason
		return out
	}
	if u := len(people) - known; u > 0 {
		n := float64(len(people))
		out.Bounds = &result.Bounds{Low: float64(registered) / n, High: float64(registered+u) / n}
	}
	if enabled == 0 {
		out.Status, out.Score, out.Action, out.Bounds = result.StatusFail, 0, ssprRemediation[0], nil
		out.Summary = "Self-service password reset is not enabled for anyone"
		out.Findings = nil
		return out
	}
	out.Score = ratio(registered, known)
	out.Summary = fmt.Sprintf("Enabled for %s of people; %s of %s registered", pct(enabled, known), pct(registered, known), plural(known, "person", "people"))
	out.Status = verdict(registered == known && enabled == known, out.Score, 0.8)
	if out.Status != result.StatusPass {
		out.Action = ssprRemediation[1]
	}
	return out
}
