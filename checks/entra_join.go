package checks

import (
	"fmt"
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
	Weight:   8,
	Why: "Staff sign in to Windows with their Microsoft 365 account only on devices joined to Entra ID. A device that " +
		"is merely \"registered\" was set up with a local or personal Microsoft account (or runs Windows Home, which " +
		"cannot join); it cannot be managed by Intune or required by Conditional Access.",
	Remediation: []string{
		"For each registered Windows laptop: back up the user's files, then Settings > Accounts > Access work or school > Connect > \"Join this device to Microsoft Entra ID\" (or reset it with Windows Autopilot).",
		"Windows Home cannot join: upgrade it to Pro (Business Premium includes the Windows Business upgrade).",
		"Upgrade Windows 10 devices to Windows 11: Windows 10 support ended on 14 October 2025.",
		"Delete stale devices that have not signed in for months.",
	},
	Links: []string{"https://learn.microsoft.com/entra/identity/devices/device-join-plan",
		"https://learn.microsoft.com/lifecycle/products/windows-10-home-and-pro"},
	Requires: []tenant.Dataset{tenant.DatasetDevices},
	Evaluate: evalEntraJoin,
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

func evalEntraJoin(e *Env) Outcome {
	devices := required(e.Snap.Devices.Get())
	staleBefore := e.Now.Add(-time.Duration(e.Settings.StaleDeviceDays) * 24 * time.Hour)
	var findings, excluded []result.Finding
	active, joined, hybrid, registered, unknown := 0, 0, 0, 0, 0
	for _, d := range devices {
		if !strings.EqualFold(strings.TrimSpace(d.OperatingSystem), "Windows") {
			continue
		}
		f := result.Finding{ObjectType: "device", ObjectID: d.ID, Name: d.DisplayName}
		if acc := e.accepted(idEntraJoin, d.ID, d.DisplayName, d.DeviceID); acc != nil {
			f.Accepted, f.Detail = acc, "accepted risk: "+acc.Reason
			excluded = append(excluded, f)
			continue
		}
		if !d.AccountEnabled {
			f.Detail = "disabled device object"
			excluded = append(excluded, f)
			continue
		}
		if d.ApproximateLastSignIn == nil || d.ApproximateLastSignIn.Before(staleBefore) {
			last := "never"
			if d.ApproximateLastSignIn != nil {
				last = d.ApproximateLastSignIn.Format("2006-01-02")
			}
			f.Detail = fmt.Sprintf("stale: last sign-in %s (over %d days); not counted", last, e.Settings.StaleDeviceDays)
			f.Severity = result.SeverityLow
			findings = append(findings, f)
			continue
		}
		active++
		win10 := ""
		if b, ok := windowsBuild(d.OperatingSystemVersion); ok && b < 22000 {
			win10 = "; Windows 10 (build " + strconv.Itoa(b) + "), out of support since 14 October 2025"
		}
		switch d.TrustType {
		case "AzureAd":
			joined++
			if win10 != "" {
				f.Detail = "Entra joined" + win10
				findings = append(findings, f)
			}
		case "ServerAd":
			hybrid++
			if win10 != "" {
				f.Detail = "hybrid joined" + win10
				findings = append(findings, f)
			}
		case "Workplace":
			registered++
			f.Detail = "only registered (set up with a personal or local account, or Windows Home): not joined" + win10
			f.Severity = result.SeverityHigh
			findings = append(findings, f)
		default:
			unknown++
			f.Detail = fmt.Sprintf("join state unknown (trustType %q)%s", d.TrustType, win10)
			findings = append(findings, f)
		}
	}
	stale := 0
	for _, f := range findings {
		if strings.HasPrefix(f.Detail, "stale") {
			stale++
		}
	}
	out := Outcome{Findings: findings, Excluded: excluded, Breakdown: []result.Count{
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
