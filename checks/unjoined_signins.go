package checks

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idUnjoinedSignIns = "CTX-002"

// UnjoinedSignIns answers the move's first question from the sign-in log:
// who still works on Windows PCs that are not joined to Entra ID. Context,
// weight 0: DEV-001 already scores the devices, and the log is off by
// default (--signin-log).
var UnjoinedSignIns = Check{
	ID:       idUnjoinedSignIns,
	Title:    "Sign-ins from unjoined Windows PCs (context)",
	Category: result.CategoryDevices,
	Severity: result.SeverityLow,
	Weight:   0,
	Why: "The device list shows which PCs Entra knows; the sign-in log shows where people actually work. A person " +
		"whose Windows sign-ins come from a PC that is only registered, or that Entra does not know at all (a " +
		"personal or local-account PC, through a browser or Office), is someone whose PC and files have to move.",
	Remediation: []string{
		"Plan each person listed into a move wave (m365ready plan): back up their files to OneDrive, then join the PC to Entra ID, or give them a new PC that arrives joined through Autopilot.",
		"Once the PCs are joined, a Conditional Access policy requiring a compliant or joined device (DEV-003) stops sign-ins from the rest.",
	},
	Links:    []string{"https://learn.microsoft.com/entra/identity/monitoring-health/concept-sign-ins"},
	Requires: []tenant.Dataset{tenant.DatasetSignInLog},
	Licences: []string{"Microsoft Entra ID P1 (the sign-in log through Graph)"},
	Scope: "Windows sign-ins in the sign-in log of the last days (--signin-log-days, default 7) by device trust: Entra joined, hybrid " +
		"joined, registered only, or unknown to Entra; read only with --signin-log, within a page budget",
	Thresholds: "context only: weight 0; lists each person with Windows sign-ins from a PC that is not joined",
	Codes:      []result.CodeInfo{codeSignInUnjoined},
	FactsType:  (*result.SignInLogFacts)(nil),
	Evaluate:   evalUnjoinedSignIns,
}

func evalUnjoinedSignIns(e *Env) Outcome {
	log := required(e.Snap.SignInLog.Get())
	facts := &result.SignInLogFacts{Days: log.Days, Since: log.Since, Complete: log.Complete, Pages: log.Pages, Events: log.Events,
		WindowsEvents: log.Windows, OldestRead: log.OldestRead}
	type person struct {
		upn           string
		count, joined int
		devices       []string
		last          *time.Time
	}
	people := map[string]*person{}
	for _, d := range log.Devices {
		p := people[d.UserID]
		if p == nil {
			p = &person{upn: d.UserPrincipalName}
			people[d.UserID] = p
		}
		switch trustOf(d.TrustType) {
		case result.JoinEntra, result.JoinHybrid:
			p.joined += d.Count
			facts.FromJoined += d.Count
			continue
		case result.JoinRegistered:
			facts.FromRegistered += d.Count
			p.devices = append(p.devices, orUnnamed(d.DeviceName)+" (registered only)")
		default:
			facts.FromUnknown += d.Count
			p.devices = append(p.devices, "a PC Entra does not know")
		}
		p.count += d.Count
		if d.Last != nil && (p.last == nil || d.Last.After(*p.last)) {
			p.last = d.Last
		}
	}
	var findings []result.Finding
	for id, p := range people {
		facts.People++
		if p.count == 0 {
			continue
		}
		facts.Unjoined++
		sort.Strings(p.devices)
		f := result.Finding{Code: codeSignInUnjoined.Code, ObjectType: "user", ObjectID: id, Name: p.upn, Severity: result.SeverityLow,
			Detail: fmt.Sprintf("%s from %s", plural(p.count, "Windows sign-in", "Windows sign-ins"), strings.Join(slices.Compact(p.devices), ", ")),
			Attrs:  &result.FindingAttrs{Count: p.count, Total: p.count + p.joined, LastSeen: p.last}}
		findings = append(findings, f)
	}
	out := Outcome{Status: result.StatusInfo, Facts: facts, Findings: findings, Breakdown: []result.Count{
		{Label: "From joined PCs", Value: facts.FromJoined}, {Label: "From registered-only PCs", Value: facts.FromRegistered},
		{Label: "From PCs Entra does not know", Value: facts.FromUnknown}}}
	read := fmt.Sprintf("the last %d days", log.Days)
	if !log.Complete {
		read = fmt.Sprintf("%s (page budget spent after %d pages: read back to %s only)", read, log.Pages, dateOr(log.OldestRead, "the start"))
	}
	out.Summary = fmt.Sprintf("Context, not scored: %d of %s signed in to Windows from a PC that is not joined, in %s",
		facts.Unjoined, plural(facts.People, "person with Windows sign-ins", "people with Windows sign-ins"), read)
	return out
}

// trustOf reads the sign-in log's trustType, which names join states in
// words rather than as the device list's trustType does.
func trustOf(t string) string {
	switch strings.ToLower(t) {
	case "azure ad joined", "microsoft entra joined":
		return result.JoinEntra
	case "hybrid azure ad joined", "microsoft entra hybrid joined":
		return result.JoinHybrid
	case "azure ad registered", "microsoft entra registered":
		return result.JoinRegistered
	}
	return result.JoinUnknown
}

func dateOr(t *time.Time, otherwise string) string {
	if t == nil {
		return otherwise
	}
	return t.UTC().Format("2006-01-02 15:04 MST")
}

func orUnnamed(name string) string {
	if name == "" {
		return "an unnamed PC"
	}
	return name
}
