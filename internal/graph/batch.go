package graph

import (
	"context"
	"errors"
	"sync"

	"fmt"
	"golang.org/x/sync/errgroup"
	"math"
	"net/http"
	"strconv"
	"time"

	abs "github.com/microsoft/kiota-abstractions-go"
	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"
)

// batchSize is Graph's limit on requests in one $batch.
const batchSize = 20

// batchJob is one GET to send inside a $batch.
type batchJob struct {
	key  string
	info *abs.RequestInformation
}

// batchResult is one answered job: decode a success with decode(factory), or
// read err for a failure.
type batchResult struct {
	key    string
	status int
	resp   msgraphcore.BatchResponse
	id     string
	err    *graphError
}

// errFailedDependency marks a batch Graph answered 424 as a whole.
var errFailedDependency = errors.New("batch answered 424")

// maxBatchDelay caps how long we wait on one Retry-After inside a batch.
const maxBatchDelay = 60 * time.Second

// runBatches sends jobs 20 at a time. Graph evaluates each item on its own and
// the SDK does not retry throttled items (graph-api.md §8.1), so items answered
// 429/503/504 are sent again in a new batch after the largest Retry-After, up
// to c.retries times. fn sees every job exactly once, in any order.
func (c *client) runBatches(ctx context.Context, jobs []batchJob, fn func(batchResult) error) error {
	var fnMu sync.Mutex
	serial := func(r batchResult) error { // callers' fn need not be concurrency-safe
		fnMu.Lock()
		defer fnMu.Unlock()
		return fn(r)
	}
	pending := jobs
	parallel := c.batchParallel
	size := batchSize
	for attempt := 0; len(pending) > 0; attempt++ {
		var mu sync.Mutex
		var retry []batchJob
		var wait time.Duration
		told := false // whether any item said how long to wait
		failedDependency := false
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(max(1, parallel))
		for start := 0; start < len(pending); start += size {
			chunk := pending[start:min(start+size, len(pending))]
			g.Go(func() error {
				again, delay, hasDelay, err := c.sendBatch(gctx, chunk, attempt >= c.retries, serial)
				if errors.Is(err, errFailedDependency) {
					mu.Lock()
					retry, failedDependency = append(retry, chunk...), true
					mu.Unlock()
					return nil
				}
				if err != nil {
					return err
				}
				mu.Lock()
				retry = append(retry, again...)
				wait = max(wait, delay)
				told = told || hasDelay
				mu.Unlock()
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
		if len(retry) == 0 {
			return nil
		}
		if !told {
			wait = time.Duration(math.Pow(2, float64(attempt))) * time.Second
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(min(wait, maxBatchDelay)):
		}
		c.stats.Retries.Add(int64(len(retry)))
		pending = retry
		// Graph is pushing back: retry one batch at a time, and after a 424
		// (which hides which items failed) in smaller batches.
		parallel = 1
		if failedDependency {
			size = max(1, size/2)
		}
	}
	return nil
}

func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
}

// sendBatch sends one $batch and returns the jobs to retry and how long to wait.
func (c *client) sendBatch(ctx context.Context, chunk []batchJob, last bool, fn func(batchResult) error) ([]batchJob, time.Duration, bool, error) {
	br := msgraphcore.NewBatchRequest(c.adapter)
	ids := make(map[string]batchJob, len(chunk))
	order := make([]string, 0, len(chunk))
	for _, j := range chunk {
		item, err := br.AddBatchRequestStep(*j.info)
		if err != nil {
			return nil, 0, false, fmt.Errorf("batch step: %w", err)
		}
		ids[deref(item.GetId())] = j
		order = append(order, deref(item.GetId()))
	}
	resp, err := br.Send(ctx, c.adapter)
	if g, ok := asGraphError(err); ok && g.status == http.StatusFailedDependency && !last {
		// Graph may answer a batch with throttled items with 424 instead of
		// 200 (graph-api.md §8.1); the SDK then drops the item answers, so
		// the chunk is sent again, halved, after a back-off.
		c.stats.count(ctx, 0, 1)
		return nil, 0, false, errFailedDependency
	}
	if err != nil {
		return nil, 0, false, err
	}
	pageDone(ctx, len(chunk))
	var retry []batchJob
	var wait time.Duration
	told := false
	for _, id := range order {
		j := ids[id]
		item := resp.GetResponseById(id)
		if item == nil || item.GetStatus() == nil {
			if err := fn(batchResult{key: j.key, err: &graphError{message: "the batch answer has no response for this request"}}); err != nil {
				return nil, 0, false, err
			}
			continue
		}
		status := int(*item.GetStatus())
		if retryable(status) {
			if status == http.StatusTooManyRequests {
				c.stats.count(ctx, 0, 1)
			}
			if !last {
				retry = append(retry, j)
				if d, ok := retryAfter(item.GetHeaders()); ok {
					wait, told = max(wait, d), true
				}
				continue
			}
		}
		res := batchResult{key: j.key, status: status, resp: resp, id: id}
		if status >= 400 {
			res.err = itemError(status, item.GetBody())
		}
		if err := fn(res); err != nil {
			return nil, 0, false, err
		}
	}
	return retry, wait, told, nil
}

// retryAfter reads a batch item's Retry-After, in seconds that may be fractional.
func retryAfter(h map[string]string) (time.Duration, bool) {
	for k, v := range h {
		if http.CanonicalHeaderKey(k) == "Retry-After" {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 {
				return time.Duration(f * float64(time.Second)), true
			}
		}
	}
	return 0, false
}

// itemError reads Graph's error envelope from a batch item's body.
func itemError(status int, body map[string]any) *graphError {
	g := &graphError{status: status}
	e, _ := body["error"].(map[string]any)
	g.code, _ = e["code"].(string)
	g.message, _ = e["message"].(string)
	if in, ok := e["innerError"].(map[string]any); ok {
		g.requestID, _ = in["request-id"].(string)
	}
	return g
}

func (g *graphError) Error() string {
	return fmt.Sprintf("HTTP %d %s: %s", g.status, g.code, g.message)
}
