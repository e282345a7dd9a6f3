package checks

import (
	"testing"

	"github.com/m365ready/m365ready/internal/result"
)

// Findings sort worst first, then by object type and name (case-blind);
// equal ones keep the order the check produced them in.
func TestSortFindings(t *testing.T) {
	fs := []result.Finding{
		{ObjectType: "user", Name: "bea", Severity: result.SeverityLow, Detail: "1"},
		{ObjectType: "user", Name: "Ada", Detail: "2"}, // no severity: medium
		{ObjectType: "device", Name: "zed", Severity: result.SeverityCritical, Detail: "3"},
		{ObjectType: "user", Name: "ada", Severity: result.SeverityMedium, Detail: "4"},
		{ObjectType: "user", Name: "bea", Severity: result.SeverityLow, Detail: "5"},
		{ObjectType: "site", Name: "a", Severity: result.SeverityMedium, Detail: "6"},
	}
	sortFindings(fs)
	got := ""
	for _, f := range fs {
		got += f.Detail
	}
	if want := "362415"; got != want {
		t.Fatalf("order %s, want %s", got, want)
	}
	if fs[2].Severity != "medium" {
		t.Errorf("a finding without severity became %q, want medium", fs[2].Severity)
	}
}
