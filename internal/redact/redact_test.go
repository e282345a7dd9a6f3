package redact

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
)

func sample() *result.Report {
	return &result.Report{
		Tenant: result.Tenant{ID: "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", Name: "Alder & Finch Architects Ltd", DefaultDomain: "alderfinch.example"},
		Checks: []result.CheckResult{
			{Check: result.CheckInfo{ID: "IDN-002", Links: []string{"https://learn.microsoft.com/x"}},
				Summary:  "Only one Global Administrator (mara.finch@alderfinch.example)",
				Findings: []result.Finding{{ObjectType: "user", ObjectID: "399e11f6-bbc7-44c7-4d31-fda0513be67f", Name: "mara.finch@alderfinch.example", Detail: "licensed mailbox"}}},
			{Check: result.CheckInfo{ID: "COL-001"},
				Findings: []result.Finding{{ObjectType: "site", Name: "https://alderfinch.sharepoint.com/sites/Projects",
					Detail: "no current owner: tom.reed@alderfinch.example is disabled (group Projects)"}},
			},
			{Check: result.CheckInfo{ID: "DEV-001"}, Findings: []result.Finding{{ObjectType: "device", Name: "MARA-SURFACE", Detail: "only registered"}}},
		},
	}
}

func TestRedactReplacesIdentifiersStably(t *testing.T) {
	x := New()
	a, err := x.Report(sample())
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(a)
	for _, leak := range []string{"mara", "Mara", "tom.reed", "alderfinch", "Alder", "MARA-SURFACE", "399e11f6", "4f1c2d3e"} {
		if strings.Contains(string(raw), leak) {
			t.Errorf("redacted report still contains %q:\n%s", leak, raw)
		}
	}
	if !strings.Contains(string(raw), "https://learn.microsoft.com/x") {
		t.Error("documentation links must survive")
	}
	mara := a.Checks[0].Findings[0].Name
	if !strings.Contains(a.Checks[0].Summary, mara) {
		t.Errorf("the same person has two pseudonyms: %q vs %q", mara, a.Checks[0].Summary)
	}
	// A second output of the same run gets the same pseudonyms.
	b, _ := x.Report(sample())
	if b.Checks[0].Findings[0].Name != mara || b.Checks[1].Findings[0].Name != a.Checks[1].Findings[0].Name {
		t.Error("pseudonyms differ between outputs of one run")
	}
	if sample().Checks[0].Findings[0].Name != "mara.finch@alderfinch.example" {
		t.Error("the original report was modified")
	}
}
