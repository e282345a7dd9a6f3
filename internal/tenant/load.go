package tenant

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"time"
)

// ErrUnsupportedSchema is returned by Load for snapshots this build cannot read.
var ErrUnsupportedSchema = errors.New("unsupported snapshot schema version")

// ErrInvalidSnapshot is returned by Load for input that is not a valid snapshot.
var ErrInvalidSnapshot = errors.New("invalid snapshot")

// versionProbe is how much of the file is read before anything is decoded:
// Save writes schemaVersion first, and a file that does not open with it is
// refused at once, whatever its size.
const versionProbe = 4 << 10

// Load reads a snapshot written by Save. It refuses other schema versions and
// unknown fields rather than guess what they mean.
//
// Memory stays bounded by the snapshot's records, not the file's text: the
// top-level fields are decoded one at a time and list datasets one record at
// a time (encoding/json buffers a whole value before decoding it), so a bad
// record deep in a gigabyte file fails as soon as it is reached.
func Load(r io.Reader) (*Snapshot, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(versionProbe)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrInvalidSnapshot)
	}
	v, err := versionIn(head)
	if err != nil {
		return nil, err
	}
	if err := checkVersion(v); err != nil {
		return nil, err
	}
	var s Snapshot
	if err := decodeFields(json.NewDecoder(br), &s); err != nil {
		return nil, err
	}
	for _, d := range AllDatasets() {
		st := s.StatusOf(d)
		if st.State == "" {
			st.State = StateNotRequested
		}
		if !st.State.Valid() {
			return nil, fmt.Errorf("%w: dataset %s has unknown state %q", ErrInvalidSnapshot, d, st.State)
		}
	}
	return &s, nil
}

func checkVersion(v int) error {
	if v == 1 {
		// Version 2 collects every Conditional Access condition and the
		// members of the groups policies name: a v1 file would read as
		// policies with no conditions, which is not what the tenant had.
		return fmt.Errorf("%w: the file has schema version 1, which lacks the Conditional Access conditions this build evaluates; collect the tenant again (m365ready collect), or audit the file with the release that wrote it", ErrUnsupportedSchema)
	}
	if v != SchemaVersion {
		return fmt.Errorf("%w: the file has schema version %d, this build reads version %d; use an m365ready release that matches the file", ErrUnsupportedSchema, v, SchemaVersion)
	}
	return nil
}

// notSnapshot is the refusal of a file that does not open as a snapshot.
var notSnapshot = fmt.Errorf("%w: the file does not begin with {\"schemaVersion\": N, as every snapshot m365ready collect writes does; is it an m365ready snapshot?", ErrInvalidSnapshot)

// versionIn reads the schemaVersion that opens a snapshot.
func versionIn(head []byte) (int, error) {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, notSnapshot
	}
	if k, err := dec.Token(); err != nil || k != "schemaVersion" {
		return 0, notSnapshot
	}
	var v int
	if err := dec.Decode(&v); err != nil {
		return 0, fmt.Errorf("%w: schemaVersion is not a whole number", ErrInvalidSnapshot)
	}
	return v, nil
}

// decodeFields decodes the top-level object field by field into s, refusing
// unknown fields (at every depth) and anything after the object.
func decodeFields(dec *json.Decoder, s *Snapshot) error {
	invalid := func(where string, err error) error {
		return fmt.Errorf("%w: %s", ErrInvalidSnapshot, jsonProblem(where, err, dec.InputOffset()))
	}
	dec.DisallowUnknownFields()
	if _, err := dec.Token(); err != nil { // the opening brace, checked by versionIn
		return invalid("", err)
	}
	fields := topLevelFields(s)
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return invalid("", err)
		}
		name, _ := t.(string)
		ptr, ok := fields[name]
		if !ok {
			return invalid("", fmt.Errorf("json: unknown field %q", name))
		}
		if seen[name] {
			return invalid(name, errors.New("appears twice"))
		}
		seen[name] = true
		if l, ok := ptr.(streamedDecode); ok {
			if err := l.decodeStream(dec); err != nil {
				return invalid(name, err)
			}
			continue
		}
		if err := dec.Decode(ptr); err != nil {
			return invalid(name, err)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return invalid("", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return invalid("", fmt.Errorf("trailing data after the snapshot object"))
	}
	return nil
}

