package checks

import (
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// intuneUnavailable is the outcome for an Intune check whose dataset d was
// not read: not applicable when the tenant has no Intune (DEV-002 says so,
// and a tenant is not marked down twice), skipped with the reason otherwise.
// It is nil when d was read.
func intuneUnavailable(e *Env, d tenant.Dataset) *Outcome {
	if e.Have(d) {
		return nil
	}
	st := e.Snap.StatusOf(d)
	if st.State == tenant.StateUnlicensed && noIntuneSKU(e) {
		return &Outcome{Status: result.StatusNotApplicable, Reason: "the tenant has no Intune licence (see DEV-002)",
			Summary: "Not applicable: the tenant has no Intune (Business Premium and Microsoft 365 E3/E5 include it)"}
	}
	return &Outcome{Status: result.StatusSkipped, Reason: string(d) + " data unavailable: " + st.Describe(),
		Summary: "Skipped: " + string(d) + " could not be read"}
}

// noIntuneSKU reports whether the subscriptions are known and none carries
// Intune. When they carry it but the service says it does not apply, the
// two disagree and the check cannot judge (DEV-002 skips likewise).
func noIntuneSKU(e *Env) bool {
	if !e.Have(tenant.DatasetSubscribedSKUs) {
		return false
	}
	return !tenantCaps(required(e.Snap.SubscribedSKUs.Get())).Intune
}

// windowsCompliance is what the compliance policies say of Windows PCs.
type windowsCompliance struct {
	assigned, unassigned []tenant.CompliancePolicy // Windows 10/11 policies
}

func readWindowsCompliance(policies []tenant.CompliancePolicy) windowsCompliance {
	var w windowsCompliance
	for _, p := range policies {
		if p.Platform != "windows10CompliancePolicy" {
			continue
		}
		if assignedToSomeone(p.Targets) {
			w.assigned = append(w.assigned, p)
		} else {
			w.unassigned = append(w.unassigned, p)
		}
	}
	return w
}

// assignedToSomeone reports whether a target includes people or devices;
// an exclusion alone includes nobody.
func assignedToSomeone(targets []string) bool {
	for _, t := range targets {
		if t != "exclusionGroupAssignmentTarget" {
			return true
		}
	}
	return false
}
