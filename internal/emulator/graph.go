package emulator

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// graphReq is one Graph request, top-level or inside a $batch.
type graphReq struct {
	method   string
	path     string // after /v1.0/, not unescaped
	rawQuery string
	auth     string
	// userAgent is the request's User-Agent header (a batch item's own, or
	// the batch's).
	userAgent string
	inBatch   bool
}

// graphResp is an answer that can be written to the wire or wrapped in a batch.
type graphResp struct {
	status  int
	header  map[string]string
	body    []byte
	latency time.Duration // the cost model's, for the request log
}

const jsonContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"

func (s *Server) serveGraph(w http.ResponseWriter, r *http.Request) {
	defer s.flight.enter()()
	path, ok := strings.CutPrefix(r.URL.EscapedPath(), "/v1.0/")
	if !ok {
		s.writeResp(w, r, s.errorResp(notFound("Only the v1.0 endpoint is emulated: "+r.URL.Path), newID()), "")
		return
	}
	if path == "$batch" {
		s.serveBatch(w, r)
		return
	}
	wf := s.wireFault(path)
	if wf != nil {
		switch wf.Kind {
		case WireSlow:
			select {
			case <-time.After(wf.Delay):
			case <-r.Context().Done():
				return
			}
		case WireReset:
			s.record(Request{Time: time.Now(), Origin: "graph", Method: r.Method, Path: "/v1.0/" + path, Query: r.URL.RawQuery})
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					_ = conn.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		}
	}
	req := &graphReq{method: r.Method, path: path, rawQuery: r.URL.RawQuery, auth: r.Header.Get("Authorization"),
		userAgent: r.Header.Get("User-Agent")}
	resp := s.handle(req)
	if !s.costLatency(r, &resp) {
		return
	}
	if wf != nil && wf.Kind == WireEmptyPages && resp.status != http.StatusUnauthorized {
		// Empty pages go on past the end of the data, each with a new link.
		resp.status, resp.header = http.StatusOK, map[string]string{"Content-Type": jsonContentType}
		resp.body = []byte(`{"value":[]}`)
	}
	if wf != nil && resp.status == http.StatusOK {
		resp.body = s.corrupt(wf, req, resp.body)
	}
	s.writeResp(w, r, resp, path)
}

// wireFault returns the wire fault that applies to this request, if any.
func (s *Server) wireFault(path string) *WireFault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.fixture.Faults.Wire {
		wf := &s.fixture.Faults.Wire[i]
		if !strings.Contains("/"+path, wf.PathContains) {
			continue
		}
		key := 1000 + i
		if wf.Times > 0 && s.faultHits[key] >= wf.Times {
			continue
		}
		s.faultHits[key]++
		return wf
	}
	return nil
}

// corrupt rewrites a good answer the way the wire fault says.
func (s *Server) corrupt(wf *WireFault, req *graphReq, body []byte) []byte {
	switch wf.Kind {
	case WireTruncate:
		return body[:len(body)/2]
	case WireMalformed:
		return []byte("<html><body>Service Unavailable</body></html>")
	case WireEmptyPages, WireLoop:
		var page map[string]any
		if json.Unmarshal(body, &page) != nil {
			return body
		}
		self := s.GraphURL + "/" + req.path
		if req.rawQuery != "" {
			self += "?" + req.rawQuery
		}
		if wf.Kind == WireLoop {
			page["@odata.nextLink"] = self
		} else {
			n := 0
			if q, err := parseQuery(req.rawQuery); err == nil {
				if tok, ok := q.get("$skiptoken"); ok {
					n, _ = decodeSkipToken(tok)
				}
			}
			page["value"] = []any{}
			page["@odata.nextLink"] = s.GraphURL + "/" + req.path + "?" + withSkipToken(req.rawQuery, encodeSkipToken(n+1))
		}
		b, _ := json.Marshal(page)
		return b
	}
	return body
}

