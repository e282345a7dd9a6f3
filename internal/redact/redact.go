// Package redact replaces identifying tenant data with stable pseudonyms so
// a report can be shared. It works on the inputs, not the outputs: the
// snapshot and the settings are redacted before any check runs, so every
// summary, detail, fact and chart is built from pseudonyms and no renderer
// or check can let a real name through. Which snapshot fields identify
// someone is declared on the fields themselves (a `redact:"kind"` tag on
// every string field of the snapshot's records; a test makes it
// exhaustive). One Redactor gives the same value the same pseudonym
// everywhere, so all outputs of a run agree.
package redact

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Kinds of identifying field (the values of `redact` tags); "-" marks a
// string that identifies nobody (a state, an enum, a Microsoft SKU or plan).
const (
	KindID     = "id"     // an object id: replaced by a GUID-shaped pseudonym
	KindIDs    = "ids"    // a list of ids and keywords (All, None, ...): ids replaced, keywords kept
	KindUPN    = "upn"    // a sign-in name or mail address
	KindPerson = "person" // a person's display name
	KindName   = "name"   // another display name: group, policy, principal, site
	KindDevice = "device" // a device name
	KindTenant = "tenant" // the organisation's name
	KindDomain = "domain" // a DNS domain
	KindURL    = "url"    // a web address
	KindSiteID = "siteid" // a site id: host,collectionId,webId
	KindText   = "text"   // free text: every known original in it is replaced
	KindNone   = "-"
)

// Kinds lists every tag value the walker understands.
func Kinds() []string {
	return []string{KindID, KindIDs, KindUPN, KindPerson, KindName, KindDevice, KindTenant, KindDomain, KindURL, KindSiteID, KindText, KindNone}
}

// Redactor remembers the pseudonyms it has handed out.
type Redactor struct {
	byOriginal map[string]string // normalised original -> pseudonym
	isPseudo   map[string]bool   // pseudonyms, so nothing is redacted twice
	count      map[string]int    // per pseudonym family
	// keys are the originals text looks for, longest first; rebuilt when
	// more originals have been seen.
	keys    []string
	keysFor int
	texts   map[string]string // text already redacted with these keys
}

// New returns an empty redactor.
func New() *Redactor {
	return &Redactor{byOriginal: map[string]string{}, isPseudo: map[string]bool{}, count: map[string]int{}}
}

