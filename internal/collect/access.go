package collect

import (
	"context"
	"fmt"
	"strings"

	"github.com/m365ready/m365ready/internal/tenant"
)

// Access is what a preflight learns before collecting: the permissions the
// token carries and the licences the tenant has.
type Access struct {
	AppOnly bool
	// Granted are the token's roles (application) or scp (delegated) values.
	Granted []string
	// Licences: nil means unknown (the SKUs could not be read).
	P1, P2, Intune *bool
	// SKUsError says why the SKUs could not be read.
	SKUsError string
}

// Preflighter is implemented by collectors that can check access first.
type Preflighter interface {
	Preflight(ctx context.Context, opts Options) (*Access, error)
}

// broader lists permissions that include a narrower one (Microsoft Graph's
// "higher privileged" alternatives, read-only ones only).
var broader = map[string][]string{
	"Organization.Read.All":                   {"Directory.Read.All"},
	"User.Read.All":                           {"Directory.Read.All"},
	"User.Read":                               {"User.Read.All", "Directory.Read.All", "Organization.Read.All"},
	"RoleManagement.Read.Directory":           {"RoleManagement.Read.All", "Directory.Read.All"},
	"RoleEligibilitySchedule.Read.Directory":  {"RoleManagement.Read.Directory", "RoleManagement.Read.All"},
	"Device.Read.All":                         {"Directory.Read.All"},
	"GroupMember.Read.All":                    {"Group.Read.All", "Directory.Read.All"},
	"Policy.Read.AuthenticationMethod":        {"Policy.Read.All"},
	"AuditLog.Read.All":                       {},
	"UserAuthenticationMethod.Read.All":       {},
	"DeviceManagementServiceConfig.Read.All":  {"DeviceManagementManagedDevices.Read.All", "DeviceManagementConfiguration.Read.All"},
	"DeviceManagementManagedDevices.Read.All": {},
	"Sites.Read.All":                          {},
	"Reports.Read.All":                        {},
	"ReportSettings.Read.All":                 {},
	"Policy.Read.All":                         {},
	"GroupSettings.Read.All":                  {"Directory.Read.All"},
	"SecurityEvents.Read.All":                 {},
}

// Has reports whether the access covers permission p, directly or through a
// broader permission.
func (a *Access) Has(p string) bool {
	for _, g := range a.Granted {
		if strings.EqualFold(g, p) {
			return true
		}
		for _, b := range broader[p] {
			if strings.EqualFold(g, b) {
				return true
			}
		}
	}
	return false
}

// licensed reports a licence: yes, no, or unknown.
func (a *Access) licensed(name string) *bool {
	switch name {
	case "Microsoft Entra ID P1":
		return a.P1
	case "Microsoft Entra ID P2":
		return a.P2
	case "Microsoft Intune":
		return a.Intune
	}
	t := true
	return &t
}

// DatasetAccess says whether a dataset can be collected, and if not why.
func (a *Access) DatasetAccess(d tenant.Dataset) (ok bool, reason string) {
	var first *DatasetSpec
	for _, s := range Specs() {
		if s.Dataset != d {
			continue
		}
		s := s
		if first == nil {
			first = &s
		}
		perm := s.Delegated
		if a.AppOnly {
			perm = s.Application
		}
		if !a.Has(perm) {
			// The MFA report has a per-person fallback: either path will do.
			continue
		}
		if s.Licence != "" {
			if l := a.licensed(s.Licence); l != nil && !*l {
				continue
			}
		}
		return true, ""
	}
	if first == nil {
		return false, "unknown dataset"
	}
	perm := first.Delegated
	if a.AppOnly {
		perm = first.Application
	}
	if !a.Has(perm) {
		return false, "missing permission " + perm
	}
	if l := a.licensed(first.Licence); l != nil && !*l {
		return false, "tenant lacks licence " + first.Licence
	}
	return false, fmt.Sprintf("needs %s", perm)
}
