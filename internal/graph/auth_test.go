package graph

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
)

// TestEachSignInModeFailsInOneLine drives the real azidentity credentials of
// the modes the emulator's authority cannot serve into their usual failures,
// and checks each becomes one line naming the cause and the fix.
func TestEachSignInModeFailsInOneLine(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no az here
	missing := filepath.Join(t.TempDir(), "no-token")
	unreachable := "https://127.0.0.1:1/" // nothing listens on port 1
	f := demoFixture()
	srv := startEmulator(t, f)
	authority := srv.AuthorityHost
	trusting := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: srv.PKI().CAPool}}}
	cases := []struct {
		name      string
		mode      collect.AuthMode
		auth      collect.Auth
		authority string
		want      string
	}{
		{"azure-cli without az", collect.AuthAzureCLI, collect.Auth{}, "", "Azure CLI (az) is not installed"},
		{"workload identity without a token file", collect.AuthWorkloadIdentity, collect.Auth{TenantID: "t", ClientID: "c"}, "", "AZURE_FEDERATED_TOKEN_FILE"},
		{"workload identity with an unreadable token file", collect.AuthWorkloadIdentity,
			collect.Auth{TenantID: f.TenantID, ClientID: f.Apps[0].ClientID, FederatedTokenFile: missing}, authority, "federated token file"},
		{"custom authority unreachable", collect.AuthClientSecret, collect.Auth{TenantID: "t", ClientID: "c", ClientSecret: "s"}, unreachable,
			"cannot reach the sign-in endpoint"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ep, err := resolveEndpoints("global", "", tc.authority)
			if err != nil {
				t.Fatal(err)
			}
			err = nil
			cred, cerr := newCredential(tc.mode, tc.auth, ep, trusting, func(string) {})
			if cerr != nil {
				err = signInError(tc.mode, cerr)
			} else {
				ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
				defer cancel()
				_, err = checkToken(ctx, tc.mode, cred, ep.scope)
			}
			var se *collect.SignInError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a sign-in error naming %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "%!") {
				t.Errorf("not one clean line: %q", err)
			}
		})
	}
}

func TestSignInErrorWithoutAddress(t *testing.T) {
	err := signInError(collect.AuthClientSecret, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")})
	if got := err.Error(); strings.Contains(got, "%!") || !strings.Contains(got, "cannot reach the sign-in endpoint: connection refused") {
		t.Errorf("%q", got)
	}
	if !strings.Contains(modeCause(collect.AuthAzureCLI, "ERROR: Please run 'az login' to setup account."), "az login --tenant") {
		t.Error("azure-cli not signed in")
	}
	if !strings.Contains(modeCause(collect.AuthManagedIdentity, "ManagedIdentityCredential: no response from the IMDS endpoint"), "managed identity") {
		t.Error("managed identity")
	}
	if !strings.Contains(modeCause(collect.AuthBrowser, "failed to open a browser"), "--auth device-code") {
		t.Error("browser")
	}
}

// TestCloudHostsAgree: collect's table of national clouds (used where the
// SDK is not compiled, as by consent-url) names the same Graph root and
// authority as the SDK's configuration here.
func TestCloudHostsAgree(t *testing.T) {
	for name, c := range clouds {
		h, ok := collect.CloudHosts[name]
		if !ok || h.Graph != c.graphRoot || strings.TrimSuffix(c.authority.ActiveDirectoryAuthorityHost, "/") != h.Authority {
			t.Errorf("%s: collect has %+v, the SDK configuration %s and %s", name, h, c.graphRoot, c.authority.ActiveDirectoryAuthorityHost)
		}
	}
	if len(collect.CloudHosts) != len(clouds) {
		t.Errorf("%d clouds in collect, %d here", len(collect.CloudHosts), len(clouds))
	}
}
