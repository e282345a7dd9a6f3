// Package fleetlab serves a fleet of emulated tenants for tests and the
// fleet benchmark: one Graph emulator per tenant on loopback, each with its
// own authority, certificate and app secret, and the tenants.yaml, CA
// bundle and environment a separate m365ready process needs to audit them
// as it would audit real tenants (SSL_CERT_FILE, secrets from variables).
package fleetlab

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/synth"
)

// Spec is one tenant to emulate.
type Spec struct {
	Alias  string
	People int
	Free   bool // Business Standard and Basic only
}

// Tenant is one emulated tenant.
type Tenant struct {
	Spec
	TenantID string
	Server   *emulator.Server
}

// Lab is the running fleet.
type Lab struct {
	Tenants []Tenant
	// TenantsFile is the tenants.yaml; CAFile trusts every emulator.
	TenantsFile, CAFile string
	// Env is what an m365ready process needs besides PATH and HOME.
	Env []string
}

// Options tune the emulators.
type Options struct {
	// Cost is each emulator's cost model (latency, Graph's limits), copied
	// per tenant since each tenant has its own limits; nil answers at once.
	Cost *emulator.CostModel
	Now  time.Time
}

// Start serves specs and writes tenants.yaml and the CA bundle into dir.
func Start(ctx context.Context, dir string, specs []Spec, opts Options) (*Lab, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	l := &Lab{TenantsFile: filepath.Join(dir, "tenants.yaml"), CAFile: filepath.Join(dir, "ca.pem")}
	var yaml, cas strings.Builder
	fmt.Fprintf(&yaml, "# %d emulated tenants (fleetlab)\ndefaults:\n  clientId: %s\n  auth: client-secret\ntenants:\n", len(specs), synth.ClientID)
	for i, sp := range specs {
		secret := randomHex(24)
		fx := synth.Generate(synth.Spec{People: sp.People, Seed: uint64(i + 1), Free: sp.Free}, opts.Now, secret)
		id := fmt.Sprintf("5ca1ab1e-%04x-4000-8000-%012x", i/0x10000, i+1)
		fx.TenantID = id
		org := fx.Data.Organization.Value
		org.ID, org.DisplayName = id, fmt.Sprintf("Lab tenant %d (%d people)", i+1, sp.People)
		fx.Data.Organization.Set(*org)
		if opts.Cost != nil {
			c := *opts.Cost
			fx.Faults.Cost = &c
		}
		srv, err := emulator.Start(ctx, fx, emulator.Options{})
		if err != nil {
			l.Close()
			return nil, err
		}
		l.Tenants = append(l.Tenants, Tenant{Spec: sp, TenantID: id, Server: srv})
		env := fmt.Sprintf("LAB_SECRET_%d", i+1)
		l.Env = append(l.Env, env+"="+secret)
		fmt.Fprintf(&yaml, "  - alias: %s\n    tenant: %s\n    secret: {env: %s}\n    graphUrl: %s\n    authorityHost: %s\n",
			sp.Alias, id, env, srv.GraphURL, srv.AuthorityHost)
		cas.Write(srv.CAPEM())
	}
	if err := os.WriteFile(l.TenantsFile, []byte(yaml.String()), 0o600); err != nil {
		l.Close()
		return nil, err
	}
	if err := os.WriteFile(l.CAFile, []byte(cas.String()), 0o600); err != nil {
		l.Close()
		return nil, err
	}
	l.Env = append(l.Env, "SSL_CERT_FILE="+l.CAFile)
	return l, nil
}

// Close stops every emulator.
func (l *Lab) Close() {
	for _, t := range l.Tenants {
		t.Server.Close()
	}
}

// Aliases are the tenants' aliases, in order.
func (l *Lab) Aliases() []string {
	var out []string
	for _, t := range l.Tenants {
		out = append(out, t.Alias)
	}
	return out
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
