package result

import "time"

// Finding is one affected object: a stable machine code with structured
// attributes for automation, and a detail in words for people.
type Finding struct {
	// Code says what is wrong (or noted) in a way that never changes meaning
	// once released: mfa.none, site.single_owner, ... (FindingCodes).
	Code       FindingCode `json:"code"`
	ObjectType string      `json:"objectType"` // user, device, site, sku, role, group, policy, tenant
	ObjectID   string      `json:"objectId,omitempty"`
	// Name is what people recognise: a user's display name, a site's URL, a
	// device's name, a licence's product name.
	Name string `json:"name"`
	// UPN is a user's sign-in name, beside the display name.
	UPN string `json:"upn,omitempty"`
	// Class is the account class of a person (person, guest, break-glass, ...).
	Class string `json:"class,omitempty"`
	// Severity ranks findings within a check: critical, high, medium, low, info.
	Severity Severity `json:"severity"`
	Detail   string   `json:"detail"`
	// Attrs are the finding's facts: which methods, how many seats, which build.
	Attrs *FindingAttrs `json:"attrs,omitempty"`
	// Accepted is set when a configured accepted risk covers this finding.
	Accepted *Acceptance `json:"accepted,omitempty"`
}

// FindingAttrs are the structured attributes a finding may carry; each code
// documents which it sets (FindingCodes).
type FindingAttrs struct {
	Admin    bool       `json:"admin,omitempty"`    // the account holds a privileged role
	Methods  []string   `json:"methods,omitempty"`  // registered authentication methods
	SKU      string     `json:"sku,omitempty"`      // a skuPartNumber
	SKUs     []string   `json:"skus,omitempty"`     // skuPartNumbers held
	Count    int        `json:"count,omitempty"`    // how many (unused seats, ...)
	Total    int        `json:"total,omitempty"`    // out of how many
	Days     int        `json:"days,omitempty"`     // days since the last sign-in or activity
	LastSeen *time.Time `json:"lastSeen,omitempty"` // last sign-in or activity
	JoinType string     `json:"joinType,omitempty"` // entraJoined, hybridJoined, registered, unknown
	OSLine   string     `json:"osLine,omitempty"`   // Windows 10, Windows 11
	Build    int        `json:"build,omitempty"`    // Windows build number
	Policy   string     `json:"policy,omitempty"`   // a Conditional Access policy's name
	Gaps     []string   `json:"gaps,omitempty"`     // what a policy leaves out, in words
	Group    string     `json:"group,omitempty"`    // a group's name
	Role     string     `json:"role,omitempty"`     // a directory role's name
	Owners   []string   `json:"owners,omitempty"`   // a site's owners as named
	State    string     `json:"state,omitempty"`    // a subscription or service state
	Source   string     `json:"source,omitempty"`   // where the data came from (group, usage report)
	Reason   string     `json:"reason,omitempty"`   // why something is unknown
}
