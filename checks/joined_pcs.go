package checks

import (
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// joinedPC is an active Entra-joined Windows PC, the population the LAPS
// and BitLocker checks look at.
type joinedPC struct {
	tenant.Device
	build int // 0 when unknown
	line  string
}

// activeJoinedPCs returns the enabled Entra-joined Windows PCs that signed in
// within the stale threshold, and the ones an accepted risk for checkID
// covers, as excluded findings. Hybrid-joined PCs are left out: they back
// their LAPS passwords and BitLocker keys up to Active Directory as often as
// to Entra ID, so a missing Entra copy proves nothing.
func activeJoinedPCs(e *Env, checkID string) ([]joinedPC, []result.Finding) {
	staleBefore := e.Now.Add(-time.Duration(e.Settings.StaleDeviceDays) * 24 * time.Hour)
	var out []joinedPC
	var excluded []result.Finding
	for _, d := range required(e.Snap.Devices.Get()) {
		if !strings.EqualFold(strings.TrimSpace(d.OperatingSystem), "Windows") || !d.AccountEnabled || joinOf(d.TrustType) != result.JoinEntra ||
			d.ApproximateLastSignIn == nil || d.ApproximateLastSignIn.Before(staleBefore) {
			continue
		}
		build, ok := windowsBuild(d.OperatingSystemVersion)
		pc := joinedPC{Device: d, build: build, line: osLine(build, ok)}
		if acc := e.accepted(checkID, d.ID, d.DisplayName, d.DeviceID); acc != nil {
			excluded = append(excluded, result.Finding{Code: codeAccepted.Code, ObjectType: "device", ObjectID: d.ID,
				Name: d.DisplayName, Accepted: acc, Detail: "accepted risk: " + acc.Reason, Attrs: pc.attrs()})
			continue
		}
		out = append(out, pc)
	}
	return out, excluded
}

func (pc joinedPC) attrs() *result.FindingAttrs {
	return &result.FindingAttrs{JoinType: result.JoinEntra, OSLine: pc.line, Build: pc.build}
}

func (pc joinedPC) finding(c result.CodeInfo, sev result.Severity, detail string) result.Finding {
	return result.Finding{Code: c.Code, ObjectType: "device", ObjectID: pc.ID, Name: pc.DisplayName, Severity: sev,
		Detail: detail, Attrs: pc.attrs()}
}

// deviceExtras are what other datasets say of each device, by deviceId
// (lower case); a nil map is a dataset that was not read.
type deviceExtras struct {
	laps, keys, autopilot map[string]bool
	encrypted             map[string]*bool
}

// readDeviceExtras reads them for the per-device facts. It reads through
// Get, not Have: the facts say "unknown" for a dataset not read, and the
// verdict of the check that reports them does not depend on them.
func readDeviceExtras(e *Env) deviceExtras {
	var x deviceExtras
	if creds, err := e.Snap.LocalCredentials.Get(); err == nil {
		x.laps = map[string]bool{}
		for _, c := range creds {
			x.laps[strings.ToLower(c.DeviceID)] = true
		}
	}
	if keys, err := e.Snap.RecoveryKeys.Get(); err == nil {
		x.keys = escrowedDevices(keys)
	}
	if ap, err := e.Snap.AutopilotDevices.Get(); err == nil {
		x.autopilot = map[string]bool{}
		for _, a := range ap {
			x.autopilot[strings.ToLower(a.AzureADDeviceID)] = true
		}
	}
	if md, err := e.Snap.ManagedDevices.Get(); err == nil {
		x.encrypted = map[string]*bool{}
		for _, m := range md {
			x.encrypted[strings.ToLower(m.AzureADDeviceID)] = m.IsEncrypted
		}
	}
	return x
}

// describe fills a device fact's LAPS, BitLocker, Autopilot and encryption.
func (x deviceExtras) describe(df *result.DeviceFact, deviceID string) {
	df.DeviceID = deviceID
	if deviceID == "" {
		return
	}
	key := strings.ToLower(deviceID)
	has := func(m map[string]bool) *bool {
		if m == nil {
			return nil
		}
		v := m[key]
		return &v
	}
	df.LAPSBackedUp, df.KeyEscrowed, df.Autopilot = has(x.laps), has(x.keys), has(x.autopilot)
	if x.encrypted != nil {
		df.Encrypted = x.encrypted[key]
	}
}
