package graphmeta

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

var (
	reGUID     = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	reDuration = regexp.MustCompile(`^-?P(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$`)
	reDate     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// Validate checks one JSON object (decoded with json.Decoder.UseNumber)
// against type typ the way Graph's wire format defines it: every property
// name exists on the type, a base type or, with "@odata.type", the derived
// type named (exact case); every value has the property's Edm type, enum
// members exist, non-nullable properties are not null, and "@odata.type"
// names a type that derives from typ. It returns one line per violation,
// each with its JSON path.
func (s *Schema) Validate(typ string, obj map[string]any) []string {
	var errs []string
	s.validateObject(typ, obj, "$", &errs)
	sort.Strings(errs)
	return errs
}

func (s *Schema) validateObject(typ string, obj map[string]any, at string, errs *[]string) {
	add := func(format string, a ...any) { *errs = append(*errs, at+": "+fmt.Sprintf(format, a...)) }
	if _, ok := s.Types[typ]; !ok {
		add("type %s is not in the subset", typ)
		return
	}
	actual := typ
	if v, ok := obj["@odata.type"]; ok {
		name, _ := v.(string)
		name = strings.TrimPrefix(name, "#")
		switch {
		case name == "":
			add("@odata.type is not a type name: %v", v)
		case !s.DerivesFrom(name, typ):
			add("@odata.type %s does not derive from %s", name, typ)
		default:
			actual = name
		}
	}
	if _, typed := obj["@odata.type"]; !typed && s.Types[actual].Abstract {
		add("%s is abstract: an object of it needs an @odata.type naming a concrete type", actual)
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := obj[k]
		if strings.HasPrefix(k, "@odata.") {
			continue
		}
		if name, ann, ok := strings.Cut(k, "@odata."); ok {
			if _, found := s.Property(actual, name); !found {
				add("annotation %s on %s, which %s does not define", ann, name, actual)
			}
			continue
		}
		if p, ok := s.Property(actual, k); ok {
			s.validateValue(p, v, at+"."+k, errs)
			continue
		}
		if n, ok := s.Navigation(actual, k); ok {
			s.validateValue(n, v, at+"."+k, errs)
			continue
		}
		add("%s defines no property %q", actual, k)
	}
}

func (s *Schema) validateValue(p Property, v any, at string, errs *[]string) {
	add := func(format string, a ...any) { *errs = append(*errs, at+": "+fmt.Sprintf(format, a...)) }
	if v == nil {
		if p.NotNull {
			add("null, but %s is not nullable", p.Type)
		}
		return
	}
	if p.Collection {
		arr, ok := v.([]any)
		if !ok {
			add("want a collection of %s, got %T", p.Type, v)
			return
		}
		for i, x := range arr {
			if x == nil {
				add("null member of a collection of %s", p.Type)
				continue
			}
			s.validateValue(Property{Type: p.Type, NotNull: true}, x, fmt.Sprintf("%s[%d]", at, i), errs)
		}
		return
	}
	if e, ok := s.Enums[p.Type]; ok {
		str, ok := v.(string)
		if !ok {
			add("want a member of %s, got %T", p.Type, v)
			return
		}
		members := []string{str}
		if e.Flags {
			members = strings.Split(str, ",")
		}
		for _, m := range members {
			if !contains(e.Members, strings.TrimSpace(m)) {
				add("%q is not a member of %s", m, p.Type)
			}
		}
		return
	}
	if _, ok := s.Types[p.Type]; ok {
		obj, ok := v.(map[string]any)
		if !ok {
			add("want a %s object, got %T", p.Type, v)
			return
		}
		s.validateObject(p.Type, obj, at, errs)
		return
	}
	if msg := edmMismatch(p.Type, v); msg != "" {
		add("%s", msg)
	}
}

// edmMismatch says how v fails to be a JSON value of primitive type t, or "".
func edmMismatch(t string, v any) string {
	str, isStr := v.(string)
	switch t {
	case "Edm.String":
		if !isStr {
			return fmt.Sprintf("want a string, got %T", v)
		}
	case "Edm.Boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Sprintf("want a boolean, got %T", v)
		}
	case "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Byte", "Edm.SByte":
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Sprintf("want an integer, got %T", v)
		}
		if _, err := n.Int64(); err != nil {
			return fmt.Sprintf("want an integer, got %s", n)
		}
	case "Edm.Double", "Edm.Single", "Edm.Decimal":
		if _, ok := v.(json.Number); !ok {
			return fmt.Sprintf("want a number, got %T", v)
		}
	case "Edm.Guid":
		if !isStr || !reGUID.MatchString(str) {
			return fmt.Sprintf("want a GUID, got %v", v)
		}
	case "Edm.DateTimeOffset":
		if _, err := time.Parse(time.RFC3339Nano, str); !isStr || err != nil {
			return fmt.Sprintf("want an RFC 3339 date and time, got %v", v)
		}
	case "Edm.Date":
		if !isStr || !reDate.MatchString(str) {
			return fmt.Sprintf("want a date (YYYY-MM-DD), got %v", v)
		}
	case "Edm.Duration":
		if !isStr || !reDuration.MatchString(str) {
			return fmt.Sprintf("want an ISO 8601 duration, got %v", v)
		}
	case "Edm.Binary":
		if _, err := base64.StdEncoding.DecodeString(str); !isStr || err != nil {
			return fmt.Sprintf("want base64, got %v", v)
		}
	case "Edm.Stream":
	default:
		return "type " + t + " is not in the subset"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
