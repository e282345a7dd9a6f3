package emulator

import (
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

// Fixture is a tenant the emulator serves: the records (in snapshot types; the
// statuses in Data are ignored), the registered apps that may sign in, and the
// switches that make it misbehave the way Graph does.
type Fixture struct {
	TenantID string
	// Domain is the tenant's initial domain; sign-in accepts it in place of TenantID.
	Domain string
	Data   *tenant.Snapshot
	Apps   []App
	Faults Faults
}

// App is an app registration with its granted application permissions.
type App struct {
	ClientID string
	Secret   string
	// SecretExpired makes the token endpoint answer AADSTS7000222.
	SecretExpired bool
	Certificate   *ClientCertificate
	// Roles are the application permissions granted with admin consent.
	Roles []string
	// Delegated issues tokens with scp (delegated permissions) instead of roles,
	// as if a signed-in user were behind the app.
	Delegated bool
}

// Faults are the per-fixture switches. The zero value is a well-behaved tenant.
type Faults struct {
	// PageCap clamps every page to at most this many records (0: endpoint default).
	PageCap int
	// Deny forces 403 Authorization_RequestDenied on these routes (route names
	// as in the routes table: users, devices, groupOwners, ...), whatever the
	// token holds.
	Deny []string
	// Premium overrides whether the tenant has Entra ID P1 (nil: from its SKUs).
	Premium *bool
	// PremiumP2 overrides whether the tenant has Entra ID P2 (nil: from its SKUs).
	PremiumP2 *bool
	// Intune overrides whether Intune applies to the tenant (nil: from its SKUs).
	Intune *bool
	// ThrottleEvery answers every Nth Graph request (batch items included)
	// with 429 and Retry-After: ThrottleRetryAfter.
	ThrottleEvery      int
	ThrottleRetryAfter string
	// BatchStatus424 answers a $batch with 424 when any item was throttled,
	// as the throttling page says Graph does (the batching page says 200).
	BatchStatus424 bool
	// Errors answers matching requests with a status, a fixed number of times.
	Errors []ErrorFault
	// Cost, when set, paces answers the way Graph's published limits do.
	Cost *CostModel
	// Wire are faults below Graph's error model: slow answers, dropped
	// connections, corrupt bodies and paging traps.
	Wire []WireFault
}

// WireKind names a wire fault.
type WireKind string

const (
	WireSlow       WireKind = "slow"       // answer after Delay
	WireReset      WireKind = "reset"      // drop the connection without answering
	WireTruncate   WireKind = "truncate"   // cut the JSON body in half
	WireMalformed  WireKind = "malformed"  // answer 200 with a body that is not JSON
	WireEmptyPages WireKind = "emptyPages" // empty pages, each with a new nextLink, forever
	WireLoop       WireKind = "loop"       // a nextLink that points back at the same page
)

// WireFault applies a wire fault to top-level requests whose path contains PathContains.
type WireFault struct {
	PathContains string
	Kind         WireKind
	Delay        time.Duration
	// Times is how many requests it hits; 0 means every one.
	Times int
}

// ErrorFault answers requests whose path contains PathContains with Status.
type ErrorFault struct {
	PathContains string
	// QueryContains, when set, must also be in the raw query string (to
	// refuse a query option, say).
	QueryContains string
	Status        int
	Code          string
	Message       string
	// Times is how many requests it hits; 0 means every one.
	Times int
}

// Service plan ids that gate Graph endpoints
// (https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference).
const (
	planAADPremium   = "41781fb2-bc02-4b7c-bd55-b576c07bb09d"
	planAADPremiumP2 = "eec0eb4f-6444-4f95-aba0-50c24d67f998"
)

var intunePlans = map[string]bool{
	"c1ec4a95-1f05-45b3-a911-aa3fa01094f5": true, // INTUNE_A
	"8e9ff0ff-aa7a-4b20-83c1-2f636b600ac2": true, // INTUNE_SMBIZ
	"da24caf9-af8e-485c-b7c8-e73336da2693": true, // INTUNE_EDU
	"d216f254-796f-4dab-bbfa-710686e646b9": true, // INTUNE_A_GOV
	"3e170737-c728-4eae-bbb9-3f3360f7184c": true, // INTUNE_A_VL
}

// hasPlan reports whether an enabled SKU carries a provisioned plan that match accepts.
func (f *Fixture) hasPlan(match func(id string) bool) bool {
	for _, sku := range f.Data.SubscribedSKUs.Items {
		if sku.CapabilityStatus != "Enabled" && sku.CapabilityStatus != "Warning" {
			continue
		}
		for _, p := range sku.ServicePlans {
			if p.ProvisioningStatus == "Success" && match(strings.ToLower(p.ID)) {
				return true
			}
		}
	}
	return false
}

func (f *Fixture) premiumP1() bool {
	if f.Faults.Premium != nil {
		return *f.Faults.Premium
	}
	return f.hasPlan(func(id string) bool { return id == planAADPremium || id == planAADPremiumP2 })
}

func (f *Fixture) premiumP2() bool {
	if f.Faults.PremiumP2 != nil {
		return *f.Faults.PremiumP2
	}
	return f.hasPlan(func(id string) bool { return id == planAADPremiumP2 })
}

func (f *Fixture) intune() bool {
	if f.Faults.Intune != nil {
		return *f.Faults.Intune
	}
	return f.hasPlan(func(id string) bool { return intunePlans[id] })
}

func (f *Fixture) app(clientID string) *App {
	for i := range f.Apps {
		if strings.EqualFold(f.Apps[i].ClientID, clientID) {
			return &f.Apps[i]
		}
	}
	return nil
}
