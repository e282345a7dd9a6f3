package checks

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idBitLocker = "DEV-008"

// BitLockerEscrow checks that the joined PCs escrowed their BitLocker
// recovery key to Entra ID, where IT can find it when a PC asks for it.
var BitLockerEscrow = Check{
	ID:       idBitLocker,
	Title:    "BitLocker keys escrowed",
	Category: result.CategoryDevices,
	Severity: result.SeverityHigh,
	Weight:   3,
	Why: "A work laptop's disk should be encrypted, and its BitLocker recovery key kept where IT can find it: after a " +
		"firmware update, a new motherboard or a forgotten PIN the PC asks for the 48-digit key, and without it the " +
		"files on it are gone. On an Entra-joined PC that place is Entra ID; a key saved to someone's personal " +
		"Microsoft account or printed out leaves with them.",
	Remediation: []string{
		"Assign an Intune disk-encryption policy (Endpoint security > Disk encryption > BitLocker) that requires encryption and \"Save BitLocker recovery information to Microsoft Entra ID\" before encrypting.",
		"For a PC already encrypted without an escrowed key: run \"manage-bde -protectors -aadbackup C: -id {protector id}\" on it (or let the Intune policy rotate the key), then check the key appears under the device in Entra.",
		"For a PC Intune reports as not encrypted: the policy above encrypts it; check the TPM is on first.",
	},
	Links: []string{"https://learn.microsoft.com/intune/intune-service/protect/encrypt-devices",
		"https://learn.microsoft.com/graph/api/bitlocker-list-recoverykeys"},
	Requires: []tenant.Dataset{tenant.DatasetDevices, tenant.DatasetRecoveryKeys},
	// The authorization policy is read for a fact only (whether people may
	// recover their own keys): read without Have.
	Uses: []tenant.Dataset{tenant.DatasetManagedDevices, tenant.DatasetAuthorizationPolicy},
	Scope: "Active Entra-joined Windows PCs with an operating-system volume recovery key in Entra ID, and Intune's encryption state where " +
		"the PC is managed (hybrid-joined PCs may escrow to Active Directory and are not counted)",
	Thresholds: "pass when every active Entra-joined PC escrowed its key; warn while at least 80 % did; fail below",
	Codes:      []result.CodeInfo{codeBitLockerNoKey, codeBitLockerOff, codeAccepted},
	FactsType:  (*result.BitLockerFacts)(nil),
	Evaluate:   evalBitLocker,
}

func evalBitLocker(e *Env) Outcome {
	escrowed := escrowedDevices(required(e.Snap.RecoveryKeys.Get()))
	encrypted := map[string]*bool{}
	intuneKnown := e.Have(tenant.DatasetManagedDevices)
	if intuneKnown {
		for _, m := range required(e.Snap.ManagedDevices.Get()) {
			if m.AzureADDeviceID != "" {
				encrypted[strings.ToLower(m.AzureADDeviceID)] = m.IsEncrypted
			}
		}
	}
	pcs, excluded := activeJoinedPCs(e, idBitLocker)
	facts := &result.BitLockerFacts{Active: len(pcs), IntuneKnown: intuneKnown}
	if p, err := e.Snap.AuthorizationPolicy.Get(); err == nil {
		// CIS says restrict it; for a small firm self-service recovery is
		// often the better trade. Information, never a finding.
		facts.UsersReadOwnKeys = p.ReadOwnBitLockerKeys
	}
	var findings []result.Finding
	for _, pc := range pcs {
		key := strings.ToLower(pc.DeviceID)
		enc := encrypted[key]
		switch {
		case escrowed[key]:
			facts.Escrowed++
		case enc != nil && !*enc:
			facts.NotEncrypted++
			findings = append(findings, pc.finding(codeBitLockerOff, result.SeverityHigh, "not encrypted (Intune), and no recovery key in Entra ID"))
		default:
			facts.NoKey++
			findings = append(findings, pc.finding(codeBitLockerNoKey, result.SeverityHigh, "no BitLocker recovery key escrowed to Entra ID"))
		}
	}
	out := Outcome{Facts: facts, Findings: findings, Excluded: excluded, Breakdown: []result.Count{
		{Label: "Key escrowed", Value: facts.Escrowed}, {Label: "No key", Value: facts.NoKey}, {Label: "Not encrypted", Value: facts.NotEncrypted}}}
	if facts.Active == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no active Entra-joined Windows PC"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	out.Score = ratio(facts.Escrowed, facts.Active)
	out.Summary = fmt.Sprintf("%s of %s escrowed a BitLocker key to Entra ID", pct(facts.Escrowed, facts.Active),
		plural(facts.Active, "active Entra-joined PC", "active Entra-joined PCs"))
	if facts.UsersReadOwnKeys != nil && *facts.UsersReadOwnKeys {
		out.Summary += "; people can read their own PCs' keys (self-service recovery)"
	}
	out.Status = scoreStatus(out.Score, len(findings) == 0)
	return out
}

// escrowedDevices are the devices (lower-case deviceId) with an escrowed
// key for their operating-system volume; a key of unknown volume counts.
// DEV-008 and the per-device facts read it alike.
func escrowedDevices(keys []tenant.RecoveryKey) map[string]bool {
	out := map[string]bool{}
	for _, k := range keys {
		if k.VolumeType == "" || k.VolumeType == "operatingSystemVolume" {
			out[strings.ToLower(k.DeviceID)] = true
		}
	}
	return out
}
