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
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
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
	Plan          PlanFile           `yaml:"plan"`
	// Store is the history store runs are recorded in, as --store: for a
	// scheduled job whose command line should not change.
	Store string `yaml:"store"`
}

// PlanFile is the migration plan's section (m365ready plan).
type PlanFile struct {
	// Pilot are the people of the first wave besides the administrators: UPNs.
	Pilot []string `yaml:"pilot"`
	// WaveSize is the most people in a wave after the pilot (default 10).
	WaveSize *int `yaml:"waveSize"`
	// MoveWithNewPC puts people whose PCs are all Windows 10 or unknown in
	// the last waves, to move when their replacement PC arrives joined.
	MoveWithNewPC bool `yaml:"moveWithNewPC"`
}

// Account classifies one account (by UPN or object id).
type Account struct {
	UPN   string `yaml:"upn"`
	ID    string `yaml:"id"`
	Class string `yaml:"class"` // break-glass, shared-mailbox, service-account
	Note  string `yaml:"note"`
}

// Thresholds tune checks. A threshold left out takes its default; one
// given must be valid (0 is never "the default").
type Thresholds struct {
	// StaleDeviceDays: a device with no sign-in for longer is stale (DEV-001; default 90).
	StaleDeviceDays *int `yaml:"staleDeviceDays"`
	// DormantAccountDays: a licensed person with no sign-in for longer is dormant (IDN-006; default 90).
	DormantAccountDays *int `yaml:"dormantAccountDays"`
	// InactiveGuestDays: a guest with no sign-in for longer is inactive (COL-002; default 90).
	InactiveGuestDays *int `yaml:"inactiveGuestDays"`
	// GlobalAdmins bounds the healthy Global Administrator count (IDN-002; default 2 to 4).
	GlobalAdmins GlobalAdmins `yaml:"globalAdmins"`
}

// GlobalAdmins is the healthy range of Global Administrators.
type GlobalAdmins struct {
	Min *int `yaml:"min"`
	Max *int `yaml:"max"`
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
	Plan     Plan
	// Store is the configured history store: a path relative to the
	// configuration file's directory once loaded.
	Store string
}

// Plan is the validated plan section.
type Plan struct {
	Pilot         []string // lower-case UPNs
	WaveSize      int
	MoveWithNewPC bool
}

// DefaultWaveSize is how many people a wave after the pilot holds.
const DefaultWaveSize = 10

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
	if c.Store != "" && !filepath.IsAbs(c.Store) && !strings.Contains(c.Store, "://") {
		c.Store = filepath.Join(filepath.Dir(path), c.Store)
	}
	return c, nil
}

