package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestSecureScore(t *testing.T) {
	s := newSnap()
	s.SecureScores.Set([]tenant.SecureScore{{CreatedDateTime: ago(0), CurrentScore: 40, MaxScore: 80}, {CreatedDateTime: ago(29), CurrentScore: 35, MaxScore: 80}})
	r := eval(t, SecureScore, s, Settings{})
	f, _ := r.Facts.(*result.SecureScoreFacts)
	if r.Status != result.StatusInfo || r.Score != nil || f == nil || f.Percent != 50 || f.Change30 == nil || *f.Change30 != 5 ||
		!strings.Contains(r.Summary, "+5.0 points") || r.Check.Weight != 0 {
		t.Fatalf("%+v", r)
	}
	s.SecureScores.Set(nil)
	if r := eval(t, SecureScore, s, Settings{}); r.Status != result.StatusNotApplicable {
		t.Errorf("%+v", r)
	}
	s.SecureScores.Fail(tenant.Status{State: tenant.StateDenied, Permission: "SecurityEvents.Read.All"})
	if r := eval(t, SecureScore, s, Settings{}); r.Status != result.StatusSkipped || !strings.Contains(r.Reason, "SecurityEvents.Read.All") {
		t.Errorf("%+v", r)
	}
}