func (s *Server) writeResp(w http.ResponseWriter, r *http.Request, resp graphResp, path string) {
	for k, v := range resp.header {
		w.Header().Set(k, v)
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(resp.body)
	if path != "" {
		s.record(Request{Time: time.Now(), Origin: "graph", Method: r.Method, Path: "/v1.0/" + path,
			Query: r.URL.RawQuery, Status: resp.status, Authorization: r.Header.Get("Authorization") != "", Latency: resp.latency})
	}
}

func (s *Server) errorResp(e *apiError, requestID string) graphResp {
	b, _ := json.Marshal(e.body(requestID))
	h := map[string]string{"Content-Type": "application/json", "request-id": requestID, "client-request-id": requestID}
	for k, v := range e.headers {
		h[k] = v
	}
	return graphResp{status: e.status, header: h, body: b}
}

// handle runs one Graph request through faults, authentication, permission
// and licence gates, query validation and the route.
func (s *Server) handle(req *graphReq) graphResp {
	requestID := newID()
	if e := s.injectedFault(req); e != nil {
		return s.errorResp(e, requestID)
	}
	tok, ok := strings.CutPrefix(req.auth, "Bearer ")
	if !ok {
		return s.errorResp(&apiError{status: 401, code: "InvalidAuthenticationToken", message: "Access token is empty."}, requestID)
	}
	cl, err := s.verifyToken(tok)
	if err != nil {
		return s.errorResp(&apiError{status: 401, code: "InvalidAuthenticationToken", message: "Access token validation failure: " + err.Error()}, requestID)
	}
	if req.method != http.MethodGet {
		// The product is read-only; the emulator refuses writes so a test sees them.
		return s.errorResp(&apiError{status: 405, code: "Request_BadRequest", message: "The emulator serves GET only; got " + req.method}, requestID)
	}
	rt, params := matchRoute(req.path)
	if rt == nil {
		return s.errorResp(notFound("Resource not found for the segment '"+req.path+"'."), requestID)
	}
	for _, d := range s.fixture.Faults.Deny {
		if d == rt.name {
			return s.errorResp(denied(), requestID)
		}
	}
	ep := endpointFor(req.path)
	if ep == nil {
		return s.errorResp(notFound("Resource not found for the segment '"+req.path+"' (not in m365ready's permission table)."), requestID)
	}
	if e := cl.deniedBy(*ep); e != nil {
		return s.errorResp(e, requestID)
	}
	if rt.needsUserAgent && strings.TrimSpace(req.userAgent) == "" {
		// Learn lists User-Agent as a required header of the LAPS and
		// BitLocker APIs; what Graph answers without it is not documented.
		return s.errorResp(badRequest("The User-Agent header is required for this request."), requestID)
	}
	if rt.gate != nil {
		if e := rt.gate(s, cl); e != nil {
			return s.errorResp(e, requestID)
		}
	}
	q, e := parseQuery(req.rawQuery)
	if e != nil {
		return s.errorResp(e, requestID)
	}
	if e := checkOptions(rt, q); e != nil {
		return s.errorResp(e, requestID)
	}
	var throttle map[string]string
	if s.limiter != nil {
		h, e := s.limiter.admit(s.limiter.chargesFor(rt.name, q, params))
		if e != nil {
			return s.errorResp(e, requestID)
		}
		throttle = h
	}
	rc := &reqCtx{req: req, q: q, params: params, requestID: requestID, claims: cl, doc: rt.doc}
	resp := rt.serve(s, rc)
	if resp.header == nil {
		resp.header = map[string]string{}
	}
	for k, v := range throttle {
		resp.header[k] = v
	}
	resp.header["request-id"] = requestID
	resp.header["client-request-id"] = requestID
	return resp
}

// injectedFault applies the fixture's throttling and error switches.
func (s *Server) injectedFault(req *graphReq) *apiError {
	f := s.fixture.Faults
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counter++
	// A client that waited the Retry-After we gave is let through: Graph's
	// contract is that honouring Retry-After is how you get served, and it
	// keeps a throttled request from starving under concurrent load.
	key := req.method + " " + req.path + "?" + req.rawQuery
	if s.retryAfterGiven[key] {
		delete(s.retryAfterGiven, key)
	} else if f.ThrottleEvery > 0 && s.counter%f.ThrottleEvery == 0 {
		s.retryAfterGiven[key] = true
		ra := f.ThrottleRetryAfter
		if ra == "" {
			ra = "1"
		}
		return &apiError{status: http.StatusTooManyRequests, code: "TooManyRequests", message: "Please retry again later.",
			headers: map[string]string{"Retry-After": ra}}
	}
	for i, ef := range f.Errors {
		if !strings.Contains("/"+req.path, ef.PathContains) || !strings.Contains(req.rawQuery, ef.QueryContains) {
			continue
		}
		if ef.Times > 0 && s.faultHits[i] >= ef.Times {
			continue
		}
		s.faultHits[i]++
		code, msg := ef.Code, ef.Message
		if code == "" {
			code = http.StatusText(ef.Status)
		}
		if msg == "" {
			msg = "Injected fault."
		}
		return &apiError{status: ef.Status, code: code, message: msg}
	}
	return nil
}

// reqCtx is what a route sees.
type reqCtx struct {
	req       *graphReq
	q         *query
	params    []string
	requestID string
	claims    *claims
	doc       string // the documented path, for the metadata
}

func (s *Server) jsonResp(status int, v any) graphResp {
	b, err := json.Marshal(v)
	if err != nil {
		return s.errorResp(&apiError{status: 500, code: "InternalServerError", message: err.Error()}, newID())
	}
	return graphResp{status: status, header: map[string]string{"Content-Type": jsonContentType}, body: b}
}

// listSpec describes a collection answer.
type listSpec struct {
	entity        string // microsoft.graph type name, for error messages
	context       string // @odata.context fragment
	items         []map[string]any
	known         map[string]bool // valid $select names
	filterable    map[string]bool
	defaultPage   int // 0: 100
	maxPage       int // the largest $top; 0: maxPageSize
	defaultSelect []string
	expand        map[string]func(map[string]any) any
	// directory marks a directory-object collection, whose pages shrink to
	// at most 100 objects whatever $top asks when $expand is used
	// (https://learn.microsoft.com/graph/query-parameters#expand-parameter:
	// "$expand on directory objects returns a maximum of 100 objects").
	directory bool
}

func keysOf(m map[string]any) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

func set(names ...string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		out[n] = true
	}
	return out
}

