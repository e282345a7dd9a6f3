package graph

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/m365ready/m365ready/internal/collect"
)

// resolveMode turns auto into a concrete mode (collect.ResolveMode).
func resolveMode(a collect.Auth) collect.AuthMode {
	return collect.ResolveMode(a, os.Getenv, exec.LookPath)
}

func newCredential(mode collect.AuthMode, a collect.Auth, ep *endpoints, client *http.Client, prompt func(string)) (azcore.TokenCredential, error) {
	co := azcore.ClientOptions{Cloud: ep.authority, Transport: client}
	need := func(what, value string) error {
		if value == "" {
			return &collect.SignInError{Cause: fmt.Sprintf("%s sign-in needs %s", mode, what)}
		}
		return nil
	}
	switch mode {
	case collect.AuthClientSecret:
		for _, e := range []error{need("a tenant (--tenant or AZURE_TENANT_ID)", a.TenantID),
			need("a client id (--client-id or AZURE_CLIENT_ID)", a.ClientID),
			need("a client secret (AZURE_CLIENT_SECRET or --client-secret-file)", a.ClientSecret)} {
			if e != nil {
				return nil, e
			}
		}
		return azidentity.NewClientSecretCredential(a.TenantID, a.ClientID, a.ClientSecret,
			&azidentity.ClientSecretCredentialOptions{ClientOptions: co, DisableInstanceDiscovery: ep.customAuth})
	case collect.AuthClientCertificate:
		if err := need("a tenant and a client id", a.TenantID+a.ClientID); err != nil {
			return nil, err
		}
		data := a.CertificatePEM
		if len(data) == 0 {
			var err error
			if data, err = os.ReadFile(a.CertificatePath); err != nil {
				return nil, &collect.SignInError{Cause: "cannot read the certificate file: " + err.Error(), Err: err}
			}
		}
		var pw []byte
		if a.CertificatePassword != "" {
			pw = []byte(a.CertificatePassword)
		}
		certs, key, err := azidentity.ParseCertificates(data, pw)
		if err != nil {
			return nil, &collect.SignInError{Cause: "the certificate file holds no usable certificate and RSA key (PEM or PKCS#12): " + err.Error(), Err: err}
		}
		return azidentity.NewClientCertificateCredential(a.TenantID, a.ClientID, certs, key,
			&azidentity.ClientCertificateCredentialOptions{ClientOptions: co, DisableInstanceDiscovery: ep.customAuth})
	case collect.AuthDeviceCode:
		return azidentity.NewDeviceCodeCredential(&azidentity.DeviceCodeCredentialOptions{ClientOptions: co,
			TenantID: a.TenantID, ClientID: a.ClientID, DisableInstanceDiscovery: ep.customAuth,
			UserPrompt: func(_ context.Context, m azidentity.DeviceCodeMessage) error { prompt(m.Message); return nil }})
	case collect.AuthBrowser:
		return azidentity.NewInteractiveBrowserCredential(&azidentity.InteractiveBrowserCredentialOptions{ClientOptions: co,
			TenantID: a.TenantID, ClientID: a.ClientID, DisableInstanceDiscovery: ep.customAuth})
	case collect.AuthAzureCLI:
		return azidentity.NewAzureCLICredential(&azidentity.AzureCLICredentialOptions{TenantID: a.TenantID})
	case collect.AuthManagedIdentity:
		o := &azidentity.ManagedIdentityCredentialOptions{ClientOptions: co}
		if a.ClientID != "" {
			o.ID = azidentity.ClientID(a.ClientID)
		}
		return azidentity.NewManagedIdentityCredential(o)
	case collect.AuthWorkloadIdentity:
		return azidentity.NewWorkloadIdentityCredential(&azidentity.WorkloadIdentityCredentialOptions{ClientOptions: co,
			TenantID: a.TenantID, ClientID: a.ClientID, TokenFilePath: a.FederatedTokenFile, DisableInstanceDiscovery: ep.customAuth})
	}
	return nil, &collect.SignInError{Cause: fmt.Sprintf("unknown sign-in mode %q", mode)}
}

var reAADSTS = regexp.MustCompile(`AADSTS(\d+)`)

// signInCauses turn Entra's AADSTS codes into a cause and a fix.
var signInCauses = map[string]string{
	"7000215": "the client secret is not valid (use the secret's Value, not its ID); give a current secret (AZURE_CLIENT_SECRET or --client-secret-file; in a fleet, where tenants.yaml says)",
	"7000222": "the client secret has expired; create a new secret in the app registration and use it",
	"700016":  "no application with this client id exists in the tenant; check --client-id and --tenant (in a fleet, clientId and tenant in tenants.yaml), and that the app is consented in this tenant",
	"90002":   "the tenant was not found; check --tenant (id or domain) and --cloud (in a fleet, tenant and cloud in tenants.yaml)",
	"65001":   "the app has not been granted admin consent; grant admin consent for its Microsoft Graph permissions",
	"700027":  "the certificate is not registered on the app; upload the certificate's public part to the app registration",
	"7000218": "no credential was sent; provide a client secret or a certificate",
	"50034":   "the user account does not exist in this tenant",
	"50076":   "the sign-in needs MFA; use device-code or browser sign-in",
}

