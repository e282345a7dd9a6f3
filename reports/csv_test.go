package reports

import (
	"bytes"
	"encoding/csv"
	"testing"
	"unicode/utf8"

	"github.com/m365ready/m365ready/internal/result"
)

// TestCSVOpensInExcel: the file starts with the UTF-8 byte order mark Excel
// on Windows needs to read accented names, is valid UTF-8, and parses as
// CSV with the header right after the mark.
func TestCSVOpensInExcel(t *testing.T) {
	rep := &result.Report{Checks: []result.CheckResult{{Check: result.CheckInfo{ID: "IDN-001", Title: "Users without MFA methods"},
		Status: result.StatusFail, Findings: []result.Finding{{Code: "mfa.none", ObjectType: "user", Name: "Zoë Łukasz-Müller",
			UPN: "zoe@contoso.example", Detail: "no MFA method registered"}}}}}
	out := render(t, "csv", Options{}, rep)
	if !bytes.HasPrefix(out, []byte("\xef\xbb\xbf")) {
		t.Fatalf("no UTF-8 byte order mark: % x", out[:8])
	}
	if !utf8.Valid(out) {
		t.Fatal("not valid UTF-8")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil || len(rows) != 2 || rows[0][0] != "check_id" || rows[1][8] != "Zoë Łukasz-Müller" {
		t.Fatalf("rows = %q, %v", rows, err)
	}
}
