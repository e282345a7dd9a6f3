package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/emulator"
)

// startDemo serves the built-in demo tenant on loopback and returns collect
// options that sign in to it for real: the emulator's authority issues the
// token for a fresh random secret, and Graph is reached over TLS trusted
// through the emulator's throwaway CA.
func startDemo(ctx context.Context, f *Factory) (collect.Options, func(), error) {
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return collect.Options{}, nil, err
	}
	secret := hex.EncodeToString(raw)
	fx := demo.Fixture(f.Now(), secret)
	srv, err := emulator.Start(ctx, fx, emulator.Options{Logger: f.Logger})
	if err != nil {
		return collect.Options{}, nil, fmt.Errorf("start the demo tenant: %w", err)
	}
	opts := collect.Options{
		Auth:     collect.Auth{Mode: collect.AuthClientSecret, TenantID: demo.TenantID, ClientID: demo.ClientID, ClientSecret: secret},
		GraphURL: srv.GraphURL, AuthorityHost: srv.AuthorityHost, RootCAs: srv.PKI().CAPool, Demo: true,
	}
	return opts, srv.Close, nil
}
