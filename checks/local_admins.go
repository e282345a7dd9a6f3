package checks

import (
	"fmt"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idLocalAdmins = "DEV-005"

// deviceSettings names the device registration policy's findings: Entra
// admin center > Devices > Device settings.
const deviceSettings = "Device settings"

// LocalAdminsOnJoin checks who becomes a local administrator of the PCs they
// join to Entra ID. Microsoft's default makes everyone who joins a PC its
// administrator.
var LocalAdminsOnJoin = Check{
	ID:       idLocalAdmins,
	Title:    "Local administrators on join",
	Category: result.CategoryDevices,
	Severity: result.SeverityMedium,
	Weight:   2,
	Why: "By default whoever joins a PC to Entra ID becomes its local administrator. Staff who are administrators " +
		"of their own PCs install what they like, switch off protection, and give malware that runs as them the " +
		"whole machine. Removing the right is easy before the PCs are joined and a chore afterwards. Global " +
		"Administrators are local administrators of every joined PC as well (reported, not scored).",
	Remediation: []string{
		"Entra admin center > Identity > Devices > Device settings > \"Registering user is added as local administrator on the device during Microsoft Entra join\": set it to None before the PCs are joined.",
		"Give IT staff the \"Microsoft Entra Joined Device Local Administrator\" role (or an Intune local-user-group policy) instead, and turn on Windows LAPS (DEV-007) so every PC keeps a local administrator password of its own.",
		"PCs already joined keep their administrators: remove them with an Intune account-protection policy (local user group membership).",
	},
	Links: []string{"https://learn.microsoft.com/entra/identity/devices/assign-local-admin",
		"https://learn.microsoft.com/graph/api/resources/deviceregistrationpolicy"},
	Requires:   []tenant.Dataset{tenant.DatasetDeviceRegistration},
	Scope:      "The device registration policy: who becomes a local administrator of a PC they join, and whether Global Administrators do",
	Thresholds: "pass when nobody becomes a local administrator by joining a PC; warn when selected people or groups do; fail when everyone does",
	Codes:      []result.CodeInfo{codeJoinerIsAdmin, codeSelectedAreAdmins},
	FactsType:  (*result.LocalAdminFacts)(nil),
	Evaluate:   evalLocalAdmins,
}

func evalLocalAdmins(e *Env) Outcome {
	p := required(e.Snap.DeviceRegistration.Get())
	m := p.LocalAdminsOnJoin
	facts := &result.LocalAdminFacts{RegisteringUsers: m.Kind, Users: len(m.Users), Groups: len(m.Groups),
		GlobalAdminsAreLocalAdmins: p.GlobalAdminsAreLocalAdmins}
	switch m.Kind {
	case tenant.MembershipNone:
		return Outcome{Status: result.StatusPass, Score: 1, Facts: facts, Summary: "Joining a PC makes nobody its local administrator"}
	case tenant.MembershipSelected:
		who := fmt.Sprintf("%s and %s", plural(len(m.Users), "person", "people"), plural(len(m.Groups), "group", "groups"))
		return Outcome{Status: result.StatusWarn, Score: 0.5, Facts: facts,
			Summary:  "Selected people become local administrators of the PCs they join (" + who + ")",
			Findings: []result.Finding{tenantFinding(codeSelectedAreAdmins, deviceSettings, result.SeverityLow, who+" become local administrators of the PCs they join")}}
	case tenant.MembershipAll:
		return Outcome{Status: result.StatusFail, Score: 0, Facts: facts,
			Summary:  "Everyone who joins a PC becomes its local administrator (Microsoft's default)",
			Findings: []result.Finding{tenantFinding(codeJoinerIsAdmin, deviceSettings, result.SeverityMedium, "whoever joins a PC to Entra ID becomes its local administrator")}}
	}
	return Outcome{Status: result.StatusSkipped, Facts: facts, Reason: "the device registration policy did not say who becomes a local administrator on join",
		Summary: "Skipped: the device registration policy did not say who becomes a local administrator"}
}
