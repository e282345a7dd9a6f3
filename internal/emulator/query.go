package emulator

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/graphmeta"
)

// query is a parsed OData query string. The emulator implements only what it
// lists; anything else is a 400, so the collector can never send an option
// that would be silently ignored here and mean something on the real service.
type query struct {
	raw    string
	values map[string]string
}

func parseQuery(raw string) (*query, *apiError) {
	q := &query{raw: raw, values: map[string]string{}}
	if raw == "" {
		return q, nil
	}
	for _, kv := range strings.Split(raw, "&") {
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		key, err1 := url.QueryUnescape(k)
		val, err2 := url.PathUnescape(strings.ReplaceAll(v, "+", "%20"))
		if err1 != nil || err2 != nil {
			return nil, badRequest("Invalid query string: " + kv)
		}
		if _, dup := q.values[strings.ToLower(key)]; dup {
			return nil, badRequest("Query option '" + key + "' was specified more than once, but it must be specified at most once.")
		}
		q.values[strings.ToLower(key)] = val
	}
	return q, nil
}

func (q *query) get(k string) (string, bool) {
	v, ok := q.values[strings.ToLower(k)]
	return v, ok
}

// selectFields applies $select. id and @odata.type are always kept, as Graph does.
// A name Microsoft's metadata does not define on the type is Graph's 400; a
// name it defines that the emulator does not model is the emulator's 501.
func selectFields(entities []map[string]any, sel string, known map[string]bool, entity, doc string) ([]map[string]any, *apiError) {
	if sel == "" {
		return entities, nil
	}
	fields := strings.Split(sel, ",")
	for i, f := range fields {
		fields[i] = strings.TrimSpace(f)
		if !graphmeta.V1().Selectable(entity, fields[i]) {
			return nil, badRequest(fmt.Sprintf("Could not find a property named '%s' on type '%s'.", fields[i], entity))
		}
		if !known[fields[i]] {
			return nil, notModelled(fmt.Sprintf("%s defines %s, but the emulator does not model it on %s.", entity, fields[i], doc))
		}
	}
	out := make([]map[string]any, len(entities))
	for i, e := range entities {
		m := map[string]any{}
		for _, f := range fields {
			m[f] = e[f]
		}
		if id, ok := e["id"]; ok {
			m["id"] = id
		}
		if t, ok := e["@odata.type"]; ok {
			m["@odata.type"] = t
		}
		out[i] = m
	}
	return out, nil
}

var (
	reAny = regexp.MustCompile(`^([A-Za-z][\w/]*)/any\((\w+):\s*(\w+)\s+eq\s+(.+)\)$`)
	reEq  = regexp.MustCompile(`^([A-Za-z][\w/]*)\s+eq\s+(.+)$`)
	reIn  = regexp.MustCompile(`^([A-Za-z][\w/]*)\s+in\s+\((.+)\)$`)
	// reSince is a lower bound on a time: `createdDateTime ge 2026-11-25T00:00:00Z`
	// (OData writes DateTimeOffset literals unquoted).
	reSince = regexp.MustCompile(`^([A-Za-z][\w/]*)\s+ge\s+(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d))$`)
)

// clause is one parsed filter comparison.
type clause struct {
	prop   string
	any    bool
	values []any
	// since, when set, makes the clause `prop ge since` on a time.
	since *time.Time
}

