package emulator

import (
	"strings"

	"github.com/m365ready/m365ready/internal/collect"
)

// endpointFor finds the permission table's row for a request path (after
// /v1.0/, escaped): "{id}" in the table stands for any key, and a function
// segment matches by name whatever its arguments.
func endpointFor(path string) *collect.Endpoint {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, e := range collect.Endpoints() {
		pat := strings.Split(strings.Trim(e.Path, "/"), "/")
		if len(pat) != len(segs) {
			continue
		}
		match := true
		for i, p := range pat {
			if p != "{id}" && fnName(p) != fnName(segs[i]) {
				match = false
				break
			}
		}
		if match {
			return &e
		}
	}
	return nil
}

// fnName is an OData segment's name: "getOneDriveUsageAccountDetail(period='D30')" and
// "getAllSites()" are getOneDriveUsageAccountDetail and getAllSites.
func fnName(seg string) string {
	name, _, _ := strings.Cut(seg, "(")
	return name
}
