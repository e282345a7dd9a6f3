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

// Readability is what a preflight predicts for one dataset.
type Readability string

const (
	Readable   Readability = "yes"
	Partly     Readability = "partly" // read, but some per-object detail will be missing
	Unreadable Readability = "no"
)

// licensed reports a licence: yes, no, or unknown (nil).
func (a *Access) licensed(name string) *bool {
	switch name {
	case licP1:
		return a.P1
	case licP2:
		return a.P2
	case licIntune:
		return a.Intune
	}
	t := true
	return &t
}

// endpoint says whether one endpoint will answer, and if not why;
// unlicensed is set when the licence alone stands in the way.
func (a *Access) endpoint(e Endpoint) (ok bool, why string, unlicensed bool) {
	if len(e.Accepted(a.AppOnly)) == 0 {
		return false, e.Request() + " is not available to " + map[bool]string{true: "app-only", false: "delegated"}[a.AppOnly] + " sign-in", false
	}
	if !e.Allows(a.AppOnly, a.Granted) {
		return false, "missing permission " + strings.Join(e.Least(a.AppOnly), " and ") + " for " + e.Request(), false
	}
	if l := a.licensed(e.Licence); e.Licence != "" && l != nil && !*l {
		return false, "tenant lacks licence " + e.Licence, true
	}
	return true, "", false
}

// DatasetAccess predicts whether dataset d can be read, endpoint by
// endpoint, as the collector reads it: every main endpoint must answer, or,
// when only the tenant's licence stops them, every fallback; a detail
// endpoint that will not answer leaves the dataset partly read. why gives
// the reasons.
func (a *Access) DatasetAccess(d tenant.Dataset) (Readability, string) {
	var mainWhy, fallbackWhy, detailWhy []string
	var mains, fallbacks int
	licenceOnly := true
	for _, e := range EndpointsOf(d) {
		if len(e.Accepted(a.AppOnly)) == 0 && e.SignIn != SignInBoth {
			continue // the other kind of sign-in's way to the same data
		}
		ok, why, unlicensed := a.endpoint(e)
		switch e.Part {
		case PartMain:
			mains++
			if !ok {
				mainWhy = append(mainWhy, why)
				licenceOnly = licenceOnly && unlicensed
			}
		case PartFallback:
			fallbacks++
			if !ok {
				fallbackWhy = append(fallbackWhy, why)
			}
		case PartDetail:
			if !ok {
				detailWhy = append(detailWhy, why)
			}
		}
	}
	switch {
	case mains == 0:
		return Unreadable, "unknown dataset"
	case len(mainWhy) > 0 && licenceOnly && fallbacks > 0 && len(fallbackWhy) == 0:
		return Readable, fmt.Sprintf("through the fallback (%s)", strings.Join(mainWhy, "; "))
	case len(mainWhy) > 0:
		return Unreadable, strings.Join(append(mainWhy, fallbackWhy...), "; ")
	case len(detailWhy) > 0:
		return Partly, strings.Join(detailWhy, "; ")
	}
	return Readable, ""
}
