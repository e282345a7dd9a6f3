package checks

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// EntraJoinedDevices scores the share of active Windows devices that are
// Entra joined or hybrid joined, rather than only registered.
const idEntraJoin = "DEV-001"

var EntraJoinedDevices = Check{
	ID:       idEntraJoin,
	Title:    "Entra-joined devices",
	Category: result.CategoryDevices,
	Severity: result.SeverityHigh,
	Weight:   7,
	Why: "Staff sign in to Windows with their Microsoft 365 account only on devices joined to Entra ID. A device that " +
		"is merely \"registered\" was set up with a local or personal Microsoft account (or runs Windows Home, which " +
		"cannot join); it cannot be managed by Intune or required by Conditional Access.",
	Remediation: []string{
		"For each registered Windows laptop: back up the user's files, then Settings > Accounts > Access work or school > Connect > \"Join this device to Microsoft Entra ID\" (or reset it with Windows Autopilot).",
		"Windows Home cannot join: upgrade it to Pro (Business Premium includes the Windows Business upgrade).",
		"Delete stale devices that have not signed in for months.",
	},
	Links:    []string{"https://learn.microsoft.com/entra/identity/devices/device-join-plan"},
	Requires: []tenant.Dataset{tenant.DatasetDevices},
	// Read for the per-device facts only; the verdict does not use them,
	// so their absence leaves it alone (read without Have).
	Uses: []tenant.Dataset{tenant.DatasetLocalCredentials, tenant.DatasetRecoveryKeys, tenant.DatasetAutopilotDevices,
		tenant.DatasetManagedDevices},
	Scope: "Active Windows devices Entra joined or hybrid joined rather than only registered; stale devices listed, not " +
		"counted (Windows 10 is DEV-004's)",
	Thresholds: "pass when every active Windows device is joined; warn while at least 80 % are; fail below",
	Codes:      []result.CodeInfo{codeDeviceRegistered, codeDeviceStale, codeDeviceJoinUnk, codeDeviceDisabled, codeAccepted},
	FactsType:  (*result.DeviceFacts)(nil),
	Evaluate:   evalEntraJoin,
}

// windowsBuild returns the build number of a "10.0.22631.4317" version.
func windowsBuild(version string) (int, bool) {
	parts := strings.Split(version, ".")
	if len(parts) < 3 {
		return 0, false
	}
	n, err := strconv.Atoi(parts[2])
	return n, err == nil
}

// osLine names a Windows line from its build: 22000 and up is Windows 11.
func osLine(build int, ok bool) string {
	switch {
	case !ok:
		return "unknown"
	case build >= 22000:
		return "Windows 11"
	}
	return "Windows 10"
}

// joinOf reads Graph's trustType.
func joinOf(trustType string) string {
	switch trustType {
	case "AzureAd":
		return result.JoinEntra
	case "ServerAd":
		return result.JoinHybrid
	case "Workplace":
		return result.JoinRegistered
	}
	return result.JoinUnknown
}

// deviceTally counts devices under labels, active and stale, in first-seen order.
type deviceTally struct {
	order []string
	by    map[string]*result.DeviceCount
}

func (t *deviceTally) add(label string, active bool) {
	if t.by == nil {
		t.by = map[string]*result.DeviceCount{}
	}
	c := t.by[label]
	if c == nil {
		c = &result.DeviceCount{Label: label}
		t.by[label] = c
		t.order = append(t.order, label)
	}
	c.Total++
	if active {
		c.Active++
	} else {
		c.Stale++
	}
}

func (t *deviceTally) list(order ...string) []result.DeviceCount {
	out := []result.DeviceCount{}
	if len(order) == 0 {
		order = append([]string{}, t.order...)
		sort.Strings(order)
	}
	for _, l := range order {
		if c := t.by[l]; c != nil {
			out = append(out, *c)
		}
	}
	return out
}

