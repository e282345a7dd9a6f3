package reports

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

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

func (JSON) Render(w io.Writer, r *result.Report) error { return writeJSON(w, *r) }

// writeJSON streams v (a struct value) as the report's JSON is written.
func writeJSON(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	jw := &jsonWriter{w: bw}
	jw.value(reflect.ValueOf(v), 0)
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
	case (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && v.IsNil():
		j.w.WriteString("null")
	case v.Kind() == reflect.Interface || (v.Kind() == reflect.Pointer && v.Elem().Kind() != reflect.Struct) ||
		(v.Kind() == reflect.Pointer && v.Elem().Type() == timeType):
		j.value(v.Elem(), depth)
	case v.Kind() == reflect.Pointer:
		// Facts, and pointers to structs: stream what they point to.
		j.value(v.Elem(), depth)
	case v.Type() == findingType && v.Field(acceptedField).IsNil():
		f := v.Interface().(result.Finding)
		j.buf = appendFinding(j.buf[:0], &f, indent(depth))
		j.w.Write(j.buf)
		if f.Attrs != nil {
			j.w.WriteString(",")
			j.w.WriteString(newline(depth + 1))
			j.w.WriteString(`"attrs": `)
			j.object(reflect.ValueOf(f.Attrs).Elem(), depth+1)
		}
		j.w.WriteString(newline(depth))
		j.w.WriteString("}")
	case v.Type() == timeType:
		b, err := v.Interface().(time.Time).MarshalJSON()
		if err != nil {
			j.err = err
			return
		}
		j.w.Write(b)
	case v.Kind() == reflect.Struct && typeOf(v.Type()).streamable:
		j.object(v, depth)
	case v.Kind() == reflect.Slice && v.IsNil():
		j.w.WriteString("null")
	case v.Kind() == reflect.Slice && v.Len() == 0:
		j.w.WriteString("[]")
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() != reflect.Uint8:
		j.w.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				j.w.WriteString(",")
			}
			j.w.WriteString(newline(depth + 1))
			j.value(v.Index(i), depth+1)
		}
		j.w.WriteString(newline(depth))
		j.w.WriteString("]")
	case v.Kind() == reflect.String:
		j.buf = appendString(j.buf[:0], v.String())
		j.w.Write(j.buf)
	case v.Kind() == reflect.Bool:
		j.w.WriteString(strconv.FormatBool(v.Bool()))
	case v.CanInt():
		j.buf = strconv.AppendInt(j.buf[:0], v.Int(), 10)
		j.w.Write(j.buf)
	case v.Kind() == reflect.Float64:
		j.buf = appendFloat(j.buf[:0], v.Float())
		j.w.Write(j.buf)
	default:
		b, err := json.MarshalIndent(v.Interface(), indent(depth), "  ")
		if err != nil {
			j.err = err
			return
		}
		j.w.Write(escapeFormatRunes(b))
	}
}

var timeType = reflect.TypeFor[time.Time]()

// appendFloat writes a float64 as encoding/json does: shortest form,
// exponent only for very small or large values, without a leading zero in
// the exponent.
func appendFloat(b []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...) // encoding/json refuses these; nothing here makes them
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
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

// fieldInfo is one struct field as the JSON has it.
type fieldInfo struct {
	index     int
	key       string // `"name": `, quoted once
	omitEmpty bool
}

// structInfo is what the writer needs of a struct type.
type structInfo struct {
	streamable bool
	fields     []fieldInfo
}

// typeCache holds each struct type's fields, worked out once: reading tags
// for every field of every one of hundreds of thousands of objects cost more
// than writing them.
var typeCache sync.Map // reflect.Type -> *structInfo

func typeOf(t reflect.Type) *structInfo {
	if f, ok := typeCache.Load(t); ok {
		return f.(*structInfo)
	}
	info := &structInfo{streamable: streamable(t)}
	for i := 0; i < t.NumField(); i++ {
		name, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = t.Field(i).Name
		}
		info.fields = append(info.fields, fieldInfo{index: i, key: string(appendString(nil, name)) + ": ", omitEmpty: strings.Contains(opts, "omitempty")})
	}
	typeCache.Store(t, info)
	return info
}

// newlines are "\n" and the indent of each of the first depths.
var newlines = func() (out [12]string) {
	for i := range out {
		out[i] = "\n" + strings.Repeat("  ", i)
	}
	return out
}()

func newline(depth int) string {
	if depth < len(newlines) {
		return newlines[depth]
	}
	return "\n" + strings.Repeat("  ", depth)
}

func (j *jsonWriter) object(v reflect.Value, depth int) {
	j.w.WriteString("{")
	n := 0
	for _, f := range typeOf(v.Type()).fields {
		fv := v.Field(f.index)
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if n > 0 {
			j.w.WriteString(",")
		}
		n++
		j.w.WriteString(newline(depth + 1))
		j.w.WriteString(f.key)
		j.value(fv, depth+1)
	}
	if n == 0 {
		j.w.WriteString("}")
		return
	}
	j.w.WriteString(newline(depth))
	j.w.WriteString("}")
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
// would, field order and omitempty included, up to its attributes: the
// caller writes those, if any, and the closing brace.
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
	b = field(b, "detail", f.Detail, true)
	return b
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
