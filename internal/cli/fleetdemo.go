package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/synth"
)

// demoFleetTenant is one emulated tenant of `fleet --demo`.
type demoFleetTenant struct {
	alias   string
	tags    []string
	options func() (collect.Options, error)
}

// startFleetDemo serves three emulated tenants on loopback, each with its
// own authority and Graph: the demo tenant (Business Premium, 27 people), a
// 60-person firm on Business Standard and Basic only, and a 150-person one
// whose app secret the MSP mistyped, so its sign-in fails for real.
func startFleetDemo(ctx context.Context, f *Factory) ([]demoFleetTenant, func(), error) {
	var servers []*emulator.Server
	stop := func() {
		for _, s := range servers {
			s.Close()
		}
	}
	start := func(fx *emulator.Fixture, clientID, tenantID, secret string) (func() (collect.Options, error), error) {
		srv, err := emulator.Start(ctx, fx, emulator.Options{Logger: f.Logger})
		if err != nil {
			return nil, fmt.Errorf("start an emulated tenant: %w", err)
		}
		servers = append(servers, srv)
		return func() (collect.Options, error) {
			return collect.Options{Auth: collect.Auth{Mode: collect.AuthClientSecret, TenantID: tenantID, ClientID: clientID, ClientSecret: secret},
				GraphURL: srv.GraphURL, AuthorityHost: srv.AuthorityHost, RootCAs: srv.PKI().CAPool, Demo: true}, nil
		}, nil
	}
	now := f.Now()
	var out []demoFleetTenant
	alder := randomSecret()
	o, err := start(demo.Fixture(now, alder), demo.ClientID, demo.TenantID, alder)
	if err != nil {
		stop()
		return nil, nil, err
	}
	out = append(out, demoFleetTenant{"alder-finch", []string{"business-premium", "london"}, o})
	for _, t := range []struct {
		alias, name, tenantID string
		people                int
		free, mistyped        bool
		tags                  []string
	}{
		{"northwind", "Northwind Traders", "5ca1ab1e-0000-4000-8000-00000000a002", 60, true, false, []string{"business-standard"}},
		{"fabrikam", "Fabrikam Dental", "5ca1ab1e-0000-4000-8000-00000000a003", 150, false, true, []string{"business-premium", "new-client"}},
	} {
		secret := randomSecret()
		fx := synth.Generate(synth.Spec{People: t.people, Seed: uint64(t.people), Free: t.free}, now, secret)
		fx.TenantID = t.tenantID
		org := fx.Data.Organization.Value
		org.ID, org.DisplayName = t.tenantID, t.name
		fx.Data.Organization.Set(*org)
		sent := secret
		if t.mistyped {
			sent = randomSecret() // the emulator's authority refuses it, as Entra would
		}
		o, err := start(fx, synth.ClientID, t.tenantID, sent)
		if err != nil {
			stop()
			return nil, nil, err
		}
		out = append(out, demoFleetTenant{t.alias, t.tags, o})
	}
	return out, stop, nil
}

func randomSecret() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
