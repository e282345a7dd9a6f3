package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A limiter on a hand-driven clock: the published limits, exactly.
func testLimiter(people int) (*limiter, *time.Duration) {
	l := newLimiter(&CostModel{}, people)
	now := new(time.Duration)
	l.clock = func() time.Duration { return *now }
	return l, now
}

func TestIdentityReportsFiveRequestsPerTenSeconds(t *testing.T) {
	l, now := testLimiter(1000)
	c := []charge{{"identityReports", 1}}
	for i := 1; i <= 5; i++ {
		h, e := l.admit(c)
		if e != nil {
			t.Fatalf("request %d refused: %v", i, e.message)
		}
		wantPct := map[int]string{4: "0.80", 5: "1.00"}[i]
		if got := h["x-ms-throttle-limit-percentage"]; got != wantPct {
			t.Errorf("request %d: x-ms-throttle-limit-percentage %q, want %q", i, got, wantPct)
		}
	}
	*now = 3 * time.Second
	_, e := l.admit(c)
	if e == nil || e.status != http.StatusTooManyRequests {
		t.Fatalf("sixth request in the window: %v, want 429", e)
	}
	if got := e.headers["Retry-After"]; got != "7" {
		t.Errorf("Retry-After %q, want 7 (seconds to the next window)", got)
	}
	if e.headers["x-ms-throttle-scope"] == "" {
		t.Error("429 without x-ms-throttle-scope")
	}
	*now = 10 * time.Second
	if _, e := l.admit(c); e != nil {
		t.Fatalf("next window refused: %v", e.message)
	}
}

func TestDirectoryResourceUnits(t *testing.T) {
	l, now := testLimiter(10) // a small tenant: 3,500 units per 10 s
	q := func(raw string) *query {
		t.Helper()
		qq, err := parseQuery(raw)
		if err != nil {
			t.Fatal(err)
		}
		return qq
	}
	cases := []struct {
		route, query string
		units        float64
	}{
		{"users", "", 2},
		{"users", "$select=id&$top=999", 1},
		{"users", "$select=id&$top=5", 1}, // never below 1
		{"subscribedSkus", "", 3},
		{"transitiveMembers", "$select=id", 4},
		{"groups", "$expand=owners", 2},
		{"devices", "$select=id", 1},
	}
	for _, tc := range cases {
		cs := l.chargesFor(tc.route, q(tc.query), nil)
		if len(cs) != 1 || cs[0].limit != "directory" || cs[0].units != tc.units {
			t.Errorf("%s?%s costs %v, want %v directory units", tc.route, tc.query, cs, tc.units)
		}
	}
	// The bucket holds 3,500 units and refills at 350 a second.
	big := []charge{{"directory", 3500}}
	if _, e := l.admit(big); e != nil {
		t.Fatal("a full bucket refused its capacity")
	}
	_, e := l.admit([]charge{{"directory", 35}})
	if e == nil || e.headers["Retry-After"] != "0.1" {
		t.Fatalf("empty bucket: %v, want 429 with Retry-After 0.1", e)
	}
	*now = 100 * time.Millisecond
	if _, e := l.admit([]charge{{"directory", 35}}); e != nil {
		t.Fatal("refilled units refused")
	}
}

func TestConditionalAccessSendsNoRetryAfter(t *testing.T) {
	l, _ := testLimiter(1000)
	c := []charge{{"conditionalAccess", 1}}
	if _, e := l.admit(c); e != nil {
		t.Fatal(e.message)
	}
	_, e := l.admit(c)
	if e == nil {
		t.Fatal("second request in the same second admitted")
	}
	if _, ok := e.headers["Retry-After"]; ok {
		t.Error("Conditional Access 429 carries Retry-After; Graph sends none")
	}
}

func TestSignInActivityCountsTwice(t *testing.T) {
	l, _ := testLimiter(1000)
	qq, _ := parseQuery("$select=id,signInActivity&$top=500")
	cs := l.chargesFor("users", qq, nil)
	if len(cs) != 2 || cs[1].limit != "signInActivity" {
		t.Fatalf("users with signInActivity charges %v, want directory and signInActivity", cs)
	}
}

func TestThrottleBound(t *testing.T) {
	l, now := testLimiter(1000)
	srv := &Server{limiter: l, fixture: &Fixture{}}
	l.model.TimeScale = 0.5
	// 12 report requests need three windows: the last cannot start before
	// 20 s after the first, which came 4 s into its window → 16 s.
	*now = 4 * time.Second
	for i := 0; i < 12; i++ {
		if *now < 10*time.Second && i == 5 {
			*now = 10 * time.Second
		}
		if i == 10 {
			*now = 20 * time.Second
		}
		if _, e := l.admit([]charge{{"identityReports", 1}}); e != nil {
			t.Fatalf("request %d: %s", i, e.message)
		}
	}
	got, which := srv.ThrottleBound()
	if which != "identityReports" || got != 8*time.Second {
		t.Fatalf("bound %v (%s), want 8s (16 s emulated at time scale 0.5) from identityReports", got, which)
	}
}

// On the wire: the sixth registration-report request in ten seconds is a
// 429 with Graph's headers, and inside a $batch each item is charged on its
// own, its 429 carried in the item's headers.
func TestCostModelOnTheWire(t *testing.T) {
	f := fixture()
	f.Faults.Cost = &CostModel{MethodsAsReports: true}
	c := start(t, f)
	for i := 1; i <= 5; i++ {
		resp, b := c.do("GET", "/reports/authenticationMethods/userRegistrationDetails", nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("request %d: %d %s", i, resp.StatusCode, b)
		}
		if i == 5 && resp.Header.Get("x-ms-throttle-limit-percentage") != "1.00" {
			t.Errorf("fifth request: x-ms-throttle-limit-percentage %q", resp.Header.Get("x-ms-throttle-limit-percentage"))
		}
	}
	resp, b := c.do("GET", "/reports/authenticationMethods/userRegistrationDetails", nil, nil)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(b), "TooManyRequests") {
		t.Fatalf("sixth request: %d Retry-After=%q %s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	// Per-person method lookups share that limit here, so a batch of three is refused item by item.
	var reqs []map[string]any
	for i := 1; i <= 3; i++ {
		reqs = append(reqs, map[string]any{"id": string(rune('0' + i)), "method": "GET", "url": "/users/u1/authentication/methods"})
	}
	body, _ := json.Marshal(map[string]any{"requests": reqs})
	resp, raw := c.do("POST", "/$batch", body, map[string]string{"Content-Type": "application/json"})
	var out struct {
		Responses []struct {
			Status  int               `json:"status"`
			Headers map[string]string `json:"headers"`
		} `json:"responses"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || resp.StatusCode != 200 || len(out.Responses) != 3 {
		t.Fatalf("batch: %d %s", resp.StatusCode, raw)
	}
	for _, r := range out.Responses {
		if r.Status != http.StatusTooManyRequests || r.Headers["Retry-After"] == "" {
			t.Errorf("batch item: %d %v, want 429 with Retry-After", r.Status, r.Headers)
		}
	}
}
