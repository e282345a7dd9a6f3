package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idMFAEnforced = "IDN-003"

var mfaEnforcedRemediation = []string{
	"With Entra ID P1 (Business Premium, Microsoft 365 E3/E5): create a Conditional Access policy for all users and all cloud apps that requires MFA, excluding only the emergency-access accounts, and turn it on (not report-only).",
	"Without P1: turn on security defaults (Entra admin center > Properties > Manage security defaults); Conditional Access is not available.",
	"Review every account excluded from the policy: exclusions other than emergency-access accounts are gaps.",
}

// MFAEnforced checks MFA is required at sign-in, not just registered:
// security defaults, or enabled Conditional Access policies that, read as
// Entra reads them, require MFA (or an authentication strength) of every
// person and administrator, for every app and client, with no alternative.
var MFAEnforced = Check{
	ID:       idMFAEnforced,
	Title:    "MFA is enforced",
	Category: result.CategoryIdentity,
	Severity: result.SeverityCritical,
	Weight:   12,
	Why: "Registered MFA protects nobody until sign-in asks for it. Security defaults or a Conditional Access policy " +
		"make every sign-in to Microsoft 365, and so to every Entra-joined device and file, require the second factor.",
	Remediation: mfaEnforcedRemediation,
	Links: []string{"https://learn.microsoft.com/entra/fundamentals/security-defaults",
		"https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength"},
	Requires: []tenant.Dataset{tenant.DatasetSecurityDefaults, tenant.DatasetSubscribedSKUs},
	Uses: []tenant.Dataset{tenant.DatasetConditionalAccess, tenant.DatasetUsers, tenant.DatasetRoleAssignments,
		tenant.DatasetRoleEligibilities},
	Licences: []string{"Microsoft Entra ID P1 (for Conditional Access)"},
	Scope: "Security defaults on, or enabled Conditional Access policies that, read as Entra reads them (users, groups and " +
		"roles included and excluded, apps, client apps, conditions, the grant's AND/OR), require MFA or an authentication " +
		"strength of every person and administrator; \"MFA **or** a compliant device\" does not count, and each gap is named; " +
		"emergency-access exclusions are expected; without Entra ID P1 the answer is security defaults",
	Thresholds: "pass when security defaults are on or every person and administrator is held to MFA with no gap; fail when " +
		"fewer than 90 % are held to it (with or without gaps) or any administrator is not; warn in between",
	Codes: []result.CodeInfo{codeMFANotEnforced, codeCAReportOnly, codeCAGaps, codeMFANotRequired, codeMFAGaps, codeMFACoverageUnk,
		codeCAEmergency},
	FactsType: (*result.AccessFacts)(nil),
	Evaluate:  evalMFAEnforced,
}

// p1 reports whether an active SKU gives the tenant Entra ID P1.
func p1(list []tenant.SubscribedSKU) bool {
	for _, k := range list {
		if skus.Active(k) && skus.OfSKU(k).P1 {
			return true
		}
	}
	return false
}

// Thresholds: every person and administrator held to MFA passes; fewer than
// mfaEnforcedFailBelow of them, or any administrator not held to it, fails.
const mfaEnforcedFailBelow = 0.9

