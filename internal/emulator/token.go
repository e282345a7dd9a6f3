package emulator

import (
	"crypto"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
)

var b64 = base64.RawURLEncoding

// claims are the parts of a Graph access token the emulator and the product read.
type claims struct {
	Aud   string   `json:"aud"`
	Iss   string   `json:"iss"`
	Tid   string   `json:"tid"`
	AppID string   `json:"appid"`
	Roles []string `json:"roles,omitempty"`
	Scp   string   `json:"scp,omitempty"`
	Iat   int64    `json:"iat"`
	Nbf   int64    `json:"nbf"`
	Exp   int64    `json:"exp"`
}

// issueToken makes an HS256 JWT, shaped like an Entra access token.
func (s *Server) issueToken(app *App, audience string) (string, time.Duration) {
	now := time.Now()
	ttl := time.Hour
	c := claims{Aud: audience, Iss: "https://sts.windows.net/" + s.fixture.TenantID + "/",
		Tid: s.fixture.TenantID, AppID: app.ClientID, Iat: now.Unix(), Nbf: now.Unix(), Exp: now.Add(ttl).Unix()}
	if app.Delegated {
		c.Scp = strings.Join(app.Roles, " ")
	} else {
		c.Roles = append([]string(nil), app.Roles...)
	}
	head, _ := json.Marshal(map[string]string{"alg": "HS256", "typ": "JWT"})
	body, _ := json.Marshal(c)
	signing := b64.EncodeToString(head) + "." + b64.EncodeToString(body)
	mac := hmac.New(sha256.New, s.tokenKey)
	mac.Write([]byte(signing))
	return signing + "." + b64.EncodeToString(mac.Sum(nil)), ttl
}

// verifyToken checks a bearer token the emulator issued and returns its claims.
func (s *Server) verifyToken(tok string) (*claims, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return nil, errors.New("token is not a JWT")
	}
	mac := hmac.New(sha256.New, s.tokenKey)
	mac.Write([]byte(parts[0] + "." + parts[1]))
	sig, err := b64.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return nil, errors.New("token signature is invalid")
	}
	raw, err := b64.DecodeString(parts[1])
	if err != nil {
		return nil, err
	}
	var c claims
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, err
	}
	if time.Now().Unix() >= c.Exp {
		return nil, errors.New("token has expired")
	}
	return &c, nil
}

func (c *claims) has(perm string) bool {
	for _, r := range c.Roles {
		if strings.EqualFold(r, perm) {
			return true
		}
	}
	for _, r := range strings.Fields(c.Scp) {
		if strings.EqualFold(r, perm) {
			return true
		}
	}
	return false
}

// verifyAssertion checks a client assertion (RFC 7523) signed with the app's
// certificate: PS256 or RS256, x5t#S256 naming the certificate, aud the token endpoint.
func verifyAssertion(assertion string, cert *ClientCertificate, clientID, tokenEndpoint string) error {
	parts := strings.Split(assertion, ".")
	if len(parts) != 3 {
		return errors.New("assertion is not a JWT")
	}
	var head struct {
		Alg     string `json:"alg"`
		X5tS256 string `json:"x5t#S256"`
		X5t     string `json:"x5t"`
	}
	var body struct {
		Aud string `json:"aud"`
		Iss string `json:"iss"`
		Sub string `json:"sub"`
		Exp int64  `json:"exp"`
	}
	if err := decodeSegment(parts[0], &head); err != nil {
		return err
	}
	if err := decodeSegment(parts[1], &body); err != nil {
		return err
	}
	// MSAL sends the thumbprint in standard base64; accept base64url too.
	if head.X5tS256 != "" && head.X5tS256 != base64.StdEncoding.EncodeToString(cert.Thumbprint[:]) &&
		head.X5tS256 != b64.EncodeToString(cert.Thumbprint[:]) {
		return errors.New("certificate thumbprint does not match a registered certificate")
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return err
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	switch head.Alg {
	case "PS256":
		err = rsa.VerifyPSS(cert.Key, crypto.SHA256, digest[:], sig, nil)
	case "RS256":
		err = rsa.VerifyPKCS1v15(cert.Key, crypto.SHA256, digest[:], sig)
	default:
		return errors.New("unsupported assertion algorithm " + head.Alg)
	}
	if err != nil {
		return errors.New("assertion signature does not match the registered certificate")
	}
	if body.Iss != clientID || body.Sub != clientID {
		return errors.New("assertion iss/sub is not the client id")
	}
	if body.Aud != tokenEndpoint {
		return errors.New("assertion audience is not the token endpoint")
	}
	if time.Now().Unix() > body.Exp {
		return errors.New("assertion has expired")
	}
	return nil
}

func decodeSegment(seg string, v any) error {
	raw, err := b64.DecodeString(seg)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// deniedBy answers as Graph does when the token cannot call endpoint e: an
// app-only token on a delegated-only API and the reverse are told apart from
// a missing permission.
func (c *claims) deniedBy(e collect.Endpoint) *apiError {
	appOnly := c.Scp == ""
	if len(e.Accepted(appOnly)) == 0 {
		kind := map[bool]string{true: "application", false: "delegated"}[!appOnly]
		return &apiError{status: http.StatusForbidden, code: "accessDenied", message: "This API is only supported with " + kind + " permissions."}
	}
	granted := c.Roles
	if !appOnly {
		granted = strings.Fields(c.Scp)
	}
	if !e.Allows(appOnly, granted) {
		return denied()
	}
	return nil
}
