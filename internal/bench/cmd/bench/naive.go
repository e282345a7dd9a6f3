package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/synth"
)

// naiveMethods is the strategy peers use: GET each enabled member's
// authentication methods, one after another, waiting out each 429.
func naiveMethods(srv *emulator.Server, f *emulator.Fixture) (requests, throttled int64, wall time.Duration) {
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: tlsConfig(srv.PKI().CAPool)}}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {synth.ClientID}, "client_secret": {"bench-secret"},
		"scope": {"https://graph.microsoft.com/.default"}}
	resp, err := hc.PostForm(srv.AuthorityHost+synth.TenantID+"/oauth2/v2.0/token", form)
	check(err)
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	check(json.NewDecoder(resp.Body).Decode(&tok))
	resp.Body.Close()
	start := time.Now()
	for _, u := range f.Data.Users.Items {
		if !u.AccountEnabled || u.UserType != "Member" {
			continue
		}
		for {
			req, _ := http.NewRequest("GET", srv.GraphURL+"/users/"+u.ID+"/authentication/methods", nil)
			req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
			r, err := hc.Do(req)
			check(err)
			io.Copy(io.Discard, r.Body)
			r.Body.Close()
			requests++
			if r.StatusCode != http.StatusTooManyRequests {
				break
			}
			throttled++
			s, _ := strconv.ParseFloat(r.Header.Get("Retry-After"), 64)
			time.Sleep(time.Duration(s * float64(time.Second)))
		}
	}
	return requests, throttled, time.Since(start)
}
