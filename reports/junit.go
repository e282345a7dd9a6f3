package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// JUnit writes one test case per check for CI test tabs: fail becomes a
// failure, skipped and not applicable become skipped, error an error.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string          `xml:"name,attr"`
	Tests     int             `xml:"tests,attr"`
	Failures  int             `xml:"failures,attr"`
	Errors    int             `xml:"errors,attr"`
	Skipped   int             `xml:"skipped,attr"`
	Timestamp string          `xml:"timestamp,attr"`
	Props     []junitProperty `xml:"properties>property"`
	Cases     []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

func (JUnit) Render(w io.Writer, r *result.Report) error {
	suite := junitSuite{Name: "m365ready " + terminalSafe(r.Tenant.Name), Timestamp: r.GeneratedAt.UTC().Format("2006-01-02T15:04:05"),
		Props: []junitProperty{{"score", scoreValue(r.Score)}, {"worstCase", fmtScore(r.Score.Range.Worst)},
			{"bestCase", fmtScore(r.Score.Range.Best)}, {"grade", string(r.Score.Grade)},
			{"coverage", fmt.Sprintf("%.4f", r.Score.Coverage)}, {"tenantId", terminalSafe(r.Tenant.ID)}}}
	for _, c := range r.Checks {
		tc := junitCase{Name: c.Check.ID + " " + checkName(c.Check), Classname: "m365ready." + string(c.Check.Category)}
		var details strings.Builder
		for _, f := range c.Findings {
			fmt.Fprintf(&details, "%s %s: %s\n", f.ObjectType, terminalSafe(objectName(f)), terminalSafe(f.Detail))
		}
		msg := terminalSafe(c.Summary)
		switch c.Status {
		case result.StatusFail:
			tc.Failure = &junitMessage{Message: msg, Type: string(c.Check.Severity), Text: details.String()}
			suite.Failures++
		case result.StatusError:
			tc.Error = &junitMessage{Message: msg, Text: terminalSafe(c.Reason)}
			suite.Errors++
		case result.StatusSkipped, result.StatusNotApplicable:
			tc.Skipped = &junitMessage{Message: msg}
			suite.Skipped++
		default:
			tc.SystemOut = msg + "\n" + details.String()
		}
		suite.Cases = append(suite.Cases, tc)
		suite.Tests++
	}
	doc := junitSuites{Name: "m365ready", Tests: suite.Tests, Failures: suite.Failures, Errors: suite.Errors, Skipped: suite.Skipped,
		Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
