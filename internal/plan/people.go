// Package plan works out who can move to Microsoft 365 sign-in, what each of
// the others needs first, and who does it. It reads the tenant snapshot and
// the audit report built from it (the checks' finding codes and facts), so a
// person's MFA, OneDrive and PCs are judged exactly as the report judges them.
package plan

import (
	"slices"
	"strings"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Action codes, most blocking first: a person's actions are listed in this
// order.
var actionOrder = []string{actionLeaver, actionLicence, actionRegisterMFA, actionSecondMethod, actionRejoin,
	actionFindPC, actionEnrol, actionEscrowKey, actionLAPS, actionNewPC, actionOneDrive}

const (
	actionLeaver       = "plan.confirm_leaver"
	actionLicence      = "plan.licence_decision"
	actionRegisterMFA  = "plan.register_mfa"
	actionSecondMethod = "plan.second_method"
	actionRejoin       = "plan.rejoin_pc"
	actionFindPC       = "plan.identify_pc"
	actionEnrol        = "plan.enrol_pc"
	actionEscrowKey    = "plan.escrow_bitlocker_key"
	actionLAPS         = "plan.back_up_laps"
	actionNewPC        = "plan.move_with_new_pc"
	actionOneDrive     = "plan.start_onedrive"
)

// People returns every person's plan, in the directory's order. snap must
// still hold its records (an audit built with ReleaseData drops them).
func People(snap *tenant.Snapshot, rep *result.Report, settings checks.Settings) []result.PlanPerson {
	return people(checks.NewEnv(snap, rep.CollectedAt, settings), rep)
}

// people is People over an environment whose classification a caller
// shares (Build classifies the accounts once for people and the excluded).
func people(env *checks.Env, rep *result.Report) []result.PlanPerson {
	snap := env.Snap
	byCode := findingsByPerson(rep)
	pcs := pcsByPerson(snap, rep, env.People())
	lastSignIn := map[string]*tenant.SignInActivity{}
	if list, err := snap.SignInActivity.Get(); err == nil {
		for i := range list {
			lastSignIn[list[i].UserID] = &list[i]
		}
	}
	mfaKnown, oneDriveKnown := evaluated(rep, "IDN-001"), evaluated(rep, "COL-003")
	hello := helloByPerson(snap, rep)
	var out []result.PlanPerson
	for _, a := range env.People().People() {
		codes := byCode[a.User.ID]
		p := result.PlanPerson{Person: result.PersonRef{ID: a.User.ID, DisplayName: a.DisplayName(), UPN: a.User.UserPrincipalName, Class: string(a.Class)},
			Department: a.User.Department,
			Tier:       tierOf(a.Licence), MFA: mfaOf(codes, mfaKnown), OneDrive: oneDriveOf(codes, oneDriveKnown),
			Dormant: codes["account.dormant"] || codes["account.never_signed_in"], PCs: pcs[strings.ToLower(a.User.UserPrincipalName)]}
		if p.PCs == nil {
			p.PCs = []result.PlanPC{}
		}
		if hello != nil {
			p.WindowsHello = "notYet"
			if hello[a.User.ID] {
				p.WindowsHello = "registered"
			}
		}
		if s := lastSignIn[a.User.ID]; s != nil {
			p.LastSignIn = s.LastSignIn
		}
		p.Actions = actionsFor(p)
		p.State = stateOf(p)
		out = append(out, p)
	}
	return out
}

// tierOf is what the move gives a person with their licence.
func tierOf(l checks.Licence) string {
	switch {
	case l.Caps.Intune && l.Caps.P1:
		return result.TierFull
	case l.Caps.SharePoint:
		return result.TierBasic
	}
	return result.TierBlocked
}

func mfaOf(codes map[string]bool, known bool) string {
	switch {
	case codes["mfa.none"]:
		return "none"
	case codes["mfa.sms_only"]:
		return "smsOnly"
	case codes["mfa.single_method"]:
		return "single"
	case codes["mfa.unknown"] || !known:
		return "unknown"
	}
	return "ready"
}

func oneDriveOf(codes map[string]bool, known bool) string {
	switch {
	case codes["onedrive.not_set_up"]:
		return "none"
	case codes["onedrive.inactive"]:
		return "inactive"
	case !known:
		return "unknown"
	}
	return "active"
}

// actionsFor lists what stands between a person and the move, most
// blocking first.
func actionsFor(p result.PlanPerson) []result.PlanAction {
	var out []result.PlanAction
	add := func(code, who, detail string) {
		out = append(out, result.PlanAction{Code: code, Who: who, Detail: detail})
	}
	if p.Dormant {
		add(actionLeaver, result.ByAdmin, "no recent sign-in: confirm they still work here before moving them")
	}
	if p.Tier == result.TierBlocked {
		add(actionLicence, result.ByAdmin, "their licence has no OneDrive: decide on a licence (Business Basic or better) first")
	}
	switch p.MFA {
	case "none":
		add(actionRegisterMFA, result.ByPerson, "register Microsoft Authenticator at https://aka.ms/mysecurityinfo")
	case "smsOnly":
		add(actionRegisterMFA, result.ByPerson, "register Microsoft Authenticator; keep SMS only as a backup")
	case "single":
		add(actionSecondMethod, result.ByPerson, "register a second method so a lost phone does not lock them out")
	}
	for _, pc := range p.PCs {
		switch pc.Join {
		case result.JoinEntra, result.JoinHybrid:
			if p.Tier == result.TierFull && (pc.Managed == nil || !*pc.Managed) {
				add(actionEnrol, result.ByAdmin, pc.Name+": joined but not managed: enrol it in Intune")
			}
			// Known missing only: a dataset not read leaves these nil.
			if pc.Join == result.JoinEntra && pc.KeyEscrowed != nil && !*pc.KeyEscrowed {
				add(actionEscrowKey, result.ByAdmin, pc.Name+": no BitLocker recovery key in Entra ID: escrow it (DEV-008)")
			}
			if pc.Join == result.JoinEntra && pc.LAPSBackedUp != nil && !*pc.LAPSBackedUp {
				add(actionLAPS, result.ByAdmin, pc.Name+": no LAPS password backed up: check the LAPS policy reached it (DEV-007)")
			}
		default:
			add(actionRejoin, result.ByMSP, pc.Name+": back up its files, then join it to Entra ID (or replace it with a PC that arrives joined)")
		}
		if pc.OSLine == "Windows 10" {
			add(actionNewPC, result.ByMSP, pc.Name+": Windows 10: upgrade it, or move them with their new PC")
		}
	}
	if len(p.PCs) == 0 {
		add(actionFindPC, result.ByMSP, "no Windows PC is known for them: find out which PC they use")
	}
	if p.OneDrive == "none" || p.OneDrive == "inactive" {
		add(actionOneDrive, result.ByPerson, "move their files from the PC's disk to OneDrive before the PC is re-joined")
	}
	slices.SortStableFunc(out, func(a, b result.PlanAction) int {
		return slices.Index(actionOrder, a.Code) - slices.Index(actionOrder, b.Code)
	})
	if out == nil {
		out = []result.PlanAction{}
	}
	return out
}

// stateOf: blocked by a decision (a leaver, a licence), else ready when
// nothing is left to do.
func stateOf(p result.PlanPerson) string {
	for _, a := range p.Actions {
		if a.Code == actionLeaver || a.Code == actionLicence {
			return result.PlanBlocked
		}
	}
	if len(p.Actions) > 0 {
		return result.PlanNeedsAction
	}
	return result.PlanReady
}

// findingsByPerson maps a user id to the finding codes reported about them.
func findingsByPerson(rep *result.Report) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, c := range rep.Checks {
		for _, f := range c.Findings {
			if f.ObjectType != "user" {
				continue
			}
			if out[f.ObjectID] == nil {
				out[f.ObjectID] = map[string]bool{}
			}
			out[f.ObjectID][string(f.Code)] = true
		}
	}
	return out
}

