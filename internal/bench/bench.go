// Package bench measures what an audit costs against synthetic tenants served
// by the emulator: requests against the fewest the data allows, wall time
// against the bound the latency model implies, peak memory of the m365ready
// process, and CPU time of evaluating and rendering.
package bench

import (
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Emulator page sizes (its defaults and $top limits, mirroring Graph's).
const (
	directoryPage = 999 // users and groups with $top=999
	expandPage    = 100 // devices: $expand=registeredOwners caps a directory page at 100
	// registrationPage: the report takes $top (Microsoft's v1.0 metadata,
	// TopSupported on microsoft.graph.userRegistrationDetails); its maximum
	// is undocumented, and the emulator takes 999 like the directory.
	registrationPage = 999
	defaultPage      = 100  // endpoints without $top: role assignments, sites
	intunePage       = 1000 // Intune's default page: managed devices
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

// Minimum counts requests per dataset and the least time Graph's published
// limits need to answer them. Two are computed: Plan, the collector's own
// (pinned by internal/graph's efficiency test as a regression check), and
// DocumentedMinimum, worked out from the tenant's records and Microsoft's
// documented page sizes alone; the bench compares a run with the second.
type Minimum struct {
	Total      int
	PerDataset map[tenant.Dataset]int
	// Throttle is the least time Graph's published limits need to answer
	// those requests (https://learn.microsoft.com/graph/throttling-limits),
	// before any time scaling.
	Throttle time.Duration
}

// Plan is the collector's plan for a fixture, request by request: the
// registration report when the tenant has Entra ID P1, else per-person
// method lookups 20 to a batch. It is not a minimum: it is what the
// collector is meant to send, and a regression test holds it to that.
func Plan(f *emulator.Fixture, premium bool) Minimum {
	return PlanWithLookups(f, premium, batchSize)
}

// PlanWithLookups is Plan when a request can carry no more than perRequest
// method lookups: under a limit of 5 requests per 10 s that counts every
// batch item, no batch gets more than 5 of its items answered.
func PlanWithLookups(f *emulator.Fixture, premium bool, perRequest int) Minimum {
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
	set(tenant.DatasetDevices, ceilDiv(windows, expandPage))
	set(tenant.DatasetIntune, 1)
	if premium {
		set(tenant.DatasetManagedDevices, ceilDiv(len(d.ManagedDevices.Items), intunePage))
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
	// LAPS backups and BitLocker keys: Graph's default page (the key list
	// takes no $top; the backups' largest page is not documented).
	set(tenant.DatasetLocalCredentials, ceilDiv(len(d.LocalCredentials.Items), defaultPage))
	set(tenant.DatasetRecoveryKeys, ceilDiv(len(d.RecoveryKeys.Items), defaultPage))
	// The sign-in log: 1,000 to a page, up to the page budget.
	set(tenant.DatasetSignInLog, min(ceilDiv(signInEvents(d), signInPage), collect.DefaultSignInLogPages))
	// Intune's lists: its 1,000 default page (one request without Intune).
	set(tenant.DatasetEnrollmentConfigs, ceilDiv(len(d.EnrollmentConfigs.Items), intunePage))
	set(tenant.DatasetCompliancePolicies, ceilDiv(len(d.CompliancePolicies.Items), intunePage))
	set(tenant.DatasetAutopilotDevices, ceilDiv(len(d.AutopilotDevices.Items), intunePage))
	for _, ds := range []tenant.Dataset{tenant.DatasetReportSettings, tenant.DatasetSecurityDefaults, tenant.DatasetConditionalAccess,
		tenant.DatasetAuthMethodsPolicy, tenant.DatasetDeviceRegistration, tenant.DatasetAuthorizationPolicy} {
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

// Documented page sizes: the most records one request returns, as Microsoft
// documents them, independent of the collector and of the emulator.
const (
	// "between 1 and 999" for users, groups and devices
	// (https://learn.microsoft.com/graph/api/user-list, .../group-list).
	docDirectoryPage = 999
	// "$expand on directory objects returns a maximum of 100 objects" a
	// page (https://learn.microsoft.com/graph/query-parameters#expand-parameter):
	// devices with their registered owners.
	docExpandPage = 100
	// signInActivity: "500 users per page" with it selected
	// (https://learn.microsoft.com/graph/throttling-limits, identity and access reports).
	docSignInPage = 500
	// userRegistrationDetails takes $top (TopSupported in the v1.0 metadata);
	// its largest value is not documented, so the directory's is assumed.
	docRegistrationPage = 999
	// A $batch carries at most 20 requests (https://learn.microsoft.com/graph/json-batching).
	docBatch = 20
	// Collections with no documented maximum (role assignments, sites,
	// LAPS backups, BitLocker keys):
	// Graph's default page.
	docDefaultPage = 100
	// The sign-in log: "The maximum and default page size is 1,000"
	// (https://learn.microsoft.com/graph/api/signin-list).
	docSignInLogPage = 1000
	// Intune answers managed devices 1,000 to a page; Learn does not say,
	// a Microsoft engineer did (microsoftgraph/powershell-intune-samples#2).
	docIntunePage = 1000
)

// DocumentedMinimum is the fewest requests that return a tenant's data, from
// its records and Microsoft's documented page sizes only: every collection
// at its largest page, per-object reads 20 to a $batch, nothing refused.
// Reading per person or per group what no collection returns (a person's
// methods without P1; a group's owners, whose $expand stops at 20, and its
// site) is one batch item each. Throttle is the least time the published
// limits need for those requests: the registration report's 5 per 10 s,
// signInActivity's 10 per minute; per-person method lookups without P1 at
// perRequest items a request (5 when they count against the reports limit).
func DocumentedMinimum(f *emulator.Fixture, premium bool, perRequest int) Minimum {
	d := f.Data
	m := Minimum{PerDataset: map[tenant.Dataset]int{}}
	set := func(ds tenant.Dataset, n int) { m.PerDataset[ds] = n; m.Total += n }
	pages := func(n, size int) int { return ceilDiv(n, size) }
	enabled, enabledMembers := 0, 0
	for _, u := range d.Users.Items {
		if u.AccountEnabled {
			enabled++
			if u.UserType == "Member" {
				enabledMembers++
			}
		}
	}
	set(tenant.DatasetOrganization, 1)
	set(tenant.DatasetSubscribedSKUs, 1)
	set(tenant.DatasetUsers, pages(len(d.Users.Items), docDirectoryPage))
	if premium {
		n := pages(enabled, docRegistrationPage)
		set(tenant.DatasetMFARegistration, n)
		m.Throttle = max(m.Throttle, windows(n, 5, 10*time.Second))
		s := pages(len(d.Users.Items), docSignInPage)
		set(tenant.DatasetSignInActivity, s)
		m.Throttle = max(m.Throttle, windows(s, 10, time.Minute))
		set(tenant.DatasetConditionalAccess, 1)
		set(tenant.DatasetManagedDevices, pages(len(d.ManagedDevices.Items), docIntunePage))
		set(tenant.DatasetIntune, 1)
	} else {
		// The licence is known from subscribedSkus: nothing refused is asked.
		per := min(docBatch, perRequest)
		set(tenant.DatasetMFARegistration, pages(enabledMembers, per))
		if perRequest < docBatch {
			m.Throttle = max(m.Throttle, windows(enabledMembers, 5, 10*time.Second))
		}
	}
	set(tenant.DatasetRoleAssignments, pages(len(d.RoleAssignments.Items), docDefaultPage))
	windowsPCs := 0
	for _, dev := range d.Devices.Items {
		if strings.EqualFold(dev.OperatingSystem, "Windows") {
			windowsPCs++
		}
	}
	set(tenant.DatasetDevices, pages(windowsPCs, docExpandPage))
	groups := pages(len(d.Groups.Items), docDirectoryPage)
	if len(d.Groups.Items) > 0 {
		groups += pages(2*len(d.Groups.Items), docBatch)
	}
	set(tenant.DatasetGroups, groups)
	set(tenant.DatasetSites, pages(len(d.Sites.Items), docDefaultPage))
	set(tenant.DatasetSiteUsage, 2)     // the redirect and the download
	set(tenant.DatasetOneDriveUsage, 2) // likewise
	set(tenant.DatasetLocalCredentials, pages(len(d.LocalCredentials.Items), docDefaultPage))
	set(tenant.DatasetRecoveryKeys, pages(len(d.RecoveryKeys.Items), docDefaultPage))
	set(tenant.DatasetSignInLog, min(pages(signInEvents(d), docSignInLogPage), collect.DefaultSignInLogPages))
	set(tenant.DatasetEnrollmentConfigs, pages(len(d.EnrollmentConfigs.Items), docIntunePage))
	set(tenant.DatasetCompliancePolicies, pages(len(d.CompliancePolicies.Items), docIntunePage))
	set(tenant.DatasetAutopilotDevices, pages(len(d.AutopilotDevices.Items), docIntunePage))
	for _, ds := range []tenant.Dataset{tenant.DatasetGroupSettings, tenant.DatasetSecureScores, tenant.DatasetReportSettings,
		tenant.DatasetSecurityDefaults, tenant.DatasetAuthMethodsPolicy, tenant.DatasetDeviceRegistration, tenant.DatasetAuthorizationPolicy} {
		set(ds, 1)
	}
	return m
}

// signInPage is the page the collector asks of the sign-in log.
const signInPage = 1000

// signInEvents counts the sign-ins a fixture's log serves.
func signInEvents(d *tenant.Snapshot) int {
	n := 0
	if v := d.SignInLog.Value; v != nil {
		for _, x := range v.Devices {
			n += x.Count
		}
	}
	return n
}
