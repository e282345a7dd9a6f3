package graph

import (
	"context"
	"sync"

	"crypto/tls"
	"fmt"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"
)

// Stats count what a collection spent on the wire.
type Stats struct {
	Requests  atomic.Int64 // HTTP attempts sent to Graph and the report download host
	Throttled atomic.Int64 // 429 answers, batch items included
	Retries   atomic.Int64 // attempts that repeat an earlier one (SDK, transport or batch item)
	Bytes     atomic.Int64 // response bytes received

	mu        sync.Mutex
	perDS     map[tenant.Dataset]*dsCount
	progress  collect.Progress
	fallbacks []tenant.QueryFallback
}

// fallback records a query option Graph refused, for the budget.
func (s *Stats) fallback(d tenant.Dataset, option string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fallbacks = append(s.fallbacks, tenant.QueryFallback{Dataset: d, Option: option})
}

// page reports a page of records to the progress display.
func (s *Stats) page(ctx context.Context, records int) {
	if s.progress == nil {
		return
	}
	if d, _ := ctx.Value(dsKey{}).(tenant.Dataset); d != "" {
		s.progress.Page(d, records)
	}
}

type dsCount struct{ requests, throttled int64 }

type dsKey struct{}

type statsKey struct{}

// pageDone reports a page read under ctx to the run's progress display.
func pageDone(ctx context.Context, records int) {
	if st, ok := ctx.Value(statsKey{}).(*Stats); ok {
		st.page(ctx, records)
	}
}

// withDataset labels a context so the requests made under it are counted
// for that dataset.
func withDataset(ctx context.Context, d tenant.Dataset) context.Context {
	return context.WithValue(ctx, dsKey{}, d)
}

// count adds to the totals and to the dataset the context is labelled with.
func (s *Stats) count(ctx context.Context, requests, throttled int64) {
	s.Requests.Add(requests)
	s.Throttled.Add(throttled)
	d, _ := ctx.Value(dsKey{}).(tenant.Dataset)
	if d == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.perDS == nil {
		s.perDS = map[tenant.Dataset]*dsCount{}
	}
	c := s.perDS[d]
	if c == nil {
		c = &dsCount{}
		s.perDS[d] = c
	}
	c.requests += requests
	c.throttled += throttled
}

// forDataset returns a dataset's request and throttle counts.
func (s *Stats) forDataset(d tenant.Dataset) (int64, int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.perDS[d]; c != nil {
		return c.requests, c.throttled
	}
	return 0, 0
}

// wireTransport is the innermost transport under the SDK's middleware: it sees
// every attempt, including the retries the SDK makes. It bounds each attempt
// with a timeout, counts, and logs (method, URL without query secrets, status,
// duration, request-id; never headers).
type wireTransport struct {
	base    http.RoundTripper
	timeout time.Duration
	stats   *Stats
	log     *slog.Logger
	graph   string // Graph host; other hosts' paths are not logged
}

func baseTransport(cfg *tls.Config) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if cfg != nil {
		t.TLSClientConfig = cfg
	}
	return t
}

// transportRetries is how often an attempt that got no answer at all (a
// timeout, a reset connection) is sent again. throttleRetry only
// retries answers (429/503/504); these are its complement.
const transportRetries = 2

func (t *wireTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := t.attempt(req)
		if err == nil || attempt == transportRetries || !replayable(req) || req.Context().Err() != nil {
			return resp, err
		}
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-time.After(time.Duration(attempt+1) * 250 * time.Millisecond):
		}
		t.stats.Retries.Add(1)
		if req.GetBody != nil {
			body, gerr := req.GetBody()
			if gerr != nil {
				return nil, err
			}
			req.Body = body
		}
	}
}

// replayable: GETs, and POSTs whose body can be produced again ($batch of GETs).
func replayable(req *http.Request) bool {
	return req.Method == http.MethodGet || (req.Method == http.MethodPost && req.GetBody != nil)
}

func (t *wireTransport) attempt(req *http.Request) (*http.Response, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if req.Header.Get(retryAttemptHeader) != "" {
		t.stats.Retries.Add(1)
	}
	if err != nil {
		t.stats.count(req.Context(), 1, 0)
		cancel()
		if ctx.Err() == context.DeadlineExceeded && req.Context().Err() == nil {
			err = fmt.Errorf("no answer within the request timeout of %s: %w", t.timeout, context.DeadlineExceeded)
		}
		t.log.Debug("graph request", "method", req.Method, "url", t.safeURL(req.URL), "error", err.Error(),
			"duration", time.Since(start).Round(time.Millisecond))
		return nil, err
	}
	throttled := int64(0)
	if resp.StatusCode == http.StatusTooManyRequests {
		throttled = 1
	}
	t.stats.count(req.Context(), 1, throttled)
	t.log.Debug("graph request", "method", req.Method, "url", t.safeURL(req.URL), "status", resp.StatusCode,
		"duration", time.Since(start).Round(time.Millisecond), "requestId", resp.Header.Get("request-id"))
	resp.Body = &countingBody{ReadCloser: resp.Body, cancel: cancel, stats: t.stats}
	return resp, nil
}

// safeURL drops the path and query of non-Graph hosts: report download URLs
// are pre-authenticated, so the URL itself is a credential.
func (t *wireTransport) safeURL(u *url.URL) string {
	if u.Host != t.graph {
		return u.Scheme + "://" + u.Host + "/…"
	}
	return u.String()
}

type countingBody struct {
	io.ReadCloser
	cancel context.CancelFunc
	stats  *Stats
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.stats.Bytes.Add(int64(n))
	return n, err
}

func (b *countingBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
