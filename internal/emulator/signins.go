package emulator

import (
	"sort"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

// signInPage is the sign-in log's default and largest page
// (https://learn.microsoft.com/graph/api/signin-list).
const signInPage = 1000

// serveSignIns answers the sign-in log, newest first as Graph does. The
// fixture holds the log folded per person and device; each fold is served
// as its events: the first, the last, and the rest spread between them.
func serveSignIns(s *Server, rc *reqCtx) graphResp {
	items := s.cached("signIns", func() []map[string]any { return signInEvents(s.fixture.Data.SignInLog.Value, s.fixture.TenantID) })
	return s.list(rc, listSpec{entity: "microsoft.graph.signIn", context: "auditLogs/signIns", defaultPage: signInPage, maxPage: signInPage, items: items,
		known:      set("id", "createdDateTime", "userId", "userPrincipalName", "deviceDetail", "userDisplayName", "appDisplayName", "clientAppUsed"),
		filterable: set("createdDateTime")})
}

func signInEvents(log *tenant.SignInLog, tenantID string) []map[string]any {
	if log == nil {
		return []map[string]any{}
	}
	type event struct {
		at time.Time
		m  map[string]any
	}
	var events []event
	n := 0
	for _, d := range log.Devices {
		if d.First == nil || d.Last == nil || d.Count == 0 {
			continue
		}
		for i := 0; i < d.Count; i++ {
			at := *d.First
			if d.Count > 1 {
				at = d.First.Add(time.Duration(i) * d.Last.Sub(*d.First) / time.Duration(d.Count-1))
			}
			n++
			events = append(events, event{at, map[string]any{"id": newDeterministicID(tenantID, 1_000_000+n),
				"createdDateTime": at.UTC().Format(time.RFC3339Nano), "userId": d.UserID, "userPrincipalName": optStr(d.UserPrincipalName),
				"userDisplayName": nil, "appDisplayName": "Microsoft 365", "clientAppUsed": "Browser",
				"deviceDetail": map[string]any{"deviceId": d.DeviceID, "displayName": optStr(d.DeviceName), "operatingSystem": optStr(d.OperatingSystem),
					"trustType": optStr(d.TrustType), "browser": "Edge 131.0.0", "isCompliant": nil, "isManaged": nil}}})
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].at.After(events[j].at) })
	out := make([]map[string]any, len(events))
	for i, e := range events {
		out[i] = e.m
	}
	return out
}
