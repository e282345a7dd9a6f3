package config

import (
	"errors"
	"strings"
	"testing"
)

func TestParseFleet(t *testing.T) {
	fl, err := ParseFleet([]byte(`
defaults:
  clientId: 11111111-2222-3333-4444-555555555555
  certificate: {file: certs/msp.pem, passwordEnv: MSP_CERT_PASSWORD}
tenants:
  - alias: alder-finch
    tenant: alderfinch.onmicrosoft.com
    tags: [premium, london]
    config: alder.yaml
  - alias: contoso
    tenant: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0
    auth: client-secret
    secret: {env: CONTOSO_SECRET}
    cloud: usgov
    graphUrl: https://127.0.0.1:8443/v1.0
    authorityHost: https://127.0.0.1:8444/
`), "/etc/m365ready")
	if err != nil {
		t.Fatal(err)
	}
	a, c := fl.Tenants[0], fl.Tenants[1]
	if a.Auth != "client-certificate" || a.Certificate.File != "/etc/m365ready/certs/msp.pem" || a.Certificate.PasswordEnv != "MSP_CERT_PASSWORD" ||
		a.ClientID == "" || a.Config != "/etc/m365ready/alder.yaml" || a.Cloud != "global" || len(a.Tags) != 2 || a.Line != 6 {
		t.Errorf("first tenant %+v", a)
	}
	if c.Auth != "client-secret" || c.Secret.Env != "CONTOSO_SECRET" || c.Cloud != "usgov" || c.ClientID != a.ClientID ||
		c.GraphURL != "https://127.0.0.1:8443/v1.0" || c.AuthorityHost != "https://127.0.0.1:8444/" || a.GraphURL != "" {
		t.Errorf("second tenant %+v", c)
	}
}

func TestParseFleetRejects(t *testing.T) {
	head := "defaults:\n  clientId: x\n  certificate: {file: c.pem}\ntenants:\n"
	cases := []struct{ name, doc, want string }{
		{"inline secret", head + "  - alias: a\n    tenant: t\n    auth: client-secret\n    secret: hunter2\n", "line 8: secret"},
		{"inline certificate", "tenants:\n  - alias: a\n    tenant: t\n    clientId: x\n    certificate: \"-----BEGIN\"\n", "line 5: certificate"},
		{"unknown key", head + "  - alias: a\n    tenant: t\n    tennant: u\n", "line 7"},
		{"no tenants", "defaults:\n  clientId: x\n", "no tenants"},
		{"alias with a slash", head + "  - alias: ../etc\n    tenant: t\n", "line 5"},
		{"duplicate alias", head + "  - alias: a\n    tenant: t\n  - alias: A\n    tenant: u\n", "already used on line 5"},
		{"no tenant", head + "  - alias: a\n", "needs tenant"},
		{"secret from both", head + "  - alias: a\n    tenant: t\n    auth: client-secret\n    secret: {env: X, file: y}\n", "secret: {env: NAME}"},
		{"bad auth", head + "  - alias: a\n    tenant: t\n    auth: password\n", "must be client-certificate"},
		{"bad cloud", head + "  - alias: a\n    tenant: t\n    cloud: mars\n", "cloud"},
		{"not YAML", "tenants: [", "line"},
		{"plain-HTTP Graph", head + "  - alias: a\n    tenant: t\n    graphUrl: http://127.0.0.1:8080/v1.0\n", "line 5: tenants[0].graphUrl"},
		{"authority without host", head + "  - alias: a\n    tenant: t\n    authorityHost: https:///x\n", "authorityHost"},
	}
	for _, tc := range cases {
		_, err := ParseFleet([]byte(tc.doc), "/x")
		if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want an invalid-configuration error on one line mentioning %q", tc.name, err, tc.want)
		}
		if strings.Contains(tc.name, "inline") && !errors.Is(err, ErrInlineCredential) {
			t.Errorf("%s: %v is not ErrInlineCredential", tc.name, err)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: the error repeats the secret", tc.name)
		}
	}
}
