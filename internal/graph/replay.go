package graph

import (
	"bytes"
	"io"
	"net/http"

	khttp "github.com/microsoft/kiota-http-go"
)

// replayBody sits just inside the retry handler (throttleRetry). It resends
// the same *http.Request, whose body the first attempt has consumed, so a
// retried POST /$batch would go out empty (Graph then fails the batch with
// 400). On the first attempt it keeps the body as sent, compressed if the
// compression handler ran; on each retry it hands the transport a fresh copy.
type replayBody struct{}

const retryAttemptHeader = "Retry-Attempt"

func (replayBody) Intercept(p khttp.Pipeline, i int, req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		if req.Header.Get(retryAttemptHeader) == "" {
			data, err := io.ReadAll(req.Body)
			_ = req.Body.Close()
			if err != nil {
				return nil, err
			}
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
			req.ContentLength = int64(len(data))
		}
		if req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req.Body = body
		}
	}
	return p.Next(req, i)
}
