// Package collect is the contract between the CLI and the Graph collector:
// what to collect, how to sign in, and what each dataset costs in permissions.
// It is standard library only, so the CLI can depend on it without compiling
// the Graph SDK; internal/graph implements Collector.
package collect

import (
	"context"
	"crypto/x509"
	"log/slog"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

// Collector signs in and fills a snapshot. Datasets it could not read are
// recorded in their status; the error is for failures of the whole run
// (sign-in, cancellation, bad options).
type Collector interface {
	Collect(ctx context.Context, opts Options) (*tenant.Snapshot, error)
}

// Options say where and how to collect.
type Options struct {
	Auth Auth
	// Cloud is global, usgov, usgovdod or china. GraphURL and AuthorityHost
	// override it for private test servers.
	Cloud         string
	GraphURL      string // base including the version, e.g. https://graph.microsoft.com/v1.0
	AuthorityHost string // e.g. https://login.microsoftonline.com/
	// RootCAs, when set, replaces the system roots (in-process demo only;
	// subprocesses use SSL_CERT_FILE).
	RootCAs *x509.CertPool
	// Datasets to collect; nil means all.
	Datasets []tenant.Dataset
	// MaxRetries is the SDK retry count for 429/503/504 (and our retries of
	// throttled batch items). 0 means the default.
	MaxRetries int
	// Concurrency bounds how many datasets are collected at once (0: default).
	Concurrency int
	// RequestTimeout bounds each HTTP attempt (0: default).
	RequestTimeout time.Duration
	// Now stamps the snapshot (nil: time.Now).
	Now    func() time.Time
	Logger *slog.Logger
	// Progress, when set, hears about each page read and each dataset done
	// (from several goroutines).
	Progress Progress
	Tool     string // "m365ready vX", recorded in the snapshot
	Demo     bool
	// SignInLogDays and SignInLogPages bound the sign-in log's read (when
	// DatasetSignInLog is asked for): how many days back, how many pages
	// of 1,000 at most (0: the defaults).
	SignInLogDays, SignInLogPages int
}

// The sign-in log's defaults: a week, and 20 pages (20,000 sign-ins, about
// 40 s at the identity reports' 5 requests in 10 s).
const (
	DefaultSignInLogDays  = 7
	DefaultSignInLogPages = 20
)

// AuthMode selects how to sign in.
type AuthMode string

const (
	AuthAuto              AuthMode = "auto"
	AuthDeviceCode        AuthMode = "device-code"
	AuthBrowser           AuthMode = "browser"
	AuthAzureCLI          AuthMode = "azure-cli"
	AuthClientSecret      AuthMode = "client-secret"
	AuthClientCertificate AuthMode = "client-certificate"
	AuthManagedIdentity   AuthMode = "managed-identity"
	AuthWorkloadIdentity  AuthMode = "workload-identity"
)

// AuthModes lists the modes in help order.
func AuthModes() []AuthMode {
	return []AuthMode{AuthAuto, AuthDeviceCode, AuthBrowser, AuthAzureCLI, AuthClientSecret,
		AuthClientCertificate, AuthManagedIdentity, AuthWorkloadIdentity}
}

// AppOnly reports whether the mode signs in as the application itself
// (application permissions) rather than as a user (delegated permissions).
func (m AuthMode) AppOnly() bool {
	switch m {
	case AuthClientSecret, AuthClientCertificate, AuthManagedIdentity, AuthWorkloadIdentity:
		return true
	}
	return false
}

// ResolveMode turns auto into a concrete mode, following the Azure SDK's
// environment conventions: a secret, then a certificate, then a federated
// token file; then managed identity where the platform announces one; then
// the Azure CLI if installed; else device code.
func ResolveMode(a Auth, getenv func(string) string, lookPath func(string) (string, error)) AuthMode {
	if a.Mode != "" && a.Mode != AuthAuto {
		return a.Mode
	}
	switch {
	case a.ClientSecret != "":
		return AuthClientSecret
	case a.CertificatePath != "" || len(a.CertificatePEM) > 0:
		return AuthClientCertificate
	case a.FederatedTokenFile != "":
		return AuthWorkloadIdentity
	case getenv("IDENTITY_ENDPOINT") != "" || getenv("MSI_ENDPOINT") != "":
		return AuthManagedIdentity
	}
	if _, err := lookPath("az"); err == nil {
		return AuthAzureCLI
	}
	return AuthDeviceCode
}

// Interactive reports whether a mode needs a person at the keyboard.
func (m AuthMode) Interactive() bool { return m == AuthDeviceCode || m == AuthBrowser }

// Auth holds sign-in settings. Secrets are never taken from flag values: the
// secret comes from AZURE_CLIENT_SECRET or a file.
type Auth struct {
	Mode     AuthMode
	TenantID string
	ClientID string
	// ClientSecret is the secret itself (read from the environment or a file by the CLI).
	ClientSecret string `json:"-"`
	// CertificatePath is a PEM or PKCS#12 file with the certificate and key.
	CertificatePath     string
	CertificatePassword string `json:"-"`
	// FederatedTokenFile is the workload identity token file.
	FederatedTokenFile string
	// CertificatePEM is used instead of CertificatePath when set (in-process tests).
	CertificatePEM []byte `json:"-"`
}

// SignInError is returned when signing in fails; the CLI maps it to exit code 4.
type SignInError struct {
	// Cause is one line naming what went wrong and how to fix it.
	Cause string
	Err   error
}

func (e *SignInError) Error() string { return "sign-in failed: " + e.Cause }
func (e *SignInError) Unwrap() error { return e.Err }

// Progress receives collection progress, for a live display.
type Progress interface {
	// Page reports one more page (or batch) of records for a dataset.
	Page(d tenant.Dataset, records int)
	// Done reports a dataset finished, with its final status.
	Done(d tenant.Dataset, st tenant.Status)
}
