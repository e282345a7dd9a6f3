// Package redact replaces identifying tenant data in a report with stable
// pseudonyms, so a report can be shared. One Redactor gives the same object
// the same pseudonym everywhere, so all outputs of a run agree.
package redact

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// Redactor remembers the pseudonyms it has handed out.
type Redactor struct {
	names map[string]string // lower-cased original -> pseudonym
	count map[string]int    // per kind
}

// New returns an empty redactor.
func New() *Redactor { return &Redactor{names: map[string]string{}, count: map[string]int{}} }

var (
	reEmail = regexp.MustCompile(`[A-Za-z0-9._%+#'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	reURL   = regexp.MustCompile(`https?://[^\s)"'<>]+`)
)

// pseudonym returns the stable replacement for v of a kind.
func (x *Redactor) pseudonym(kind, v string) string {
	key := strings.ToLower(v)
	if p, ok := x.names[key]; ok {
		return p
	}
	x.count[kind]++
	n := x.count[kind]
	var p string
	switch kind {
	case "user":
		p = fmt.Sprintf("user%03d@redacted.invalid", n)
	case "site":
		p = fmt.Sprintf("https://redacted.invalid/sites/site%03d", n)
	case "id":
		p = fmt.Sprintf("00000000-0000-4000-8000-%012d", n)
	default:
		p = fmt.Sprintf("%s-%03d", kind, n)
	}
	x.names[key] = p
	return p
}

// Report returns a redacted copy of r: tenant identity, object names and
// ids, user names, e-mail addresses and URLs are replaced, in every field.
func (x *Redactor) Report(r *result.Report) (*result.Report, error) {
	// Work on a deep copy through JSON: the result model is plain data.
	raw, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var c result.Report
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, err
	}
	// Names known to be identifying, longest first so parts do not win.
	known := map[string]string{}
	add := func(kind, v string) {
		if v = strings.TrimSpace(v); len(v) >= 3 {
			known[v] = x.pseudonym(kind, v)
		}
	}
	add("tenant", c.Tenant.Name)
	add("domain", c.Tenant.DefaultDomain)
	for _, ch := range c.Checks {
		for _, fs := range [][]result.Finding{ch.Findings, ch.Excluded} {
			for _, f := range fs {
				kind := f.ObjectType
				if kind == "user" || strings.Contains(f.Name, "@") {
					kind = "user"
				} else if strings.HasPrefix(f.Name, "http") {
					kind = "site"
				}
				// SKU names and tenant-level labels ("Intune") identify nobody.
				if f.ObjectType != "sku" && f.ObjectType != "tenant" {
					add(kind, f.Name)
				}
			}
		}
	}
	keys := make([]string, 0, len(known))
	for k := range known {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return len(keys[i]) > len(keys[j]) || (len(keys[i]) == len(keys[j]) && keys[i] < keys[j])
	})
	text := func(s string) string {
		if s == "" {
			return s
		}
		s = reEmail.ReplaceAllStringFunc(s, func(m string) string { return x.pseudonym("user", m) })
		s = reURL.ReplaceAllStringFunc(s, func(m string) string {
			if strings.Contains(m, "redacted.invalid") || isDocLink(m) {
				return m
			}
			return x.pseudonym("site", m)
		})
		for _, k := range keys {
			if strings.Contains(s, k) {
				s = strings.ReplaceAll(s, k, known[k])
			}
		}
		return s
	}
	// Object ids are replaced whole: some (site ids) embed a host name.
	id := func(s string) string {
		if s == "" {
			return s
		}
		return x.pseudonym("id", s)
	}
	c.Tenant = result.Tenant{ID: id(c.Tenant.ID), Name: text(c.Tenant.Name), DefaultDomain: text(c.Tenant.DefaultDomain)}
	c.Source.GraphURL = ""
	for i := range c.Checks {
		ch := &c.Checks[i]
		ch.Summary, ch.Reason, ch.Action = text(ch.Summary), text(ch.Reason), text(ch.Action)
		for _, fs := range [][]result.Finding{ch.Findings, ch.Excluded} {
			for j := range fs {
				f := &fs[j]
				f.Name, f.Detail, f.ObjectID = text(f.Name), text(f.Detail), id(f.ObjectID)
				if f.Accepted != nil {
					f.Accepted.Object, f.Accepted.Owner, f.Accepted.Reason = text(f.Accepted.Object), text(f.Accepted.Owner), text(f.Accepted.Reason)
				}
			}
		}
	}
	for i := range c.Score.TopActions {
		c.Score.TopActions[i].Summary = text(c.Score.TopActions[i].Summary)
	}
	c.Score.CapReason = text(c.Score.CapReason)
	for i := range c.Acceptances {
		a := &c.Acceptances[i]
		a.Object, a.Owner, a.Reason = text(a.Object), text(a.Owner), text(a.Reason)
	}
	for i := range c.Datasets {
		c.Datasets[i].Reason, c.Datasets[i].Summary = text(c.Datasets[i].Reason), text(c.Datasets[i].Summary)
	}
	return &c, nil
}

// isDocLink keeps Microsoft documentation links, which identify nobody.
func isDocLink(u string) bool {
	for _, p := range []string{"https://learn.microsoft.com/", "https://aka.ms/"} {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return false
}
