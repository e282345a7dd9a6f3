package checks

import (
	"strings"

	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Account is one directory account with its class and licence.
type Account struct {
	// User points into the snapshot's users, which outlive every
	// directory: a copy per account was 15 MB at 100,000 people.
	User  *tenant.User
	Class AccountClass
	// Evidence says why the account got a class other than person or guest.
	Evidence string
	Licence  Licence
}

// Licence is what an account's assigned licences give it.
type Licence struct {
	Paid     bool
	Family   skus.Family
	Caps     skus.Capabilities
	SKUs     []string // part numbers of the assigned SKUs
	PaidSKUs []string // those that are not free or trials
	Unknown  []string // assigned SKUs not in Microsoft's table (classified by plans)
	// IntuneVia and P1Via are the SKUs that give Intune Plan 1 and Entra ID P1.
	IntuneVia, P1Via []string
}

// Name is the account's UPN.
func (a *Account) Name() string { return a.User.UserPrincipalName }

// DisplayName is what people call the account (its UPN when Graph has no
// display name).
func (a *Account) DisplayName() string {
	if a.User.DisplayName != "" {
		return a.User.DisplayName
	}
	return a.User.UserPrincipalName
}

// Directory is every account, classified once for all checks.
type Directory struct {
	All    []*Account
	people []*Account // People, worked out once
	byID   map[string]*Account
	byUPN  map[string]*Account
}

// Find looks an account up by object id or UPN.
func (d *Directory) Find(key string) *Account {
	k := strings.ToLower(key)
	if a := d.byID[k]; a != nil {
		return a
	}
	return d.byUPN[k]
}

// People are the accounts that count: enabled members with a paid licence
// that are not shared mailboxes, service or break-glass accounts.
func (d *Directory) People() []*Account {
	if d.people == nil {
		d.people = []*Account{}
		for _, a := range d.All {
			if a.Class == ClassPerson {
				d.people = append(d.people, a)
			}
		}
	}
	return d.people
}

// Classify sorts every user into a class. Configured classes win; then
// guests; then the heuristics, whose evidence is recorded.
func Classify(s *tenant.Snapshot, st Settings) *Directory {
	users, err := s.Users.Get()
	d := &Directory{byID: make(map[string]*Account, len(users)), byUPN: make(map[string]*Account, len(users))}
	if err != nil {
		return d
	}
	lic := newLicensing(s)
	gas := globalAdminIDs(s)
	accounts := make([]Account, len(users)) // one allocation, not one per account
	d.All = make([]*Account, 0, len(users))
	for i := range users {
		u := &users[i]
		a := &accounts[i]
		a.User, a.Licence = u, lic.of(*u)
		configured := st.Accounts[strings.ToLower(u.UserPrincipalName)]
		if configured == "" {
			configured = st.Accounts[strings.ToLower(u.ID)]
		}
		cloudOnly := u.OnPremisesSyncEnabled == nil || !*u.OnPremisesSyncEnabled
		switch {
		case configured != "":
			a.Class, a.Evidence = configured, "configured"
		case strings.EqualFold(u.UserType, "Guest"):
			a.Class = ClassGuest
		case !u.AccountEnabled && len(u.AssignedLicenses) == 0 && u.Mail != "":
			a.Class, a.Evidence = ClassSharedMailbox, "inferred: disabled, no licence, has a mailbox address"
		case !u.AccountEnabled:
			a.Class = ClassDisabled
		case gas[u.ID] && cloudOnly && len(u.AssignedLicenses) == 0:
			a.Class, a.Evidence = ClassBreakGlass, "inferred: Global Administrator, cloud-only, no licence"
		case !a.Licence.Paid:
			a.Class = ClassUnlicensed
		default:
			a.Class = ClassPerson
		}
		d.All = append(d.All, a)
		d.byID[strings.ToLower(u.ID)] = a
		d.byUPN[strings.ToLower(u.UserPrincipalName)] = a
	}
	return d
}

// licensing resolves assigned licences with the tenant's own SKU data, which
// is the authority for its service plans; Microsoft's table fills gaps.
type licensing struct {
	tenantSKUs map[string]tenant.SubscribedSKU
	// seen memoizes of: a tenant has a handful of licence combinations and
	// thousands of people holding each. The Licence values are shared, so
	// nothing may modify their slices.
	seen map[string]Licence
}

func newLicensing(s *tenant.Snapshot) *licensing {
	l := &licensing{tenantSKUs: map[string]tenant.SubscribedSKU{}, seen: map[string]Licence{}}
	if list, err := s.SubscribedSKUs.Get(); err == nil {
		for _, k := range list {
			l.tenantSKUs[strings.ToLower(k.SKUID)] = k
		}
	}
	return l
}

// skuInfo is a SKU's part number and the plans it provides.
func (l *licensing) skuInfo(skuID string) (part string, plans []skus.Plan, known bool) {
	_, inCatalog := skus.Lookup(skuID)
	if t, ok := l.tenantSKUs[strings.ToLower(skuID)]; ok {
		for _, p := range t.ServicePlans {
			if p.ProvisioningStatus == "Success" {
				plans = append(plans, skus.Plan{ID: p.ID, Name: p.Name})
			}
		}
		return t.SKUPartNumber, plans, inCatalog
	}
	if c, ok := skus.Lookup(skuID); ok {
		return c.PartNumber, c.Plans, true
	}
	return skuID, nil, false
}

func (l *licensing) of(u tenant.User) Licence {
	var key strings.Builder
	for _, al := range u.AssignedLicenses {
		key.WriteString(al.SKUID)
		for _, p := range al.DisabledPlans {
			key.WriteString("/" + p)
		}
		key.WriteString(";")
	}
	if v, ok := l.seen[key.String()]; ok {
		return v
	}
	v := l.resolve(u.AssignedLicenses)
	l.seen[key.String()] = v
	return v
}

func (l *licensing) resolve(licences []tenant.AssignedLicense) Licence {
	var out Licence
	for _, al := range licences {
		part, plans, known := l.skuInfo(al.SKUID)
		out.SKUs = append(out.SKUs, part)
		if skus.IsFree(part) {
			continue
		}
		disabled := map[string]bool{}
		for _, p := range al.DisabledPlans {
			disabled[strings.ToLower(p)] = true
		}
		var active []skus.Plan
		for _, p := range plans {
			if !disabled[strings.ToLower(p.ID)] {
				active = append(active, p)
			}
		}
		caps := skus.CapabilitiesOf(active)
		fam, _ := skus.FamilyOf(part, caps)
		// Add-ons (Power BI Pro, Visio, Intune Plan 1) are in Microsoft's
		// table but no family; only a SKU outside the table is unknown.
		if !known {
			out.Unknown = append(out.Unknown, part)
		}
		if caps.Intune {
			out.IntuneVia = append(out.IntuneVia, part)
		}
		if caps.P1 {
			out.P1Via = append(out.P1Via, part)
		}
		out.PaidSKUs = append(out.PaidSKUs, part)
		out.Paid = true
		out.Caps = out.Caps.Or(caps)
		if fam > out.Family {
			out.Family = fam
		}
	}
	return out
}

const roleGlobalAdmin = "62e90394-69f5-4237-9190-012177145e10"

// globalAdminIDs are users holding Global Administrator tenant-wide, directly
// or through a role-assignable group (active assignments only).
func globalAdminIDs(s *tenant.Snapshot) map[string]bool {
	out := map[string]bool{}
	list, err := s.RoleAssignments.Get()
	if err != nil {
		return out
	}
	for _, a := range list {
		if a.RoleDefinitionID != roleGlobalAdmin || a.DirectoryScopeID != "/" {
			continue
		}
		if a.Principal.Type == "user" {
			out[a.Principal.ID] = true
		}
		for _, m := range a.GroupMembers {
			if m.Type == "user" {
				out[m.ID] = true
			}
		}
	}
	return out
}
