package result

import (
	"fmt"
	"slices"
	"strings"
)

// The report's vocabulary: severity, status, grade and dataset state are
// types, each with one ordered list. Code compares them through these lists,
// never as strings and never by how letters sort.

// Severity ranks checks and findings. Checks are critical, high, medium or
// low; findings may also be info.
type Severity string

const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
	SeverityInfo     Severity = "info"
)

// Severities lists every severity, the worst first.
func Severities() []Severity {
	return []Severity{SeverityCritical, SeverityHigh, SeverityMedium, SeverityLow, SeverityInfo}
}

// CheckSeverities are the severities a check (not a finding) can have.
func CheckSeverities() []Severity { return Severities()[:4] }

// Rank is the severity's place in Severities: 0 is the worst; an unknown
// severity ranks after info.
func (s Severity) Rank() int {
	if i := slices.Index(Severities(), s); i >= 0 {
		return i
	}
	return len(Severities())
}

// AtLeast reports whether s is as bad as o or worse.
func (s Severity) AtLeast(o Severity) bool { return s.Rank() <= o.Rank() }

// Raise is one step worse (critical stays critical; info stays info, it is
// not a problem to raise).
func (s Severity) Raise() Severity {
	switch s {
	case SeverityHigh:
		return SeverityCritical
	case SeverityMedium:
		return SeverityHigh
	case SeverityLow:
		return SeverityMedium
	}
	return s
}

// ParseCheckSeverity reads a check severity given by a person (a flag value).
func ParseCheckSeverity(v string) (Severity, error) {
	s := Severity(strings.ToLower(strings.TrimSpace(v)))
	if slices.Contains(CheckSeverities(), s) {
		return s, nil
	}
	return "", fmt.Errorf("unknown severity %q: use %s", v, joinNames(CheckSeverities()))
}

// Statuses lists every status: the three verdicts from best to worst, then
// the states that are not verdicts.
func Statuses() []Status {
	return []Status{StatusPass, StatusWarn, StatusFail, StatusInfo, StatusSkipped, StatusNotApplicable, StatusError}
}

// Verdicts are the statuses that judge: pass, warn, fail, best first.
func Verdicts() []Status { return Statuses()[:3] }

// Worse reports whether verdict s is worse than verdict o; it is false when
// either is not a verdict.
func (s Status) Worse(o Status) bool {
	a, b := slices.Index(Verdicts(), s), slices.Index(Verdicts(), o)
	return a >= 0 && b >= 0 && a > b
}

// Unknown reports whether the status says the check could not judge for want
// of data or because it broke: skipped or error. Not applicable is knowledge
// (nothing to judge here), not an unknown.
func (s Status) Unknown() bool { return s == StatusSkipped || s == StatusError }

// Grade is the letter for a score, or incomplete.
type Grade string

const (
	GradeA Grade = "A"
	GradeB Grade = "B"
	GradeC Grade = "C"
	GradeD Grade = "D"
	GradeF Grade = "F"
	// GradeIncomplete: too little was evaluated for a letter to mean anything.
	GradeIncomplete Grade = "incomplete"
)

// gradeBands are the letters, best first, with the lowest score each needs.
var gradeBands = []struct {
	grade Grade
	min   float64
}{{GradeA, 90}, {GradeB, 80}, {GradeC, 70}, {GradeD, 60}, {GradeF, 0}}

// Grades lists the letters, best first.
func Grades() []Grade {
	out := make([]Grade, len(gradeBands))
	for i, b := range gradeBands {
		out[i] = b.grade
	}
	return out
}

// GradeOf is the letter for a score from 0 to 100.
func GradeOf(score float64) Grade {
	for _, b := range gradeBands {
		if score >= b.min {
			return b.grade
		}
	}
	return GradeF
}

// GradeBands describes the bands in words: "A ≥ 90, B ≥ 80, …, else F".
func GradeBands() string {
	var parts []string
	for _, b := range gradeBands {
		if b.min > 0 {
			parts = append(parts, fmt.Sprintf("%s ≥ %g", b.grade, b.min))
		} else {
			parts = append(parts, "else "+string(b.grade))
		}
	}
	return strings.Join(parts, ", ")
}

// Letter reports whether the grade is a letter (not incomplete).
func (g Grade) Letter() bool { return slices.Contains(Grades(), g) }

// Worse reports whether letter g is worse than letter o.
func (g Grade) Worse(o Grade) bool {
	a, b := slices.Index(Grades(), g), slices.Index(Grades(), o)
	return a >= 0 && b >= 0 && a > b
}

// DatasetState says how collecting one dataset went. Only DatasetCollected
// makes a dataset's records authoritative: in every other state the records
// are unknown, never "none".
type DatasetState string

const (
	DatasetCollected    DatasetState = "collected"
	DatasetDenied       DatasetState = "denied"        // missing Graph permission or directory role
	DatasetUnlicensed   DatasetState = "unlicensed"    // the tenant lacks the licence the endpoint needs
	DatasetFailed       DatasetState = "failed"        // any other error, after retries
	DatasetNotRequested DatasetState = "not_requested" // nothing asked for it
)

// DatasetStates lists every state, the good one first.
func DatasetStates() []DatasetState {
	return []DatasetState{DatasetCollected, DatasetDenied, DatasetUnlicensed, DatasetFailed, DatasetNotRequested}
}

// Valid reports whether s is one of the known states.
func (s DatasetState) Valid() bool { return slices.Contains(DatasetStates(), s) }

func joinNames[T ~string](list []T) string {
	parts := make([]string, len(list))
	for i, v := range list {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}
