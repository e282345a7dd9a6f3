package graph

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestParseRetryAfter(t *testing.T) {
	cases := map[string]time.Duration{"2.128": 2128 * time.Millisecond, "0.05": 50 * time.Millisecond, "7": 7 * time.Second, "0": 0}
	for in, want := range cases {
		if got, ok := parseRetryAfter(in); !ok || got != want {
			t.Errorf("parseRetryAfter(%q) = %v %v, want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "soon", "-1", "+Inf"} {
		if _, ok := parseRetryAfter(bad); ok {
			t.Errorf("parseRetryAfter(%q) accepted", bad)
		}
	}
	if d, ok := parseRetryAfter(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)); !ok || d < 59*time.Minute {
		t.Errorf("HTTP date: %v %v", d, ok)
	}
}

func TestServiceOf(t *testing.T) {
	cases := map[string]string{
		"/v1.0/users?$select=id":                                      "directory",
		"/v1.0/users?$select=id,signInActivity":                       "signInActivity",
		"/v1.0/reports/authenticationMethods/userRegistrationDetails": "identityReports",
		"/v1.0/users/u1/authentication/methods":                       "identityReports",
		"/v1.0/identity/conditionalAccess/policies":                   "conditionalAccess",
		"/v1.0/deviceManagement/managedDevices":                       "intune",
		"/v1.0/reports/getOneDriveUsageAccountDetail(period='D30')":   "usageReports/getonedriveusageaccountdetail",
		"/v1.0/security/secureScores":                                 "security",
		"/v1.0/sites/getAllSites":                                     "sharepoint",
		"/v1.0/groups/g1/owners":                                      "directory",
		"/v1.0/$batch":                                                "batch",
	}
	for in, want := range cases {
		u, _ := url.Parse("https://graph.example" + in)
		if got := serviceOf(u); got != want {
			t.Errorf("serviceOf(%s) = %q, want %q", in, got, want)
		}
	}
}

// A fractional Retry-After is waited in full before the retry (kiota's own
// handler truncated 0.4 to 0 and retried at once).
func TestFractionalRetryAfterIsHonoured(t *testing.T) {
	f := demoFixture()
	f.Faults.ThrottleEvery, f.Faults.ThrottleRetryAfter = 4, "0.4"
	srv := startEmulator(t, f)
	collectFrom(t, srv, f)
	byKey := map[string]time.Time{}
	checked := 0
	for _, r := range srv.Requests() {
		if r.Origin != "graph" || r.InBatch || r.Path == "/v1.0/$batch" {
			continue
		}
		key := r.Path + "?" + r.Query
		if r.Status == http.StatusTooManyRequests {
			byKey[key] = r.Time
			continue
		}
		if at, ok := byKey[key]; ok {
			if gap := r.Time.Sub(at); gap < 400*time.Millisecond {
				t.Errorf("%s retried %v after a 429 that said Retry-After: 0.4", key, gap)
			}
			checked++
			delete(byKey, key)
		}
	}
	if checked == 0 {
		t.Fatal("no request was throttled and retried: the test proves nothing")
	}
}

// Per-person method lookups under a limit of 5 per 10 s (time-scaled): every
// person's methods arrive, in about as many batches as the limit forces
// (5 lookups each), not one 20-item batch after another collecting 429s.
func TestMethodLookupsAdaptToTheLimit(t *testing.T) {
	f := synth.Generate(synth.Spec{People: 200, Seed: 5, Free: true}, time.Now(), testSecret)
	f.Faults.Cost = &emulator.CostModel{TimeScale: 0.01, MethodsAsReports: true}
	srv := startEmulator(t, f)
	var logs bytes.Buffer
	opts := options(srv, f)
	opts.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	snap, err := (&Collector{}).Collect(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	people := enabledMembers(f)
	if got := mustGet(t, "mfa", &snap.MFARegistration); len(got) != people {
		t.Fatalf("%d registrations, want %d", len(got), people)
	}
	batches, throttled := 0, 0
	inBatch := false
	for _, r := range srv.Requests() {
		switch {
		case r.Path == "/v1.0/$batch":
			if inBatch {
				batches++
			}
			inBatch = false
		case r.InBatch && strings.HasSuffix(r.Path, "/authentication/methods"):
			inBatch = true
			if r.Status == http.StatusTooManyRequests {
				throttled++
			}
		}
	}
	// The first wave (4 batches of 20) meets the limit blind; learning its
	// window takes a few more refusals; after that none is refused (about
	// 100 in all here). Sending 20 a time instead would have ~600 refused;
	// the bounds leave room for a busy machine's timing.
	least := (people + 4) / 5
	if batches > least*3/2+4 {
		t.Errorf("%d batches for %d people; the limit allows no fewer than %d, and adapting should stay near it", batches, people, least)
	}
	if throttled > 200 {
		t.Errorf("%d lookups answered 429 for %d people: the batch size and pace did not adapt to the limit", throttled, people)
	}
	t.Logf("%d people: %d batches (least %d), %d lookups answered 429", people, batches, least, throttled)
	// Once the pace is known the user is told what it means for the run.
	if !strings.Contains(logs.String(), `msg="Graph's limit paces these requests" service=identityReports perWindow=5`) {
		t.Errorf("no line saying how Graph paces the lookups:\n%s", logs.String())
	}
}

// Two Retry-Afters that end a window apart teach the gate the window; an
// answer that then says the limit is used up holds requests until the next
// window opens, without a 429 to say so.
func TestGateLearnsTheWindow(t *testing.T) {
	g := newGates()
	base := time.Now().Add(-25 * time.Second)
	for i := 0; i < 3; i++ {
		g.hold("identityReports", base.Add(time.Duration(i)*10*time.Second))
	}
	x := g.get("identityReports")
	if x.period != 10*time.Second {
		t.Fatalf("period %v, want 10s", x.period)
	}
	g.note("identityReports", "1.00")
	if want := base.Add(30 * time.Second); !x.until.Equal(want) {
		t.Errorf("held until %v, want the next window at %v", x.until, want)
	}
	if !x.near {
		t.Error("an answer at 100% of the limit did not slow the service")
	}
	g.note("identityReports", "")
	if x.near {
		t.Error("the header went away but the service stays one at a time")
	}
	// A Retry-After off the rhythm makes the gate forget it.
	g.hold("identityReports", base.Add(47*time.Second))
	if x.period != 0 {
		t.Errorf("period %v after an opening off the rhythm, want it forgotten", x.period)
	}
}

// How batch waves adapt, step by step, to a limit that serves 5 items per
// window (the identity reports' 5 requests per 10 s).
func TestBatchPace(t *testing.T) {
	p := newBatchPace(4)
	step := func(fresh bool, w wave, parallel, size int) {
		t.Helper()
		if fresh {
			p.windowOpened()
		}
		p.after(w)
		if p.parallel != parallel || p.size != size {
			t.Fatalf("after %+v: %d batches of %d, want %d of %d", w, p.parallel, p.size, parallel, size)
		}
	}
	throttled := func(n int) []batchJob { return make([]batchJob, n) }
	// The blind first wave: 4 × 20 items, 5 served.
	step(false, wave{served: 5, retry: throttled(75), told: true}, 1, 5)
	// The window opens: 5 served, the limit used up; no faster.
	step(true, wave{served: 5, limitPct: "1.00"}, 1, 5)
	// Sent again in the same window: refused, and the window held 5.
	step(false, wave{retry: throttled(5), told: true}, 1, 5)
	// A window that opened with room to spare: probe one item more.
	step(true, wave{served: 5, limitPct: "0.50"}, 1, 6)
	// Too many: 5 of 6 in this window, so 5 it is.
	step(false, wave{served: 0, retry: throttled(1), told: true}, 1, 5)
	// A 424 hides which items failed: halve, and never grow batches past
	// that again; speed up with more of them side by side instead.
	step(false, wave{retry: throttled(5), failedDependency: true}, 1, 2)
	step(false, wave{served: 2}, 2, 2)
	step(false, wave{served: 4}, 4, 2)

	// Without any limit in sight: all side by side at full size throughout.
	q := newBatchPace(4)
	q.after(wave{served: 80})
	if q.parallel != 4 || q.size != 20 {
		t.Fatalf("unthrottled: %d of %d", q.parallel, q.size)
	}
}

// TestRetryAfterIsCapped: a Retry-After of a day (top level and inside
// batches) holds a service no longer than maxRetryAfter; every dataset is
// still collected. The cap is shrunk so the test is quick.
func TestRetryAfterIsCapped(t *testing.T) {
	old := maxRetryAfter
	maxRetryAfter = 30 * time.Millisecond
	defer func() { maxRetryAfter = old }()
	f := withPIM(demoFixture())
	f.Faults.ThrottleEvery, f.Faults.ThrottleRetryAfter = 5, "86400"
	srv := startEmulator(t, f)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	snap, err := (&Collector{}).Collect(ctx, options(srv, f))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range tenant.AllDatasets() {
		if st := snap.StatusOf(d); st.State != tenant.StateCollected {
			t.Errorf("%s: %s", d, st.Describe())
		}
	}
	if !sawStatus(srv, http.StatusTooManyRequests, false) {
		t.Fatal("nothing was throttled: the test proves nothing")
	}
}
