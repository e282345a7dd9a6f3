package checks

import (
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

// LastSignIns maps lower-case user id to the latest successful (else any)
// sign-in; an id with a nil time has never signed in, as far as Graph
// records. It is nil when sign-in activity was not collected, and worked out
// once for every check that reads it.
func (e *Env) LastSignIns() map[string]*time.Time {
	key := visibility(e.Snap, tenant.DatasetSignInActivity)
	if m, ok := e.memo.signIns[key]; ok {
		return m
	}
	m := lastSignIns(e.Snap)
	e.memo.signIns[key] = m
	return m
}

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