func evaluated(rep *result.Report, id string) bool {
	for _, c := range rep.Checks {
		if c.Check.ID == id {
			return c.Status.Evaluated()
		}
	}
	return false
}

// pcsByPerson links active Windows PCs (DEV-001's facts) to people, by UPN:
// Intune's primary user first (who uses it), then Entra's registered owner
// (who joined or registered it, which for a PC IT set up is IT's account),
// then the sign-in log. A PC linked to a person twice is listed once, with
// the first source.
func pcsByPerson(snap *tenant.Snapshot, rep *result.Report, dir *checks.Directory) map[string][]result.PlanPC {
	facts := deviceFacts(rep)
	byDeviceID := map[string]result.DeviceFact{}
	for _, d := range facts {
		if d.Active && d.DeviceID != "" {
			byDeviceID[strings.ToLower(d.DeviceID)] = d
		}
	}
	out := map[string][]result.PlanPC{}
	seen := map[[2]string]bool{}
	link := func(upn, deviceID, source string) {
		d, ok := byDeviceID[strings.ToLower(deviceID)]
		key := [2]string{strings.ToLower(upn), strings.ToLower(deviceID)}
		if !ok || upn == "" || seen[key] {
			return
		}
		seen[key] = true
		out[key[0]] = append(out[key[0]], result.PlanPC{DeviceFact: d, Source: source})
	}
	if md, err := snap.ManagedDevices.Get(); err == nil {
		for _, m := range md {
			link(m.UserPrincipalName, m.AzureADDeviceID, "intune")
		}
	}
	if devs, err := snap.Devices.Get(); err == nil {
		for _, d := range devs {
			for _, owner := range d.RegisteredOwnerIDs {
				if a := dir.Find(owner); a != nil {
					link(a.User.UserPrincipalName, d.DeviceID, "entraOwner")
				}
			}
		}
	}
	if log, err := snap.SignInLog.Get(); err == nil {
		for _, d := range log.Devices {
			link(d.UserPrincipalName, d.DeviceID, "signInLog")
		}
	}
	return out
}

