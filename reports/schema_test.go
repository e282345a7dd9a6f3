package reports

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/m365ready/m365ready/internal/result"
)

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("schema/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(v)
}

// TestJSONMatchesSchema validates the demo report, and checks the schema
// is strict enough to reject a report that breaks the contract.
func TestJSONMatchesSchema(t *testing.T) {
	s := compileSchema(t)
	for name, rep := range map[string]*result.Report{"demo": demoReport(t), "hostile": hostileReport(t)} {
		if err := validate(t, s, render(t, "json", Options{}, rep)); err != nil {
			t.Errorf("%s report does not match the schema: %v", name, err)
		}
	}
	breakIt := func(what string, change func(map[string]any)) {
		var doc map[string]any
		json.Unmarshal(render(t, "json", Options{}, demoReport(t)), &doc)
		change(doc)
		bad, _ := json.Marshal(doc)
		if validate(t, s, bad) == nil {
			t.Errorf("the schema accepted %s", what)
		}
	}
	check := func(doc map[string]any, id string) map[string]any {
		for _, c := range doc["checks"].([]any) {
			if c.(map[string]any)["check"].(map[string]any)["id"] == id {
				return c.(map[string]any)
			}
		}
		t.Fatalf("no %s", id)
		return nil
	}
	breakIt("an unknown status", func(doc map[string]any) { check(doc, "IDN-001")["status"] = "maybe" })
	breakIt("an unknown finding code", func(doc map[string]any) {
		check(doc, "IDN-001")["findings"].([]any)[0].(map[string]any)["code"] = "mfa.perhaps"
	})
	breakIt("another check's finding code", func(doc map[string]any) {
		check(doc, "IDN-001")["findings"].([]any)[0].(map[string]any)["code"] = "site.no_owner"
	})
	breakIt("a property the facts do not have", func(doc map[string]any) {
		check(doc, "LIC-001")["facts"].(map[string]any)["seatsForSale"] = 3
	})
	breakIt("facts of the wrong shape", func(doc map[string]any) {
		check(doc, "LIC-001")["facts"] = check(doc, "DEV-001")["facts"]
	})
	breakIt("a report without a score", func(doc map[string]any) { delete(doc, "score") })
}

// TestSchemaVocabulary holds the schema's enums to the result model's one
// ordered list of each vocabulary.
func TestSchemaVocabulary(t *testing.T) {
	data, err := os.ReadFile("schema/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Defs map[string]struct {
			Enum []string `json:"enum"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	names := func(list any) []string {
		b, _ := json.Marshal(list)
		var out []string
		json.Unmarshal(b, &out)
		return out
	}
	for def, want := range map[string][]string{
		"severity":     names(result.Severities()),
		"status":       names(result.Statuses()),
		"grade":        append(names(result.Grades()), string(result.GradeIncomplete)),
		"datasetState": names(result.DatasetStates()),
	} {
		if got := doc.Defs[def].Enum; !slices.Equal(got, want) {
			t.Errorf("schema %s enum %v, want %v", def, got, want)
		}
	}
}