// streamedDecode is implemented by *List[T], so Load can read its records
// one at a time without knowing T.
type streamedDecode interface {
	decodeStream(dec *json.Decoder) error
}

// itemError says which record of a list a decoding error is in.
type itemError struct {
	index int
	err   error
}

func (e *itemError) Error() string { return fmt.Sprintf("record %d: %v", e.index, e.err) }
func (e *itemError) Unwrap() error { return e.err }

// decodeStream reads {"state": ..., ..., "items": [ ... ]}: the status
// fields are gathered and decoded together, the items one by one.
func (l *List[T]) decodeStream(dec *json.Decoder) error {
	if t, err := dec.Token(); err != nil {
		return err
	} else if t != json.Delim('{') {
		return errors.New("expected an object with state and items")
	}
	status := map[string]json.RawMessage{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if key != "items" {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return err
			}
			status[key] = raw
			continue
		}
		if t, err := dec.Token(); err != nil {
			return err
		} else if t == nil {
			continue // "items": null
		} else if t != json.Delim('[') {
			return errors.New("items: expected a list")
		}
		if l.Items == nil {
			l.Items = []T{} // as encoding/json leaves an empty list
		}
		for i := 0; dec.More(); i++ {
			var item T
			if err := dec.Decode(&item); err != nil {
				return &itemError{index: i, err: err}
			}
			l.Items = append(l.Items, item)
		}
		if _, err := dec.Token(); err != nil { // ]
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // }
		return err
	}
	raw, _ := json.Marshal(status) // a map of raw messages always marshals
	sd := json.NewDecoder(bytes.NewReader(raw))
	sd.DisallowUnknownFields()
	return sd.Decode(&l.Status)
}

// jsonProblem says what is wrong in the user's words: where (the dataset,
// the record, the field), what was expected and what was found, and the
// byte offset, never a Go type's name.
func jsonProblem(where string, err error, offset int64) string {
	var (
		typ    *json.UnmarshalTypeError
		syntax *json.SyntaxError
		item   *itemError
	)
	prefix := where
	if errors.As(err, &item) {
		prefix += fmt.Sprintf(", record %d", item.index)
		err = item.err
	}
	if prefix != "" {
		prefix += ": "
	}
	switch {
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "a value"
		}
		return fmt.Sprintf("%s%s is %s where %s belongs (at byte %d)", prefix, field, jsonKindWords(typ.Value), goKindWords(typ.Type), typ.Offset)
	case errors.As(err, &syntax):
		return fmt.Sprintf("%snot valid JSON at byte %d: %s", prefix, syntax.Offset, strings.TrimPrefix(syntax.Error(), "invalid character "))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Sprintf("%sthe file ends in the middle (at byte %d): was it cut short?", prefix, offset)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	return fmt.Sprintf("%s%s (at byte %d)", prefix, msg, offset)
}

// jsonKindWords names what encoding/json found.
func jsonKindWords(v string) string {
	switch {
	case v == "string":
		return "text"
	case v == "object":
		return "an object"
	case v == "array":
		return "a list"
	case v == "bool":
		return "true or false"
	case strings.HasPrefix(v, "number"):
		return "a number"
	}
	return v
}

// goKindWords names what the snapshot expects, by kind.
func goKindWords(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		if t == reflect.TypeFor[time.Time]() {
			return "a date and time"
		}
		return "an object"
	}
	return "another kind of value"
}

// topLevelFields maps each JSON name of Snapshot to a pointer to its field.
func topLevelFields(s *Snapshot) map[string]any {
	v := reflect.ValueOf(s).Elem()
	out := make(map[string]any, v.NumField())
	for i := 0; i < v.NumField(); i++ {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = v.Field(i).Addr().Interface()
		}
	}
	return out
}

// LoadFile reads a snapshot file.
func LoadFile(path string) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(f)
}