func deviceFacts(rep *result.Report) []result.DeviceFact {
	for _, c := range rep.Checks {
		if f, ok := c.Facts.(*result.DeviceFacts); ok && c.Check.ID == "DEV-001" {
			return f.Devices
		}
	}
	return nil
}

// helloByPerson says who registered Windows Hello for Business, when the
// tenant turns it on for enrolled PCs (DEV-009's facts) and the
// registration data was read; nil otherwise.
func helloByPerson(snap *tenant.Snapshot, rep *result.Report) map[string]bool {
	on := false
	for _, c := range rep.Checks {
		if f, ok := c.Facts.(*result.EnrolmentFacts); ok {
			on = strings.EqualFold(f.HelloState, "enabled")
		}
	}
	regs, err := snap.MFARegistration.Get()
	if !on || err != nil {
		return nil
	}
	out := map[string]bool{}
	for _, r := range regs {
		out[r.UserID] = slices.Contains(r.Methods, "windowsHelloForBusiness")
	}
	return out
}

// excludedWhy says why the move is not for an account of a class.
var excludedWhy = map[checks.AccountClass]string{
	checks.ClassBreakGlass:     "emergency-access account: keep it cloud-only and out of Conditional Access, not on anyone's PC",
	checks.ClassSharedMailbox:  "shared mailbox: nobody signs in to it",
	checks.ClassServiceAccount: "service account: it moves with the system that uses it, not with a person",
	checks.ClassDisabled:       "disabled: it cannot sign in",
	checks.ClassUnlicensed:     "no paid licence: there is no Microsoft 365 sign-in to move to yet",
}

// Excluded lists the member accounts that are not people the move is for.
func Excluded(snap *tenant.Snapshot, rep *result.Report, settings checks.Settings) []result.PlanExcluded {
	return excluded(checks.NewEnv(snap, rep.CollectedAt, settings).People())
}

func excluded(dir *checks.Directory) []result.PlanExcluded {
	out := []result.PlanExcluded{}
	for _, a := range dir.All {
		why, ok := excludedWhy[a.Class]
		if !ok {
			continue // people, and guests
		}
		out = append(out, result.PlanExcluded{Person: result.PersonRef{ID: a.User.ID, DisplayName: a.DisplayName(),
			UPN: a.User.UserPrincipalName, Class: string(a.Class)}, Why: why, Evidence: a.Evidence})
	}
	return out
}