func evalMFAEnforced(e *Env) Outcome {
	sd := required(e.Snap.SecurityDefaults.Get()).IsEnabled
	hasP1 := p1(required(e.Snap.SubscribedSKUs.Get()))
	facts := &result.AccessFacts{SecurityDefaults: &sd, P1: hasP1, Policies: []result.PolicyFact{}}
	if sd {
		return Outcome{Status: result.StatusPass, Score: 1, Summary: "Security defaults are on: every user must register and use MFA", Facts: facts}
	}
	if !hasP1 {
		return Outcome{Status: result.StatusFail, Score: 0, Action: mfaEnforcedRemediation[1], Facts: facts,
			Summary: "MFA is not enforced: security defaults are off, and without Entra ID P1 Conditional Access is not available; turn on security defaults"}
	}
	policies, skip := policiesToEvaluate(e, "security defaults are off and ")
	if skip != nil {
		return *skip
	}
	facts.Policies = policyFacts(policies)
	out := Outcome{Findings: policyFindings(policies, requireMFA), Facts: facts}
	population, admins := mfaPopulation(e)
	members := membersOf(e, policies)
	t := tallyCoverage(population, newCoverer(members, policies, requireMFA))
	facts.Coverage = t.facts(len(population))
	// Once some policy holds people to MFA, name everyone it leaves out;
	// while none does, one tenant-wide finding says it (and the facts count
	// everyone), rather than the same line for each of thousands of people.
	perPerson := t.full+t.partial+t.unknown > 0
	if !perPerson {
		out.Findings = append(out.Findings, result.Finding{Code: codeMFANotEnforced.Code, ObjectType: "tenant", Name: "MFA at sign-in",
			Severity: result.SeverityCritical, Detail: "no enforced Conditional Access policy requires MFA of anyone, and security defaults are off",
			Attrs: &result.FindingAttrs{Count: len(population)}})
	}
	adminsUncovered := 0
	for _, c := range t.findings {
		admin := admins[c.a.User.ID]
		if admin && c.level == coverNone {
			adminsUncovered++
		}
		if !perPerson && !admin {
			continue
		}
		f := c.finding()
		if admin {
			f.Detail, f.Severity = "administrator: "+f.Detail, f.Severity.Raise()
			f.Attrs.Admin = true
		}
		out.Findings = append(out.Findings, f)
	}
	out.Excluded = breakGlassExclusions(e, policies, members)
	if len(population) == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no enabled person or administrator to hold to MFA"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	out.Score, out.Bounds = t.score()
	out.Summary = fmt.Sprintf("Conditional Access requires MFA of %s of %s", pct(t.full, len(population)), plural(len(population), "person and administrator", "people and administrators"))
	if t.partial > 0 {
		out.Summary += fmt.Sprintf("; %d with gaps", t.partial)
	}
	if t.unknown > 0 {
		out.Summary += fmt.Sprintf("; %d unknown", t.unknown)
	}
	switch {
	case t.full == len(population):
		out.Status = result.StatusPass
	case adminsUncovered > 0 || ratio(t.full+t.partial, len(population)) < mfaEnforcedFailBelow:
		out.Status = result.StatusFail
		if adminsUncovered > 0 {
			out.Summary += fmt.Sprintf("; %s not held to MFA", plural(adminsUncovered, "administrator", "administrators"))
		}
		if !perPerson {
			out.Summary = "MFA is not enforced: security defaults are off and no enabled Conditional Access policy requires MFA of everyone"
			if n := countReportOnly(policies, requireMFA); n > 0 {
				out.Summary += fmt.Sprintf(" (%s only in report-only mode)", plural(n, "policy is", "policies are"))
			}
		}
	default:
		out.Status, out.Action = result.StatusWarn, mfaEnforcedRemediation[2]
	}
	return out
}

// mfaPopulation is whom MFA must be required of: the people, and every
// enabled account that holds a privileged role (a separate admin account has
// no licence and is no "person", but needs MFA most). Emergency-access
// accounts are left out: they are excluded on purpose.
func mfaPopulation(e *Env) (population []*Account, admins map[string]bool) {
	dir := e.People()
	admins = privilegedUserIDs(e)
	seen := map[string]bool{}
	for _, a := range dir.People() {
		population, seen[a.User.ID] = append(population, a), true
	}
	for _, a := range dir.All {
		if admins[a.User.ID] && !seen[a.User.ID] && a.User.AccountEnabled && a.Class != ClassBreakGlass {
			population = append(population, a)
		}
	}
	return population, admins
}

// policyFindings names, per policy that asks for the requirement, why it
// does not hold everyone to it: report-only, an alternative in its grant,
// apps or conditions it leaves out.
func policyFindings(policies []caPolicy, req requirement) []result.Finding {
	var out []result.Finding
	for _, p := range policies {
		if !req.asks(p.grant) || p.State == "disabled" {
			continue
		}
		f := result.Finding{ObjectType: "policy", ObjectID: p.ID, Name: p.DisplayName, Severity: result.SeverityHigh,
			Attrs: &result.FindingAttrs{Policy: p.DisplayName}}
		if p.State == caReportOnly {
			f.Code, f.Detail = codeCAReportOnly.Code, "asks for "+req.what+" but is report-only: nothing is enforced"
			out = append(out, f)
			continue
		}
		if gaps := p.gaps(req.bypass(p.grant), req.allApps, legacyBlocked(policies)); len(gaps) > 0 {
			f.Code, f.Detail, f.Attrs.Gaps = codeCAGaps.Code, "asks for "+req.what+" but "+strings.Join(gaps, "; "), gaps
			out = append(out, f)
		}
	}
	return out
}

