package graph

import (
	"context"
	"crypto/tls"
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
	Throttled atomic.Int64 // 429 answers (top-level; batch items are counted by the batcher)
	Bytes     atomic.Int64 // response bytes received
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

func (t *wireTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	t.stats.Requests.Add(1)
	if err != nil {
		cancel()
		t.log.Debug("graph request", "method", req.Method, "url", t.safeURL(req.URL), "error", err.Error(),
			"duration", time.Since(start).Round(time.Millisecond))
		return nil, err
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		t.stats.Throttled.Add(1)
	}
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
