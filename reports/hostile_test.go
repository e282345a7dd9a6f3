package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Attacker-controlled strings: display names, device names and group names
// are set by users or guests.
var hostile = []string{
	"<script>alert(1)</script>",
	`=HYPERLINK("http://x")`,
	`+cmd|' /C calc'!A0`,
	"\x1b[31mRED\x1b[0m\x1b]0;title\x07",
	"invoice\u202etxt.exe",
}

// hostileReport is the demo tenant with hostile names in every place tenant
// text reaches a report.
func hostileReport(t *testing.T) *result.Report {
	t.Helper()
	return withPlan(hostileSnapshot(t), audit.Build(hostileSnapshot(t), audit.Options{Tool: "m365ready test", Now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}))
}

// hostileSnapshot is the demo tenant's snapshot with hostile names.
func hostileSnapshot(t *testing.T) *tenant.Snapshot {
	t.Helper()
	s, err := tenant.LoadFile("../testdata/demo-snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	s.Organization.Value.DisplayName = strings.Join(hostile, " ")
	for i := range s.Devices.Items {
		s.Devices.Items[i].DisplayName = hostile[i%len(hostile)] + s.Devices.Items[i].DisplayName
	}
	for i := range s.Groups.Items {
		s.Groups.Items[i].DisplayName = hostile[i%len(hostile)]
	}
	// Rename people consistently everywhere they appear.
	rename := map[string]string{}
	for i := range s.Users.Items {
		u := &s.Users.Items[i]
		if i%3 == 1 { // a department names a wave
			u.Department = hostile[(i/3)%len(hostile)]
		}
		if i%4 == 0 {
			n := hostile[(i/4)%len(hostile)] + "@alderfinch.example"
			rename[strings.ToLower(u.UserPrincipalName)] = n
			u.UserPrincipalName = n
		}
	}
	for i := range s.MFARegistration.Items {
		if n, ok := rename[strings.ToLower(s.MFARegistration.Items[i].UserPrincipalName)]; ok {
			s.MFARegistration.Items[i].UserPrincipalName = n
		}
	}
	for i := range s.SiteUsage.Items {
		if n, ok := rename[strings.ToLower(s.SiteUsage.Items[i].OwnerPrincipalName)]; ok {
			s.SiteUsage.Items[i].OwnerPrincipalName = n
		}
	}
	for i := range s.ManagedDevices.Items {
		m := &s.ManagedDevices.Items[i]
		if n, ok := rename[strings.ToLower(m.UserPrincipalName)]; ok {
			m.UserPrincipalName = n
		}
	}
	if v := s.SignInLog.Value; v != nil {
		for i := range v.Devices {
			if n, ok := rename[strings.ToLower(v.Devices[i].UserPrincipalName)]; ok {
				v.Devices[i].UserPrincipalName = n
			}
		}
	}
	return s
}

func TestGoldenEveryFormat(t *testing.T) {
	ext := map[string]string{"table": "txt", "json": "json", "html": "html", "markdown": "md", "csv": "csv", "junit": "xml"}
	for name, rep := range map[string]*result.Report{"demo": demoReport(t), "hostile": hostileReport(t)} {
		for _, format := range Formats() {
			golden.Assert(t, "testdata/"+name+"."+format+"."+ext[format], render(t, format, Options{Details: true, BrandName: "Contoso IT"}, rep))
		}
	}
}

// TestHostileNamesAreInert checks every format for the raw forms.
func TestHostileNamesAreInert(t *testing.T) {
	rep := hostileReport(t)
	raw := []string{"\x1b", "\x07", "\u202e"}
	for _, format := range Formats() {
		out := string(render(t, format, Options{Details: true}, rep))
		for _, r := range raw {
			if strings.Contains(out, r) {
				t.Errorf("%s output contains the raw control or bidi character %q", format, r)
			}
		}
		switch format {
		case "html", "junit":
			if strings.Contains(out, "<script>") {
				t.Errorf("%s output contains a live <script>", format)
			}
		case "markdown": // rendered, in TestMarkdownReportRenders
			if liveTag.MatchString(out) {
				t.Errorf("markdown output contains a live <script>")
			}
		case "json":
			if strings.Contains(out, "<script>") {
				t.Error("json output contains an unescaped <script>")
			}
		}
	}
	// CSV: no cell may start with a formula character.
	rows, err := csv.NewReader(bytes.NewReader(render(t, "csv", Options{}, rep))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, row := range rows {
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("CSV cell starts with a formula character: %q", c)
			}
			if strings.Contains(c, "HYPERLINK") {
				seen++
			}
		}
	}
	if seen == 0 {
		t.Error("the hostile names never reached the CSV: the test proves nothing")
	}
	// JUnit must stay well-formed XML.
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(render(t, "junit", Options{}, rep), &doc); err != nil || len(doc.Suites) != 1 || len(doc.Suites[0].Cases) != len(rep.Checks) {
		t.Errorf("junit: %v, %+v", err, doc)
	}
	if !strings.Contains(string(render(t, "html", Options{}, rep)), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("html does not show the hostile name escaped")
	}
}
