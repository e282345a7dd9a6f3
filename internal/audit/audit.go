// Package audit turns a tenant snapshot into the result every renderer takes.
package audit

import (
	"time"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Options tune an audit.
type Options struct {
	Tool    string
	Now     time.Time // when the report is generated
	Offline bool      // the snapshot was loaded from a file
}

// Build makes the report for s.
func Build(s *tenant.Snapshot, opts Options) *result.Report {
	r := &result.Report{SchemaVersion: result.SchemaVersion, Tool: opts.Tool, GeneratedAt: opts.Now.UTC(),
		CollectedAt: s.CollectedAt, Demo: s.Source.Demo,
		Source: result.Source{AuthMode: s.Source.AuthMode, AppOnly: s.Source.AppOnly, Cloud: s.Source.Cloud,
			GraphURL: s.Source.GraphURL, Offline: opts.Offline}}
	if org, err := s.Organization.Get(); err == nil {
		r.Tenant = result.Tenant{ID: org.ID, Name: org.DisplayName}
		for _, d := range org.VerifiedDomains {
			if d.IsDefault {
				r.Tenant.DefaultDomain = d.Name
			}
		}
	}
	for _, d := range tenant.AllDatasets() {
		st := s.StatusOf(d)
		r.Datasets = append(r.Datasets, result.Dataset{Name: string(d), State: string(st.State), Count: st.Count,
			Summary: st.Describe(), Reason: st.Reason, Permission: st.Permission, Licence: st.Licence,
			HTTPStatus: st.HTTPStatus, ErrorCode: st.ErrorCode, RequestID: st.RequestID, Source: st.Source})
	}
	return r
}
