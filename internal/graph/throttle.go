package graph

import (
	"context"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	khttp "github.com/microsoft/kiota-http-go"
)

// Graph throttles per service (https://learn.microsoft.com/graph/throttling-limits): the directory's resource
// units, the identity reports, sign-in activity, Conditional Access, Intune,
// each usage report. A 429 from one says nothing about the others, so the
// collector keeps a gate per service:
//
//   - after a 429 every request to that service waits out the Retry-After,
//     not only the refused one, so the run's other requests to it do not
//     each collect a 429 of their own;
//   - while its answers say the limit is nearly used up
//     (x-ms-throttle-limit-percentage ≥ nearLimit), requests to it go one at
//     a time; when the header goes away they go side by side again.
type gates struct {
	mu sync.Mutex
	by map[string]*gate
}

type gate struct {
	until time.Time     // no request before this
	near  bool          // the last answer said the limit is nearly used
	one   chan struct{} // held by the request in flight while near

	// A limit counted in fixed windows says when it opens again only in a
	// 429's Retry-After. Once two Retry-Afters in a row have ended the same
	// period apart, the gate knows the window: when an answer then says the
	// limit is used up, it waits for the next window instead of spending a
	// request to be told so.
	opens  time.Time     // when the last Retry-After ended
	period time.Duration // confirmed window length (0: not known)
	guess  time.Duration // the last measured interval, awaiting confirmation
	anchor time.Time     // the first opening of the confirmed rhythm
}

// rhythm returns the service's learned window (0 when not known).
func (g *gates) rhythm(service string) time.Duration {
	x := g.get(service)
	g.mu.Lock()
	defer g.mu.Unlock()
	return x.period
}

// nearLimit is the x-ms-throttle-limit-percentage (a fraction; Graph sends it
// from 0.8) from which requests to the service are sent one at a time.
const nearLimit = 0.9

func newGates() *gates { return &gates{by: map[string]*gate{}} }

func (g *gates) get(service string) *gate {
	g.mu.Lock()
	defer g.mu.Unlock()
	x := g.by[service]
	if x == nil {
		x = &gate{one: make(chan struct{}, 1)}
		g.by[service] = x
	}
	return x
}

