package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// MFAMethods finds people who could not complete MFA: no strong method, only
// SMS or voice, or a single method (locked out if the phone is lost).
const idMFA = "IDN-001"

var mfaRemediation = []string{
	"Ask each person listed to register Microsoft Authenticator at https://aka.ms/mysecurityinfo (a registration campaign in Entra ID can nudge them at sign-in).",
	"For people with only SMS or voice, add Authenticator or a passkey, and keep the phone number as a backup.",
	"For people with a single method, add a second one so a lost phone does not lock them out.",
	"Administrators first: an administrator without MFA fails this check whatever the share.",
}

var MFAMethods = Check{
	ID:       idMFA,
	Title:    "Users without MFA methods",
	Category: result.CategoryIdentity,
	Severity: result.SeverityCritical,
	Weight:   12,
	Why: "Once staff sign in to their Windows devices and files with their Microsoft 365 account, that password is the " +
		"key to everything; MFA stops almost all password attacks. Authenticator is the method to aim for, SMS only as a " +
		"backup, and a second method keeps people from being locked out when a phone is lost.",
	Remediation: mfaRemediation,
	Links: []string{"https://learn.microsoft.com/entra/identity/authentication/howto-registration-mfa-sspr-combined",
		"https://learn.microsoft.com/entra/identity/authentication/how-to-mfa-registration-campaign"},
	Requires: []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetMFARegistration},
	Uses:     []tenant.Dataset{tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments, tenant.DatasetRoleEligibilities},
	Scope: "People with no MFA method (password and email never count), only SMS/voice, or a single method; each person " +
		"counts 1 with a strong method and a second one, 0.8 with a single method, 0.5 with SMS/voice only, 0 with none; " +
		"people not in the registration data are unknown (the score becomes a range)",
	Thresholds: "pass when every person has a strong method and a second one; warn while at least 90 % have some method; " +
		"fail below 90 %, or when any administrator has none",
	Codes:     []result.CodeInfo{codeMFANone, codeMFASMSOnly, codeMFASingle, codeMFAUnknown, codeNotCounted, codeAccepted},
	FactsType: (*result.MFAFacts)(nil),
	Evaluate:  evalMFA,
}

// Methods in the registration report's vocabulary.
var (
	weakPhoneMethods = map[string]bool{"mobilePhone": true, "alternateMobilePhone": true, "officePhone": true,
		"sms": true, "mobileSMS": true, "mobileCall": true, "alternateMobileCall": true}
	strongAppMethods = map[string]bool{"microsoftAuthenticatorPush": true, "microsoftAuthenticatorPasswordless": true,
		"softwareOneTimePasscode": true, "hardwareOneTimePasscode": true, "fido2": true, "fido2SecurityKey": true,
		"passKeyDeviceBound": true, "passKeyDeviceBoundAuthenticator": true, "passKeyDeviceBoundWindowsHello": true,
		"passKeySynced": true, "windowsHelloForBusiness": true, "platformCredential": true, "macOsSecureEnclaveKey": true,
		"appNotification": true, "appCode": true, "oneTimePasscode": true}
)

// methodClass splits methods into strong non-phone ones and phone (SMS/voice)
// ones. Password, email and security questions are never MFA methods;
// unknown names are reported but not counted.
func methodClass(methods []string) (app, phone []string, unknown []string) {
	for _, m := range methods {
		switch {
		case strongAppMethods[m]:
			app = append(app, m)
		case weakPhoneMethods[m]:
			phone = append(phone, m)
		case m == "email" || m == "password" || m == "securityQuestion" || m == "temporaryAccessPass":
		default:
			unknown = append(unknown, m)
		}
	}
	return app, phone, unknown
}

// Credit per person: what each kind of registration is worth in the score.
// SMS or voice only costs half (it is phishable and SIM-swappable); a single
// strong method costs a fifth (a lost phone locks the person out).
const (
	creditNone     = 0.0
	creditPhone    = 0.5
	creditSingle   = 0.8
	creditTwoOrApp = 1.0
)

// mfaFailBelow: the check fails when fewer than this share of people have
// any MFA method (and always when an administrator has none).
const mfaFailBelow = 0.9

// mfaState reads one registration: its state and credit, and the methods
// that count, that are weak, and that were not recognised.
func mfaState(methods []string) (state string, credit float64, app, phone, unknown []string) {
	app, phone, unknown = methodClass(methods)
	switch n := len(app) + len(phone); {
	case n == 0:
		return result.MFANone, creditNone, app, phone, unknown
	case len(app) == 0:
		return result.MFASMSOnly, creditPhone, app, phone, unknown
	case n == 1:
		return result.MFASingleMethod, creditSingle, app, phone, unknown
	}
	return result.MFAStrong, creditTwoOrApp, app, phone, unknown
}

