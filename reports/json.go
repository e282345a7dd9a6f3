package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// JSON writes the whole report: the stable contract for automation,
// described by schema/report.schema.json. The bytes are what encoding/json
// writes with a two-space indent: <, >, & and control characters are
// escaped, and so are bidirectional and other invisible format characters,
// so tenant data cannot reorder what a terminal shows when the file is
// printed. The decoded strings are unchanged.
//
// It streams: lists are written element by element and findings (hundreds
// of thousands in a large tenant) by a dedicated encoder, instead of
// building the whole document and then indenting a copy of it.
type JSON struct{}

func (JSON) Render(w io.Writer, r *result.Report) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	jw := &jsonWriter{w: bw}
	jw.value(reflect.ValueOf(*r), 0)
	bw.WriteString("\n")
	if jw.err != nil {
		return jw.err
	}
	return bw.Flush()
}

type jsonWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

var (
	findingType   = reflect.TypeFor[result.Finding]()
	marshalerType = reflect.TypeFor[json.Marshaler]()
	acceptedField = func() int { f, _ := findingType.FieldByName("Accepted"); return f.Index[0] }()
)

// indents are the prefixes of the first few depths, built once (the report
// is seven levels deep).
var indents = func() (out [10]string) {
	for i := range out {
		out[i] = strings.Repeat("  ", i)
	}
	return out
}()

func indent(depth int) string {
	if depth < len(indents) {
		return indents[depth]
	}
	return strings.Repeat("  ", depth)
}

// value writes v at the given nesting depth.
func (j *jsonWriter) value(v reflect.Value, depth int) {
	if j.err != nil {
		return
	}
	switch {
	case (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && !v.IsNil() && v.Elem().Kind() == reflect.Struct:
		// Facts, and pointers to structs: stream what they point to.
		j.value(v.Elem(), depth)
	case v.Type() == findingType && v.Field(acceptedField).IsNil():
		f := v.Interface().(result.Finding)
		j.buf = appendFinding(j.buf[:0], &f, indent(depth))
		j.w.Write(j.buf)
	case v.Kind() == reflect.Struct && streamable(v.Type()):
		j.object(v, depth)
	case v.Kind() == reflect.Slice && !v.IsNil() && v.Len() > 0 && v.Type().Elem().Kind() == reflect.Struct:
		j.w.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				j.w.WriteString(",")
			}
			j.w.WriteString("\n" + indent(depth+1))
			j.value(v.Index(i), depth+1)
		}
		j.w.WriteString("\n" + indent(depth) + "]")
	default:
		b, err := json.MarshalIndent(v.Interface(), indent(depth), "  ")
		if err != nil {
			j.err = err
			return
		}
		j.w.Write(escapeFormatRunes(b))
	}
}

// streamable is a struct this writer can walk field by field and get the
// same bytes as encoding/json: exported, tagged, not embedded, no custom
// marshalling.
func streamable(t reflect.Type) bool {
	if t.Implements(marshalerType) || reflect.PointerTo(t).Implements(marshalerType) {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous || !f.IsExported() {
			return false
		}
	}
	return true
}

func (j *jsonWriter) object(v reflect.Value, depth int) {
	t := v.Type()
	j.w.WriteString("{")
	n := 0
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = t.Field(i).Name
		}
		fv := v.Field(i)
		if strings.Contains(opts, "omitempty") && isEmpty(fv) {
			continue
		}
		if n > 0 {
			j.w.WriteString(",")
		}
		n++
		j.w.WriteString("\n" + indent(depth+1))
		j.buf = appendString(j.buf[:0], name)
		j.w.Write(j.buf)
		j.w.WriteString(": ")
		j.value(fv, depth+1)
	}
	if n == 0 {
		j.w.WriteString("}")
		return
	}
	j.w.WriteString("\n" + indent(depth) + "}")
}

// isEmpty is encoding/json's omitempty test.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// appendFinding writes a finding (without an acceptance) as encoding/json
// would, field order and omitempty included.
func appendFinding(b []byte, f *result.Finding, ind string) []byte {
	field := func(b []byte, name, val string, last bool) []byte {
		b = append(b, '\n')
		b = append(b, ind...)
		b = append(b, "  \""...)
		b = append(b, name...)
		b = append(b, "\": "...)
		b = appendString(b, val)
		if !last {
			b = append(b, ',')
		}
		return b
	}
	b = append(b, '{')
	b = field(b, "code", string(f.Code), false)
	b = field(b, "objectType", f.ObjectType, false)
	if f.ObjectID != "" {
		b = field(b, "objectId", f.ObjectID, false)
	}
	b = field(b, "name", f.Name, false)
	if f.UPN != "" {
		b = field(b, "upn", f.UPN, false)
	}
	if f.Class != "" {
		b = field(b, "class", f.Class, false)
	}
	b = field(b, "severity", string(f.Severity), false)
	b = field(b, "detail", f.Detail, f.Attrs == nil)
	if f.Attrs != nil {
		b = append(b, '\n')
		b = append(b, ind...)
		b = append(b, "  \"attrs\": "...)
		attrs, err := json.MarshalIndent(f.Attrs, ind+"  ", "  ")
		if err != nil {
			attrs = []byte("{}") // FindingAttrs holds strings, ints and times only
		}
		b = append(b, escapeFormatRunes(attrs)...)
	}
	b = append(b, '\n')
	b = append(b, ind...)
	return append(b, '}')
}

// appendString quotes s like encoding/json (HTML-safe) and escapes format
// characters. Plain printable ASCII, nearly all tenant data, is copied as is.
func appendString(b []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			plain = false
			break
		}
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, escapeFormatRunes(q)...)
}

// escapeFormatRunes rewrites Unicode format characters (category Cf) as \uXXXX;
// in encoding/json output they can only occur inside strings.
func escapeFormatRunes(b []byte) []byte {
	// Every format character is outside ASCII, and encoding/json has already
	// escaped the ASCII control characters: pure ASCII needs no scan.
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii || !needsEscape(string(b)) {
		return b
	}
	var out strings.Builder
	for _, r := range string(b) {
		if unsafeRune(r) && r > 0x7f {
			if r > 0xffff {
				r1, r2 := surrogates(r)
				fmt.Fprintf(&out, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(&out, `\u%04x`, r)
			}
			continue
		}
		out.WriteRune(r)
	}
	return []byte(out.String())
}

func surrogates(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}
