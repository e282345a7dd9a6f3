package checks

import (
	"fmt"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

const idSecureScore = "CTX-001"

// SecureScore shows Microsoft Secure Score beside ours, as context: weight
// 0, so it never moves the readiness score.
var SecureScore = Check{
	ID:       idSecureScore,
	Title:    "Microsoft Secure Score (context)",
	Category: result.CategoryIdentity,
	Severity: result.SeverityLow,
	Weight:   0,
	Why: "Microsoft's own score covers far more than the move to Microsoft 365 sign-in; its trend shows whether the " +
		"tenant's security is improving. It is shown for context and not counted in the readiness score.",
	Remediation: []string{"Review the improvement actions in the Microsoft Defender portal (Exposure management > Secure Score)."},
	Links:       []string{"https://learn.microsoft.com/defender-xdr/microsoft-secure-score"},
	Requires:    []tenant.Dataset{tenant.DatasetSecureScores},
	Scope:       "Current and maximum Secure Score and the 30-day trend, shown beside ours, never counted",
	Thresholds:  "context only: weight 0, never a verdict on readiness",
	Codes:       []result.CodeInfo{},
	FactsType:   (*result.SecureScoreFacts)(nil),
	Evaluate:    evalSecureScore,
}

func evalSecureScore(e *Env) Outcome {
	scores := required(e.Snap.SecureScores.Get())
	if len(scores) == 0 {
		return Outcome{Status: result.StatusNotApplicable, Reason: "the tenant has no Secure Score yet", Summary: "Not applicable: no Secure Score yet"}
	}
	latest, oldest := scores[0], scores[len(scores)-1]
	facts := &result.SecureScoreFacts{Current: latest.CurrentScore, Max: latest.MaxScore, Percent: 100 * ratioF(latest.CurrentScore, latest.MaxScore)}
	out := Outcome{Status: result.StatusInfo, Facts: facts}
	out.Summary = fmt.Sprintf("Context, not scored: Secure Score %.1f of %.0f (%.0f%%)", latest.CurrentScore, latest.MaxScore, facts.Percent)
	if len(scores) > 1 && oldest.CreatedDateTime != nil {
		change := latest.CurrentScore - oldest.CurrentScore
		facts.Change30 = &change
		out.Summary += fmt.Sprintf("; %+.1f points since %s", change, oldest.CreatedDateTime.Format("2006-01-02"))
	}
	return out
}

func ratioF(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}
