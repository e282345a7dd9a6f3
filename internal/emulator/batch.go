package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

type batchRequest struct {
	Requests []struct {
		ID        string            `json:"id"`
		Method    string            `json:"method"`
		URL       string            `json:"url"`
		Headers   map[string]string `json:"headers"`
		Body      json.RawMessage   `json:"body"`
		DependsOn []string          `json:"dependsOn"`
	} `json:"requests"`
}

type batchItem struct {
	ID      string            `json:"id"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body,omitempty"`
}

// serveBatch is POST /$batch: at most 20 requests, ids unique, each run
// through the same handler (so faults, permissions and the log apply), answers
// returned in reverse order so that order-dependent clients break in tests.
func (s *Server) serveBatch(w http.ResponseWriter, r *http.Request) {
	outer := &graphReq{method: r.Method, path: "$batch", auth: r.Header.Get("Authorization"), userAgent: r.Header.Get("User-Agent")}
	requestID := newID()
	fail := func(e *apiError) { s.writeResp(w, r, s.errorResp(e, requestID), "$batch") }
	if r.Method != http.MethodPost {
		fail(&apiError{status: 405, code: "Request_BadRequest", message: "$batch takes POST."})
		return
	}
	if e := s.injectedFault(outer); e != nil {
		fail(e)
		return
	}
	if tok, ok := strings.CutPrefix(outer.auth, "Bearer "); !ok {
		fail(&apiError{status: 401, code: "InvalidAuthenticationToken", message: "Access token is empty."})
		return
	} else if _, err := s.verifyToken(tok); err != nil {
		fail(&apiError{status: 401, code: "InvalidAuthenticationToken", message: "Access token validation failure: " + err.Error()})
		return
	}
	raw, err := readBody(r)
	if err != nil {
		fail(badRequest("Unable to read the batch body: " + err.Error()))
		return
	}
	var br batchRequest
	if err := json.Unmarshal(raw, &br); err != nil {
		fail(badRequest("Invalid batch payload format."))
		return
	}
	if len(br.Requests) == 0 || len(br.Requests) > 20 {
		fail(badRequest("Invalid batch payload: the number of requests must be between 1 and 20."))
		return
	}
	seen := map[string]bool{}
	for _, it := range br.Requests {
		if it.ID == "" || seen[strings.ToLower(it.ID)] {
			fail(badRequest("Batch request id '" + it.ID + "' is missing or not unique."))
			return
		}
		seen[strings.ToLower(it.ID)] = true
	}
	items := make([]batchItem, 0, len(br.Requests))
	for _, it := range br.Requests {
		path, q, _ := strings.Cut(strings.TrimPrefix(it.URL, "/"), "?")
		if strings.HasPrefix(it.URL, "http") {
			resp := s.errorResp(badRequest("Batch request urls must be relative to the version."), newID())
			items = append(items, batchItem{ID: it.ID, Status: resp.status, Headers: resp.header, Body: resp.body})
			continue
		}
		ua := outer.userAgent
		for k, v := range it.Headers {
			if strings.EqualFold(k, "User-Agent") {
				ua = v
			}
		}
		sub := &graphReq{method: it.Method, path: path, rawQuery: q, auth: outer.auth, userAgent: ua, inBatch: true}
		resp := s.handle(sub)
		s.record(Request{Time: time.Now(), Origin: "graph", Method: it.Method, Path: "/v1.0/" + path, Query: q,
			Status: resp.status, InBatch: true, Authorization: outer.auth != ""})
		bi := batchItem{ID: it.ID, Status: resp.status, Headers: resp.header}
		if json.Valid(resp.body) {
			bi.Body = resp.body
		}
		items = append(items, bi)
	}
	for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
		items[i], items[j] = items[j], items[i]
	}
	status := http.StatusOK
	if s.fixture.Faults.BatchStatus424 {
		for _, it := range items {
			if it.Status == http.StatusTooManyRequests {
				status = http.StatusFailedDependency
			}
		}
	}
	resp := s.jsonResp(status, map[string]any{"responses": items})
	if !s.costLatency(r, &resp) {
		return
	}
	s.writeResp(w, r, resp, "$batch")
}
