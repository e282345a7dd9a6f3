package tenant

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	s := New(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC))
	s.Users.Set([]User{{ID: "u1", UserPrincipalName: "a@contoso.test", AccountEnabled: true, UserType: "Member"}})
	s.Devices.Fail(Status{State: StateDenied, Permission: "Device.Read.All", HTTPStatus: 403, ErrorCode: "Authorization_RequestDenied"})
	s.Intune.Set(IntuneState{SubscriptionState: "active"})
	var buf bytes.Buffer
	if err := Save(&buf, s); err != nil {
		t.Fatal(err)
	}
	got, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	users, err := got.Users.Get()
	if err != nil || len(users) != 1 || users[0].UserPrincipalName != "a@contoso.test" {
		t.Fatalf("users = %v, %v", users, err)
	}
	if _, err := got.Devices.Get(); !errors.Is(err, ErrNotCollected) || !strings.Contains(err.Error(), "Device.Read.All") {
		t.Fatalf("devices error = %v, want not collected naming the permission", err)
	}
	if got.Groups.State != StateNotRequested {
		t.Fatalf("groups state = %q, want not_requested", got.Groups.State)
	}
	if in, err := got.Intune.Get(); err != nil || in.SubscriptionState != "active" {
		t.Fatalf("intune = %v, %v", in, err)
	}
}

func TestCollectedEmptyListIsNotUnknown(t *testing.T) {
	var l List[User]
	if _, err := l.Get(); err == nil {
		t.Fatal("zero List must be unavailable")
	}
	l.Set(nil)
	items, err := l.Get()
	if err != nil || items == nil || len(items) != 0 {
		t.Fatalf("collected empty list = %v, %v; want empty non-nil", items, err)
	}
}

func TestLoadRejects(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
		contains []string
	}{
		{"empty", "  ", ErrInvalidSnapshot, []string{"empty"}},
		{"not json", "{", ErrInvalidSnapshot, nil},
		{"no version", `{"users":{}}`, ErrInvalidSnapshot, []string{"schemaVersion"}},
		{"newer", `{"schemaVersion":99,"whatever":1}`, ErrUnsupportedSchema, []string{"99", "2"}},
		{"the previous version", `{"schemaVersion":1}`, ErrUnsupportedSchema, []string{"version 1", "collect the tenant again"}},
		{"older", `{"schemaVersion":0}`, ErrUnsupportedSchema, []string{"0"}},
		{"unknown field", `{"schemaVersion":2,"userz":{}}`, ErrInvalidSnapshot, []string{"userz"}},
		{"bad state", `{"schemaVersion":2,"users":{"state":"maybe"}}`, ErrInvalidSnapshot, []string{"maybe"}},
		{"wrong type", `{"schemaVersion":2,"users":{"state":"collected","items":{}}}`, ErrInvalidSnapshot, nil},
		{"trailing", `{"schemaVersion":2} {}`, ErrInvalidSnapshot, []string{"trailing data"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.in))
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			for _, c := range tc.contains {
				if !strings.Contains(err.Error(), c) {
					t.Errorf("error %q does not mention %q", err, c)
				}
			}
		})
	}
}

func TestSiteCollectionID(t *testing.T) {
	s := Site{ID: "contoso.sharepoint.com,d9ecf079-9b13-4376-ac5d-f242dda55626,1b2c"}
	if got := s.SiteCollectionID(); got != "d9ecf079-9b13-4376-ac5d-f242dda55626" {
		t.Fatalf("got %q", got)
	}
	if got := (Site{ID: "bad"}).SiteCollectionID(); got != "" {
		t.Fatalf("got %q", got)
	}
}

// endless is a reader of a prefix, then filler repeated forever: a file as
// large as anyone likes, never held in memory. read counts what was taken.
type endless struct {
	prefix, filler []byte
	read           int64
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(e.prefix) > 0 {
			c := copy(p[n:], e.prefix)
			e.prefix = e.prefix[c:]
			n += c
			continue
		}
		n += copy(p[n:], e.filler)
	}
	e.read += int64(n)
	return n, nil
}

// TestLoadRejectsEarly: a file that does not open as a snapshot, and one
// whose first records are bad, are refused after reading a little of
// them, however large they are; the message says where, in JSON's terms.
func TestLoadRejectsEarly(t *testing.T) {
	cases := []struct {
		name   string
		prefix string
		want   string
	}{
		{"not a snapshot", `[`, "does not begin with"},
		{"version later in the file", `{"users":{"state":"collected","items":[`, "does not begin with"},
		{"a bad record", `{"schemaVersion":2,"users":{"state":"collected","items":[{"id":"a","accountEnabled":"yes"},`,
			`users, record 0: accountEnabled is text where true or false belongs (at byte`},
		{"garbage after a good record", `{"schemaVersion":2,"users":{"state":"collected","items":[{"id":"a"},{x`, "users, record 1: not valid JSON at byte"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := &endless{prefix: []byte(tc.prefix), filler: []byte(`{"id":"filler","displayName":"` + strings.Repeat("x", 1000) + `"},`)}
			_, err := Load(r)
			if !errors.Is(err, ErrInvalidSnapshot) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "Go ") || strings.Contains(err.Error(), "tenant.") {
				t.Errorf("the message names Go types: %v", err)
			}
			if r.read > 1<<20 {
				t.Errorf("read %d bytes before refusing", r.read)
			}
		})
	}
}
