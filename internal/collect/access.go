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
	// Unlicensed: the tenant's licences, not the token, stand in the way; no
	// permission would help.
	Unlicensed Readability = "not_licensed"
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

// Gap is why one endpoint will not answer: the kind of sign-in, or a
// licence the tenant lacks, a permission the token lacks, or both.
type Gap struct {
	Request    string `json:"request"`
	Permission string `json:"permission,omitempty"` // the least permission(s) that would do, "and"-joined
	Licence    string `json:"licence,omitempty"`    // the tenant lacks it
	SignIn     string `json:"signIn,omitempty"`     // the endpoint does not serve this kind of sign-in
}

// Why is the gap in full, endpoint included.
func (g Gap) Why() string {
	switch {
	case g.SignIn != "":
		return g.Request + " is not available to " + g.SignIn + " sign-in"
	case g.Licence != "" && g.Permission != "":
		return "tenant lacks licence " + g.Licence + ", and permission " + g.Permission + " is missing for " + g.Request
	case g.Permission != "":
		return "missing permission " + g.Permission + " for " + g.Request
	}
	return "tenant lacks licence " + g.Licence
}

// Short is the gap as a person acts on it: the licence the tenant lacks (a
// grant would not help without it; Why names the permission too) or the
// permission to grant.
func (g Gap) Short() string {
	switch {
	case g.SignIn != "":
		return "not available to " + g.SignIn + " sign-in"
	case g.Licence != "":
		return "tenant has no " + g.Licence
	case g.Permission != "":
		return "needs " + g.Permission
	}
	return "tenant has no " + g.Licence
}

// endpoint says whether one endpoint will answer, and if not why. A
// missing licence is named even when a permission is missing too: no grant
// alone would make the endpoint answer.
func (a *Access) endpoint(e Endpoint) (ok bool, gap Gap) {
	gap.Request = e.Request()
	if len(e.Accepted(a.AppOnly)) == 0 {
		gap.SignIn = map[bool]string{true: "app-only", false: "delegated"}[a.AppOnly]
		return false, gap
	}
	if !e.Allows(a.AppOnly, a.Granted) {
		gap.Permission = strings.Join(e.Least(a.AppOnly), " and ")
	}
	if l := a.licensed(e.Licence); e.Licence != "" && l != nil && !*l {
		gap.Licence = e.Licence
	}
	return gap.Permission == "" && gap.Licence == "", gap
}

// DatasetAccess predicts whether dataset d can be read, endpoint by
// endpoint, as the collector reads it: every main endpoint must answer, or,
// when only the tenant's licence stops them, every fallback; a detail
// endpoint that will not answer leaves the dataset partly read. why gives
// the reasons.
func (a *Access) DatasetAccess(d tenant.Dataset) (Readability, string) {
	r, gaps, fallback := a.DatasetGaps(d)
	return r, Why(r, gaps, fallback)
}

// Why says in words what DatasetGaps found, endpoints included.
func Why(r Readability, gaps []Gap, fallback bool) string {
	whys := make([]string, len(gaps))
	for i, g := range gaps {
		whys[i] = g.Why()
	}
	if fallback {
		return fmt.Sprintf("through the fallback (%s)", strings.Join(whys, "; "))
	}
	if r == Unreadable && len(gaps) == 0 {
		return "unknown dataset"
	}
	return strings.Join(whys, "; ")
}

// DatasetGaps is DatasetAccess with the reasons as data; fallback says the
// gaps are the main endpoints' and the fallback will answer instead.
func (a *Access) DatasetGaps(d tenant.Dataset) (r Readability, gaps []Gap, fallback bool) {
	var mainGaps, fallbackGaps, detailGaps []Gap
	var mains, fallbacks int
	for _, e := range EndpointsOf(d) {
		if len(e.Accepted(a.AppOnly)) == 0 && e.SignIn != SignInBoth {
			continue // the other kind of sign-in's way to the same data
		}
		ok, gap := a.endpoint(e)
		switch e.Part {
		case PartMain:
			mains++
			if !ok {
				mainGaps = append(mainGaps, gap)
			}
		case PartFallback:
			fallbacks++
			if !ok {
				fallbackGaps = append(fallbackGaps, gap)
			}
		case PartDetail:
			if !ok {
				detailGaps = append(detailGaps, gap)
			}
		}
	}
	licenceOnly := true
	for _, g := range mainGaps {
		licenceOnly = licenceOnly && g.Licence != ""
	}
	switch {
	case mains == 0:
		return Unreadable, nil, false
	case len(mainGaps) > 0 && licenceOnly && fallbacks > 0 && len(fallbackGaps) == 0:
		return Readable, mainGaps, true
	case len(mainGaps) > 0 && licenceOnly && len(fallbackGaps) == 0:
		return Unlicensed, mainGaps, false
	case len(mainGaps) > 0:
		return Unreadable, append(mainGaps, fallbackGaps...), false
	case len(detailGaps) > 0:
		return Partly, detailGaps, false
	}
	return Readable, nil, false
}
