package checks

import "github.com/m365ready/m365ready/internal/tenant"

// eachRoleHolder calls fn for every principal a collected role assignment
// names, active then eligible: the assignment's principal, and each member
// of a group principal (viaGroup). Role data the check could not read is
// recorded as missing (Env.Have): an administrator could hide there.
func eachRoleHolder(e *Env, fn func(p tenant.Principal, a tenant.RoleAssignment, eligible, viaGroup bool)) {
	for _, ds := range []struct {
		d        tenant.Dataset
		l        *tenant.List[tenant.RoleAssignment]
		eligible bool
	}{{tenant.DatasetRoleAssignments, &e.Snap.RoleAssignments, false}, {tenant.DatasetRoleEligibilities, &e.Snap.RoleEligibilities, true}} {
		if !e.Have(ds.d) {
			continue
		}
		for _, a := range required(ds.l.Get()) {
			fn(a.Principal, a, ds.eligible, false)
			for _, m := range a.GroupMembers {
				fn(m, a, ds.eligible, true)
			}
		}
	}
}

// privilegedUserIDs are users holding any privileged role, directly or
// through a group, active or eligible.
func privilegedUserIDs(e *Env) map[string]bool {
	out := map[string]bool{}
	eachRoleHolder(e, func(p tenant.Principal, _ tenant.RoleAssignment, _, viaGroup bool) {
		if viaGroup || p.Type == "user" {
			out[p.ID] = true
		}
	})
	return out
}
