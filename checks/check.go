// Package checks holds the readiness checks: values with a stable ID and
// metadata, and an Evaluate function that is a pure function of the tenant
// snapshot. The registry is one explicit list (Builtin).
package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Check is one readiness check.
type Check struct {
	ID       string // stable, never reused
	Title    string
	Category result.Category
	// Severity is critical, high, medium or low. A critical check that fails
	// caps the grade (internal/audit states the rule).
	Severity    result.Severity
	Weight      float64
	Why         string
	Remediation []string
	Links       []string
	// Requires are datasets without which the check is skipped.
	Requires []tenant.Dataset
	// Uses are datasets the check reads when they are there. A check sees
	// only the datasets it declares: every other one reads as not requested.
	Uses []tenant.Dataset
	// NoFallback are required datasets whose fallback source lacks what the
	// check needs (password-reset registration is only in the registration
	// report, not in per-person method lookups): read that way, the check
	// skips, and doctor says so beforehand.
	NoFallback []tenant.Dataset
	// Licences the checked feature needs (informational).
	Licences []string
	// Scope says in a line what the check looks at (the README's table).
	Scope string
	// Thresholds say where pass ends and warn and fail begin.
	Thresholds string
	// Codes are the finding codes it reports (codes.go).
	Codes []result.CodeInfo
	// FactsType is a nil pointer of the type its Outcome.Facts holds, so the
	// schema can describe it: (*result.MFAFacts)(nil).
	FactsType any
	Evaluate  func(*Env) Outcome
}

// Outcome is what Evaluate returns.
type Outcome struct {
	Status  result.Status
	Score   float64 // [0,1]; ignored unless Status is pass, warn or fail
	Summary string
	Reason  string
	// Bounds, when set, are the lowest and highest score the check could have
	// had with the data it lacked (people it could not look up, say). Data
	// recorded missing through Env.Have widens them to [0, 1] when unset.
	Bounds   *result.Bounds
	Findings []result.Finding
	Excluded []result.Finding
	// Action is the remediation step that fits what was found (default: the first).
	Action string
	// Breakdown counts what the check saw, for charts.
	Breakdown []result.Count
	// Facts is what the check established (a *result.XFacts value).
	Facts any
}

// Datasets is every dataset the check may read: Requires, then Uses.
func (c Check) Datasets() []tenant.Dataset {
	return append(append([]tenant.Dataset{}, c.Requires...), c.Uses...)
}

// Info is the check's metadata as the result model carries it.
func (c Check) Info() result.CheckInfo {
	info := result.CheckInfo{ID: c.ID, Title: c.Title, Category: c.Category, Severity: c.Severity, Weight: c.Weight,
		Why: c.Why, Remediation: c.Remediation, Links: c.Links, Licences: c.Licences, Thresholds: c.Thresholds,
		Codes: []result.FindingCode{}}
	for _, k := range c.Codes {
		info.Codes = append(info.Codes, k.Code)
	}
	for _, d := range c.Datasets() {
		info.Datasets = append(info.Datasets, string(d))
		for _, p := range collect.ApplicationPermissionsFor(d) {
			if !slices.Contains(info.Permissions, p) {
				info.Permissions = append(info.Permissions, p)
			}
		}
	}
	return info
}

// Builtin is the registry: every check, in report order. IDs are never reused.
func Builtin() []Check {
	return []Check{
		MFAMethods,
		MFAEnforced,
		LegacyAuth,
		AdminAccounts,
		SingleGlobalAdmin,
		AuthMethodsPolicy,
		SSPR,
		Dormant,
		EntraJoinedDevices,
		Windows10,
		LocalAdminsOnJoin,
		DeviceJoin,
		LAPS,
		BitLockerEscrow,
		IntuneAvailability,
		IntuneEnrolment,
		WindowsCompliance,
		DeviceAccess,
		LicenceMix,
		SiteOwnership,
		GuestHygiene,
		OneDriveInUse,
		GroupCreation,
		SecureScore,
		UnjoinedSignIns,
	}
}

// ByID finds a built-in check.
func ByID(id string) (Check, bool) {
	for _, c := range Builtin() {
		if strings.EqualFold(c.ID, id) {
			return c, true
		}
	}
	return Check{}, false
}

// Datasets lists what a set of checks reads (always the organization, for
// the report header), so a run collects nothing no selected check needs.
func Datasets(list []Check, skip []string) []tenant.Dataset {
	need := map[tenant.Dataset]bool{tenant.DatasetOrganization: true}
	for _, c := range list {
		if slices.ContainsFunc(skip, func(id string) bool { return strings.EqualFold(id, c.ID) }) {
			continue
		}
		for _, d := range c.Datasets() {
			need[d] = true
		}
	}
	var out []tenant.Dataset
	for _, d := range tenant.AllDatasets() {
		if need[d] {
			out = append(out, d)
		}
	}
	return out
}

// pct formats a share as a percentage.
func pct(num, den int) string {
	if den == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d%%", (num*100+den/2)/den)
}

func ratio(num, den int) float64 {
	if den == 0 {
		return 0
	}
	return float64(num) / float64(den)
}