// acquire waits until service may be sent a request; release after the
// answer. waited says whether it held the request back for a Retry-After
// or a window to open, so the request is the first of a fresh window.
func (g *gates) acquire(ctx context.Context, service string) (release func(), waited bool, err error) {
	x := g.get(service)
	for {
		g.mu.Lock()
		wait, near := time.Until(x.until), x.near
		g.mu.Unlock()
		if wait > 0 {
			if err := sleep(ctx, wait); err != nil {
				return nil, false, err
			}
			waited = true
			continue
		}
		if !near {
			return func() {}, waited, nil
		}
		select {
		case x.one <- struct{}{}:
			return func() { <-x.one }, waited, nil
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
}

// observe records what an answer said about the service's limit.
func (g *gates) observe(service string, h http.Header) {
	g.note(service, h.Get("x-ms-throttle-limit-percentage"))
}

func (g *gates) note(service, pct string) {
	x := g.get(service)
	p, err := strconv.ParseFloat(pct, 64)
	g.mu.Lock()
	defer g.mu.Unlock()
	x.near = err == nil && p >= nearLimit
	if err == nil && p >= 1 && x.period > 0 {
		// Used up: the next window opens a whole number of periods after
		// the last one did.
		now := time.Now()
		next := x.opens.Add(x.period * (now.Sub(x.opens)/x.period + 1))
		if next.After(x.until) {
			x.until = next
		}
	}
}

// hold keeps every request to service back until t, the end of a
// Retry-After.
func (g *gates) hold(service string, t time.Time) {
	x := g.get(service)
	g.mu.Lock()
	defer g.mu.Unlock()
	if t.After(x.until) {
		x.until = t
	}
	if !x.opens.IsZero() && t.After(x.opens) {
		x.learn(t)
	}
	x.opens = t
}

// learn takes t, the end of a Retry-After, as a window opening. Two equal
// intervals in a row set the period; later openings a whole number of
// periods on refine it over the whole run (timers jitter; an estimate off
// by a fraction of a millisecond drifts a window's width in a thousand).
func (x *gate) learn(t time.Time) {
	d := t.Sub(x.opens)
	if x.period > 0 {
		k := (d + x.period/2) / x.period
		if k >= 1 && absDur(d-k*x.period) <= x.period/10 {
			if n := (t.Sub(x.anchor) + x.period/2) / x.period; n >= 1 {
				x.period = t.Sub(x.anchor) / n
			}
			return
		}
		x.period = 0 // not the rhythm we thought: learn it again
	}
	if x.guess > 0 && absDur(d-x.guess) <= x.guess/20 {
		x.period, x.anchor = d, x.opens.Add(-x.guess)
	}
	x.guess = d
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// serviceOf names the throttling service a Graph URL belongs to.
func serviceOf(u *url.URL) string {
	p := strings.ToLower(u.Path)
	switch {
	case strings.HasSuffix(p, "/$batch"):
		// Graph charges a batch's items to their own services, which
		// runBatches paces; the envelope must not wait on the directory.
		return "batch"
	case strings.Contains(p, "/reports/authenticationmethods") || strings.Contains(p, "/authentication/methods"):
		return "identityReports"
	case strings.HasSuffix(p, "/users") && strings.Contains(strings.ToLower(u.RawQuery), "signinactivity"):
		return "signInActivity"
	case strings.Contains(p, "/identity/conditionalaccess"):
		return "conditionalAccess"
	case strings.Contains(p, "/devicemanagement"):
		return "intune"
	case strings.Contains(p, "/reports/get"):
		fn, _, _ := strings.Cut(p[strings.Index(p, "/reports/get")+len("/reports/"):], "(")
		return "usageReports/" + fn
	case strings.Contains(p, "/security/"):
		return "security"
	case strings.Contains(p, "/sites"):
		return "sharepoint"
	}
	return "directory"
}

// parseRetryAfter reads Retry-After as seconds, fractional ones included
// (Graph's documentation shows 2.128; kiota's own handler truncates them to
// whole seconds, so a 0.5 s wait became none), or as an HTTP date.
func parseRetryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && !math.IsInf(f, 0) {
		return time.Duration(f * float64(time.Second)), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(t)), true
	}
	return 0, false
}

// backoff is the wait before retry n (0-based) when Graph gave no
// Retry-After (Conditional Access never does): exponential from 1 s, with
// jitter so concurrent requests do not come back together.
func backoff(n int) time.Duration {
	d := time.Second << min(n, 6)
	return d/2 + rand.N(d/2+1)
}

// throttleRetry replaces kiota's retry handler: it retries 429, 503 and 504
// up to max times, waiting Retry-After exactly (or backoff), through the
// service's gate so the wait holds for every request to that service.
type throttleRetry struct {
	max   int
	gates *gates
}

func (m throttleRetry) Intercept(p khttp.Pipeline, i int, req *http.Request) (*http.Response, error) {
	service := serviceOf(req.URL)
	for attempt := 0; ; attempt++ {
		release, _, err := m.gates.acquire(req.Context(), service)
		if err != nil {
			return nil, err
		}
		if attempt > 0 {
			req.Header.Set(retryAttemptHeader, strconv.Itoa(attempt))
		}
		resp, err := p.Next(req, i)
		release()
		if err != nil {
			return resp, err
		}
		m.gates.observe(service, resp.Header)
		if !retryable(resp.StatusCode) || attempt >= m.max {
			return resp, nil
		}
		wait, ok := parseRetryAfter(resp.Header.Get("Retry-After"))
		if !ok {
			wait = backoff(attempt)
		}
		m.gates.hold(service, time.Now().Add(min(wait, maxRetryAfter)))
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		_ = resp.Body.Close()
	}
}
