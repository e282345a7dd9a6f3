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
)

// ErrUnsupportedSchema is returned by Load for snapshots this build cannot read.
var ErrUnsupportedSchema = errors.New("unsupported snapshot schema version")

// ErrInvalidSnapshot is returned by Load for input that is not a valid snapshot.
var ErrInvalidSnapshot = errors.New("invalid snapshot")

// versionProbe is how much of the file is searched for schemaVersion before
// anything is decoded. Save writes it first; a hand-made file that puts it
// later still loads, with the version checked when it is reached.
const versionProbe = 64 << 10

// Load reads a snapshot written by Save. It refuses other schema versions and
// unknown fields rather than guess what they mean.
//
// It decodes one top-level field at a time, so the raw text held in memory is
// the largest dataset's, not the whole file's (encoding/json buffers a value
// completely before decoding it).
func Load(r io.Reader) (*Snapshot, error) {
	br := bufio.NewReaderSize(r, versionProbe)
	head, err := br.Peek(versionProbe)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrInvalidSnapshot)
	}
	// The version first, so a newer file gets a version message rather than
	// an unknown-field one.
	if v, ok := versionIn(head); ok {
		if err := checkVersion(v); err != nil {
			return nil, err
		}
	}
	var s Snapshot
	seenVersion, err := decodeFields(json.NewDecoder(br), &s)
	if err != nil {
		return nil, err
	}
	if !seenVersion {
		return nil, fmt.Errorf("%w: no schemaVersion field (is this an m365ready snapshot?)", ErrInvalidSnapshot)
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

// versionIn finds a top-level schemaVersion in the start of a file.
func versionIn(head []byte) (int, bool) {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, false
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return 0, false
		}
		if k == "schemaVersion" {
			var v int
			if dec.Decode(&v) != nil {
				return 0, false
			}
			return v, true
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return 0, false
		}
	}
	return 0, false
}

// decodeFields decodes the top-level object field by field into s, refusing
// unknown fields (at every depth) and anything after the object.
func decodeFields(dec *json.Decoder, s *Snapshot) (seenVersion bool, err error) {
	invalid := func(err error) (bool, error) { return false, fmt.Errorf("%w: %v", ErrInvalidSnapshot, err) }
	dec.DisallowUnknownFields()
	if t, err := dec.Token(); err != nil {
		return invalid(err)
	} else if t != json.Delim('{') {
		return invalid(fmt.Errorf("the file is not a JSON object"))
	}
	fields := topLevelFields(s)
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return invalid(err)
		}
		name, _ := t.(string)
		ptr, ok := fields[name]
		if !ok {
			return invalid(fmt.Errorf("json: unknown field %q", name))
		}
		if err := dec.Decode(ptr); err != nil {
			return invalid(fmt.Errorf("%s: %w", name, err))
		}
		if name == "schemaVersion" {
			seenVersion = true
			if err := checkVersion(s.SchemaVersion); err != nil {
				return false, err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return invalid(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return invalid(fmt.Errorf("trailing data after the snapshot object"))
	}
	return seenVersion, nil
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
