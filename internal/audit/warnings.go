package audit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// configWarnings says which configuration entries matched nothing, so a
// typo in an accepted risk or an account does not go unnoticed: an active
// accepted risk whose evaluated check has no finding it covered, and an
// account that is no user of the tenant. It also counts each acceptance's
// matches in the report.
func configWarnings(s *tenant.Snapshot, r *result.Report, settings checks.Settings) []result.Warning {
	out := []result.Warning{}
	evaluated := map[string]bool{}
	for _, c := range r.Checks {
		evaluated[c.Check.ID] = c.Status.Evaluated()
		for _, list := range [][]result.Finding{c.Findings, c.Excluded} {
			for _, f := range list {
				if f.Accepted == nil {
					continue
				}
				for i := range r.Acceptances {
					a := &r.Acceptances[i]
					if strings.EqualFold(a.Check, c.Check.ID) && strings.EqualFold(a.Object, f.Accepted.Object) {
						a.Matched++
					}
				}
			}
		}
	}
	for _, a := range r.Acceptances {
		if a.Expired || a.Matched > 0 || !evaluated[strings.ToUpper(a.Check)] {
			continue
		}
		out = append(out, result.Warning{Code: result.WarningAcceptedRiskUnmatched, Subject: a.Object, CheckID: strings.ToUpper(a.Check),
			Message: fmt.Sprintf("accepted risk for %s (%s) matches nothing the check found; check the object's name, id or URL", a.Object, strings.ToUpper(a.Check))})
	}
	if users, err := s.Users.Get(); err == nil && len(settings.Accounts) > 0 {
		known := make(map[string]bool, 2*len(users))
		for _, u := range users {
			known[strings.ToLower(u.ID)] = true
			known[strings.ToLower(u.UserPrincipalName)] = true
		}
		var missing []string
		for key := range settings.Accounts {
			if !known[key] {
				missing = append(missing, key)
			}
		}
		sort.Strings(missing)
		for _, key := range missing {
			out = append(out, result.Warning{Code: result.WarningAccountUnmatched, Subject: key,
				Message: fmt.Sprintf("configured account %s (%s) is no user of this tenant; check the UPN or object id", key, settings.Accounts[key])})
		}
	}
	return out
}
