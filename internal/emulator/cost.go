package emulator

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// CostModel makes the emulator as slow and as strict as Microsoft's
// published limits (https://learn.microsoft.com/graph/throttling-limits):
// latency that grows with the size of
// the answer, the directory's resource-unit bucket, and the request-count
// limits of the identity reports, sign-in activity, Conditional Access,
// Intune, usage reports and Secure Score. A request over a limit is answered
// 429 with Retry-After (none for Conditional Access, as Graph sends none) and
// x-ms-throttle-scope; answers under a limit carry
// x-ms-throttle-limit-percentage once 80% of it is used.
//
// TimeScale runs the model faster than real time: at 0.01 every window,
// latency and Retry-After is a hundredth of Graph's, so a benchmark takes
// minutes and keeps every ratio. SharePoint's own resource-unit model is not
// modelled (sites are not limited here).
type CostModel struct {
	TimeScale    float64       // real time per emulated time; 0 means 1
	Latency      time.Duration // per HTTP exchange, emulated
	LatencyPerKB time.Duration // per KiB of answer, emulated
	// MethodsAsReports puts per-person authentication method lookups in the
	// identity reports limit (5 per 10 s), one reading of Microsoft's table
	// (https://learn.microsoft.com/graph/throttling-limits lists
	// authenticationMethod under identity and access reports); Microsoft does
	// not say which bucket per-person lookups use.
	MethodsAsReports bool
}

func (m *CostModel) scale() float64 {
	if m == nil || m.TimeScale <= 0 {
		return 1
	}
	return m.TimeScale
}

// Real converts an emulated duration to wall time.
func (m *CostModel) Real(d time.Duration) time.Duration {
	return time.Duration(float64(d) * m.scale())
}

// latency is how long an answer of n bytes takes, in wall time. It is per
// HTTP exchange: Graph works on a batch's items side by side.
func (m *CostModel) latency(n int) time.Duration {
	if m == nil {
		return 0
	}
	return m.Real(m.Latency + time.Duration(float64(m.LatencyPerKB)*float64(n)/1024))
}

// limit is one published limit: a fixed window of requests, or a token
// bucket of resource units when refill is set.
type limit struct {
	name    string // x-ms-throttle-scope, and the key in Bound
	per     time.Duration
	max     float64
	bucket  bool // token bucket refilled continuously (directory resource units)
	noRetry bool // 429 without Retry-After

	// state, in emulated time
	windowStart time.Duration
	used        float64
	tokens      float64
	last        time.Duration
	// admitted totals, for ThrottleBound
	requests int
	units    float64
	first    time.Duration // when the first request was admitted
}

// limiter holds the limits of one tenant and one app.
type limiter struct {
	model  *CostModel
	clock  func() time.Duration // emulated time since start
	mu     sync.Mutex
	limits map[string]*limit
}

func newLimiter(m *CostModel, people int) *limiter {
	ru := 8000.0 // large tenants (> 500 users)
	switch {
	case people < 50:
		ru = 3500
	case people <= 500:
		ru = 5000
	}
	start := time.Now()
	l := &limiter{model: m, limits: map[string]*limit{},
		clock: func() time.Duration { return time.Duration(float64(time.Since(start)) / m.scale()) }}
	add := func(x *limit) { x.tokens = x.max; l.limits[x.name] = x }
	add(&limit{name: "directory", per: 10 * time.Second, max: ru, bucket: true})
	add(&limit{name: "identityReports", per: 10 * time.Second, max: 5})
	add(&limit{name: "signInActivity", per: time.Minute, max: 10})
	add(&limit{name: "conditionalAccess", per: time.Second, max: 1, noRetry: true})
	add(&limit{name: "intuneDevices", per: 20 * time.Second, max: 2000})
	add(&limit{name: "intune", per: 20 * time.Second, max: 1000})
	add(&limit{name: "secureScore", per: time.Minute, max: 150})
	for _, fn := range []string{"getSharePointSiteUsageDetail", "getOneDriveUsageAccountDetail"} {
		add(&limit{name: "usageReports/" + fn, per: 10 * time.Minute, max: 14})
	}
	return l
}

// charge is what one request costs against one limit.
type charge struct {
	limit string
	units float64
}

// chargesFor maps a routed request to the limits it counts against, with the
// directory's resource-unit cost (base cost, −1 for $select, +1 for
// $expand, −1 for $top under 20, at least 1).
func (l *limiter) chargesFor(route string, q *query, params []string) []charge {
	ru := func(base float64) charge {
		c := base
		if _, ok := q.get("$select"); ok {
			c--
		}
		if _, ok := q.get("$expand"); ok {
			c++
		}
		if t, ok := q.get("$top"); ok {
			var n int
			if _, err := fmt.Sscan(t, &n); err == nil && n < 20 {
				c--
			}
		}
		return charge{"directory", math.Max(1, c)}
	}
	switch route {
	case "users":
		out := []charge{ru(2)}
		if sel, _ := q.get("$select"); strings.Contains(strings.ToLower(sel), "signinactivity") {
			out = append(out, charge{"signInActivity", 1})
		}
		return out
	case "subscribedSkus":
		return []charge{ru(3)}
	case "transitiveMembers":
		return []charge{ru(5)}
	case "organization", "devices", "groups", "groupOwners", "groupSettings", "roleAssignments",
		"roleEligibilityScheduleInstances", "securityDefaults", "authenticationMethodsPolicy",
		"deviceRegistrationPolicy", "deviceLocalCredentials", "recoveryKeys", "authorizationPolicy":
		return []charge{ru(1)}
	case "userRegistrationDetails", "signIns":
		return []charge{{"identityReports", 1}}
	case "authenticationMethods":
		if l.model.MethodsAsReports {
			return []charge{{"identityReports", 1}}
		}
		return []charge{ru(1)}
	case "conditionalAccess":
		return []charge{{"conditionalAccess", 1}}
	case "managedDevices":
		return []charge{{"intuneDevices", 1}}
	case "enrollmentConfigurations", "compliancePolicies", "autopilotDevices":
		return []charge{{"intune", 1}}
	case "deviceManagement":
		return []charge{{"intune", 1}}
	case "secureScores":
		return []charge{{"secureScore", 1}}
	case "usageReports":
		if len(params) > 0 {
			fn, _, _ := strings.Cut(params[0], "(")
			if _, ok := l.limits["usageReports/"+fn]; ok {
				return []charge{{"usageReports/" + fn, 1}}
			}
		}
	}
	return nil
}

