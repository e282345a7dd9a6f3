package emulator

import (
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"net/http"
	"time"
)

// apiError is a Graph error answer: status plus the OData error envelope.
type apiError struct {
	status  int
	code    string
	message string
	headers map[string]string
}

func badRequest(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "BadRequest", message: msg}
}

func notFound(msg string) *apiError {
	return &apiError{status: http.StatusNotFound, code: "Request_ResourceNotFound", message: msg}
}

func denied() *apiError {
	return &apiError{status: http.StatusForbidden, code: "Authorization_RequestDenied",
		message: "Insufficient privileges to complete the operation."}
}

// The licence answers are the codes Graph is seen to give: Microsoft does
// not document them (microsoftgraph/microsoft-graph-docs-contrib#8777 for
// the P1 one); the body's shape is https://learn.microsoft.com/graph/errors.
func notPremium() *apiError {
	return &apiError{status: http.StatusForbidden, code: "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
		message: "Tenant is not a B2C tenant and doesn't have premium license"}
}

func notP2() *apiError {
	return &apiError{status: http.StatusBadRequest, code: "AadPremiumLicenseRequired",
		message: "The tenant needs to have Microsoft Entra ID P2 or Microsoft Entra ID Governance license."}
}

func intuneNotApplicable() *apiError {
	return &apiError{status: http.StatusBadRequest, code: "BadRequest", message: "Request not applicable to target tenant."}
}

func (e *apiError) body(requestID string) map[string]any {
	return map[string]any{"error": map[string]any{"code": e.code, "message": e.message,
		"innerError": map[string]any{"date": time.Now().UTC().Format("2006-01-02T15:04:05"),
			"request-id": requestID, "client-request-id": requestID}}}
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newDeterministicID derives a stable GUID-shaped id, so repeated requests
// return the same object ids as Graph would.
func newDeterministicID(seed string, n int) string {
	b := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", seed, n)))
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
