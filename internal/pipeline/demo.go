package pipeline

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/emulator"
)

// StartDemo serves the built-in demo tenant on loopback and returns collect
// options that sign in to it for real: the emulator's authority issues the
// token for a fresh random secret, and Graph is reached over TLS trusted
// through the emulator's throwaway CA. stop shuts the emulator down.
func StartDemo(ctx context.Context, now func() time.Time, log *slog.Logger) (opts collect.Options, stop func(), err error) {
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return collect.Options{}, nil, err
	}
	secret := hex.EncodeToString(raw)
	srv, err := emulator.Start(ctx, demo.Fixture(now(), secret), emulator.Options{Logger: log})
	if err != nil {
		return collect.Options{}, nil, fmt.Errorf("start the demo tenant: %w", err)
	}
	opts = collect.Options{
		Auth:     collect.Auth{Mode: collect.AuthClientSecret, TenantID: demo.TenantID, ClientID: demo.ClientID, ClientSecret: secret},
		GraphURL: srv.GraphURL, AuthorityHost: srv.AuthorityHost, RootCAs: srv.PKI().CAPool, Demo: true,
	}
	return opts, srv.Close, nil
}
