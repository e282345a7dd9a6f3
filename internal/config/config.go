// Package config reads m365ready.yaml: accounts to classify, thresholds,
// weight overrides, checks to skip and accepted risks. Unknown keys and bad
// values are errors that name the key and the line.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
)

// DefaultFile is read from the working directory when present.
const DefaultFile = "m365ready.yaml"

// ErrInvalid wraps every configuration error.
var ErrInvalid = errors.New("invalid configuration")

// File is the YAML document.
type File struct {
	Accounts      []Account          `yaml:"accounts"`
	Thresholds    Thresholds         `yaml:"thresholds"`
	Weights       map[string]float64 `yaml:"weights"`
	Skip          []string           `yaml:"skip"`
	AcceptedRisks []AcceptedRisk     `yaml:"acceptedRisks"`
}

// Account classifies one account (by UPN or object id).
type Account struct {
	UPN   string `yaml:"upn"`
	ID    string `yaml:"id"`
	Class string `yaml:"class"` // break-glass, shared-mailbox, service-account
	Note  string `yaml:"note"`
}

// Thresholds tune checks.
type Thresholds struct {
	StaleDeviceDays int `yaml:"staleDeviceDays"`
	GlobalAdmins    struct {
		Min int `yaml:"min"`
		Max int `yaml:"max"`
	} `yaml:"globalAdmins"`
}

// AcceptedRisk accepts one finding until a date.
type AcceptedRisk struct {
	Check   string `yaml:"check"`
	Object  string `yaml:"object"`
	Reason  string `yaml:"reason"`
	Owner   string `yaml:"owner"`
	Expires string `yaml:"expires"` // YYYY-MM-DD
}

// Config is the validated configuration, ready for the audit.
type Config struct {
	Path     string
	Settings checks.Settings
	Weights  map[string]float64
	Skip     []string
}

const maxConfigBytes = 1 << 20

// Load reads and validates a configuration file.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read %s: %v", ErrInvalid, path, err)
	}
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("%w: %s is larger than 1 MiB", ErrInvalid, path)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c.Path = path
	return c, nil
}

// Parse validates a configuration document.
func Parse(data []byte) (*Config, error) {
	cfg := &Config{Weights: map[string]float64{}}
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, cleanYAML(err))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, cleanYAML(err))
	}
	bad := func(line int, format string, args ...any) error {
		return fmt.Errorf("%w: line %d: %s", ErrInvalid, line, fmt.Sprintf(format, args...))
	}
	known := map[string]bool{}
	for _, c := range checks.Builtin() {
		known[c.ID] = true
	}
	st := checks.Settings{Accounts: map[string]checks.AccountClass{}}
	for i, a := range f.Accounts {
		line := lineOf(&root, "accounts", i)
		switch checks.AccountClass(a.Class) {
		case checks.ClassBreakGlass, checks.ClassSharedMailbox, checks.ClassServiceAccount:
		default:
			return nil, bad(line, "accounts[%d].class %q must be break-glass, shared-mailbox or service-account", i, a.Class)
		}
		key := strings.ToLower(strings.TrimSpace(a.UPN))
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(a.ID))
		}
		if key == "" {
			return nil, bad(line, "accounts[%d] needs upn or id", i)
		}
		st.Accounts[key] = checks.AccountClass(a.Class)
	}
	t := f.Thresholds
	if t.StaleDeviceDays < 0 || t.StaleDeviceDays > 3650 {
		return nil, bad(lineOf(&root, "thresholds", "staleDeviceDays"), "thresholds.staleDeviceDays must be between 1 and 3650, got %d", t.StaleDeviceDays)
	}
	st.StaleDeviceDays = t.StaleDeviceDays
	min, max := t.GlobalAdmins.Min, t.GlobalAdmins.Max
	if min < 0 || max < 0 || (max > 0 && min > max) {
		return nil, bad(lineOf(&root, "thresholds", "globalAdmins"), "thresholds.globalAdmins needs 0 < min <= max, got min %d max %d", min, max)
	}
	st.MinGlobalAdmins, st.MaxGlobalAdmins = min, max
	for id, w := range f.Weights {
		line := lineOf(&root, "weights", id)
		if !known[id] {
			return nil, bad(line, "weights: unknown check %q (see 'm365ready checks list')", id)
		}
		if w < 0 || w > 1000 {
			return nil, bad(line, "weights.%s must be between 0 and 1000, got %v", id, w)
		}
		cfg.Weights[id] = w
	}
	for i, id := range f.Skip {
		if !known[strings.ToUpper(id)] {
			return nil, bad(lineOf(&root, "skip", i), "skip: unknown check %q (see 'm365ready checks list')", id)
		}
		cfg.Skip = append(cfg.Skip, strings.ToUpper(id))
	}
	for i, r := range f.AcceptedRisks {
		line := lineOf(&root, "acceptedRisks", i)
		if !known[strings.ToUpper(r.Check)] {
			return nil, bad(line, "acceptedRisks[%d].check: unknown check %q", i, r.Check)
		}
		if r.Object == "" || r.Reason == "" || r.Owner == "" {
			return nil, bad(line, "acceptedRisks[%d] needs object, reason and owner", i)
		}
		if _, err := time.Parse("2006-01-02", r.Expires); err != nil {
			return nil, bad(line, "acceptedRisks[%d].expires %q must be a date like 2026-12-31", i, r.Expires)
		}
		st.Accepted = append(st.Accepted, result.Acceptance{Check: strings.ToUpper(r.Check), Object: r.Object,
			Reason: r.Reason, Owner: r.Owner, Expires: r.Expires})
	}
	cfg.Settings = st
	return cfg, nil
}

// lineOf finds the line of a key path (map keys and sequence indexes) in the
// document, or 0.
func lineOf(root *yaml.Node, path ...any) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, p := range path {
		switch k := p.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return line
			}
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					line, n, found = n.Content[i].Line, n.Content[i+1], true
					break
				}
			}
			if !found {
				return line
			}
		case int:
			if n.Kind != yaml.SequenceNode || k >= len(n.Content) {
				return line
			}
			n = n.Content[k]
			line = n.Line
		}
	}
	return line
}

// cleanYAML turns yaml.v3's "yaml: unmarshal errors:\n  line 3: ..." into one line.
func cleanYAML(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	lines := strings.Split(msg, "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	msg = strings.Join(lines, "; ")
	msg = strings.ReplaceAll(msg, "not found in type config.File", "is not a known key")
	msg = strings.ReplaceAll(msg, "not found in type config.", "is not a known key in ")
	return msg
}
