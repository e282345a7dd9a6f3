package diff

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	_ "github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/result"
)

func f(v float64) *float64 { return &v }

func report(score float64, checks ...result.CheckResult) *result.Report {
	return &result.Report{SchemaVersion: result.SchemaVersion, Score: result.Score{Value: f(score), Range: result.Range{Worst: score, Best: score},
		Grade: result.GradeOf(score), Coverage: 1}, Checks: checks}
}

func incomplete(r *result.Report) *result.Report {
	r.Score.Grade, r.Score.Coverage = result.GradeIncomplete, 0.5
	return r
}

func check(id string, st result.Status, s float64, findings ...string) result.CheckResult {
	c := result.CheckResult{Check: result.CheckInfo{ID: id, Title: id}, Status: st, Score: f(s)}
	for _, n := range findings {
		c.Findings = append(c.Findings, result.Finding{ObjectType: "user", Name: n, Detail: "no MFA"})
	}
	return c
}

func TestCompare(t *testing.T) {
	cases := []struct {
		name           string
		old, new       *result.Report
		regressed      bool
		changes        map[string]string
		newF, resolved int
	}{
		{"improved",
			report(50, check("IDN-001", result.StatusFail, 0.5, "a", "b"), check("IDN-002", result.StatusFail, 0)),
			report(80, check("IDN-001", result.StatusWarn, 0.9, "b"), check("IDN-002", result.StatusPass, 1)),
			false, map[string]string{"IDN-001": "improved", "IDN-002": "improved"}, 0, 1},
		{"regressed",
			report(80, check("IDN-001", result.StatusPass, 1), check("DEV-001", result.StatusWarn, 0.8, "pc1")),
			report(70, check("IDN-001", result.StatusFail, 0.5, "c"), check("DEV-001", result.StatusWarn, 0.8, "pc1")),
			true, map[string]string{"IDN-001": "regressed", "DEV-001": "unchanged"}, 1, 0},
		{"unchanged",
			report(60, check("IDN-001", result.StatusFail, 0.6, "a")),
			report(60, check("IDN-001", result.StatusFail, 0.6, "a")),
			false, map[string]string{"IDN-001": "unchanged"}, 0, 0},
		{"a check no longer evaluated is a regression",
			report(60, check("COL-001", result.StatusPass, 1)),
			report(60, result.CheckResult{Check: result.CheckInfo{ID: "COL-001"}, Status: result.StatusSkipped, Reason: "denied"}),
			true, map[string]string{"COL-001": "regressed"}, 0, 0},
		{"evaluated again is a change, not an improvement",
			report(60, result.CheckResult{Check: result.CheckInfo{ID: "COL-001"}, Status: result.StatusSkipped}),
			report(60, check("COL-001", result.StatusFail, 0.2)),
			false, map[string]string{"COL-001": "changed"}, 0, 0},
		{"a lower score with the same verdict is a regression",
			report(60, check("IDN-001", result.StatusFail, 0.6, "a")),
			report(60, check("IDN-001", result.StatusFail, 0.5, "a")),
			true, map[string]string{"IDN-001": "regressed"}, 0, 0},
		{"a higher score with the same verdict is an improvement",
			report(60, check("IDN-001", result.StatusFail, 0.5, "a")),
			report(60, check("IDN-001", result.StatusFail, 0.6, "a")),
			false, map[string]string{"IDN-001": "improved"}, 0, 0},
		{"a grade that became incomplete is a regression",
			report(60, check("IDN-001", result.StatusFail, 0.6, "a")),
			incomplete(report(60, check("IDN-001", result.StatusFail, 0.6, "a"))),
			true, map[string]string{"IDN-001": "unchanged"}, 0, 0},
		{"a lower worst case is a regression",
			report(60, check("IDN-001", result.StatusFail, 0.6, "a")),
			report(55, check("IDN-001", result.StatusFail, 0.6, "a")),
			true, map[string]string{"IDN-001": "unchanged"}, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := Compare(tc.old, tc.new)
			if d.Regressed != tc.regressed {
				t.Errorf("regressed = %v (%v)", d.Regressed, d.Reasons)
			}
			for _, c := range d.Checks {
				if want, ok := tc.changes[c.ID]; ok && c.Change != want {
					t.Errorf("%s: %s, want %s", c.ID, c.Change, want)
				}
			}
			if len(d.NewFindings) != tc.newF || len(d.ResolvedFindings) != tc.resolved {
				t.Errorf("new %d resolved %d, want %d %d", len(d.NewFindings), len(d.ResolvedFindings), tc.newF, tc.resolved)
			}
		})
	}
}

func TestLoadRejects(t *testing.T) {
	snapshotLike := `{"schemaVersion": 1, "users": {}}`
	for name, in := range map[string]string{"not json": "{", "no version": `{"checks": []}`, "newer": `{"schemaVersion": 99, "checks": []}`, "older": `{"schemaVersion": 1, "checks": []}`, "snapshot": snapshotLike} {
		if _, err := Load(strings.NewReader(in)); !errors.Is(err, ErrNotAReport) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	good, _ := json.Marshal(report(50, check("IDN-001", result.StatusFail, 0.5)))
	if _, err := Load(bytes.NewReader(good)); err != nil {
		t.Fatal(err)
	}
}