func evalEntraJoin(e *Env) Outcome {
	devices := required(e.Snap.Devices.Get())
	staleBefore := e.Now.Add(-time.Duration(e.Settings.StaleDeviceDays) * 24 * time.Hour)
	facts := &result.DeviceFacts{StaleDays: e.Settings.StaleDeviceDays, Devices: make([]result.DeviceFact, 0, len(devices))}
	var byJoin, byOS, byBuild deviceTally
	extra := readDeviceExtras(e)
	var findings, excluded []result.Finding
	active, joined, hybrid, registered, unknown, stale := 0, 0, 0, 0, 0, 0
	for _, d := range devices {
		if !strings.EqualFold(strings.TrimSpace(d.OperatingSystem), "Windows") {
			continue
		}
		build, haveBuild := windowsBuild(d.OperatingSystemVersion)
		line, join := osLine(build, haveBuild), joinOf(d.TrustType)
		isActive := d.ApproximateLastSignIn != nil && !d.ApproximateLastSignIn.Before(staleBefore)
		df := result.DeviceFact{ID: d.ID, Name: d.DisplayName, Join: join, OSLine: line, Active: isActive && d.AccountEnabled,
			Enabled: d.AccountEnabled, LastSignIn: d.ApproximateLastSignIn, Managed: d.IsManaged, Compliant: d.IsCompliant}
		if haveBuild {
			df.Build = build
		}
		extra.describe(&df, d.DeviceID)
		facts.Devices = append(facts.Devices, df)
		attrs := &result.FindingAttrs{JoinType: join, OSLine: line, Build: df.Build}
		f := result.Finding{ObjectType: "device", ObjectID: d.ID, Name: d.DisplayName, Attrs: attrs}
		if acc := e.accepted(idEntraJoin, d.ID, d.DisplayName, d.DeviceID); acc != nil {
			f.Code, f.Accepted, f.Detail = codeAccepted.Code, acc, "accepted risk: "+acc.Reason
			excluded = append(excluded, f)
			continue
		}
		if !d.AccountEnabled {
			f.Code, f.Detail = codeDeviceDisabled.Code, "disabled device object"
			excluded = append(excluded, f)
			continue
		}
		byJoin.add(join, isActive)
		byOS.add(line, isActive)
		if haveBuild {
			byBuild.add(fmt.Sprintf("%s %d", line, build), isActive)
		}
		if !isActive {
			last := "never"
			if d.ApproximateLastSignIn != nil {
				last = d.ApproximateLastSignIn.Format("2006-01-02")
				attrs.Days, attrs.LastSeen = daysSince(e.Now, d.ApproximateLastSignIn), d.ApproximateLastSignIn
			}
			stale++
			f.Code, f.Severity = codeDeviceStale.Code, result.SeverityLow
			f.Detail = fmt.Sprintf("stale: last sign-in %s (over %d days); not counted", last, e.Settings.StaleDeviceDays)
			findings = append(findings, f)
			continue
		}
		active++
		// Windows 10 is DEV-004's: a device is listed here for its join state only.
		switch join {
		case result.JoinEntra:
			joined++
		case result.JoinHybrid:
			hybrid++
		case result.JoinRegistered:
			registered++
			f.Code, f.Severity = codeDeviceRegistered.Code, result.SeverityHigh
			f.Detail = "only registered (set up with a personal or local account, or Windows Home): not joined"
			findings = append(findings, f)
		default:
			unknown++
			f.Code = codeDeviceJoinUnk.Code
			f.Detail = fmt.Sprintf("join state unknown (trustType %q)", d.TrustType)
			findings = append(findings, f)
		}
	}
	facts.ByJoin = byJoin.list(result.JoinEntra, result.JoinHybrid, result.JoinRegistered, result.JoinUnknown)
	facts.ByOS = byOS.list("Windows 11", "Windows 10", "unknown")
	facts.ByBuild = byBuild.list()
	out := Outcome{Findings: findings, Excluded: excluded, Facts: facts, Breakdown: []result.Count{
		{Label: "Entra joined", Value: joined}, {Label: "Hybrid joined", Value: hybrid},
		{Label: "Only registered", Value: registered}, {Label: "Unknown", Value: unknown}, {Label: "Stale (not counted)", Value: stale}}}
	if active == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no active Windows device is registered in Entra ID"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	good := joined + hybrid
	out.Score = ratio(good, active)
	if unknown > 0 {
		// A device of unknown join state counts as not joined; it may be.
		out.Bounds = &result.Bounds{Low: out.Score, High: ratio(good+unknown, active)}
	}
	out.Summary = fmt.Sprintf("%s of %s are joined (%d Entra joined, %d hybrid, %d only registered, %d unknown)",
		pct(good, active), plural(active, "active Windows device", "active Windows devices"), joined, hybrid, registered, unknown)
	out.Status = verdict(good == active, out.Score, 0.8)
	return out
}
