package graph

import (
	"sort"
	"time"
)

func sortStrings(s []string) { sort.Strings(s) }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