// signInError explains a failed token request in one line, naming the
// cause and the fix; it never includes the response body, which can echo
// request parameters.
func signInError(mode collect.AuthMode, err error) error {
	var se *collect.SignInError
	if errors.As(err, &se) {
		return se
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	msg := err.Error()
	if m := reAADSTS.FindStringSubmatch(msg); m != nil {
		if cause, ok := signInCauses[m[1]]; ok {
			return &collect.SignInError{Cause: cause + " (AADSTS" + m[1] + ")", Err: err}
		}
		return &collect.SignInError{Cause: "Microsoft Entra ID refused the sign-in (AADSTS" + m[1] + ")", Err: err}
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		where := "the sign-in endpoint"
		if opErr.Addr != nil {
			where += " " + opErr.Addr.String()
		}
		return &collect.SignInError{Cause: fmt.Sprintf("cannot reach %s: %v; check --cloud, --authority-host and the network", where, opErr.Err), Err: err}
	}
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return &collect.SignInError{Cause: "the sign-in endpoint's TLS certificate is not trusted: " + certErr.Err.Error() + "; for a private server set SSL_CERT_FILE to its CA", Err: err}
	}
	// MSAL flattens transport errors into text, so look at the text too.
	if m := reDial.FindStringSubmatch(msg); m != nil {
		return &collect.SignInError{Cause: fmt.Sprintf("cannot reach the sign-in endpoint %s: %s; check --cloud, --authority-host and the network", m[1], m[2]), Err: err}
	}
	if strings.Contains(msg, "x509:") {
		return &collect.SignInError{Cause: "the sign-in endpoint's TLS certificate is not trusted; for a private server set SSL_CERT_FILE to its CA", Err: err}
	}
	if cause := modeCause(mode, msg); cause != "" {
		return &collect.SignInError{Cause: cause, Err: err}
	}
	return &collect.SignInError{Cause: string(mode) + " sign-in failed: " + firstLine(msg), Err: err}
}

// modeCause explains the failures particular to one way of signing in, from
// azidentity's messages (which are not a contract: an unknown one falls
// through to its first line).
func modeCause(mode collect.AuthMode, msg string) string {
	m := strings.ToLower(msg)
	switch mode {
	case collect.AuthAzureCLI:
		switch {
		case strings.Contains(m, "not found on path") || strings.Contains(m, "executable file not found"):
			return "the Azure CLI (az) is not installed; install it and run 'az login', or choose another --auth"
		case strings.Contains(m, "az login") || strings.Contains(m, "please run"):
			return "the Azure CLI is not signed in to this tenant; run 'az login --tenant <tenant>' and try again"
		}
		return "the Azure CLI could not give a token (" + firstLine(msg) + "); run 'az account get-access-token --resource https://graph.microsoft.com' to see why"
	case collect.AuthManagedIdentity:
		return "no managed identity answered on this machine (" + firstLine(msg) + "); run on an Azure resource with a managed identity (and --client-id for a user-assigned one), or choose another --auth"
	case collect.AuthWorkloadIdentity:
		switch {
		case strings.Contains(m, "token file"):
			return "workload identity needs a federated token file: set AZURE_FEDERATED_TOKEN_FILE (and AZURE_TENANT_ID, AZURE_CLIENT_ID)"
		case strings.Contains(m, "no such file") || strings.Contains(m, "permission denied"):
			return "cannot read the federated token file named by AZURE_FEDERATED_TOKEN_FILE; check the path and that the workload's token is mounted there"
		case strings.Contains(m, "client id") || strings.Contains(m, "tenant id"):
			return "workload identity needs AZURE_TENANT_ID and AZURE_CLIENT_ID (or --tenant and --client-id)"
		}
		return "workload identity sign-in failed (" + firstLine(msg) + "); check the federated credential on the app registration matches this workload"
	case collect.AuthBrowser:
		return "no browser sign-in could be completed here (" + firstLine(msg) + "); on a machine without a desktop use --auth device-code"
	}
	return ""
}

var reDial = regexp.MustCompile(`dial tcp ([^ ]+): ([^.\n]+)`)

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// checkToken signs in once before any Graph call, so a bad credential fails
// fast with one clear line instead of sixteen failed datasets.
func checkToken(ctx context.Context, mode collect.AuthMode, cred azcore.TokenCredential, scope string) (string, error) {
	tok, err := cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{scope}, EnableCAE: true})
	if err != nil {
		return "", signInError(mode, err)
	}
	return tok.Token, nil
}

// tokenGrants reads the roles (application) or scp (delegated) claim of an
// access token. The token is not verified: Graph does that; this only
// predicts what Graph will allow.
func tokenGrants(token string) []string {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil
	}
	var c struct {
		Roles []string `json:"roles"`
		Scp   string   `json:"scp"`
	}
	if json.Unmarshal(raw, &c) != nil {
		return nil
	}
	return append(c.Roles, strings.Fields(c.Scp)...)
}
