package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/synth"
)

// naiveClient does what a peer's script does: one request after another,
// following nextLink, waiting out each 429's Retry-After.
type naiveClient struct {
	hc                  *http.Client
	token               string
	requests, throttled int64
}

func newNaiveClient(srv *emulator.Server) *naiveClient {
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsConfig(srv.PKI().CAPool)}}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {synth.ClientID}, "client_secret": {"bench-secret"},
		"scope": {"https://graph.microsoft.com/.default"}}
	resp, err := hc.PostForm(srv.AuthorityHost+synth.TenantID+"/oauth2/v2.0/token", form)
	check(err)
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	check(json.NewDecoder(resp.Body).Decode(&tok))
	return &naiveClient{hc: hc, token: tok.AccessToken}
}

// getAll reads a collection to its end.
func (c *naiveClient) getAll(u string) {
	for u != "" {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Authorization", "Bearer "+c.token)
		r, err := c.hc.Do(req)
		check(err)
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		c.requests++
		if r.StatusCode == http.StatusTooManyRequests {
			c.throttled++
			s, _ := strconv.ParseFloat(r.Header.Get("Retry-After"), 64)
			time.Sleep(time.Duration(s * float64(time.Second)))
			continue
		}
		var page struct {
			Next string `json:"@odata.nextLink"`
		}
		_ = json.Unmarshal(body, &page)
		u = page.Next
	}
}

// comparison is one strategy measured on one tenant under one reading.
type comparison struct {
	Strategy, Tenant    string
	Scale               float64
	Requests, Throttled int64
	Wall                time.Duration
}

// compareWithPeers runs what peers do against what m365ready does:
//   - without P1, each enabled member's methods one request at a time, under
//     both readings of Microsoft's table (the lookups in the identity
//     reports' 5 per 10 s, or in the directory's resource units);
//   - with P1, the registration report at its default page size.
//
// m365ready's row is its whole collection of the same tenant, so it is an
// upper bound on what the comparable part of it cost.
func compareWithPeers(bin, dir string, model emulator.CostModel) []comparison {
	var out []comparison
	for _, asReports := range []bool{false, true} {
		m := model
		m.MethodsAsReports = asReports
		m.TimeScale = 0.1
		reading := "1,000 people, no P1, lookups in the directory bucket"
		if asReports {
			m.TimeScale = 0.01 // 1,000 lookups at 5 per 10 s is over half an hour of Graph's time
			reading = "1,000 people, no P1, lookups at 5/10 s"
		}
		f := synth.Generate(synth.Spec{People: 1000, Seed: 42, Free: true}, time.Now(), "bench-secret")
		f.Faults.Cost = &m
		out = append(out, runPair(bin, dir, f, m.TimeScale, reading, "naive: one request per person, in turn", func(srv *emulator.Server, c *naiveClient) {
			for _, u := range f.Data.Users.Items {
				if u.AccountEnabled && u.UserType == "Member" {
					c.getAll(srv.GraphURL + "/users/" + u.ID + "/authentication/methods")
				}
			}
		})...)
	}
	m := model
	m.TimeScale = 0.1
	f := synth.Generate(synth.Spec{People: 10_000, Seed: 42}, time.Now(), "bench-secret")
	f.Faults.Cost = &m
	out = append(out, runPair(bin, dir, f, m.TimeScale, "10,000 people with P1", "naive: the registration report at its default page size",
		func(srv *emulator.Server, c *naiveClient) {
			c.getAll(srv.GraphURL + "/reports/authenticationMethods/userRegistrationDetails")
		})...)
	return out
}

// runPair serves f, runs the naive strategy, then m365ready's collection of
// the same tenant on a fresh emulator (so neither inherits the other's
// throttling state), and counts the requests each made for MFA data.
func runPair(bin, dir string, f *emulator.Fixture, scale float64, tenantName, naiveName string, naive func(*emulator.Server, *naiveClient)) []comparison {
	srv, _, stop := serve(dir, f)
	c := newNaiveClient(srv)
	start := time.Now()
	naive(srv, c)
	n := comparison{Strategy: naiveName, Tenant: tenantName, Scale: scale, Requests: c.requests, Throttled: c.throttled, Wall: time.Since(start)}
	stop()
	srv, env, stop := serve(dir, f)
	defer stop()
	wall, _, _, _ := child(env, bin, "collect", "-o", filepath.Join(dir, "snap-compare.json"))
	var req, throttled int64
	pendingItems := false
	for _, r := range srv.Requests() {
		switch {
		case r.Origin != "graph":
		case r.InBatch:
			pendingItems = strings.HasSuffix(r.Path, "/authentication/methods")
			if pendingItems && r.Status == http.StatusTooManyRequests {
				throttled++
			}
		case r.Path == "/v1.0/$batch":
			if pendingItems {
				req++
			}
			pendingItems = false
		case strings.Contains(r.Path, "userRegistrationDetails"):
			req++
			if r.Status == http.StatusTooManyRequests {
				throttled++
			}
		}
	}
	ours := comparison{Strategy: "m365ready (its whole collection's wall time)", Tenant: tenantName, Scale: scale,
		Requests: req, Throttled: throttled, Wall: wall}
	return []comparison{n, ours}
}