// admit takes the charges if every limit has room. Otherwise nothing is taken
// and the answer is a 429 saying how long until the tightest limit has room.
// On success it returns the headers Graph adds near a limit.
func (l *limiter) admit(charges []charge) (map[string]string, *apiError) {
	if len(charges) == 0 {
		return nil, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock()
	var wait time.Duration
	var blocked *limit
	for _, c := range charges {
		x := l.limits[c.limit]
		x.advance(now)
		if w := x.waitFor(c.units, now); w > wait || (w > 0 && blocked == nil) {
			wait, blocked = w, x
		}
	}
	if blocked != nil {
		e := &apiError{status: http.StatusTooManyRequests, code: "TooManyRequests",
			message: "Too many requests. Please retry again later.",
			headers: map[string]string{"x-ms-throttle-scope": "Tenant_Application/" + blocked.name,
				"x-ms-throttle-information": "ResourceUnitLimitExceeded"}}
		if !blocked.noRetry {
			e.headers["Retry-After"] = retryAfterValue(l.model.Real(wait).Seconds())
		}
		return nil, e
	}
	pct := 0.0
	h := map[string]string{}
	for _, c := range charges {
		x := l.limits[c.limit]
		x.take(c.units, now)
		pct = math.Max(pct, x.usage())
		if x.bucket {
			h["x-ms-resource-unit"] = fmt.Sprint(c.units)
		}
	}
	if pct >= 0.8 {
		h["x-ms-throttle-limit-percentage"] = fmt.Sprintf("%.2f", pct)
	}
	return h, nil
}

// retryAfterValue writes seconds as Graph does, fractional when they are,
// rounded up to the millisecond so that a client waiting exactly that long
// is never early.
func retryAfterValue(sec float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", math.Ceil(sec*1000)/1000), "0"), ".")
}

func (x *limit) advance(now time.Duration) {
	if x.bucket {
		x.tokens = math.Min(x.max, x.tokens+x.max*float64(now-x.last)/float64(x.per))
		x.last = now
		return
	}
	if start := now - now%x.per; start != x.windowStart {
		x.windowStart, x.used = start, 0
	}
}

// waitFor is how long until units fit (0: now).
func (x *limit) waitFor(units float64, now time.Duration) time.Duration {
	if x.bucket {
		if x.tokens >= units {
			return 0
		}
		return time.Duration((units - x.tokens) / x.max * float64(x.per))
	}
	if x.used+units <= x.max {
		return 0
	}
	return x.windowStart + x.per - now
}

func (x *limit) take(units float64, now time.Duration) {
	if x.requests == 0 {
		x.first = now
	}
	x.requests++
	x.units += units
	if x.bucket {
		x.tokens -= units
	} else {
		x.used += units
	}
}

func (x *limit) usage() float64 {
	if x.bucket {
		return (x.max - x.tokens) / x.max
	}
	return x.used / x.max
}

// ThrottleBound is the least wall time Graph's limits allow for the requests
// this server admitted: for each limit, the windows (or the bucket refill)
// those requests needed beyond what was available at the start. Limits run
// side by side, so the bound is the largest; 0 without a cost model.
func (s *Server) ThrottleBound() (time.Duration, string) {
	if s.limiter == nil {
		return 0, ""
	}
	l := s.limiter
	l.mu.Lock()
	defer l.mu.Unlock()
	var bound time.Duration
	which := ""
	names := make([]string, 0, len(l.limits))
	for n := range l.limits {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		x := l.limits[n]
		var d time.Duration
		if x.bucket {
			if x.units > x.max {
				d = time.Duration((x.units - x.max) / x.max * float64(x.per))
			}
		} else if x.requests > 0 {
			// The last request can come no sooner than the window
			// ceil(n/max)−1 after the first request's.
			windows := time.Duration(math.Ceil(float64(x.requests)/x.max) - 1)
			d = max(0, x.first-x.first%x.per+windows*x.per-x.first)
		}
		if d > bound {
			bound, which = d, n
		}
	}
	return l.model.Real(bound), which
}

// costLatency waits the cost model's latency for resp and notes it in resp;
// false when the client went away meanwhile.
func (s *Server) costLatency(r *http.Request, resp *graphResp) bool {
	d := s.fixture.Faults.Cost.latency(len(resp.body))
	if d <= 0 {
		return true
	}
	resp.latency = d
	select {
	case <-time.After(d):
		return true
	case <-r.Context().Done():
		return false
	}
}