// legacyBlocked reports whether an enabled policy blocks legacy
// authentication for all users (then a policy that leaves legacy clients out
// leaves no gap).
func legacyBlocked(policies []caPolicy) bool {
	for _, p := range policies {
		if p.State == caEnabled && p.blocksLegacy() && slices.ContainsFunc(p.IncludeUsers, isAll) {
			return true
		}
	}
	return false
}

func countReportOnly(policies []caPolicy, req requirement) int {
	n := 0
	for _, p := range policies {
		if p.State == caReportOnly && req.asks(p.grant) {
			n++
		}
	}
	return n
}

// breakGlassExclusions lists emergency-access accounts the enforced policies
// exclude: expected, and shown so nothing is left out silently.
func breakGlassExclusions(e *Env, policies []caPolicy, m *caMembers) []result.Finding {
	var out []result.Finding
	for _, a := range e.People().All {
		if a.Class != ClassBreakGlass {
			continue
		}
		for _, p := range policies {
			if p.State != caEnabled {
				continue
			}
			if t, why := m.applies(p, a); t == no && strings.HasPrefix(why, "excluded") {
				f := withSeverity(userFinding(a, codeCAEmergency, fmt.Sprintf("%s from %q as an emergency-access account (expected)", why, p.DisplayName)), result.SeverityInfo)
				f.Attrs = &result.FindingAttrs{Policy: p.DisplayName}
				out = append(out, f)
			}
		}
	}
	return out
}

// coverageTally counts accounts by coverage and keeps a finding for each one
// not fully covered.
type coverageTally struct {
	full, partial, unknown, none int
	findings                     []coverageFinding
}

type coverageFinding struct {
	a     *Account
	level coverage
	c     *coverer
}

// finding is made only for the accounts a check lists: building one for
// each of 100,000 uncovered people the check will not name costs time.
func (c coverageFinding) finding() result.Finding {
	cov := c.c.cover(c.a, true)
	var f result.Finding
	switch cov.level {
	case coverPartial:
		f = withSeverity(userFinding(c.a, c.c.req.withGaps, c.c.req.what+" "+cov.detail), result.SeverityMedium)
	case coverUnknown:
		f = withSeverity(userFinding(c.a, c.c.req.unknown, "not known to be held to "+c.c.req.what+": "+cov.detail), result.SeverityInfo)
	default:
		f = withSeverity(userFinding(c.a, c.c.req.notHeld, "not held to "+c.c.req.what+": "+cov.detail), result.SeverityHigh)
	}
	f.Attrs = &result.FindingAttrs{Policy: cov.policy, Gaps: cov.gaps}
	if cov.level == coverUnknown {
		f.Attrs.Reason = cov.detail
	}
	return f
}

func tallyCoverage(population []*Account, cv *coverer) coverageTally {
	var t coverageTally
	for _, a := range population {
		c := cv.cover(a, false)
		switch c.level {
		case coverFull:
			t.full++
			continue
		case coverPartial:
			t.partial++
		case coverUnknown:
			t.unknown++
		default:
			t.none++
		}
		t.findings = append(t.findings, coverageFinding{a: a, level: c.level, c: cv})
	}
	return t
}

// facts is the tally for the report.
func (t coverageTally) facts(accounts int) *result.Coverage {
	return &result.Coverage{Accounts: accounts, Full: t.full, Partial: t.partial, None: t.none, Unknown: t.unknown}
}

// score counts a fully covered account as 1 and one covered with gaps as a
// half; accounts whose coverage is unknown widen the bounds.
func (t coverageTally) score() (float64, *result.Bounds) {
	known := t.full + t.partial + t.none
	credit := float64(t.full) + 0.5*float64(t.partial)
	if known == 0 {
		return 0, &result.Bounds{Low: 0, High: 1}
	}
	if t.unknown == 0 {
		return credit / float64(known), nil
	}
	n := float64(known + t.unknown)
	return credit / float64(known), &result.Bounds{Low: credit / n, High: (credit + float64(t.unknown)) / n}
}
