package checks

import (
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/result"
)

// AccountClass is how an account is treated when people are counted.
type AccountClass string

const (
	ClassPerson         AccountClass = "person"
	ClassGuest          AccountClass = "guest"
	ClassDisabled       AccountClass = "disabled"
	ClassUnlicensed     AccountClass = "unlicensed"
	ClassSharedMailbox  AccountClass = "shared-mailbox"
	ClassBreakGlass     AccountClass = "break-glass"
	ClassServiceAccount AccountClass = "service-account"
)

// Settings are the user-tunable parts of evaluation (from the config file).
type Settings struct {
	// Accounts maps a UPN or object id (lower case) to a configured class:
	// break-glass, shared-mailbox or service-account.
	Accounts map[string]AccountClass
	// StaleDeviceDays: a device with no sign-in for longer is stale.
	StaleDeviceDays int
	// DormantDays: a licensed person with no sign-in for longer is dormant.
	DormantDays int
	// InactiveGuestDays: a guest with no sign-in for longer is inactive.
	InactiveGuestDays int
	// MinGlobalAdmins and MaxGlobalAdmins bound the healthy Global Administrator count.
	MinGlobalAdmins, MaxGlobalAdmins int
	// Accepted are accepted risks; expired ones no longer apply.
	Accepted []result.Acceptance
}

// The defaults a Settings field takes when it is left at zero.
const (
	DefaultThresholdDays   = 90 // stale devices, dormant accounts, inactive guests
	DefaultMinGlobalAdmins = 2
	DefaultMaxGlobalAdmins = 4
)

func (s Settings) withDefaults() Settings {
	if s.StaleDeviceDays <= 0 {
		s.StaleDeviceDays = DefaultThresholdDays
	}
	if s.DormantDays <= 0 {
		s.DormantDays = DefaultThresholdDays
	}
	if s.InactiveGuestDays <= 0 {
		s.InactiveGuestDays = DefaultThresholdDays
	}
	if s.MinGlobalAdmins <= 0 {
		s.MinGlobalAdmins = DefaultMinGlobalAdmins
	}
	if s.MaxGlobalAdmins <= 0 {
		s.MaxGlobalAdmins = DefaultMaxGlobalAdmins
	}
	return s
}

// accepted returns the active acceptance covering object (any of its keys:
// id, UPN, name, URL) for a check, or nil.
func (e *Env) accepted(checkID string, keys ...string) *result.Acceptance {
	for i := range e.Settings.Accepted {
		a := &e.Settings.Accepted[i]
		if !strings.EqualFold(a.Check, checkID) || a.Expired {
			continue
		}
		for _, k := range keys {
			if k != "" && strings.EqualFold(a.Object, k) {
				return a
			}
		}
	}
	return nil
}

// ExpireAcceptances marks acceptances past their expiry date as expired.
func ExpireAcceptances(list []result.Acceptance, now time.Time) []result.Acceptance {
	out := make([]result.Acceptance, len(list))
	for i, a := range list {
		if t, err := time.Parse("2006-01-02", a.Expires); err == nil && now.After(t.Add(24*time.Hour)) {
			a.Expired = true
		}
		out[i] = a
	}
	return out
}
