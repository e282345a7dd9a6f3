package reports

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/result"
)

// FuzzRenderers feeds arbitrary tenant text through every format: no panic,
// no raw escape or bidi character, no formula-leading CSV cell, HTML and
// Markdown without a live tag.
var liveTag = regexp.MustCompile(`(^|[^\\])<script`)

func FuzzRenderers(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h, h)
	}
	f.Add("Alder & Finch", "mara@alderfinch.example", "only registered")
	f.Fuzz(func(t *testing.T, tenantName, name, detail string) {
		s, s50 := 0.5, 50.0
		r := &result.Report{SchemaVersion: 1, GeneratedAt: time.Unix(0, 0), Tenant: result.Tenant{Name: tenantName, DefaultDomain: name},
			Score: result.Score{Value: &s50, Range: result.Range{Worst: 40, Best: 60}, Grade: result.GradeIncomplete, Coverage: 0.8,
				Incomplete: []result.Gap{{CheckID: "IDN-002", Severity: result.SeverityCritical, Status: result.StatusSkipped, Weight: 15, Reason: detail}}, TopActions: []result.Action{{CheckID: "IDN-001", Title: "t", Summary: detail, Remediation: detail}}},
			Checks: []result.CheckResult{{Check: result.CheckInfo{ID: "IDN-001", Title: "t", Category: result.CategoryIdentity, Severity: "high"},
				Status: result.StatusFail, Score: &s, Summary: detail, Breakdown: []result.Count{{Label: name, Value: 3}},
				Findings: []result.Finding{{ObjectType: "user", Name: name, Detail: detail, Severity: "high"}}}},
			Datasets: []result.Dataset{{Name: "users", State: "failed", Reason: detail}}}
		for _, format := range Formats() {
			rd, _ := New(format, Options{Details: true, BrandName: name})
			var buf bytes.Buffer
			if err := rd.Render(&buf, r); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			out := buf.String()
			if strings.ContainsAny(out, "\x1b\x07\u202e\u2066") {
				t.Fatalf("%s: raw control or bidi character in output", format)
			}
			if (format == "html" || format == "junit") && strings.Contains(strings.ToLower(out), "<script") {
				t.Fatalf("%s: live script tag", format)
			}
			// In Markdown a backslash before "<" makes it text (CommonMark).
			if format == "markdown" && liveTag.MatchString(strings.ToLower(out)) {
				t.Fatalf("markdown: live script tag")
			}
			if format == "csv" {
				rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
				if err != nil {
					t.Fatalf("csv does not parse: %v", err)
				}
				for _, row := range rows {
					for _, c := range row {
						if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
							t.Fatalf("csv cell %q starts with a formula character", c)
						}
					}
				}
			}
		}
	})
}