// list filters, expands, selects and pages a collection the way Graph does.
func (s *Server) list(rc *reqCtx, sp listSpec) graphResp {
	items := sp.items
	if f, ok := rc.q.get("$filter"); ok {
		cs, e := parseFilter(f, sp.filterable, sp.entity)
		if e != nil {
			return s.errorResp(e, rc.requestID)
		}
		items = filterEntities(items, cs)
	}
	size := sp.defaultPage
	if size == 0 {
		size = 100
	}
	if t, ok := rc.q.get("$top"); ok {
		most := maxPageSize
		if sp.maxPage > 0 {
			most = sp.maxPage
		}
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 || n > most {
			return s.errorResp(badRequest(fmt.Sprintf("Invalid page size specified: '%s'. Must be between 1 and %d inclusive.", t, most)), rc.requestID)
		}
		size = n
	}
	exp, expanding := rc.q.get("$expand")
	var nav, nestedSelect string
	if expanding {
		var e *apiError
		if nav, nestedSelect, e = parseExpand(exp); e != nil {
			return s.errorResp(e, rc.requestID)
		}
		if sp.directory {
			size = min(size, directoryExpandPage)
		}
	}
	if c := s.fixture.Faults.PageCap; c > 0 && size > c {
		size = c
	}
	offset := 0
	if k, ok := rc.q.get("$skip"); ok {
		n, err := strconv.Atoi(k)
		if err != nil || n < 0 {
			return s.errorResp(badRequest(fmt.Sprintf("Invalid value '%s' for $skip.", k)), rc.requestID)
		}
		offset = min(n, len(items))
	}
	if tok, ok := rc.q.get("$skiptoken"); ok {
		n, valid := decodeSkipToken(tok)
		if !valid || n > len(items) {
			return s.errorResp(badRequest("Invalid skip token."), rc.requestID)
		}
		offset = n
	}
	// Page before selecting, so a large tenant costs one page of work per request.
	end := min(offset+size, len(items))
	pageItems := items[offset:end]
	sel, hasSel := rc.q.get("$select")
	if !hasSel && sp.defaultSelect != nil {
		sel = strings.Join(sp.defaultSelect, ",")
	}
	page, e := selectFields(pageItems, sel, sp.known, sp.entity, rc.doc)
	if e != nil {
		return s.errorResp(e, rc.requestID)
	}
	if expanding {
		fn := sp.expand[nav]
		if fn == nil {
			return s.errorResp(unexpandable(rc.doc, sp.entity, nav), rc.requestID)
		}
		for i := range page {
			m := make(map[string]any, len(page[i])+1) // never write into the cached entity
			for k, v := range page[i] {
				m[k] = v
			}
			v, e := selectExpanded(fn(pageItems[i]), nestedSelect, sp.entity, nav, rc.doc)
			if e != nil {
				return s.errorResp(e, rc.requestID)
			}
			m[nav] = v
			page[i] = m
		}
	}
	if page == nil {
		page = []map[string]any{}
	}
	body := map[string]any{"@odata.context": s.GraphURL + "/$metadata#" + sp.context, "value": page}
	if c, ok := rc.q.get("$count"); ok {
		switch strings.ToLower(c) {
		case "true":
			body["@odata.count"] = len(items)
		case "false":
		default:
			return s.errorResp(badRequest(fmt.Sprintf("Invalid value '%s' for $count; it must be true or false.", c)), rc.requestID)
		}
	}
	if end < len(items) {
		body["@odata.nextLink"] = s.GraphURL + "/" + rc.req.path + "?" + withSkipToken(rc.req.rawQuery, encodeSkipToken(end))
	}
	return s.jsonResp(http.StatusOK, body)
}

// entity answers a single object with $select.
func (s *Server) entity(rc *reqCtx, context, typ string, obj map[string]any) graphResp {
	if exp, ok := rc.q.get("$expand"); ok {
		return s.errorResp(unexpandable(rc.doc, typ, exp), rc.requestID)
	}
	sel, _ := rc.q.get("$select")
	out, e := selectFields([]map[string]any{obj}, sel, keysOf(obj), typ, rc.doc)
	if e != nil {
		return s.errorResp(e, rc.requestID)
	}
	body := out[0]
	body["@odata.context"] = s.GraphURL + "/$metadata#" + context + "/$entity"
	return s.jsonResp(http.StatusOK, body)
}

// readBody reads a request body, undoing the gzip kiota applies to it.
func readBody(r *http.Request) ([]byte, error) {
	var rd io.Reader = io.LimitReader(r.Body, 8<<20)
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(rd)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		rd = zr
	}
	var buf bytes.Buffer
	_, err := io.Copy(&buf, rd)
	return buf.Bytes(), err
}
