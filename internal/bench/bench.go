// Package bench measures what an audit costs against synthetic tenants served
// by the emulator: requests against the fewest the data allows, wall time
// against the bound the latency model implies, peak memory of the m365ready
// process, and CPU time of evaluating and rendering.
package bench

import (
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Emulator page sizes (its defaults and $top limits, mirroring Graph's).
const (
	directoryPage = 999 // users, groups, devices with $top=999
	defaultPage   = 100 // endpoints without $top: registration report, role assignments, managed devices, sites
	batchSize     = 20
	batchParallel = 4 // $batch requests the collector keeps in flight per dataset
)

func ceilDiv(a, b int) int {
	if a <= 0 {
		return 1 // an empty collection is still one request
	}
	return (a + b - 1) / b
}

// Minimum is the fewest requests that return the fixture's data at the
// emulator's page limits, per dataset; Chain is the longest run of requests
// that must follow one another (paging, then dependent batches).
type Minimum struct {
	Total, Chain int
	PerDataset   map[tenant.Dataset]int
}

// MinimumRequests works out Minimum for a fixture, for the collector's plan:
// the registration report when the tenant has Entra ID P1, else per-person
// method lookups 20 to a batch.
func MinimumRequests(f *emulator.Fixture, premium bool) Minimum {
	d := f.Data
	m := Minimum{PerDataset: map[tenant.Dataset]int{}}
	enabledMembers := 0
	for _, u := range d.Users.Items {
		if u.AccountEnabled && u.UserType == "Member" {
			enabledMembers++
		}
	}
	enabled := 0
	for _, u := range d.Users.Items {
		if u.AccountEnabled {
			enabled++
		}
	}
	users := ceilDiv(len(d.Users.Items), directoryPage)
	set := func(ds tenant.Dataset, n int) { m.PerDataset[ds] = n; m.Total += n }
	set(tenant.DatasetOrganization, 1)
	set(tenant.DatasetSubscribedSKUs, 1)
	set(tenant.DatasetUsers, users)
	mfaChain := 0
	if premium {
		n := ceilDiv(enabled, defaultPage)
		set(tenant.DatasetMFARegistration, n)
		mfaChain = n
	} else {
		b := ceilDiv(enabledMembers, batchSize)
		set(tenant.DatasetMFARegistration, 1+b) // the refused report, then the batches
		mfaChain = 1 + users + ceilDiv(b, batchParallel)
	}
	if premium {
		set(tenant.DatasetSignInActivity, ceilDiv(len(d.Users.Items), 500))
	} else {
		set(tenant.DatasetSignInActivity, 1) // refused without P1
	}
	set(tenant.DatasetRoleAssignments, ceilDiv(len(d.RoleAssignments.Items), defaultPage))
	set(tenant.DatasetRoleEligibilities, 1)
	set(tenant.DatasetDevices, ceilDiv(len(d.Devices.Items), directoryPage))
	set(tenant.DatasetIntune, 1)
	if premium {
		set(tenant.DatasetManagedDevices, ceilDiv(len(d.ManagedDevices.Items), defaultPage))
	} else {
		set(tenant.DatasetManagedDevices, 1)
	}
	groupBatches := 0
	if len(d.Groups.Items) > 0 {
		groupBatches = ceilDiv(2*len(d.Groups.Items), batchSize)
	}
	set(tenant.DatasetGroups, ceilDiv(len(d.Groups.Items), directoryPage)+groupBatches)
	set(tenant.DatasetSites, ceilDiv(len(d.Sites.Items), defaultPage))
	set(tenant.DatasetSiteUsage, 2)     // the 302 and the download
	set(tenant.DatasetOneDriveUsage, 2) // likewise
	set(tenant.DatasetGroupSettings, 1)
	set(tenant.DatasetSecureScores, 1)
	for _, ds := range []tenant.Dataset{tenant.DatasetReportSettings, tenant.DatasetSecurityDefaults, tenant.DatasetConditionalAccess, tenant.DatasetAuthMethodsPolicy} {
		set(ds, 1)
	}
	m.Chain = max(mfaChain, users, m.PerDataset[tenant.DatasetDevices], m.PerDataset[tenant.DatasetSites],
		ceilDiv(len(d.Groups.Items), directoryPage)+ceilDiv(groupBatches, batchParallel), m.PerDataset[tenant.DatasetManagedDevices])
	return m
}
