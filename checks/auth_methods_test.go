package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func methodsPolicy(enabled ...string) tenant.AuthMethodsPolicy {
	p := tenant.AuthMethodsPolicy{PolicyMigrationState: "migrationComplete"}
	for _, id := range []string{"MicrosoftAuthenticator", "Fido2", "Sms", "Voice", "SoftwareOath", "Email"} {
		state := "disabled"
		for _, e := range enabled {
			if e == id {
				state = "enabled"
			}
		}
		p.Methods = append(p.Methods, tenant.AuthMethodConfig{ID: id, State: state})
	}
	return p
}

func TestAuthMethodsPolicy(t *testing.T) {
	cases := []struct {
		name    string
		policy  tenant.AuthMethodsPolicy
		status  result.Status
		score   float64
		finding string
	}{
		{"Authenticator and passkeys", methodsPolicy("MicrosoftAuthenticator", "Fido2", "Sms"), result.StatusPass, 1, ""},
		{"no passkeys", methodsPolicy("MicrosoftAuthenticator", "Sms"), result.StatusWarn, 0.75, "Passkeys"},
		{"SMS and voice only", methodsPolicy("Sms", "Voice"), result.StatusFail, 0, "the only enabled methods"},
		{"Authenticator off", methodsPolicy("Fido2"), result.StatusFail, 0.5, "Microsoft Authenticator"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			s.AuthMethodsPolicy.Set(tc.policy)
			r := eval(t, AuthMethodsPolicy, s, Settings{})
			if r.Status != tc.status || score(r) != tc.score {
				t.Fatalf("%s %v, want %s %v (%s)", r.Status, score(r), tc.status, tc.score, r.Summary)
			}
			found := tc.finding == ""
			for _, f := range r.Findings {
				found = found || strings.Contains(f.Name+" "+f.Detail, tc.finding)
			}
			if !found {
				t.Errorf("no finding %q: %+v", tc.finding, r.Findings)
			}
		})
	}
	s := newSnap()
	s.AuthMethodsPolicy.Fail(tenant.Status{State: tenant.StateDenied, Permission: "Policy.Read.AuthenticationMethod"})
	if r := eval(t, AuthMethodsPolicy, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "Policy.Read.AuthenticationMethod") {
		t.Errorf("%+v", r)
	}
}
