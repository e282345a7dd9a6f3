package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// tri is a yes, a no, or "we cannot tell" (a group's members or the role
// data could not be read).
type tri int

const (
	no tri = iota
	yes
	unknown
)

// caMembers answers whether an account is in a group or holds a role, for
// the policies' include and exclude lists.
type caMembers struct {
	groups map[string]map[string]bool // group id -> member ids; absent: unknown
	why    map[string]string          // group id -> why its members are unknown
	// roles maps a role template id to its holders (active or eligible, direct
	// or through a group); nil when the role data could not be read.
	roles map[string]map[string]bool
}

// policiesToEvaluate reads the policies, and makes sure the accounts are
// there to see whom they cover; otherwise it returns the skip (its reason
// prefixed with context).
func policiesToEvaluate(e *Env, context string) ([]caPolicy, *Outcome) {
	skip := func(what string, st tenant.Status) *Outcome {
		return &Outcome{Status: result.StatusSkipped, Reason: context + what + " could not be read: " + st.Describe(),
			Summary: "Skipped: " + what + " could not be read"}
	}
	if !e.Have(tenant.DatasetConditionalAccess) {
		return nil, skip("Conditional Access", e.Snap.ConditionalAccess.Status)
	}
	if !e.Have(tenant.DatasetUsers) {
		return nil, skip("the accounts (to see whom the policies cover)", e.Snap.Users.Status)
	}
	return readPolicies(required(e.Snap.ConditionalAccess.Get())), nil
}

// membersOf gathers group members from the policies and role holders from
// the role data the check could read (Env.Have records what it could not).
func membersOf(e *Env, policies []caPolicy) *caMembers {
	m := &caMembers{groups: map[string]map[string]bool{}, why: map[string]string{}}
	for _, p := range policies {
		for _, g := range p.Groups {
			id := strings.ToLower(g.ID)
			if g.Status != nil {
				m.why[id] = g.Status.Describe()
				continue
			}
			set := map[string]bool{}
			for _, mem := range g.Members {
				set[strings.ToLower(mem.ID)] = true
			}
			m.groups[id] = set
		}
	}
	usesRoles := slices.ContainsFunc(policies, func(p caPolicy) bool { return len(p.IncludeRoles)+len(p.ExcludeRoles) > 0 })
	if !usesRoles {
		return m
	}
	if !e.Have(tenant.DatasetRoleAssignments) {
		return m
	}
	m.roles = map[string]map[string]bool{}
	add := func(list []tenant.RoleAssignment) {
		for _, a := range list {
			if a.DirectoryScopeID != "/" {
				continue
			}
			set := m.roles[a.RoleDefinitionID]
			if set == nil {
				set = map[string]bool{}
				m.roles[a.RoleDefinitionID] = set
			}
			if a.Principal.Type == "user" {
				set[strings.ToLower(a.Principal.ID)] = true
			}
			for _, mem := range a.GroupMembers {
				set[strings.ToLower(mem.ID)] = true
			}
		}
	}
	add(required(e.Snap.RoleAssignments.Get()))
	// Eligible administrators are covered once they activate the role.
	if e.Have(tenant.DatasetRoleEligibilities) {
		add(required(e.Snap.RoleEligibilities.Get()))
	}
	return m
}

// inGroup says whether account id is in group g.
func (m *caMembers) inGroup(g, id string) (tri, string) {
	set, ok := m.groups[strings.ToLower(g)]
	if !ok {
		why := m.why[strings.ToLower(g)]
		if why == "" {
			why = "not read"
		}
		return unknown, "members of group " + g + " unknown (" + why + ")"
	}
	if set[strings.ToLower(id)] {
		return yes, "group " + g
	}
	return no, ""
}

// holdsRole says whether account a holds role r.
func (m *caMembers) holdsRole(r string, a *Account) (tri, string) {
	name := roleName(r)
	switch {
	case r == tenant.RoleDirectorySync:
		if a.Class == ClassPerson || a.Class == ClassGuest {
			return no, "" // sync accounts are not people
		}
		return unknown, "holders of " + name + " not read"
	case m.roles == nil:
		return unknown, "role holders unknown (the role data could not be read)"
	}
	if _, collected := tenant.PrivilegedRoles[r]; !collected {
		return unknown, "holders of " + name + " not read"
	}
	if m.roles[r][strings.ToLower(a.User.ID)] {
		return yes, "role " + name
	}
	return no, ""
}

func roleName(id string) string {
	if n, ok := tenant.PrivilegedRoles[id]; ok {
		return n
	}
	if id == tenant.RoleDirectorySync {
		return "Directory Synchronization Accounts"
	}
	return "role " + id
}

func isGuest(a *Account) bool {
	return a.Class == ClassGuest || strings.EqualFold(a.User.UserType, "Guest")
}

// matches is the include or exclude half of a policy's user condition.
func (m *caMembers) matches(a *Account, users, groups, roles []string, guests string) (tri, string) {
	result, why := no, ""
	seen := func(t tri, w string) bool {
		switch t {
		case yes:
			result, why = yes, w
			return true
		case unknown:
			result, why = unknown, w
		}
		return false
	}
	for _, u := range users {
		switch {
		case isAll(u):
			return yes, "all users"
		case strings.EqualFold(u, "GuestsOrExternalUsers") && isGuest(a):
			return yes, "guests"
		case strings.EqualFold(u, a.User.ID):
			return yes, "by name"
		}
	}
	if guests != "" && isGuest(a) {
		return yes, "guests"
	}
	for _, g := range groups {
		if seen(m.inGroup(g, a.User.ID)) {
			return result, why
		}
	}
	for _, r := range roles {
		if seen(m.holdsRole(r, a)) {
			return result, why
		}
	}
	return result, why
}

