package redact

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/reports"
)

// TestEveryStringFieldIsClassified: every string in the snapshot's records
// says whether it identifies someone (a redact tag), so a field added
// tomorrow cannot slip through --redact unnoticed.
func TestEveryStringFieldIsClassified(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var visit func(t reflect.Type, path string)
	visit = func(ty reflect.Type, path string) {
		switch ty.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			visit(ty.Elem(), path)
			return
		case reflect.Struct:
		default:
			return
		}
		if seen[ty] || ty == reflect.TypeFor[time.Time]() {
			return
		}
		seen[ty] = true
		for i := 0; i < ty.NumField(); i++ {
			f := ty.Field(i)
			if !f.IsExported() {
				continue
			}
			ft := f.Type
			for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.String {
				tag, ok := f.Tag.Lookup("redact")
				if !ok || !slices.Contains(Kinds(), tag) {
					t.Errorf("%s.%s (%s) has no redact tag of %v", ty.Name(), f.Name, path, Kinds())
				}
				continue
			}
			visit(f.Type, path+"."+f.Name)
		}
	}
	visit(reflect.TypeFor[tenant.Snapshot](), "snapshot")
}

// TestRedactedOutputsNameNobody redacts the demo tenant (every name in it
// unique), audits it and renders every format: no name, UPN, id, URL or
// domain of the tenant appears in any output.
func TestRedactedOutputsNameNobody(t *testing.T) {
	now := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	snap := demo.Fixture(now, "x").Data
	originals := Originals(snap)
	x := New()
	x.Snapshot(snap)
	settings := x.Settings(checks.Settings{
		Accounts: map[string]checks.AccountClass{"scanner@alderfinch.example": checks.ClassServiceAccount},
		Accepted: []result.Acceptance{{Check: "DEV-001", Object: "MARA-SURFACE", Reason: "MARA-SURFACE is being replaced",
			Owner: "mara.finch@alderfinch.example", Expires: "2099-01-01"}}})
	rep := audit.Build(snap, audit.Options{Now: now, Settings: settings})
	var all bytes.Buffer
	for _, format := range reports.Formats() {
		r, _ := reports.New(format, reports.Options{Details: true, Width: 200})
		if err := r.Render(&all, rep); err != nil {
			t.Fatal(err)
		}
	}
	out := strings.ToLower(all.String())
	leaks := 0
	for _, o := range originals {
		// Shorter strings, and SharePoint's and the policy's own words for
		// the root site and all users, identify nobody.
		if len(o) < 4 || strings.EqualFold(o, "all_users") || strings.EqualFold(o, "root") {
			continue
		}
		if strings.Contains(out, strings.ToLower(o)) {
			leaks++
			if leaks < 10 {
				t.Errorf("an output still contains %q", o)
			}
		}
	}
	if len(originals) < 100 {
		t.Fatalf("only %d originals: the test proves little", len(originals))
	}
	// The configuration follows the pseudonyms: the accepted risk still
	// applies, and the service account is still one.
	accepted, service := false, false
	for _, c := range rep.Checks {
		for _, f := range c.Excluded {
			accepted = accepted || f.Accepted != nil
			service = service || strings.Contains(f.Detail, "service-account (configured)")
		}
	}
	if !accepted || !service {
		t.Errorf("configuration lost under redaction: accepted %v, service account %v", accepted, service)
	}
}

func TestPseudonymsAreStable(t *testing.T) {
	x := New()
	a, b := x.value(KindUPN, "Mara.Finch@x.test"), x.value(KindUPN, "mara.finch@x.test")
	if a != b || !strings.HasSuffix(a, "@redacted.invalid") {
		t.Errorf("%q %q", a, b)
	}
	if x.value(KindUPN, a) != a {
		t.Error("a pseudonym was redacted again")
	}
	if got := x.value(KindIDs, "All"); got != "All" {
		t.Errorf("keyword changed: %q", got)
	}
	site := x.value(KindSiteID, "contoso.sharepoint.com,11111111-1111-1111-1111-111111111111,22222222-2222-2222-2222-222222222222")
	if strings.Contains(site, "contoso") || strings.Count(site, ",") != 2 {
		t.Errorf("site id %q", site)
	}
	if got := x.text("Resource 'mara.finch@x.test' is gone"); strings.Contains(got, "mara") {
		t.Errorf("text %q", got)
	}
}

// TestTextNamesThatResembleTheirPseudonyms: free text is redacted in one
// pass even when a name is part of its own pseudonym ("Person 0" becomes
// "Person 001"), and a letter whose lower case is longer in bytes ("İ")
// before a name neither shifts the replacement nor panics.
func TestTextNamesThatResembleTheirPseudonyms(t *testing.T) {
	x := New()
	p0 := x.value(KindPerson, "Person 0")
	ana := x.value(KindPerson, "Ana Lima")
	done := make(chan [3]string, 1)
	go func() {
		done <- [3]string{x.text("ask Person 0 first"), x.text("İİİ Ana Lima, İstanbul"), x.text("ask Person 0 first")}
	}()
	select {
	case got := <-done:
		if got[0] != "ask "+p0+" first" || got[2] != got[0] {
			t.Errorf("text with Person 0: %q (again %q), want %q", got[0], got[2], "ask "+p0+" first")
		}
		if got[1] != "İİİ "+ana+", İstanbul" {
			t.Errorf("text after İ: %q, want %q", got[1], "İİİ "+ana+", İstanbul")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("redacting text did not finish: a pseudonym containing its name is searched again and again")
	}
}
