// Package bench measures what an audit costs against synthetic tenants served
// by the emulator: requests against the fewest the data allows, wall time
// against the bound the latency model implies, peak memory of the m365ready
// process, and CPU time of evaluating and rendering.
package bench

import (
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Emulator page sizes (its defaults and $top limits, mirroring Graph's).
const (
	directoryPage = 999 // users, groups, devices with $top=999
	// registrationPage: the report takes $top (Microsoft's v1.0 metadata,
	// TopSupported on microsoft.graph.userRegistrationDetails); its maximum
	// is undocumented, and the emulator takes 999 like the directory.
	registrationPage = 999
	defaultPage      = 100 // endpoints without $top: role assignments, managed devices, sites
	batchSize        = 20
)

// windows is how long n requests take under a limit of max per window: the
// first window is free.
func windows(n, max int, per time.Duration) time.Duration {
	return time.Duration(ceilDiv(n, max)-1) * per
}

// minTimeScale keeps the shortest binding window (the identity reports' 10 s)
// at 20 ms or more of wall time: below that, timer jitter on a busy machine
// is a sizeable part of a window and the run measures the machine, not the
// client.
const minTimeScale = 0.002

// TimeScaleFor runs a tenant's benchmark in about target: real time when its
// throttle bound is shorter, else scaled down so the bound takes target.
func TimeScaleFor(m Minimum, target time.Duration) float64 {
	if m.Throttle <= target {
		return 1
	}
	return max(minTimeScale, float64(target)/float64(m.Throttle))
}

func ceilDiv(a, b int) int {
	if a <= 0 {
		return 1 // an empty collection is still one request
	}
	return (a + b - 1) / b
}

// Minimum is the fewest requests that return the fixture's data at the
// emulator's page limits, per dataset.
type Minimum struct {
	Total      int
	PerDataset map[tenant.Dataset]int
	// Throttle is the least time Graph's published limits need to answer
	// those requests (https://learn.microsoft.com/graph/throttling-limits),
	// before any time scaling.
	Throttle time.Duration
}

// MinimumRequests works out Minimum for a fixture, for the collector's plan:
// the registration report when the tenant has Entra ID P1, else per-person
// method lookups 20 to a batch.
func MinimumRequests(f *emulator.Fixture, premium bool) Minimum {
	return MinimumWithLookups(f, premium, batchSize)
}

// MinimumWithLookups is MinimumRequests when a request can carry no more than
// perRequest method lookups: under a limit of 5 requests per 10 s that counts
// every batch item, no batch gets more than 5 of its items answered.
func MinimumWithLookups(f *emulator.Fixture, premium bool, perRequest int) Minimum {
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
	if premium {
		n := ceilDiv(enabled, registrationPage)
		set(tenant.DatasetMFARegistration, n)
		m.Throttle = max(m.Throttle, windows(n, 5, 10*time.Second)) // identity reports
	} else {
		b := ceilDiv(enabledMembers, min(batchSize, perRequest))
		if perRequest < batchSize { // lookups count against the identity reports limit
			m.Throttle = max(m.Throttle, windows(enabledMembers, 5, 10*time.Second))
		} else if units := enabledMembers + 2*len(d.Users.Items)/directoryPage; units > 8000 {
			m.Throttle = max(m.Throttle, time.Duration(units-8000)*10*time.Second/8000) // directory resource units
		}
		set(tenant.DatasetMFARegistration, 1+b) // the refused report, then the batches
	}
	if premium {
		n := ceilDiv(len(d.Users.Items), 500)
		set(tenant.DatasetSignInActivity, n)
		m.Throttle = max(m.Throttle, windows(n, 10, time.Minute))
	} else {
		set(tenant.DatasetSignInActivity, 1) // refused without P1
	}
	set(tenant.DatasetRoleAssignments, ceilDiv(len(d.RoleAssignments.Items), defaultPage))
	set(tenant.DatasetRoleEligibilities, 1)
	windows := 0 // the collector asks for Windows devices only
	for _, dev := range d.Devices.Items {
		if strings.EqualFold(dev.OperatingSystem, "Windows") {
			windows++
		}
	}
	set(tenant.DatasetDevices, ceilDiv(windows, directoryPage))
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
	return m
}

// LatencyBound is the least wall time the answers' own latency allows for the
// requests in a run's log: the pages of one collection follow one another
// (each needs the last one's nextLink), and the batches that hang on a
// collection (owners on groups, methods on users) come after its pages,
// parallel of them side by side.
func LatencyBound(reqs []emulator.Request, parallel int) time.Duration {
	pages := map[string]time.Duration{}
	batches := map[string]time.Duration{}
	kind := ""
	for _, r := range reqs {
		if r.Origin != "graph" {
			continue
		}
		switch {
		case r.InBatch:
			kind = collectionOf(r.Path)
		case r.Path == "/v1.0/$batch":
			// Items are logged before their batch; batches in flight
			// together interleave, so a batch goes with the latest items.
			batches[kind] += r.Latency
		default:
			key := r.Path
			if strings.Contains(strings.ToLower(r.Query), "signinactivity") {
				key += " (signInActivity)" // its own pass over /users
			}
			pages[key] += r.Latency
		}
	}
	var bound time.Duration
	for _, d := range pages {
		bound = max(bound, d)
	}
	for parent, d := range batches {
		bound = max(bound, pages[parent]+d/time.Duration(max(1, parallel)))
	}
	return bound
}

// collectionOf is the collection a batch item hangs on: /v1.0/users for
// /v1.0/users/{id}/authentication/methods.
func collectionOf(path string) string {
	rest, _ := strings.CutPrefix(path, "/v1.0/")
	first, _, _ := strings.Cut(rest, "/")
	return "/v1.0/" + first
}
