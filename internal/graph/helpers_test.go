package graph

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/emulator"
	"github.com/m365ready/m365ready/internal/tenant"
)

var testNow = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

const testSecret = "test-secret-value-7f3a"

func demoFixture() *emulator.Fixture { return demo.Fixture(testNow, testSecret) }

func startEmulator(t *testing.T, f *emulator.Fixture) *emulator.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	srv, err := emulator.Start(ctx, f, emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

func options(srv *emulator.Server, f *emulator.Fixture) collect.Options {
	return collect.Options{
		Auth: collect.Auth{Mode: collect.AuthClientSecret, TenantID: f.TenantID, ClientID: f.Apps[0].ClientID,
			ClientSecret: f.Apps[0].Secret},
		GraphURL: srv.GraphURL, AuthorityHost: srv.AuthorityHost, RootCAs: srv.PKI().CAPool,
		MaxRetries: 5, Now: func() time.Time { return testNow },
		// Every page of the sign-in log, at any page cap (the budget has
		// its own test).
		SignInLogPages: 1000,
	}
}

func collectFrom(t *testing.T, srv *emulator.Server, f *emulator.Fixture) *tenant.Snapshot {
	t.Helper()
	snap, err := (&Collector{}).Collect(context.Background(), options(srv, f))
	if err != nil {
		t.Fatalf("collect: %v", err)
	}
	return snap
}

// sameRecords compares two record lists through their JSON, naming the first
// record that differs.
func sameRecords[T any](t *testing.T, name string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %d records, want %d", name, len(got), len(want))
	}
	for i := 0; i < min(len(got), len(want)); i++ {
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want[i])
		if string(g) != string(w) {
			t.Errorf("%s[%d] differs:\n got  %s\n want %s", name, i, g, w)
			return
		}
	}
}

func mustGet[T any](t *testing.T, name string, l *tenant.List[T]) []T {
	t.Helper()
	items, err := l.Get()
	if err != nil {
		t.Fatalf("%s not collected: %v (%+v)", name, err, l.Status)
	}
	return items
}

func mustOne[T any](t *testing.T, name string, o *tenant.One[T]) T {
	t.Helper()
	v, err := o.Get()
	if err != nil {
		t.Fatalf("%s not collected: %v (%+v)", name, err, o.Status)
	}
	return *v
}

// enabledMembers counts the people whose methods a free tenant's collection
// looks up one by one.
func enabledMembers(f *emulator.Fixture) int {
	n := 0
	for _, u := range f.Data.Users.Items {
		if u.AccountEnabled && u.UserType == "Member" {
			n++
		}
	}
	return n
}
