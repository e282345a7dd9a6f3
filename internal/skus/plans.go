// Package skus knows Microsoft 365 licences: which service plans grant which
// capability, which SKU belongs to which family, and which SKUs are free or
// trial offers that must not count as a paid licence. Its SKU names come from
// Microsoft's licensing table, embedded at build time (catalog.csv, generated
// by gen/main.go from the shared copy of Microsoft's CSV).
package skus

import "strings"

// Capabilities are what a set of service plans grants.
type Capabilities struct {
	Intune     bool // Intune Plan 1: INTUNE_A, INTUNE_SMBIZ, INTUNE_EDU, INTUNE_A_GOV, INTUNE_A_VL
	BasicMDM   bool // INTUNE_O365 (Basic Mobility and Security): not Intune
	P1         bool // Entra ID P1 (AAD_PREMIUM, or P2 which implies it)
	P2         bool // Entra ID P2
	Mailbox    bool // an Exchange Online mailbox
	SharePoint bool // SharePoint Online / OneDrive storage
	Teams      bool
	OfficeApps bool // desktop Office apps
}

// Service plan ids (stable across SKUs; names have stray whitespace in
// Microsoft's data, so ids are matched first).
var planByID = map[string]func(*Capabilities){
	"c1ec4a95-1f05-45b3-a911-aa3fa01094f5": func(c *Capabilities) { c.Intune = true }, // INTUNE_A
	"8e9ff0ff-aa7a-4b20-83c1-2f636b600ac2": func(c *Capabilities) { c.Intune = true }, // INTUNE_SMBIZ
	"da24caf9-af8e-485c-b7c8-e73336da2693": func(c *Capabilities) { c.Intune = true }, // INTUNE_EDU
	"d216f254-796f-4dab-bbfa-710686e646b9": func(c *Capabilities) { c.Intune = true }, // INTUNE_A_GOV
	"3e170737-c728-4eae-bbb9-3f3360f7184c": func(c *Capabilities) { c.Intune = true }, // INTUNE_A_VL
	"882e1d05-acd1-4ccb-8708-6ee03664b117": func(c *Capabilities) { c.BasicMDM = true },
	"41781fb2-bc02-4b7c-bd55-b576c07bb09d": func(c *Capabilities) { c.P1 = true },
	"eec0eb4f-6444-4f95-aba0-50c24d67f998": func(c *Capabilities) { c.P1, c.P2 = true, true },
	"efb87545-963c-4e0d-99df-69c6916d9eb0": func(c *Capabilities) { c.Mailbox = true }, // EXCHANGE_S_ENTERPRISE
	"9aaf7827-d63c-4b61-89c3-182f06f82e5c": func(c *Capabilities) { c.Mailbox = true }, // EXCHANGE_S_STANDARD
	"4a82b400-a79f-41a4-b4e2-e94f5787b113": func(c *Capabilities) { c.Mailbox = true }, // EXCHANGE_S_DESKLESS
	"1126bef5-da20-4f07-b45e-ad25d2581aa8": func(c *Capabilities) { c.Mailbox = true }, // EXCHANGE_S_ESSENTIALS
	"5dbe027f-2339-4123-9542-606e4d348a72": func(c *Capabilities) { c.SharePoint = true },
	"c7699d2e-19aa-44de-8edf-1736da088ca1": func(c *Capabilities) { c.SharePoint = true },
	"902b47e5-dcb2-4fdc-858b-c63a90a2bdb9": func(c *Capabilities) { c.SharePoint = true },
	"13696edf-5a08-49f6-8134-03083ed8ba30": func(c *Capabilities) { c.SharePoint = true }, // ONEDRIVESTANDARD
	"57ff2da0-773e-42df-b2af-ffb7a2317929": func(c *Capabilities) { c.Teams = true },
	"43de0ff5-c92c-492b-9116-175376d08c38": func(c *Capabilities) { c.OfficeApps = true }, // OFFICESUBSCRIPTION
	"094e7854-93fc-4d55-b2c0-3ab5369ebdc1": func(c *Capabilities) { c.OfficeApps = true }, // OFFICE_BUSINESS
}

// planByName covers plans known only by name here (government and regional variants).
var planByName = map[string]func(*Capabilities){
	"EXCHANGE_S_ENTERPRISE_GOV":      func(c *Capabilities) { c.Mailbox = true },
	"EXCHANGE_S_STANDARD_GOV":        func(c *Capabilities) { c.Mailbox = true },
	"EXCHANGE_S_DESKLESS_GOV":        func(c *Capabilities) { c.Mailbox = true },
	"EXCHANGE_S_STANDARD_MIDMARKET":  func(c *Capabilities) { c.Mailbox = true },
	"SHAREPOINTENTERPRISE_EDU":       func(c *Capabilities) { c.SharePoint = true },
	"SHAREPOINTSTANDARD_EDU":         func(c *Capabilities) { c.SharePoint = true },
	"SHAREPOINTENTERPRISE_GOV":       func(c *Capabilities) { c.SharePoint = true },
	"SHAREPOINTENTERPRISE_MIDMARKET": func(c *Capabilities) { c.SharePoint = true },
	"TEAMS_GOV":                      func(c *Capabilities) { c.Teams = true },
	"OFFICESUBSCRIPTION_GOV":         func(c *Capabilities) { c.OfficeApps = true },
}

// Plan is a service plan as a tenant reports it.
type Plan struct {
	ID, Name string
}

// CapabilitiesOf adds up what plans grant.
func CapabilitiesOf(plans []Plan) Capabilities {
	var c Capabilities
	for _, p := range plans {
		if f, ok := planByID[strings.ToLower(p.ID)]; ok {
			f(&c)
		} else if f, ok := planByName[NormalizeName(p.Name)]; ok {
			f(&c)
		}
	}
	return c
}

// Or merges two capability sets.
func (c Capabilities) Or(o Capabilities) Capabilities {
	return Capabilities{Intune: c.Intune || o.Intune, BasicMDM: c.BasicMDM || o.BasicMDM, P1: c.P1 || o.P1, P2: c.P2 || o.P2,
		Mailbox: c.Mailbox || o.Mailbox, SharePoint: c.SharePoint || o.SharePoint, Teams: c.Teams || o.Teams, OfficeApps: c.OfficeApps || o.OfficeApps}
}

// NormalizeName folds Microsoft's stray whitespace (tabs, NBSP, runs of
// spaces) and case, as the data's README advises.
func NormalizeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\u00a0' {
			return ' '
		}
		return r
	}, s)
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}
