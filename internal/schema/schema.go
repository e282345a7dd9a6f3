// Package schema writes the JSON Schema of the report from the result
// model's Go types, so the schema cannot drift from what the JSON renderer
// writes: every struct is an object with exactly its fields, every
// vocabulary an enum from its one list, every finding code from the checks'
// code table, and each check's facts the type that check declares. The
// descriptions are the fields' doc comments. reports/schema/report.schema.json
// is its output, kept in step by a test (go test ./reports -update).
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
)

// node is one schema object; a map keeps the JSON open to any keyword.
type node = map[string]any

type generator struct {
	defs map[string]node
	docs Docs
}

// Docs are doc comments by "Type" and "Type.Field".
type Docs map[string]string

// enums are the typed vocabularies, each from its one ordered list.
func enums() map[reflect.Type][]string {
	names := func(list any) []string {
		v := reflect.ValueOf(list)
		out := make([]string, v.Len())
		for i := range out {
			out[i] = v.Index(i).String()
		}
		return out
	}
	var codes []string
	for _, c := range checks.Builtin() {
		for _, k := range c.Codes {
			codes = append(codes, string(k.Code))
		}
	}
	sort.Strings(codes)
	codes = dedupe(codes)
	return map[reflect.Type][]string{
		reflect.TypeFor[result.Severity]():     names(result.Severities()),
		reflect.TypeFor[result.Status]():       names(result.Statuses()),
		reflect.TypeFor[result.Grade]():        append(names(result.Grades()), string(result.GradeIncomplete)),
		reflect.TypeFor[result.DatasetState](): names(result.DatasetStates()),
		reflect.TypeFor[result.Category]():     names(result.Categories()),
		reflect.TypeFor[result.FindingCode]():  codes,
		reflect.TypeFor[result.WarningCode]():  names(result.WarningCodes()),
	}
}

func dedupe(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// Report generates the schema of result.Report.
func Report(docs Docs) ([]byte, error) {
	g := &generator{defs: map[string]node{}, docs: docs}
	for t, values := range enums() {
		g.defs[DefName(t)] = node{"enum": values, "description": docs[t.Name()]}
	}
	root := g.object(reflect.TypeFor[result.Report]())
	root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	root["$id"] = fmt.Sprintf("https://m365ready.invalid/schema/report/v%d.json", result.SchemaVersion)
	root["title"] = "m365ready readiness report"
	root["description"] = fmt.Sprintf("The JSON output of `m365ready audit -o json` (schemaVersion %d), generated from the "+
		"result model. Fields are only added within a schema version; a field that changes meaning or disappears bumps "+
		"schemaVersion. Finding codes never change meaning once released.", result.SchemaVersion)
	root["properties"].(node)["schemaVersion"] = node{"const": result.SchemaVersion}
	g.factsByCheck()
	root["$defs"] = g.defs
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// factsByCheck ties each check's facts and finding codes to its id: a
// check result whose check.id is X has facts of X's type and findings with
// X's codes.
func (g *generator) factsByCheck() {
	cr := g.defs["checkResult"]
	var rules []any
	for _, c := range checks.Builtin() {
		var codes []string
		for _, k := range c.Codes {
			codes = append(codes, string(k.Code))
		}
		then := node{"properties": node{
			"findings": node{"type": "array", "items": node{"properties": node{"code": node{"enum": nonNil(codes)}}}},
			"excluded": node{"type": "array", "items": node{"properties": node{"code": node{"enum": nonNil(codes)}}}},
		}}
		if c.FactsType != nil {
			then["properties"].(node)["facts"] = g.schema(reflect.TypeOf(c.FactsType).Elem())
		}
		rules = append(rules, node{"if": node{"properties": node{"check": node{"properties": node{"id": node{"const": c.ID}}}}},
			"then": then})
	}
	cr["allOf"] = rules
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// DefName is a type's name in $defs: its Go name in lower camel case, a
// leading acronym lowered whole (MFAFacts is mfaFacts, SKUFact skuFact).
func DefName(t reflect.Type) string {
	n := []rune(t.Name())
	for i := range n {
		if !unicode.IsUpper(n[i]) || (i > 0 && i+1 < len(n) && unicode.IsLower(n[i+1])) {
			break
		}
		n[i] = unicode.ToLower(n[i])
	}
	return string(n)
}

var timeType = reflect.TypeFor[time.Time]()

// schema is the schema of a value of type t.
func (g *generator) schema(t reflect.Type) node {
	if _, ok := enums()[t]; ok {
		return node{"$ref": "#/$defs/" + DefName(t)}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return node{"anyOf": []any{g.schema(t.Elem()), node{"type": "null"}}}
	case reflect.Interface:
		return node{"type": []string{"object", "null"}}
	case reflect.Struct:
		if t == timeType {
			return node{"type": "string", "format": "date-time"}
		}
		name := DefName(t)
		if _, ok := g.defs[name]; !ok {
			g.defs[name] = node{} // placeholder against recursion
			g.defs[name] = g.object(t)
		}
		return node{"$ref": "#/$defs/" + name}
	case reflect.Slice:
		return node{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return node{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.String:
		return node{"type": "string"}
	case reflect.Bool:
		return node{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return node{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return node{"type": "number"}
	}
	panic("schema: no rule for " + t.String())
}

// object describes a struct: exactly its JSON fields, those without
// omitempty required.
func (g *generator) object(t reflect.Type) node {
	props := node{}
	required := []string{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		p := g.schema(f.Type)
		if d := g.docs[t.Name()+"."+f.Name]; d != "" {
			if _, isRef := p["$ref"]; isRef {
				p = node{"allOf": []any{p}, "description": d}
			} else {
				p["description"] = d
			}
		}
		props[name] = p
		if !strings.Contains(opts, "omitempty") {
			required = append(required, name)
		}
	}
	n := node{"type": "object", "additionalProperties": false, "properties": props, "required": required}
	if d := g.docs[t.Name()]; d != "" {
		n["description"] = d
	}
	return n
}