func evalMFA(e *Env) Outcome {
	dir := e.People()
	people, acceptedOut := acceptedPeople(e, idMFA, dir.People())
	byUser := e.Registrations()
	admins := privilegedUserIDs(e)
	facts := mfaFacts(e, dir, byUser, admins)
	var findings []result.Finding
	known, withMethod, adminsWithout, phoneOnly, single := 0, 0, 0, 0, 0
	credit := 0.0
	var unknownPeople []string
	for _, a := range people {
		r, ok := byUser[strings.ToLower(a.User.ID)]
		if !ok {
			unknownPeople = append(unknownPeople, a.Name())
			f := withSeverity(userFinding(a, codeMFAUnknown, "unknown: not in the registration data"), result.SeverityInfo)
			f.Attrs = &result.FindingAttrs{Reason: "not in the registration data"}
			findings = append(findings, f)
			continue
		}
		known++
		state, c, app, phone, unknown := mfaState(r.Methods)
		credit += c
		isAdmin := admins[a.User.ID] || (r.IsAdmin != nil && *r.IsAdmin)
		who, bump := "", func(sev result.Severity) result.Severity { return sev }
		if isAdmin {
			who, bump = "administrator: ", result.Severity.Raise
		}
		note := ""
		if len(unknown) > 0 {
			note = " (also registered, not counted: " + strings.Join(unknown, ", ") + ")"
		}
		var f result.Finding
		switch state {
		case result.MFANone:
			if isAdmin {
				adminsWithout++
			}
			f = withSeverity(userFinding(a, codeMFANone, who+"no MFA method registered"+note), bump(result.SeverityHigh))
		case result.MFASMSOnly:
			withMethod++
			phoneOnly++
			f = withSeverity(userFinding(a, codeMFASMSOnly, who+"only SMS/voice ("+strings.Join(phone, ", ")+"): weak, add Authenticator"+note), bump(result.SeverityMedium))
		case result.MFASingleMethod:
			withMethod++
			single++
			f = withSeverity(userFinding(a, codeMFASingle, who+"a single method ("+app[0]+"): locked out if it is lost"+note), bump(result.SeverityLow))
		default:
			withMethod++
			continue
		}
		f.Attrs = &result.FindingAttrs{Admin: isAdmin, Methods: nonNil(r.Methods)}
		findings = append(findings, f)
	}
	out := Outcome{Findings: findings, Excluded: append(excludedAccounts(dir), acceptedOut...), Facts: facts}
	if len(people) == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no enabled member account holds a paid licence"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	if known == 0 {
		out.Status = result.StatusSkipped
		out.Reason = "none of the people is in the registration data (" + e.Snap.MFARegistration.Reason + ")"
		out.Summary = "Skipped: " + out.Reason
		return out
	}
	out.Score = credit / float64(known)
	if u := len(unknownPeople); u > 0 {
		// People we could not look up could be anything from no method to two.
		n := float64(known + u)
		out.Bounds = &result.Bounds{Low: credit / n, High: (credit + float64(u)) / n}
	}
	without := known - withMethod
	out.Summary = fmt.Sprintf("%s of %s have an MFA method; %s without", pct(withMethod, known), plural(known, "person", "people"), plural(without, "person", "people"))
	if phoneOnly+single > 0 {
		out.Summary += fmt.Sprintf("; %d only SMS/voice, %d a single method", phoneOnly, single)
	}
	if len(unknownPeople) > 0 {
		out.Summary += fmt.Sprintf("; %s unknown", plural(len(unknownPeople), "person", "people"))
	}
	switch {
	case adminsWithout > 0:
		out.Status, out.Action = result.StatusFail, mfaRemediation[3]
		out.Summary += fmt.Sprintf("; %s without MFA", plural(adminsWithout, "administrator", "administrators"))
	case without == 0 && phoneOnly+single == 0:
		out.Status = result.StatusPass // Run makes it a warn when people or role data are unknown
	case without == 0:
		out.Status = result.StatusWarn
		out.Action = mfaRemediation[1]
	case ratio(withMethod, known) >= mfaFailBelow:
		out.Status = result.StatusWarn
	default:
		out.Status = result.StatusFail
	}
	return out
}

// mfaFacts lists every enabled account's registration, whatever its class,
// and counts each class by state.
func mfaFacts(e *Env, dir *Directory, byUser map[string]*tenant.MFARegistration, admins map[string]bool) *result.MFAFacts {
	facts := &result.MFAFacts{Source: e.Snap.MFARegistration.Source, Accounts: make([]result.AccountMFA, 0, len(dir.All)),
		Counts: []result.MFAClassCount{}}
	counts := map[string]*result.MFAClassCount{}
	var order []string
	for _, a := range dir.All {
		if !a.User.AccountEnabled {
			continue
		}
		am := result.AccountMFA{Person: personRef(a), State: result.MFAUnknown, Methods: []string{}, Admin: admins[a.User.ID]}
		if r, ok := byUser[strings.ToLower(a.User.ID)]; ok {
			am.State, _, _, _, _ = mfaState(r.Methods)
			am.Methods = nonNil(r.Methods)
			am.Admin = am.Admin || (r.IsAdmin != nil && *r.IsAdmin)
		}
		facts.Accounts = append(facts.Accounts, am)
		c := counts[am.Person.Class]
		if c == nil {
			c = &result.MFAClassCount{Class: am.Person.Class}
			counts[am.Person.Class] = c
			order = append(order, am.Person.Class)
		}
		c.Accounts++
		switch am.State {
		case result.MFAStrong:
			c.TwoOrMore++
		case result.MFASingleMethod:
			c.SingleMethod++
		case result.MFASMSOnly:
			c.SMSOnly++
		case result.MFANone:
			c.None++
		default:
			c.Unknown++
		}
	}
	sort.Strings(order)
	for _, cl := range order {
		facts.Counts = append(facts.Counts, *counts[cl])
	}
	return facts
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
