package checks

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idWindows10 = "DEV-004"

// windows10EndOfSupport is when Microsoft stopped supporting Windows 10
// (Home and Pro; https://learn.microsoft.com/lifecycle/products/windows-10-home-and-pro).
var windows10EndOfSupport = time.Date(2025, 10, 14, 0, 0, 0, 0, time.UTC)

// Windows10 checks for active Windows 10 PCs after Windows 10's end of
// support. A PC being re-joined to Entra ID is the moment to upgrade it.
var Windows10 = Check{
	ID:       idWindows10,
	Title:    "Windows 10 after end of support",
	Category: result.CategoryDevices,
	Severity: result.SeverityMedium,
	Weight:   3,
	Why: "Windows 10 stopped getting security updates on 14 October 2025 (unless the PC is enrolled in Extended " +
		"Security Updates). The move to Entra join is the natural moment to upgrade: the PC is reset or re-joined " +
		"anyway, and Windows 11 is what new policies and Windows Hello expect.",
	Remediation: []string{
		"Upgrade each PC listed to Windows 11 (Settings > Windows Update), ideally when it is re-joined to Entra ID.",
		"Windows 11 needs TPM 2.0 and a supported processor: PCs that fail the check (PC Health Check) are the ones to replace first, with a new PC that arrives Entra joined through Windows Autopilot.",
		"Windows Home cannot join Entra ID at all: upgrade it to Pro (Business Premium includes the Windows Business upgrade) or replace it.",
		"Where a PC cannot move yet, enrol it in Windows 10 Extended Security Updates and record it as an accepted risk with an expiry date.",
	},
	Links: []string{"https://learn.microsoft.com/lifecycle/products/windows-10-home-and-pro",
		"https://learn.microsoft.com/windows/whats-new/windows-10-extended-security-updates"},
	Requires:   []tenant.Dataset{tenant.DatasetDevices},
	Scope:      "Active Windows PCs still on Windows 10 (build below 22000), with their join state; stale and disabled devices, and accepted risks, not counted",
	Thresholds: "pass when no active Windows PC runs Windows 10; warn while at most 25 % do; fail above",
	Codes:      []result.CodeInfo{codeDeviceWindows10, codeDeviceOSUnknown, codeAccepted},
	FactsType:  (*result.Windows10Facts)(nil),
	Evaluate:   evalWindows10,
}

func evalWindows10(e *Env) Outcome {
	devices := required(e.Snap.Devices.Get())
	staleBefore := e.Now.Add(-time.Duration(e.Settings.StaleDeviceDays) * 24 * time.Hour)
	facts := &result.Windows10Facts{EndOfSupport: windows10EndOfSupport.Format("2006-01-02"), StaleDays: e.Settings.StaleDeviceDays}
	var byJoin deviceTally
	var findings, excluded []result.Finding
	for _, d := range devices {
		if !strings.EqualFold(strings.TrimSpace(d.OperatingSystem), "Windows") || !d.AccountEnabled ||
			d.ApproximateLastSignIn == nil || d.ApproximateLastSignIn.Before(staleBefore) {
			continue
		}
		build, haveBuild := windowsBuild(d.OperatingSystemVersion)
		line, join := osLine(build, haveBuild), joinOf(d.TrustType)
		if line != "Windows 11" {
			// An accepted PC is listed with its acceptance and not counted,
			// as DEV-001 does.
			if acc := e.accepted(idWindows10, d.ID, d.DisplayName, d.DeviceID); acc != nil {
				excluded = append(excluded, result.Finding{Code: codeAccepted.Code, ObjectType: "device", ObjectID: d.ID,
					Name: d.DisplayName, Accepted: acc, Detail: "accepted risk: " + acc.Reason,
					Attrs: &result.FindingAttrs{JoinType: join, OSLine: line, Build: build}})
				continue
			}
		}
		facts.Active++
		switch line {
		case "Windows 11":
			facts.Windows11++
			continue
		case "Windows 10":
			facts.Windows10++
			byJoin.add(join, true)
		default:
			facts.Unknown++
		}
		f := result.Finding{ObjectType: "device", ObjectID: d.ID, Name: d.DisplayName, Severity: result.SeverityMedium,
			Attrs: &result.FindingAttrs{JoinType: join, OSLine: line}}
		if haveBuild {
			f.Code, f.Attrs.Build = codeDeviceWindows10.Code, build
			f.Attrs.Days, f.Attrs.LastSeen = daysSince(e.Now, d.ApproximateLastSignIn), d.ApproximateLastSignIn
			f.Detail = "Windows 10 (build " + strconv.Itoa(build) + "), " + joinWords(join) + ": out of support since 14 October 2025"
		} else {
			f.Code, f.Severity = codeDeviceOSUnknown.Code, result.SeverityLow
			f.Detail = fmt.Sprintf("build not known (version %q), %s", d.OperatingSystemVersion, joinWords(join))
		}
		findings = append(findings, f)
	}
	facts.Windows10ByJoin = byJoin.list(result.JoinEntra, result.JoinHybrid, result.JoinRegistered, result.JoinUnknown)
	out := Outcome{Findings: findings, Excluded: excluded, Facts: facts, Breakdown: []result.Count{
		{Label: "Windows 11", Value: facts.Windows11}, {Label: "Windows 10", Value: facts.Windows10}, {Label: "Unknown", Value: facts.Unknown}}}
	if facts.Active == 0 {
		out.Status, out.Reason = result.StatusNotApplicable, "no active Windows device is registered in Entra ID"
		out.Summary = "Not applicable: " + out.Reason
		return out
	}
	// An unknown build may be either line: the score counts it as Windows 10,
	// the best case as Windows 11.
	out.Score = ratio(facts.Windows11, facts.Active)
	if facts.Unknown > 0 {
		out.Bounds = &result.Bounds{Low: out.Score, High: ratio(facts.Windows11+facts.Unknown, facts.Active)}
	}
	out.Summary = fmt.Sprintf("%s of %s run Windows 10 (%d on Windows 11, %d unknown)", pct(facts.Windows10, facts.Active),
		plural(facts.Active, "active Windows PC", "active Windows PCs"), facts.Windows11, facts.Unknown)
	switch {
	case facts.Windows10 == 0 && facts.Unknown == 0:
		out.Status = result.StatusPass
	case ratio(facts.Windows10, facts.Active) <= 0.25:
		out.Status = result.StatusWarn
	default:
		out.Status = result.StatusFail
	}
	return out
}

// joinWords names a join state in a finding's detail.
func joinWords(join string) string {
	switch join {
	case result.JoinEntra:
		return "Entra joined"
	case result.JoinHybrid:
		return "hybrid joined"
	case result.JoinRegistered:
		return "only registered"
	}
	return "join state unknown"
}
