package config

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse: any document is accepted or refused with a one-line ErrInvalid.
func FuzzParse(f *testing.F) {
	f.Add([]byte("accounts:\n  - upn: a@b.c\n    class: break-glass\nskip: [COL-001]\n"))
	f.Add([]byte("acceptedRisks:\n  - check: DEV-001\n    object: x\n    reason: r\n    owner: o\n    expires: 2027-01-01\n"))
	f.Add([]byte("thresholds: {staleDeviceDays: 30, globalAdmins: {min: 2, max: 4}}\nweights: {IDN-001: 30}\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse(data)
		if err == nil {
			return
		}
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("untyped error: %v", err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Fatalf("error is not one line: %q", err)
		}
	})
}
