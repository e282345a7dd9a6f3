package graph

import (
	"fmt"
	"sort"
	"time"
	"unique"
)

func sortStrings(s []string) { sort.Strings(s) }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

// common returns a canonical copy of a value that repeats across records
// (userType, operating systems, licence ids, method names). At 100,000 people
// each record otherwise keeps its own copy of the same few words, decoded
// fresh from every page.
func common(p *string) string {
	if p == nil {
		return ""
	}
	return unique.Make(*p).Value()
}

// commonID is common for a GUID the SDK parsed (licence and plan ids).
func commonID(id fmt.Stringer) string { s := id.String(); return common(&s) }

func commonAll(in []string) []string {
	out := make([]string, len(in))
	for i := range in {
		out[i] = common(&in[i])
	}
	return out
}
