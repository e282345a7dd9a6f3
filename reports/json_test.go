package reports

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/result"
)

// referenceJSON is the plain way to write the report: encoding/json for the
// whole value, then format characters escaped. The streaming renderer must
// write exactly these bytes.
func referenceJSON(t testing.TB, r *result.Report) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return escapeFormatRunes(buf.Bytes())
}

func jsonReport(name, detail string) *result.Report {
	s, v := 0.25, 50.0
	return &result.Report{SchemaVersion: 1, GeneratedAt: time.Unix(0, 0).UTC(), Tenant: result.Tenant{Name: name},
		Score: result.Score{Value: &v, Range: result.Range{Worst: 40, Best: 60}, Grade: result.GradeIncomplete, Coverage: 0.8,
			Incomplete: []result.Gap{{CheckID: "DEV-001", Status: result.StatusSkipped, Reason: detail}}, TopActions: []result.Action{{CheckID: "IDN-001", Title: name, Summary: detail}}},
		Checks: []result.CheckResult{
			{Check: result.CheckInfo{ID: "IDN-001", Title: name}, Status: result.StatusFail, Score: &s, Summary: detail,
				Bounds: &result.Bounds{Low: 0, High: 0.5}, Missing: []result.MissingData{{Dataset: "users", State: result.DatasetDenied, Reason: detail}},
				Findings: []result.Finding{
					{ObjectType: "user", Name: name, Detail: detail, Severity: "high"},
					{ObjectType: "user", ObjectID: detail, Name: "", Class: name, Severity: "", Detail: ""},
					{ObjectType: "user", Name: name, Detail: detail, Severity: "low", Accepted: &result.Acceptance{Check: "IDN-001", Object: name, Reason: detail, Expires: "2027-01-01"}},
				},
				Excluded: []result.Finding{{ObjectType: "user", Name: detail, Class: "breakGlass", Severity: "info", Detail: name}}},
			{Check: result.CheckInfo{ID: "DEV-001"}, Status: result.StatusSkipped, Reason: detail, Findings: []result.Finding{}},
			{Check: result.CheckInfo{ID: "COL-001"}, Status: result.StatusPass},
		},
		Datasets: []result.Dataset{{Name: "users", State: "failed", Reason: detail}},
		Budget:   &result.Budget{Requests: 3}}
}

func TestJSONMatchesEncodingJSON(t *testing.T) {
	cases := append([]string{"", "plain", "Zoë 日本", "a\"b\\c", "<&>", "a<b", "x>y", "p&q", "del\x7f", "\u2028\u2029"}, hostile...)
	for _, s := range cases {
		for _, r := range []*result.Report{jsonReport(s, "detail "+s), demoReport(t), hostileReport(t)} {
			got := render(t, "json", Options{}, r)
			if want := referenceJSON(t, r); !bytes.Equal(got, want) {
				t.Fatalf("%q: streamed JSON differs from encoding/json at byte %d:\n%s", s, diffAt(got, want), got)
			}
		}
	}
}

// FuzzJSONMatchesEncodingJSON: for any tenant text the streamed JSON is
// byte for byte what encoding/json writes.
func FuzzJSONMatchesEncodingJSON(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, h)
	}
	f.Add("\xff\xfe invalid", "tab\there")
	f.Fuzz(func(t *testing.T, name, detail string) {
		r := jsonReport(name, detail)
		if got, want := render(t, "json", Options{}, r), referenceJSON(t, r); !bytes.Equal(got, want) {
			t.Fatalf("streamed JSON differs from encoding/json at byte %d", diffAt(got, want))
		}
	})
}

func diffAt(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