// Parse validates a configuration document.
func Parse(data []byte) (*Config, error) {
	cfg := &Config{Weights: map[string]float64{}, Plan: Plan{WaveSize: DefaultWaveSize}}
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, cleanYAML(err, &root))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f File
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, cleanYAML(err, &root))
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
	for _, d := range []struct {
		key  string
		v    *int
		dest *int
	}{{"staleDeviceDays", t.StaleDeviceDays, &st.StaleDeviceDays}, {"dormantAccountDays", t.DormantAccountDays, &st.DormantDays},
		{"inactiveGuestDays", t.InactiveGuestDays, &st.InactiveGuestDays}} {
		if d.v == nil {
			continue
		}
		if *d.v < 1 || *d.v > 3650 {
			return nil, bad(lineOf(&root, "thresholds", d.key), "thresholds.%s must be between 1 and 3650 days, got %d", d.key, *d.v)
		}
		*d.dest = *d.v
	}
	lo, hi := checks.DefaultMinGlobalAdmins, checks.DefaultMaxGlobalAdmins // to check a range given in part
	if v := t.GlobalAdmins.Min; v != nil {
		if *v < 1 {
			return nil, bad(lineOf(&root, "thresholds", "globalAdmins", "min"), "thresholds.globalAdmins.min must be at least 1, got %d", *v)
		}
		lo = *v
		st.MinGlobalAdmins = lo
	}
	if v := t.GlobalAdmins.Max; v != nil {
		if *v < 1 {
			return nil, bad(lineOf(&root, "thresholds", "globalAdmins", "max"), "thresholds.globalAdmins.max must be at least 1, got %d", *v)
		}
		hi = *v
		st.MaxGlobalAdmins = hi
	}
	if lo > hi {
		return nil, bad(lineOf(&root, "thresholds", "globalAdmins"), "thresholds.globalAdmins: min %d is above max %d (the default range is %d to %d; give both)", lo, hi,
			checks.DefaultMinGlobalAdmins, checks.DefaultMaxGlobalAdmins)
	}
	for id, w := range f.Weights {
		line := lineOf(&root, "weights", id)
		if !known[id] {
			return nil, bad(line, "weights: unknown check %q; 'm365ready checks list' lists them", id)
		}
		if w <= 0 || w > 1000 {
			return nil, bad(line, "weights.%s must be above 0 and at most 1000, got %v; to leave a check out, list it under skip", id, w)
		}
		cfg.Weights[id] = w
	}
	for i, id := range f.Skip {
		if !known[strings.ToUpper(id)] {
			return nil, bad(lineOf(&root, "skip", i), "skip: unknown check %q; 'm365ready checks list' lists them", id)
		}
		cfg.Skip = append(cfg.Skip, strings.ToUpper(id))
	}
	scored := 0
	for _, c := range checks.Builtin() {
		if c.Weight > 0 && !slices.Contains(cfg.Skip, c.ID) {
			scored++
		}
	}
	if scored == 0 {
		return nil, bad(lineOf(&root, "skip"), "skip turns off every scored check: nothing would be left to grade")
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
	cfg.Plan.WaveSize = DefaultWaveSize
	cfg.Plan.MoveWithNewPC = f.Plan.MoveWithNewPC
	cfg.Store = strings.TrimSpace(f.Store)
	if v := f.Plan.WaveSize; v != nil {
		if *v < 1 || *v > 1000 {
			return nil, bad(lineOf(&root, "plan", "waveSize"), "plan.waveSize must be between 1 and 1000 people, got %d", *v)
		}
		cfg.Plan.WaveSize = *v
	}
	for i, upn := range f.Plan.Pilot {
		if !strings.Contains(upn, "@") {
			return nil, bad(lineOf(&root, "plan", "pilot", i), "plan.pilot[%d] %q must be a user principal name (name@domain)", i, upn)
		}
		cfg.Plan.Pilot = append(cfg.Plan.Pilot, strings.ToLower(strings.TrimSpace(upn)))
	}
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

// cleanYAML turns yaml.v3's errors ("yaml: unmarshal errors:\n  line 3:
// cannot unmarshal !!str `ninety` into int") into one line in the user's
// words: the line, the key, what was expected and what was found. Only the
// first error is kept: one fix at a time.
func cleanYAML(err error, root *yaml.Node) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	first := strings.TrimSpace(strings.Split(msg, "\n")[0])
	if m := typeErrRE.FindStringSubmatch(first); m != nil {
		line, _ := strconv.Atoi(m[1])
		where := "line " + m[1] + ": "
		kind := map[string]yaml.Kind{"seq": yaml.SequenceNode, "map": yaml.MappingNode}[m[2]]
		if kind == 0 {
			kind = yaml.ScalarNode
		}
		if key := keyAt(root, line, kind); key != "" {
			where += key + ": "
		}
		return where + "expected " + goTypeWords(m[4]) + ", got " + yamlValueWords(m[2], m[3])
	}
	if m := unknownKeyRE.FindStringSubmatch(first); m != nil {
		return "line " + m[1] + ": unknown key " + strconv.Quote(m[2]) + "; known here: " + strings.Join(knownKeys[m[3]], ", ")
	}
	return first
}

var (
	// "line 3: cannot unmarshal !!str `ninety` into int"; a list or mapping
	// comes without its value.
	typeErrRE    = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+)(?: `(.*)`)? into (.+)$")
	unknownKeyRE = regexp.MustCompile(`^line (\d+): field (\S+) not found in type config\.(\w+)$`)
)

// knownKeys lists each configuration type's keys, for "unknown key"
// messages.
var knownKeys = func() map[string][]string {
	out := map[string][]string{}
	for _, v := range []any{File{}, Account{}, Thresholds{}, GlobalAdmins{}, AcceptedRisk{}, PlanFile{}, FleetFile{}, FleetTenantFile{}, CredentialFile{}} {
		t := reflect.TypeOf(v)
		for i := 0; i < t.NumField(); i++ {
			out[t.Name()] = append(out[t.Name()], strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0])
		}
	}
	return out
}()

// goTypeWords says what a Go type expects in YAML, in words.
func goTypeWords(t string) string {
	switch {
	case t == "int" || t == "*int":
		return "a whole number"
	case t == "float64":
		return "a number"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	}
	return "keys and values (a mapping)"
}

// yamlValueWords says what was found: a quoted value, or its kind.
func yamlValueWords(tag, value string) string {
	switch tag {
	case "map":
		return "a mapping"
	case "seq":
		return "a list"
	}
	return strconv.Quote(value)
}

// keyAt is the dotted key path of the value of a kind on a line
// ("thresholds.staleDeviceDays", "accounts[1].class"), or "".
func keyAt(root *yaml.Node, line int, kind yaml.Kind) string {
	var walk func(n *yaml.Node, path string) string
	walk = func(n *yaml.Node, path string) string {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				if p := walk(c, path); p != "" {
					return p
				}
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				p := k.Value
				if path != "" {
					p = path + "." + k.Value
				}
				if v.Line == line && v.Kind == kind {
					return p
				}
				if found := walk(v, p); found != "" {
					return found
				}
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := fmt.Sprintf("%s[%d]", path, i)
				if c.Line == line && c.Kind == kind {
					return p
				}
				if found := walk(c, p); found != "" {
					return found
				}
			}
		}
		return ""
	}
	return walk(root, "")
}
