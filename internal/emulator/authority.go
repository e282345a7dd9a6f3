package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// serveAuthority is the fake Entra authority: OIDC metadata and the v2.0 token
// endpoint for the client-credentials grant (secret or certificate assertion).
func (s *Server) serveAuthority(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w}
	defer func() {
		s.record(Request{Time: time.Now(), Origin: "authority", Method: r.Method, Path: r.URL.Path, Status: rec.status})
	}()
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(parts) < 2 {
		writeJSON(rec, http.StatusNotFound, map[string]any{"error": "not_found"})
		return
	}
	tenantID := parts[0]
	base := strings.TrimSuffix(s.AuthorityHost, "/")
	switch rest := strings.Join(parts[1:], "/"); rest {
	case "v2.0/.well-known/openid-configuration":
		if !s.knownTenant(tenantID) {
			s.tokenError(rec, http.StatusBadRequest, "invalid_tenant", 90002,
				fmt.Sprintf("Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", tenantID))
			return
		}
		writeJSON(rec, http.StatusOK, map[string]any{
			"authorization_endpoint":        base + "/" + tenantID + "/oauth2/v2.0/authorize",
			"token_endpoint":                base + "/" + tenantID + "/oauth2/v2.0/token",
			"issuer":                        base + "/" + tenantID + "/v2.0",
			"device_authorization_endpoint": base + "/" + tenantID + "/oauth2/v2.0/devicecode",
		})
	case "oauth2/v2.0/token":
		s.serveToken(rec, r, tenantID, base+"/"+tenantID+"/oauth2/v2.0/token")
	default:
		writeJSON(rec, http.StatusNotFound, map[string]any{"error": "not_found"})
	}
}

func (s *Server) knownTenant(id string) bool {
	return strings.EqualFold(id, s.fixture.TenantID) || (s.fixture.Domain != "" && strings.EqualFold(id, s.fixture.Domain))
}

func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, tenantID, endpoint string) {
	if r.Method != http.MethodPost {
		s.tokenError(w, http.StatusMethodNotAllowed, "invalid_request", 900561, "The endpoint only accepts POST requests.")
		return
	}
	if err := r.ParseForm(); err != nil {
		s.tokenError(w, http.StatusBadRequest, "invalid_request", 900144, "The request body must contain the parameter: 'grant_type'.")
		return
	}
	if !s.knownTenant(tenantID) {
		s.tokenError(w, http.StatusBadRequest, "invalid_tenant", 90002,
			fmt.Sprintf("Tenant '%s' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", tenantID))
		return
	}
	if gt := r.PostForm.Get("grant_type"); gt != "client_credentials" {
		s.tokenError(w, http.StatusBadRequest, "unsupported_grant_type", 70003,
			"The app requested an unsupported grant type '"+gt+"'. The emulator supports client_credentials only.")
		return
	}
	clientID := r.PostForm.Get("client_id")
	app := s.fixture.app(clientID)
	if app == nil {
		s.tokenError(w, http.StatusBadRequest, "unauthorized_client", 700016,
			fmt.Sprintf("Application with identifier '%s' was not found in the directory '%s'.", clientID, tenantID))
		return
	}
	audience := ""
	for _, sc := range strings.Fields(r.PostForm.Get("scope")) {
		if strings.HasSuffix(sc, "/.default") {
			audience = strings.TrimSuffix(sc, "/.default")
		}
	}
	if audience == "" {
		s.tokenError(w, http.StatusBadRequest, "invalid_scope", 1002012,
			"The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.")
		return
	}
	switch {
	case r.PostForm.Get("client_secret") != "":
		if app.Secret == "" || r.PostForm.Get("client_secret") != app.Secret {
			s.tokenError(w, http.StatusUnauthorized, "invalid_client", 7000215,
				fmt.Sprintf("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '%s'.", clientID))
			return
		}
		if app.SecretExpired {
			s.tokenError(w, http.StatusUnauthorized, "invalid_client", 7000222,
				fmt.Sprintf("The provided client secret keys for app '%s' are expired. Visit the Azure portal to create new keys for your app.", clientID))
			return
		}
	case r.PostForm.Get("client_assertion") != "":
		if app.Certificate == nil {
			s.tokenError(w, http.StatusUnauthorized, "invalid_client", 700027,
				"Client assertion failed signature validation: the application has no certificate registered.")
			return
		}
		if err := verifyAssertion(r.PostForm.Get("client_assertion"), app.Certificate, clientID, endpoint); err != nil {
			s.tokenError(w, http.StatusUnauthorized, "invalid_client", 700027,
				"Client assertion failed signature validation: "+err.Error()+".")
			return
		}
	default:
		s.tokenError(w, http.StatusUnauthorized, "invalid_client", 7000218,
			"The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
		return
	}
	if len(app.Roles) == 0 {
		s.tokenError(w, http.StatusBadRequest, "invalid_grant", 65001,
			fmt.Sprintf("The user or administrator has not consented to use the application with ID '%s'. Send an interactive authorization request for this user and resource.", clientID))
		return
	}
	tok, ttl := s.issueToken(app, audience)
	writeJSON(w, http.StatusOK, map[string]any{
		"token_type": "Bearer", "expires_in": int(ttl.Seconds()) - 1, "ext_expires_in": int(ttl.Seconds()) - 1,
		"access_token": tok,
	})
}

// tokenError writes Entra's OAuth error body.
func (s *Server) tokenError(w http.ResponseWriter, status int, code string, aadsts int, msg string) {
	now := time.Now().UTC()
	writeJSON(w, status, map[string]any{
		"error":             code,
		"error_description": fmt.Sprintf("AADSTS%d: %s Trace ID: %s Correlation ID: %s Timestamp: %s", aadsts, msg, newID(), newID(), now.Format("2006-01-02 15:04:05Z")),
		"error_codes":       []int{aadsts},
		"timestamp":         now.Format("2006-01-02 15:04:05Z"),
		"trace_id":          newID(),
		"correlation_id":    newID(),
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
