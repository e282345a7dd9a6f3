package checks

import (
	"fmt"
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
	Weight:   15,
	Why: "Once staff sign in to their Windows devices and files with their Microsoft 365 account, that password is the " +
		"key to everything; MFA stops almost all password attacks. Authenticator is the method to aim for, SMS only as a " +
		"backup, and a second method keeps people from being locked out when a phone is lost.",
	Remediation: mfaRemediation,
	Links: []string{"https://learn.microsoft.com/entra/identity/authentication/howto-registration-mfa-sspr-combined",
		"https://learn.microsoft.com/entra/identity/authentication/how-to-mfa-registration-campaign"},
	Requires: []tenant.Dataset{tenant.DatasetUsers, tenant.DatasetMFARegistration},
	Uses:     []tenant.Dataset{tenant.DatasetSubscribedSKUs, tenant.DatasetRoleAssignments, tenant.DatasetRoleEligibilities},
	Evaluate: evalMFA,
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

func evalMFA(e *Env) Outcome {
	dir := e.People()
	people, acceptedOut := acceptedPeople(e, idMFA, dir.People())
	byUser := e.Registrations()
	admins := privilegedUserIDs(e)
	var findings []result.Finding
	known, withMethod, adminsWithout, phoneOnly, single := 0, 0, 0, 0, 0
	credit := 0.0
	var unknownPeople []string
	for _, a := range people {
		r, ok := byUser[strings.ToLower(a.User.ID)]
		if !ok {
			unknownPeople = append(unknownPeople, a.Name())
			findings = append(findings, withSeverity(userFinding(a, "unknown: not in the registration data"), result.SeverityInfo))
			continue
		}
		known++
		app, phone, unknown := methodClass(r.Methods)
		isAdmin := admins[a.User.ID] || (r.IsAdmin != nil && *r.IsAdmin)
		who, bump := "", func(sev result.Severity) result.Severity { return sev }
		if isAdmin {
			who, bump = "administrator: ", result.Severity.Raise
		}
		note := ""
		if len(unknown) > 0 {
			note = " (also registered, not counted: " + strings.Join(unknown, ", ") + ")"
		}
		switch n := len(app) + len(phone); {
		case n == 0:
			if isAdmin {
				adminsWithout++
			}
			credit += creditNone
			findings = append(findings, withSeverity(userFinding(a, who+"no MFA method registered"+note), bump(result.SeverityHigh)))
		case len(app) == 0:
			withMethod++
			phoneOnly++
			credit += creditPhone
			findings = append(findings, withSeverity(userFinding(a, who+"only SMS/voice ("+strings.Join(phone, ", ")+"): weak, add Authenticator"+note), bump(result.SeverityMedium)))
		case n == 1:
			withMethod++
			single++
			credit += creditSingle
			findings = append(findings, withSeverity(userFinding(a, who+"a single method ("+app[0]+"): locked out if it is lost"+note), bump(result.SeverityLow)))
		default:
			withMethod++
			credit += creditTwoOrApp
		}
	}
	out := Outcome{Findings: findings, Excluded: append(excludedAccounts(dir), acceptedOut...)}
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

// privilegedUserIDs are users holding any privileged role, directly or
// through a group, active or eligible. Role data the check could not read is
// recorded as missing: an administrator without MFA could hide there.
func privilegedUserIDs(e *Env) map[string]bool {
	out := map[string]bool{}
	for _, ds := range []struct {
		d tenant.Dataset
		l *tenant.List[tenant.RoleAssignment]
	}{{tenant.DatasetRoleAssignments, &e.Snap.RoleAssignments}, {tenant.DatasetRoleEligibilities, &e.Snap.RoleEligibilities}} {
		if !e.Have(ds.d) {
			continue
		}
		for _, a := range required(ds.l.Get()) {
			if a.Principal.Type == "user" {
				out[a.Principal.ID] = true
			}
			for _, m := range a.GroupMembers {
				out[m.ID] = true
			}
		}
	}
	return out
}