// applies says whether policy p applies to account a: included and not
// excluded. why names the exclusion, or what made it unknown.
func (m *caMembers) applies(p caPolicy, a *Account) (tri, string) {
	in, inWhy := m.matches(a, p.IncludeUsers, p.IncludeGroups, p.IncludeRoles, p.IncludeGuestsOrExternalUsers)
	if in == no {
		return no, "not included"
	}
	out, outWhy := m.matches(a, p.ExcludeUsers, p.ExcludeGroups, p.ExcludeRoles, p.ExcludeGuestsOrExternalUsers)
	switch {
	case out == yes:
		return no, "excluded (" + outWhy + ")"
	case out == unknown:
		return unknown, outWhy
	case in == unknown:
		return unknown, inWhy
	}
	return yes, ""
}

// coverage is how well an account is held to a requirement (MFA, a managed
// device) at sign-in.
type coverage int

const (
	coverNone coverage = iota
	coverUnknown
	coverPartial // required, with gaps (apps, locations or clients left out)
	coverFull
)

// requirement is what a check asks of every sign-in.
type requirement struct {
	// met and bypass read the grant: does every way through demand it, and
	// which alternatives skip it.
	met    func(caGrant) bool
	asks   func(caGrant) bool
	bypass func(caGrant) []string
	// allApps: Office 365 alone is not enough.
	allApps bool
	// what the requirement is, in words; codes for an account not held to
	// it, held with gaps, and unknown.
	what                       string
	notHeld, withGaps, unknown result.CodeInfo
}

var (
	requireMFA = requirement{met: func(g caGrant) bool { return g.mfa }, asks: func(g caGrant) bool { return g.asksMFA },
		bypass: func(g caGrant) []string { return g.mfaBypass }, allApps: true,
		what: "MFA", notHeld: codeMFANotRequired, withGaps: codeMFAGaps, unknown: codeMFACoverageUnk}
	requireDevice = requirement{met: func(g caGrant) bool { return g.device }, asks: func(g caGrant) bool { return g.asksDevice },
		bypass: func(g caGrant) []string { return g.deviceBypass },
		what:   "a compliant or hybrid-joined device", notHeld: codeDeviceNotReq, withGaps: codeDeviceGaps, unknown: codeDeviceUnknown}
)

// accountCoverage is one account's result, with the words for its finding.
type accountCoverage struct {
	level  coverage
	policy string   // the policy that covers it best
	detail string   // why it is not fully covered
	gaps   []string // what the covering policy leaves out
}

// coverer holds an account to a requirement by the enabled policies; what
// depends only on a policy (its gaps, with and without a legacy block) is
// worked out once, not once per person.
type coverer struct {
	m        *caMembers
	policies []caPolicy
	req      requirement
	gaps     [][2][]string // per policy: gaps without and with legacy blocked
}

func newCoverer(m *caMembers, policies []caPolicy, req requirement) *coverer {
	c := &coverer{m: m, policies: policies, req: req, gaps: make([][2][]string, len(policies))}
	for i, p := range policies {
		c.gaps[i] = [2][]string{p.gaps(req.bypass(p.grant), req.allApps, false), p.gaps(req.bypass(p.grant), req.allApps, true)}
	}
	return c
}

// cover works out how an account is held to the requirement. With explain
// it also says why, in words, for a finding; without, it allocates nothing
// per person (a tenant of 100,000 is evaluated twice over).
func (c *coverer) cover(a *Account, explain bool) accountCoverage {
	m, req := c.m, c.req
	legacy := 0
	for _, p := range c.policies {
		if p.State == caEnabled && p.blocksLegacy() {
			if t, _ := m.applies(p, a); t == yes {
				legacy = 1
			}
		}
	}
	best := accountCoverage{level: coverNone}
	var excluded, weak []string
	for i, p := range c.policies {
		if p.State != caEnabled || !req.asks(p.grant) {
			continue
		}
		t, why := m.applies(p, a)
		if t == no {
			if explain && strings.HasPrefix(why, "excluded") {
				excluded = append(excluded, fmt.Sprintf("%q %s", p.DisplayName, why))
			}
			continue
		}
		gaps := c.gaps[i][legacy]
		cv := accountCoverage{level: coverPartial, policy: p.DisplayName, gaps: gaps}
		switch {
		case !req.met(p.grant) || !p.signInPolicy():
			// An alternative or a condition skips it: it does not count.
			if explain {
				weak = append(weak, fmt.Sprintf("%q asks for it but %s", p.DisplayName, strings.Join(gaps, "; ")))
			}
			continue
		case t == unknown:
			cv.level = coverUnknown
			if explain {
				cv.detail = fmt.Sprintf("whether %q applies is unknown: %s", p.DisplayName, why)
			}
		case len(gaps) == 0:
			cv.level = coverFull
		case explain:
			cv.detail = fmt.Sprintf("required by %q, except: %s", p.DisplayName, strings.Join(gaps, "; "))
		}
		if cv.level > best.level {
			best = cv
		}
	}
	if best.level == coverNone && explain {
		best.detail = "no enforced Conditional Access policy requires it"
		if len(weak) > 0 {
			best.detail += " without an alternative: " + strings.Join(weak, "; ")
		}
		if len(excluded) > 0 {
			best.detail += "; excluded from " + strings.Join(excluded, ", ")
		}
	}
	return best
}
