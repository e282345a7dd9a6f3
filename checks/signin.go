package checks

import (
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

// lastSignIns maps user id to the latest successful (else any) sign-in; an
// id with a nil time has never signed in, as far as Graph records.
func lastSignIns(s *tenant.Snapshot) map[string]*time.Time {
	list, err := s.SignInActivity.Get()
	if err != nil {
		return nil
	}
	out := make(map[string]*time.Time, len(list))
	for _, a := range list {
		t := a.LastSuccessfulSignIn
		if t == nil {
			t = a.LastSignIn
		}
		out[strings.ToLower(a.UserID)] = t
	}
	return out
}

func daysSince(now time.Time, t *time.Time) int { return int(now.Sub(*t).Hours() / 24) }