var (
	reGUID  = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	reEmail = regexp.MustCompile(`[A-Za-z0-9._%+#'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
)

func normalise(kind, v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if kind == KindURL {
		v = strings.TrimRight(v, "/")
	}
	return v
}

// pseudonym returns the stable replacement of v, a value of kind.
func (x *Redactor) pseudonym(kind, v string) string {
	if v == "" || x.isPseudo[v] {
		return v
	}
	key := normalise(kind, v)
	if p, ok := x.byOriginal[key]; ok {
		return p
	}
	family := kind
	if kind == KindPerson || kind == KindName || kind == KindDevice || kind == KindTenant {
		family = "name" // one namespace: a person named in two places gets one pseudonym
	}
	x.count[family]++
	n := x.count[family]
	var p string
	switch kind {
	case KindID:
		p = fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	case KindUPN:
		p = fmt.Sprintf("user%03d@redacted.invalid", n)
	case KindDomain:
		p = fmt.Sprintf("domain%03d.invalid", n)
	case KindURL:
		p = fmt.Sprintf("https://redacted.invalid/sites/site%03d", n)
	case KindPerson:
		p = fmt.Sprintf("Person %03d", n)
	case KindDevice:
		p = fmt.Sprintf("DEVICE-%03d", n)
	case KindTenant:
		p = fmt.Sprintf("Tenant %03d", n)
	default:
		p = fmt.Sprintf("Name %03d", n)
	}
	x.byOriginal[key] = p
	x.isPseudo[p] = true
	return p
}

// value redacts one string of a kind (text is done in a second pass).
func (x *Redactor) value(kind, v string) string {
	switch kind {
	case KindNone, KindText, "":
		return v
	case KindIDs:
		if reGUID.MatchString(v) {
			return x.pseudonym(KindID, v)
		}
		return v
	case KindSiteID:
		parts := strings.Split(v, ",")
		if len(parts) != 3 {
			return x.pseudonym(KindID, v)
		}
		return "redacted.invalid," + x.pseudonym(KindID, parts[1]) + "," + x.pseudonym(KindID, parts[2])
	}
	return x.pseudonym(kind, v)
}

// text replaces every known original inside free text, longest first, and
// any mail address left.
func (x *Redactor) text(s string) string {
	if s == "" {
		return s
	}
	if x.keysFor != len(x.byOriginal) {
		x.keys = x.keys[:0]
		for k := range x.byOriginal {
			if len(k) >= 3 {
				x.keys = append(x.keys, k)
			}
		}
		sort.Slice(x.keys, func(i, j int) bool {
			return len(x.keys[i]) > len(x.keys[j]) || (len(x.keys[i]) == len(x.keys[j]) && x.keys[i] < x.keys[j])
		})
		x.keysFor = len(x.byOriginal)
		x.texts = map[string]string{}
	}
	if x.texts == nil {
		x.texts = map[string]string{}
	}
	if out, ok := x.texts[s]; ok {
		return out // departments and reasons repeat: each distinct text is searched once
	}
	in := s
	// Search rune by rune: lower-casing keeps the number of runes but not
	// always of bytes ("İ" is two bytes, "i̇" three), so byte offsets found
	// in the lower-case copy may not be offsets in s.
	runes, lower := []rune(s), []rune(strings.ToLower(s))
	// done marks the runes of pseudonyms put in: a shorter name is never
	// looked for inside one ("Person 0" inside "Person 002"), nor a name
	// inside its own ("Person 0" becomes "Person 001").
	done := make([]bool, len(runes))
	for _, k := range x.keys {
		key := []rune(k)
		for from := 0; ; {
			i := indexRunes(lower, key, from)
			if i < 0 {
				break
			}
			if slices.Contains(done[i:i+len(key)], true) {
				from = i + 1
				continue
			}
			p := []rune(x.byOriginal[k])
			runes = slices.Concat(runes[:i], p, runes[i+len(key):])
			lower = slices.Concat(lower[:i], []rune(strings.ToLower(string(p))), lower[i+len(key):])
			done = slices.Concat(done[:i], slices.Repeat([]bool{true}, len(p)), done[i+len(key):])
			from = i + len(p)
		}
	}
	s = string(runes)
	out := reEmail.ReplaceAllStringFunc(s, func(m string) string {
		if x.isPseudo[m] {
			return m
		}
		return x.pseudonym(KindUPN, m)
	})
	x.texts[in] = out
	return out
}

// indexRunes is strings.Index over runes, from position from on.
func indexRunes(hay, needle []rune, from int) int {
	for i := from; i+len(needle) <= len(hay); i++ {
		if slices.Equal(hay[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// walk visits every string of v, calling f with its field's redact kind.
func walk(v reflect.Value, kind string, f func(kind string, s reflect.Value)) {
	switch v.Kind() {
	case reflect.String:
		f(kind, v)
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), kind, f)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walk(v.Index(i), kind, f)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walk(v.MapIndex(k), kind, f) // values only; maps are not used for names
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() {
				walk(v.Field(i), t.Field(i).Tag.Get("redact"), f)
			}
		}
	}
}

// Snapshot redacts s in place: first every name, id and address, then the
// free text that may mention them. Tagged string lists are copied first:
// the collector shares repeated slices between records.
func (x *Redactor) Snapshot(s *tenant.Snapshot) {
	v := reflect.ValueOf(s).Elem()
	unshareLists(v)
	walk(v, "", func(kind string, sv reflect.Value) {
		if kind != KindText && sv.CanSet() {
			sv.SetString(x.value(kind, sv.String()))
		}
	})
	walk(v, "", func(kind string, sv reflect.Value) {
		if kind == KindText && sv.CanSet() {
			sv.SetString(x.text(sv.String()))
		}
	})
}

// unshareLists gives every tagged []string field its own backing array.
func unshareLists(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			unshareLists(v.Elem())
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			unshareLists(v.Index(i))
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			fv := v.Field(i)
			if !t.Field(i).IsExported() {
				continue
			}
			if tag := t.Field(i).Tag.Get("redact"); tag != "" && tag != KindNone && fv.Kind() == reflect.Slice &&
				fv.Type().Elem().Kind() == reflect.String && !fv.IsNil() {
				c := reflect.MakeSlice(fv.Type(), fv.Len(), fv.Len())
				reflect.Copy(c, fv)
				fv.Set(c)
				continue
			}
			unshareLists(fv)
		}
	}
}

// Settings redacts the configuration the checks read (accounts named by UPN
// or id, accepted risks), with the snapshot's pseudonyms: redact the
// snapshot first, so a configured account still matches its pseudonym.
func (x *Redactor) Settings(st checks.Settings) checks.Settings {
	if st.Accounts != nil {
		accounts := make(map[string]checks.AccountClass, len(st.Accounts))
		for k, c := range st.Accounts {
			accounts[strings.ToLower(x.known(k))] = c
		}
		st.Accounts = accounts
	}
	accepted := make([]result.Acceptance, len(st.Accepted))
	for i, a := range st.Accepted {
		a.Object, a.Owner, a.Reason = x.known(a.Object), x.known(a.Owner), x.text(a.Reason)
		accepted[i] = a
	}
	st.Accepted = accepted
	return st
}

// Known is v's pseudonym: a UPN, id or URL named in configuration, mapped as
// the snapshot's was (redact the snapshot first).
func (x *Redactor) Known(v string) string { return x.known(v) }

// known is v's pseudonym if the snapshot had v, else a new one of the kind
// its shape suggests.
func (x *Redactor) known(v string) string {
	if v == "" || x.isPseudo[v] {
		return v
	}
	for _, kind := range []string{KindUPN, KindURL} { // URLs are normalised apart
		if p, ok := x.byOriginal[normalise(kind, v)]; ok {
			return p
		}
	}
	switch {
	case strings.Contains(v, "@"):
		return x.pseudonym(KindUPN, v)
	case reGUID.MatchString(v):
		return x.pseudonym(KindID, v)
	case strings.HasPrefix(strings.ToLower(v), "http"):
		return x.pseudonym(KindURL, v)
	}
	return x.pseudonym(KindName, v)
}

// Originals lists every value the snapshot's identifying fields hold, for a
// test that greps outputs for each.
func Originals(s *tenant.Snapshot) []string {
	seen := map[string]bool{}
	var out []string
	walk(reflect.ValueOf(s).Elem(), "", func(kind string, sv reflect.Value) {
		v := sv.String()
		if kind == "" || kind == KindNone || kind == KindText || kind == KindIDs && !reGUID.MatchString(v) || seen[v] {
			return
		}
		seen[v] = true
		out = append(out, v)
	})
	sort.Strings(out)
	return out
}
