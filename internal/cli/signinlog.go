package cli

import (
	"github.com/spf13/pflag"

	"github.com/m365ready/m365ready/internal/collect"
)

// signInLogFlags turn on the sign-in log, which is off by default: it is the
// largest and most throttled read, and only the context check CTX-002 uses it.
type signInLogFlags struct {
	On          bool
	Days, Pages int
}

// signInLogRetention is how long Entra ID keeps sign-ins with P1 or P2
// (https://learn.microsoft.com/entra/identity/monitoring-health/reference-reports-data-retention).
const signInLogRetention = 30

func (s *signInLogFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&s.On, "signin-log", false, "also read the sign-in log (Entra ID P1, AuditLog.Read.All): who signs in to Windows from PCs that are not joined")
	fs.IntVar(&s.Days, "signin-log-days", collect.DefaultSignInLogDays, "with --signin-log, how many `DAYS` of sign-ins to read (1-30)")
	fs.IntVar(&s.Pages, "signin-log-pages", collect.DefaultSignInLogPages, "with --signin-log, read at most `N` pages of 1,000 sign-ins (the log is throttled to 5 pages in 10 s)")
}

func (s *signInLogFlags) check() error {
	if s.Days < 1 || s.Days > signInLogRetention {
		return usageErrorf("--signin-log-days must be between 1 and %d (Entra keeps sign-ins for %d days), got %d", signInLogRetention, signInLogRetention, s.Days)
	}
	if s.Pages < 1 || s.Pages > 1000 {
		return usageErrorf("--signin-log-pages must be between 1 and 1000, got %d", s.Pages)
	}
	return nil
}
