package cli

import (
	"errors"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/m365ready/m365ready/internal/collect"
)

// authFlags are the sign-in and endpoint flags shared by audit and collect.
type authFlags struct {
	Mode             string
	TenantID         string
	ClientID         string
	ClientSecretFile string
	Certificate      string
	Cloud            string
	GraphURL         string
	AuthorityHost    string
	MaxRetries       int
	Concurrency      int
	Timeout          time.Duration
}

func (a *authFlags) register(fs *pflag.FlagSet) {
	modes := make([]string, 0, len(collect.AuthModes()))
	for _, m := range collect.AuthModes() {
		modes = append(modes, string(m))
	}
	fs.StringVar(&a.Mode, "auth", "auto", "sign-in mode: "+strings.Join(modes, ", "))
	fs.StringVar(&a.TenantID, "tenant", "", "tenant id or domain (default $AZURE_TENANT_ID)")
	fs.StringVar(&a.ClientID, "client-id", "", "application (client) id (default $AZURE_CLIENT_ID)")
	fs.StringVar(&a.ClientSecretFile, "client-secret-file", "", "file holding the client secret (else $AZURE_CLIENT_SECRET; never a flag value)")
	fs.StringVar(&a.Certificate, "certificate", "", "PEM or PKCS#12 file with certificate and key (default $AZURE_CLIENT_CERTIFICATE_PATH)")
	fs.StringVar(&a.Cloud, "cloud", "global", "national cloud: global, usgov (GCC High), usgovdod, china")
	fs.StringVar(&a.GraphURL, "graph-url", "", "custom Graph base URL for private test servers (default $M365READY_GRAPH_URL)")
	fs.StringVar(&a.AuthorityHost, "authority-host", "", "custom sign-in authority (default $AZURE_AUTHORITY_HOST); disables instance discovery")
	fs.IntVar(&a.MaxRetries, "max-retries", 5, "retries for throttled (429) and unavailable (503/504) answers")
	fs.IntVar(&a.Concurrency, "concurrency", 4, "datasets collected at once")
	fs.DurationVar(&a.Timeout, "request-timeout", 100*time.Second, "timeout for each HTTP attempt")
}

// options resolves flags and the Azure SDK's environment variables.
func (a *authFlags) options(getenv func(string) string) (collect.Options, error) {
	mode := collect.AuthMode(strings.ToLower(a.Mode))
	valid := false
	for _, m := range collect.AuthModes() {
		valid = valid || m == mode
	}
	if !valid {
		return collect.Options{}, usageErrorf("unknown --auth %q: use one of auto, device-code, browser, azure-cli, client-secret, client-certificate, managed-identity, workload-identity", a.Mode)
	}
	if !slices.Contains(collect.CloudNames, strings.ToLower(a.Cloud)) {
		return collect.Options{}, usageErrorf("unknown --cloud %q: use %s", a.Cloud, collect.CloudList())
	}
	if err := a.checkRanges(); err != nil {
		return collect.Options{}, err
	}
	or := func(v, env string) string {
		if v != "" {
			return v
		}
		return getenv(env)
	}
	auth := collect.Auth{Mode: mode, TenantID: or(a.TenantID, "AZURE_TENANT_ID"), ClientID: or(a.ClientID, "AZURE_CLIENT_ID"),
		ClientSecret: getenv("AZURE_CLIENT_SECRET"), CertificatePath: or(a.Certificate, "AZURE_CLIENT_CERTIFICATE_PATH"),
		CertificatePassword: getenv("AZURE_CLIENT_CERTIFICATE_PASSWORD"), FederatedTokenFile: getenv("AZURE_FEDERATED_TOKEN_FILE")}
	if a.ClientSecretFile != "" {
		b, err := os.ReadFile(a.ClientSecretFile)
		if err != nil {
			return collect.Options{}, usageErrorf("cannot read --client-secret-file: %v", err)
		}
		auth.ClientSecret = strings.TrimSpace(string(b))
		if auth.ClientSecret == "" {
			return collect.Options{}, usageErrorf("--client-secret-file %s is empty", a.ClientSecretFile)
		}
	}
	if mode == collect.AuthClientSecret && auth.ClientSecret == "" {
		return collect.Options{}, usageErrorf("--auth client-secret needs the secret in AZURE_CLIENT_SECRET or --client-secret-file")
	}
	if mode == collect.AuthClientCertificate && auth.CertificatePath == "" {
		return collect.Options{}, usageErrorf("--auth client-certificate needs --certificate or AZURE_CLIENT_CERTIFICATE_PATH")
	}
	if (mode == collect.AuthClientSecret || mode == collect.AuthClientCertificate) && (auth.TenantID == "" || auth.ClientID == "") {
		return collect.Options{}, usageErrorf("--auth %s needs --tenant and --client-id (or AZURE_TENANT_ID and AZURE_CLIENT_ID)", mode)
	}
	o := collect.Options{Auth: auth, Cloud: strings.ToLower(a.Cloud), GraphURL: or(a.GraphURL, "M365READY_GRAPH_URL"),
		AuthorityHost: or(a.AuthorityHost, "AZURE_AUTHORITY_HOST"), MaxRetries: a.MaxRetries, Concurrency: a.Concurrency,
		RequestTimeout: a.Timeout}
	for _, u := range []struct{ flag, env, value string }{
		{"--graph-url", "M365READY_GRAPH_URL", o.GraphURL}, {"--authority-host", "AZURE_AUTHORITY_HOST", o.AuthorityHost}} {
		if err := checkHTTPSURL(u.value); err != nil {
			return collect.Options{}, usageErrorf("%s (or %s) %q: %v", u.flag, u.env, u.value, err)
		}
	}
	return o, nil
}

