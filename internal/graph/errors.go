package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	abs "github.com/microsoft/kiota-abstractions-go"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"

	"github.com/m365ready/m365ready/internal/tenant"
)

// Licences named in dataset statuses.
const (
	licenceP1     = "Microsoft Entra ID P1"
	licenceP2     = "Microsoft Entra ID P2 or Microsoft Entra ID Governance"
	licenceIntune = "Microsoft Intune"
)

// ErrPagingLoop is returned when Graph hands back a nextLink it gave before.
var ErrPagingLoop = errors.New("paging loop: Graph returned a nextLink it had already returned")

// graphError is what the collectors know about a failed request.
type graphError struct {
	status    int
	code      string
	message   string
	requestID string
}

// asGraphError digs the status, Graph error code and request-id out of an SDK error.
func asGraphError(err error) (*graphError, bool) {
	var ge *graphError
	if errors.As(err, &ge) {
		return ge, true
	}
	var oe *odataerrors.ODataError
	if errors.As(err, &oe) {
		g := &graphError{status: oe.ResponseStatusCode}
		if e := oe.GetErrorEscaped(); e != nil {
			g.code = deref(e.GetCode())
			g.message = deref(e.GetMessage())
			if in := e.GetInnerError(); in != nil {
				g.requestID = deref(in.GetRequestId())
			}
		}
		if g.requestID == "" && oe.ResponseHeaders != nil {
			if v := oe.ResponseHeaders.Get("request-id"); len(v) > 0 {
				g.requestID = v[0]
			}
		}
		return g, true
	}
	var ae *abs.ApiError
	if errors.As(err, &ae) {
		return &graphError{status: ae.ResponseStatusCode, message: ae.Message}, true
	}
	return nil, false
}

// classify maps a failed dataset request to its status, by Graph error code
// first and status second: a 403 may mean a missing permission or a missing
// licence, and licence gaps may be a 400. The body's shape is documented
// (https://learn.microsoft.com/graph/errors); the licence codes are not, and
// are the ones seen in public reports (microsoftgraph/microsoft-graph-docs-contrib#8777).
func classify(err error, permission string) tenant.Status {
	if errors.Is(err, ErrPagingLoop) {
		return tenant.Status{State: tenant.StateFailed, Reason: err.Error()}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return tenant.Status{State: tenant.StateFailed, Reason: "Graph did not answer in time: " + firstLine(err.Error())}
	}
	g, ok := asGraphError(err)
	if !ok {
		return tenant.Status{State: tenant.StateFailed, Reason: firstLine(err.Error())}
	}
	st := tenant.Status{HTTPStatus: g.status, ErrorCode: g.code, RequestID: g.requestID}
	switch {
	case g.code == "Authentication_RequestFromNonPremiumTenantOrB2CTenant":
		st.State, st.Licence = tenant.StateUnlicensed, licenceP1
		st.Reason = "the tenant has no " + licenceP1
	case g.code == "AadPremiumLicenseRequired":
		st.State, st.Licence = tenant.StateUnlicensed, licenceP2
		st.Reason = "the tenant has no " + licenceP2
	case g.status == http.StatusBadRequest && strings.Contains(strings.ToLower(g.message), "request not applicable to target tenant"):
		st.State, st.Licence = tenant.StateUnlicensed, licenceIntune
		st.Reason = "Intune is not available for the tenant"
	case g.status == http.StatusForbidden:
		st.State, st.Permission = tenant.StateDenied, permission
		st.Reason = "Graph denied the request: " + nonEmpty(g.message, g.code)
	case g.status == http.StatusUnauthorized:
		st.State = tenant.StateFailed
		st.Reason = "Graph rejected the access token: " + nonEmpty(g.message, g.code)
	case g.status == http.StatusTooManyRequests:
		st.State = tenant.StateFailed
		st.Reason = "throttled by Graph and still throttled after retries"
	default:
		st.State = tenant.StateFailed
		st.Reason = fmt.Sprintf("Graph answered HTTP %d: %s", g.status, nonEmpty(g.message, g.code))
	}
	return st
}

func nonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return "no details"
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func errEmpty(what string) error {
	return fmt.Errorf("Graph returned no %s object", what)
}
