package checks

import (
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/tenant"
)

// userFinding is a finding about an account: its display name and UPN.
func userFinding(a *Account, c result.CodeInfo, detail string) result.Finding {
	return result.Finding{Code: c.Code, ObjectType: "user", ObjectID: a.User.ID, Name: a.DisplayName(), UPN: a.User.UserPrincipalName,
		Class: string(a.Class), Detail: detail}
}

// personRef names an account in facts.
func personRef(a *Account) result.PersonRef {
	return result.PersonRef{ID: a.User.ID, DisplayName: a.DisplayName(), UPN: a.User.UserPrincipalName, Class: string(a.Class)}
}

func intPtr(n int) *int { return &n }

// tenantFinding is a finding about a tenant-wide setting, named by where
// an admin finds it ("Device settings", "Intune compliance").
func tenantFinding(c result.CodeInfo, name string, sev result.Severity, detail string) result.Finding {
	return result.Finding{Code: c.Code, ObjectType: "tenant", Name: name, Severity: sev, Detail: detail}
}

// tenantCaps is what the tenant's active subscriptions give, together.
func tenantCaps(list []tenant.SubscribedSKU) skus.Capabilities {
	var caps skus.Capabilities
	for _, k := range list {
		if skus.Active(k) {
			caps = caps.Or(skus.OfSKU(k))
		}
	}
	return caps
}

// withSeverity sets a finding's severity.
func withSeverity(f result.Finding, sev result.Severity) result.Finding {
	f.Severity = sev
	return f
}

// excludedAccounts lists the enabled member accounts a people-counting check
// leaves out, with why, so nothing is dropped silently.
func excludedAccounts(d *Directory) []result.Finding {
	var out []result.Finding
	for _, a := range d.All {
		switch a.Class {
		case ClassPerson, ClassGuest, ClassDisabled:
			continue
		}
		detail := string(a.Class)
		if a.Evidence != "" {
			detail += " (" + a.Evidence + ")"
		}
		out = append(out, withSeverity(userFinding(a, codeNotCounted, "not counted: "+detail), result.SeverityInfo))
	}
	return out
}

// splitAccepted moves findings covered by an active accepted risk to the
// excluded list, marked with the acceptance. It filters fs in place (the
// callers drop fs): a 100,000-person tenant's findings are not copied to
// remove none.
func splitAccepted(e *Env, checkID string, fs []result.Finding) (kept, accepted []result.Finding) {
	kept = fs[:0]
	for _, f := range fs {
		if a := e.accepted(checkID, f.ObjectID, f.Name, f.UPN); a != nil {
			f.Accepted = a
			f.Detail = "accepted risk: " + f.Detail
			accepted = append(accepted, f)
			continue
		}
		kept = append(kept, f)
	}
	return kept, accepted
}

// verdict grades a share-based check: pass when nothing is missing, warn
// from warnAt up, fail below.
func verdict(complete bool, score, warnAt float64) result.Status {
	switch {
	case complete:
		return result.StatusPass
	case score >= warnAt:
		return result.StatusWarn
	}
	return result.StatusFail
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// acceptedPeople takes the people covered by an active accepted risk for a
// check out of its population, listing them as excluded with the acceptance.
func acceptedPeople(e *Env, checkID string, people []*Account) (kept []*Account, excluded []result.Finding) {
	for _, a := range people {
		if acc := e.accepted(checkID, a.User.ID, a.User.UserPrincipalName); acc != nil {
			f := withSeverity(userFinding(a, codeAccepted, "accepted risk: "+acc.Reason+" (owner "+acc.Owner+", until "+acc.Expires+")"), result.SeverityInfo)
			f.Accepted = acc
			excluded = append(excluded, f)
			continue
		}
		kept = append(kept, a)
	}
	return kept, excluded
}

// required returns the records of a dataset the check lists in Requires (or
// has asked Env.Have for): Run skips a check whose required data was not
// collected, so an error here is a bug in the check, and becomes its error
// result rather than an empty list.
func required[T any](items T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("a dataset the check relies on is unavailable: %v", err))
	}
	return items
}

// skuNames lists licences by Microsoft's product name, part numbers beside.
func skuNames(parts []string) string {
	if len(parts) == 0 {
		return "no paid licence"
	}
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = skus.ProductLabel(p)
	}
	return strings.Join(names, ", ")
}