func (a *authFlags) checkRanges() error {
	if a.MaxRetries < 1 || a.MaxRetries > 10 {
		return usageErrorf("--max-retries must be between 1 and 10, got %d", a.MaxRetries)
	}
	if a.Concurrency < 1 || a.Concurrency > 16 {
		return usageErrorf("--concurrency must be between 1 and 16, got %d", a.Concurrency)
	}
	if a.Timeout <= 0 {
		return usageErrorf("--request-timeout must be positive, got %s", a.Timeout)
	}
	return nil
}

// signInFlags say whom to sign in as and where; tuningFlags how to talk to
// Graph once signed in.
var (
	signInFlags = []string{"auth", "tenant", "client-id", "client-secret-file", "certificate", "cloud", "graph-url", "authority-host"}
	tuningFlags = []string{"max-retries", "concurrency", "request-timeout"}
)

// checkSource refuses flags that the data's source would silently ignore:
// --demo signs in to the built-in tenant itself, so no sign-in flag applies;
// --from reads a file, so neither do the tuning flags. Every value is
// checked whatever the source, so `--demo --concurrency 0` is an error too.
func (a *authFlags) checkSource(fs *pflag.FlagSet, demo, from bool) error {
	if demo && from {
		return usageErrorf("--demo and --from cannot be used together: --demo audits the built-in tenant, --from a saved snapshot")
	}
	ignored := map[bool][]string{true: signInFlags}[demo]
	why := "--demo signs in to the built-in demo tenant by itself"
	if from {
		ignored = append(append([]string{}, signInFlags...), tuningFlags...)
		why = "--from reads a saved snapshot and signs in nowhere"
	}
	source := map[bool]string{true: "--from", false: "--demo"}[from]
	for _, name := range ignored {
		if fs.Changed(name) {
			return usageErrorf("%s and --%s cannot be used together: %s", source, name, why)
		}
	}
	return a.checkRanges()
}

// checkHTTPSURL accepts "" or an absolute https URL with a host and no query.
func checkHTTPSURL(v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return errors.New("not a URL")
	case u.Scheme != "https":
		return errors.New("must start with https://")
	case u.Host == "" || u.Hostname() == "":
		return errors.New("has no host")
	case u.RawQuery != "" || u.Fragment != "":
		return errors.New("must not carry a query or fragment")
	}
	return nil
}

// refuseUnattendedPrompt fails at once, before any network, when sign-in
// would fall back to a device code or a browser that nobody will see: a
// scheduled job with no credentials must not hang or wait for a person.
func refuseUnattendedPrompt(f *Factory, o collect.Options) error {
	lookPath := f.LookPath
	if lookPath == nil {
		lookPath = exec.LookPath
	}
	mode := collect.ResolveMode(o.Auth, f.Getenv, lookPath)
	if o.Auth.Mode != collect.AuthAuto || !mode.Interactive() || f.IOStreams.IsStderrTTY() {
		return nil
	}
	return &collect.SignInError{Cause: "no credentials found and no terminal to sign in on: set AZURE_TENANT_ID and AZURE_CLIENT_ID, " +
		"with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH (or AZURE_FEDERATED_TOKEN_FILE for workload identity), " +
		"or run on an Azure resource with a managed identity"}
}
