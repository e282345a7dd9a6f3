package tenant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrUnsupportedSchema is returned by Load for snapshots this build cannot read.
var ErrUnsupportedSchema = errors.New("unsupported snapshot schema version")

// ErrInvalidSnapshot is returned by Load for input that is not a valid snapshot.
var ErrInvalidSnapshot = errors.New("invalid snapshot")

// Load reads a snapshot written by Save. It refuses other schema versions and
// unknown fields rather than guess what they mean.
func Load(r io.Reader) (*Snapshot, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read snapshot: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrInvalidSnapshot)
	}
	// Read the version first, so a newer file gets a version message rather
	// than an unknown-field one.
	var probe struct {
		SchemaVersion *int `json:"schemaVersion"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidSnapshot, err)
	}
	if probe.SchemaVersion == nil {
		return nil, fmt.Errorf("%w: no schemaVersion field (is this an m365ready snapshot?)", ErrInvalidSnapshot)
	}
	if v := *probe.SchemaVersion; v != SchemaVersion {
		return nil, fmt.Errorf("%w: the file has schema version %d, this build reads version %d; use an m365ready release that matches the file", ErrUnsupportedSchema, v, SchemaVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Snapshot
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidSnapshot, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: trailing data after the snapshot object", ErrInvalidSnapshot)
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

// Save writes s as indented JSON.
func Save(w io.Writer, s *Snapshot) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	return nil
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
