package graph

import (
	"context"
	"errors"
	"sync"

	"fmt"
	"golang.org/x/sync/errgroup"
	"net/http"
	"strconv"
	"strings"
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

// maxRetryAfter caps how long one Retry-After holds a service, inside a
// batch or out: a server that asks for an hour (or a date far off) must not
// stall a run. After the cap the request is asked again; after --max-retries
// throttled answers its dataset fails as throttled. The README documents it.
var maxRetryAfter = 60 * time.Second

// wave is what one round of batches brought back.
type wave struct {
	retry            []batchJob    // items to send again (429/503/504, or a whole 424 chunk)
	wait             time.Duration // the largest Retry-After among them
	told             bool          // whether any item said how long to wait
	served           int           // items answered (any final status)
	limitPct         string        // the highest x-ms-throttle-limit-percentage seen
	failedDependency bool
}

// runBatches sends jobs up to 20 to a $batch. Graph evaluates each item on
// its own (https://learn.microsoft.com/graph/json-batching) and the SDK does
// not retry throttled items, so
// items answered 429/503/504 go again in a later batch after the largest
// Retry-After; an item fails after c.retries such answers. fn sees every job
// exactly once, in any order.
//
// It adapts to the service's limit: batches go out c.batchParallel at a time
// while Graph keeps up; after pushback, one at a time and no larger than what
// the last one got served (a limit of 5 requests per 10 s serves 5 items of a
// batch of 20, so sending 20 again only collects 15 more 429s); after a wave
// served in full, larger again (one item at a time once the window's size is
// known), then side by side again.
func (c *client) runBatches(ctx context.Context, jobs []batchJob, fn func(batchResult) error) error {
	var fnMu sync.Mutex
	serial := func(r batchResult) error { // callers' fn need not be concurrency-safe
		fnMu.Lock()
		defer fnMu.Unlock()
		return fn(r)
	}
	service := "directory"
	if len(jobs) > 0 {
		if u, err := jobs[0].info.GetUri(); err == nil {
			service = serviceOf(u)
		}
	}
	answered := map[string]int{} // retryable answers per job key
	final := func(j batchJob) bool { return answered[j.key] >= c.retries }
	pace := newBatchPace(c.batchParallel)
	told := false // whether the pace Graph allows has been reported
	pending := jobs
	for backoffs := 0; len(pending) > 0; {
		release, fresh, err := c.gates.acquire(ctx, service)
		if err != nil {
			return err
		}
		if fresh {
			pace.windowOpened()
		}
		n := min(len(pending), pace.parallel*pace.size)
		w, err := c.sendWave(ctx, pending[:n], pace.parallel, pace.size, final, serial)
		release()
		if err != nil {
			return err
		}
		c.gates.note(service, w.limitPct)
		pace.after(w)
		for _, j := range w.retry {
			answered[j.key]++
		}
		c.stats.Retries.Add(int64(len(w.retry)))
		pending = append(w.retry, pending[n:]...)
		if period := c.gates.rhythm(service); !told && period > 0 && pace.capacity > 0 {
			// A limit this tight can take hours on a large tenant: say so once.
			told = true
			left := len(pending)
			// A warning so that a person at a terminal sees it: the run will be slow.
			c.log.Warn("Graph's limit paces these requests", "service", service, "perWindow", pace.capacity,
				"window", period.Round(time.Millisecond), "left", left,
				"eta", (time.Duration((left+pace.capacity-1)/pace.capacity) * period).Round(time.Second))
		}
		if len(w.retry) == 0 {
			backoffs = 0
			continue
		}
		wait := w.wait
		if !w.told {
			wait = backoff(backoffs)
			backoffs++
		}
		c.gates.hold(service, time.Now().Add(min(wait, maxRetryAfter)))
	}
	return nil
}

// batchPace sizes runBatches' waves: how many batches side by side, and how
// many items in each.
type batchPace struct {
	parallel, size int
	maxParallel    int
	ceiling        int // lowered for good by a 424, which hides which items failed
	capacity       int // items served from a window's opening to its first 429: what a window admits
	sinceOpen      int // items served since a wave went out as a window opened (-1: none seen)
}

func newBatchPace(maxParallel int) *batchPace {
	maxParallel = max(1, maxParallel)
	return &batchPace{parallel: maxParallel, size: batchSize, maxParallel: maxParallel, ceiling: batchSize, sinceOpen: -1}
}

// windowOpened says the next wave goes out as the service's window opens
// (after waiting out a Retry-After or a used-up window).
func (p *batchPace) windowOpened() { p.sinceOpen = 0 }

// after adapts to what a wave brought back.
func (p *batchPace) after(w wave) {
	if p.sinceOpen >= 0 {
		p.sinceOpen += w.served
	}
	if len(w.retry) == 0 {
		switch {
		case pctValue(w.limitPct) >= nearLimit: // at the limit: no faster
		case p.size < p.ceiling && p.capacity > 0: // the window's size is known: probe it one item at a time
			p.size++
		case p.size < p.ceiling:
			p.size = min(p.ceiling, p.size*2)
		default:
			p.parallel = min(p.maxParallel, p.parallel*2)
		}
		return
	}
	p.parallel = 1
	switch {
	case w.failedDependency: // 424 hides which items failed: smaller batches
		p.size = max(1, p.size/2)
		p.ceiling = p.size
	case p.sinceOpen > 0 || w.served > 0:
		// What one window of the limit admits: send no more than that.
		// Counted from the window's opening when we saw it open; the first,
		// blind wave can only go by what it got.
		if p.sinceOpen > 0 {
			p.capacity = p.sinceOpen
		} else if p.capacity == 0 {
			p.capacity = w.served
		}
		p.size = min(p.ceiling, max(1, p.capacity))
	case p.capacity == 0:
		p.size = max(1, p.size/2)
	}
	p.sinceOpen = -1 // unknown until a window is seen to open again
}

// sendWave sends jobs in batches of size, parallel at a time.
func (c *client) sendWave(ctx context.Context, jobs []batchJob, parallel, size int, final func(batchJob) bool, fn func(batchResult) error) (wave, error) {
	var mu sync.Mutex
	var w wave
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(parallel)
	for start := 0; start < len(jobs); start += size {
		chunk := jobs[start:min(start+size, len(jobs))]
		g.Go(func() error {
			cw, err := c.sendBatch(gctx, chunk, final, fn)
			mu.Lock()
			defer mu.Unlock()
			if errors.Is(err, errFailedDependency) {
				w.retry, w.failedDependency = append(w.retry, chunk...), true
				return nil
			}
			if err != nil {
				return err
			}
			w.retry = append(w.retry, cw.retry...)
			w.wait, w.told, w.served = max(w.wait, cw.wait), w.told || cw.told, w.served+cw.served
			if pctValue(cw.limitPct) > pctValue(w.limitPct) {
				w.limitPct = cw.limitPct
			}
			return nil
		})
	}
	return w, g.Wait()
}

func pctValue(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
}

// sendBatch sends one $batch and says which jobs to retry and how long to wait.
func (c *client) sendBatch(ctx context.Context, chunk []batchJob, final func(batchJob) bool, fn func(batchResult) error) (wave, error) {
	br := msgraphcore.NewBatchRequest(c.adapter)
	ids := make(map[string]batchJob, len(chunk))
	order := make([]string, 0, len(chunk))
	for _, j := range chunk {
		item, err := br.AddBatchRequestStep(*j.info)
		if err != nil {
			return wave{}, fmt.Errorf("batch step: %w", err)
		}
		ids[deref(item.GetId())] = j
		order = append(order, deref(item.GetId()))
	}
	resp, err := br.Send(ctx, c.adapter)
	if g, ok := asGraphError(err); ok && g.status == http.StatusFailedDependency && !final(chunk[0]) {
		// Graph may answer a batch with throttled items with 424 instead of
		// 200 (https://learn.microsoft.com/graph/json-batching); the SDK then drops the item answers, so
		// the chunk is sent again, halved, after a back-off.
		c.stats.count(ctx, 0, 1)
		return wave{}, errFailedDependency
	}
	if err != nil {
		return wave{}, err
	}
	pageDone(ctx, len(chunk))
	var w wave
	for _, id := range order {
		j := ids[id]
		item := resp.GetResponseById(id)
		if item == nil || item.GetStatus() == nil {
			if err := fn(batchResult{key: j.key, err: &graphError{message: "the batch answer has no response for this request"}}); err != nil {
				return wave{}, err
			}
			continue
		}
		status := int(*item.GetStatus())
		if p := header(item.GetHeaders(), "x-ms-throttle-limit-percentage"); pctValue(p) > pctValue(w.limitPct) {
			w.limitPct = p
		}
		if retryable(status) {
			if status == http.StatusTooManyRequests {
				c.stats.count(ctx, 0, 1)
			}
			if !final(j) {
				w.retry = append(w.retry, j)
				if d, ok := parseRetryAfter(header(item.GetHeaders(), "Retry-After")); ok {
					w.wait, w.told = max(w.wait, d), true
				}
				continue
			}
		}
		w.served++
		res := batchResult{key: j.key, status: status, resp: resp, id: id}
		if status >= 400 {
			res.err = itemError(status, item.GetBody())
		}
		if err := fn(res); err != nil {
			return wave{}, err
		}
	}
	return w, nil
}

// header reads a batch item's header; Graph's item header names vary in case.
func header(h map[string]string, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
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
