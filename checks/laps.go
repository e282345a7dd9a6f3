package checks

import (
	"fmt"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idLAPS = "DEV-007"

// lapsOverdueGrace is how long past its due rotation a backup may be before
// DEV-007 calls it stale: a PC that was off for a week rotates late.
const lapsOverdueGrace = 7 * 24 * time.Hour

// LAPS checks that Windows LAPS is on and that the joined PCs back their
// local administrator password up to Entra ID.
var LAPS = Check{
	ID:       idLAPS,
	Title:    "Windows LAPS",
	Category: result.CategoryDevices,
	Severity: result.SeverityMedium,
	Weight:   3,
	Why: "When staff are no longer local administrators (DEV-005), IT still needs a way into each PC. Windows LAPS " +
		"gives every PC its own local administrator password, rotated and backed up to Entra ID, instead of one " +
		"password shared by every machine (which one leaked laptop gives away) or none at all.",
	Remediation: []string{
		"Entra admin center > Identity > Devices > Device settings > \"Enable Microsoft Entra Local Administrator Password Solution (LAPS)\": Yes.",
		"Then assign an Intune account-protection policy (Endpoint security > Account protection > Local admin password solution) with backup directory \"Microsoft Entra ID\" to the Windows PCs.",
		"For a PC listed without a backup: check that the policy reached it (Intune device > Device configuration) and that it runs a Windows build with LAPS (April 2023 updates or later).",
	},
	Links: []string{"https://learn.microsoft.com/entra/identity/devices/howto-manage-local-admin-passwords",
		"https://learn.microsoft.com/graph/api/directory-list-devicelocalcredentials"},
	Requires: []tenant.Dataset{tenant.DatasetDeviceRegistration, tenant.DatasetDevices},
	Uses:     []tenant.Dataset{tenant.DatasetLocalCredentials},
	Scope: "Whether LAPS is on in the device registration policy, and which active Entra-joined Windows PCs backed a password up " +
		"(hybrid-joined PCs may back up to Active Directory and are not counted)",
	Thresholds: "fail when LAPS is off; otherwise pass when every active Entra-joined PC has a current backup, warn while at least 80 % " +
		"have one (an overdue backup counts half), fail below",
	Codes:     []result.CodeInfo{codeLAPSOff, codeLAPSNoBackup, codeLAPSStale, codeAccepted},
	FactsType: (*result.LAPSFacts)(nil),
	Evaluate:  evalLAPS,
}

func evalLAPS(e *Env) Outcome {
	p := required(e.Snap.DeviceRegistration.Get())
	facts := &result.LAPSFacts{Enabled: p.LAPSEnabled}
	if p.LAPSEnabled == nil {
		// The policy did not say: unknown, never a fail.
		return Outcome{Status: result.StatusSkipped, Facts: facts, Reason: "the device registration policy did not say whether Windows LAPS is on",
			Summary: "Skipped: whether Windows LAPS is on is not known"}
	}
	if !*p.LAPSEnabled {
		return Outcome{Status: result.StatusFail, Score: 0, Facts: facts, Summary: "Windows LAPS is off: PCs keep no backed-up local administrator password",
			Findings: []result.Finding{tenantFinding(codeLAPSOff, deviceSettings, result.SeverityMedium, "Windows LAPS is not enabled in the device settings")}}
	}
	if !e.Have(tenant.DatasetLocalCredentials) {
		return Outcome{Status: result.StatusSkipped, Facts: facts,
			Reason:  "LAPS is on, but which PCs backed a password up could not be read: " + e.Snap.LocalCredentials.Status.Describe(),
			Summary: "Skipped: LAPS is on; the backups could not be read"}
	}
	backups := map[string]tenant.LocalCredential{}
	for _, c := range required(e.Snap.LocalCredentials.Get()) {
		backups[strings.ToLower(c.DeviceID)] = c
	}
	pcs, excluded := activeJoinedPCs(e, idLAPS)
	var findings []result.Finding
	for _, pc := range pcs {
		c, ok := backups[strings.ToLower(pc.DeviceID)]
		switch {
		case !ok:
			facts.NotBackedUp++
			findings = append(findings, pc.finding(codeLAPSNoBackup, result.SeverityMedium, "no LAPS password backed up to Entra ID"))
		case c.RefreshDueTime != nil && c.RefreshDueTime.Before(e.Now.Add(-lapsOverdueGrace)):
			facts.Stale++
			f := pc.finding(codeLAPSStale, result.SeverityLow, fmt.Sprintf("LAPS password due for rotation %d days ago and not rotated", daysSince(e.Now, c.RefreshDueTime)))
			f.Attrs.Days, f.Attrs.LastSeen = daysSince(e.Now, c.LastBackup), c.LastBackup
			findings = append(findings, f)
		default:
			facts.BackedUp++
		}
	}
	facts.Active = len(pcs)
	out := Outcome{Facts: facts, Findings: findings, Excluded: excluded, Breakdown: []result.Count{
		{Label: "Backed up", Value: facts.BackedUp}, {Label: "Overdue", Value: facts.Stale}, {Label: "No backup", Value: facts.NotBackedUp}}}
	if facts.Active == 0 {
		out.Status, out.Score, out.Summary = result.StatusPass, 1, "Windows LAPS is on; no active Entra-joined PC yet"
		return out
	}
	out.Score = (float64(facts.BackedUp) + 0.5*float64(facts.Stale)) / float64(facts.Active)
	out.Summary = fmt.Sprintf("Windows LAPS is on; %s of %s backed a password up (%d overdue)", pct(facts.BackedUp+facts.Stale, facts.Active),
		plural(facts.Active, "active Entra-joined PC", "active Entra-joined PCs"), facts.Stale)
	out.Status = scoreStatus(out.Score, len(findings) == 0)
	return out
}

// scoreStatus is pass when nothing was found, warn from 0.8, fail below.
func scoreStatus(score float64, clean bool) result.Status {
	switch {
	case clean:
		return result.StatusPass
	case score >= 0.8:
		return result.StatusWarn
	}
	return result.StatusFail
}