// parseFilter accepts `p eq lit`, `p in (lit, ...)` and `p/any(x:x eq lit)`
// joined by `and`, on the properties the route lists as filterable.
func parseFilter(f string, filterable map[string]bool, entity string) ([]clause, *apiError) {
	var out []clause
	for _, part := range strings.Split(f, " and ") {
		part = strings.TrimSpace(part)
		var c clause
		var lits []string
		if m := reAny.FindStringSubmatch(part); m != nil && m[2] == m[3] {
			c = clause{prop: m[1], any: true}
			lits = []string{m[4]}
		} else if m := reIn.FindStringSubmatch(part); m != nil {
			c = clause{prop: m[1]}
			lits = splitLiterals(m[2])
		} else if m := reSince.FindStringSubmatch(part); m != nil {
			t, err := time.Parse(time.RFC3339Nano, m[2])
			if err != nil {
				return nil, badRequest("Invalid filter literal: " + m[2])
			}
			c = clause{prop: m[1], since: &t}
		} else if m := reEq.FindStringSubmatch(part); m != nil {
			c = clause{prop: m[1]}
			lits = []string{m[2]}
		} else {
			// The emulator parses eq, in, any() and ge on a time only; it cannot tell an
			// expression Graph would refuse from one it would answer.
			return nil, notModelled(fmt.Sprintf("the emulator does not parse the filter clause '%s'", part))
		}
		if !filterable[c.prop] {
			// Which properties Graph filters on is documented per property on
			// Learn's resource pages, not in the metadata; the emulator models
			// the ones the collector uses. Any other property of the type is
			// a gap in the emulator (501), one the type lacks is Graph's 400.
			root, _, _ := strings.Cut(c.prop, "/")
			if graphmeta.V1().Selectable(entity, root) {
				return nil, notModelled(fmt.Sprintf("the emulator does not model $filter on %s of %s", c.prop, entity))
			}
			return nil, badRequest(fmt.Sprintf("Could not find a property named '%s' on type '%s'.", c.prop, entity))
		}
		for _, l := range lits {
			v, err := parseLiteral(strings.TrimSpace(l))
			if err != nil {
				return nil, badRequest("Invalid filter literal: " + l)
			}
			c.values = append(c.values, v)
		}
		out = append(out, c)
	}
	return out, nil
}

func splitLiterals(s string) []string {
	var out []string
	var cur strings.Builder
	inStr := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '\'':
			inStr = !inStr
			cur.WriteByte(ch)
		case ch == ',' && !inStr:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	return append(out, cur.String())
}

func parseLiteral(s string) (any, error) {
	switch {
	case len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'':
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), nil
	case s == "true":
		return true, nil
	case s == "false":
		return false, nil
	case s == "null":
		return nil, nil
	}
	return strconv.ParseFloat(s, 64)
}

func (c clause) match(e map[string]any) bool {
	v := lookupPath(e, c.prop)
	if c.since != nil {
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		return err == nil && !t.Before(*c.since)
	}
	if c.any {
		arr, _ := v.([]any)
		for _, x := range arr {
			if equalLiteral(x, c.values[0]) {
				return true
			}
		}
		if ss, ok := v.([]string); ok {
			for _, x := range ss {
				if equalLiteral(x, c.values[0]) {
					return true
				}
			}
		}
		return false
	}
	for _, want := range c.values {
		if equalLiteral(v, want) {
			return true
		}
	}
	return false
}

func lookupPath(e map[string]any, path string) any {
	var cur any = e
	for _, p := range strings.Split(path, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[p]
	}
	return cur
}

func equalLiteral(v, lit any) bool {
	switch l := lit.(type) {
	case string:
		s, ok := v.(string)
		return ok && strings.EqualFold(s, l)
	case bool:
		b, ok := v.(bool)
		return ok && b == l
	case nil:
		return v == nil
	case float64:
		switch n := v.(type) {
		case int:
			return float64(n) == l
		case float64:
			return n == l
		}
	}
	return false
}

func filterEntities(entities []map[string]any, cs []clause) []map[string]any {
	if len(cs) == 0 {
		return entities
	}
	var out []map[string]any
	for _, e := range entities {
		ok := true
		for _, c := range cs {
			if !c.match(e) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, e)
		}
	}
	return out
}

// Skip tokens are opaque to clients, as Graph's are.
func encodeSkipToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("m365emu:" + strconv.Itoa(offset)))
}

func decodeSkipToken(tok string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || !strings.HasPrefix(string(raw), "m365emu:") {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(raw), "m365emu:"))
	return n, err == nil && n >= 0
}

// withSkipToken returns raw with $skiptoken set to tok, keeping every other
// option exactly as the client sent it.
func withSkipToken(raw, tok string) string {
	var parts []string
	for _, kv := range strings.Split(raw, "&") {
		k, _, _ := strings.Cut(kv, "=")
		if kv == "" || strings.EqualFold(k, "$skiptoken") || strings.EqualFold(k, "%24skiptoken") {
			continue
		}
		parts = append(parts, kv)
	}
	return strings.Join(append(parts, "$skiptoken="+tok), "&")
}
