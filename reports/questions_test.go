package reports

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
)

// question is one thing an automation engineer asks of the JSON report: a
// jq filter, and, where the raw tenant data answers it without m365ready's
// logic, the answer worked out here from the snapshot (lines, sorted; nil
// when the data was not collected). A filter that selects may rightly
// answer nothing; one that reads a fact must answer.
type question struct {
	ask    string
	jq     string
	answer func(s *tenant.Snapshot) []string // nil: any non-empty answer
}

// facts is the jq prefix for a check's facts.
func facts(id string) string { return `.checks[] | select(.check.id == "` + id + `") | .facts` }

func codes(code string) string {
	return `.checks[].findings[] | select(.code == "` + code + `") | .upn // .name`
}

var questions = []question{
	// Licensing
	{"Which SKUs does the tenant own?", facts("LIC-001") + `.skus[].skuPartNumber`, func(s *tenant.Snapshot) []string {
		var out []string
		for _, k := range s.SubscribedSKUs.Items {
			out = append(out, k.SKUPartNumber)
		}
		return out
	}},
	{"What are they called?", facts("LIC-001") + `.skus[].productName`, func(s *tenant.Snapshot) []string {
		var out []string
		for _, k := range s.SubscribedSKUs.Items {
			out = append(out, skus.ProductName(k.SKUPartNumber))
		}
		return out
	}},
	{"How many paid seats are unused in all?", facts("LIC-001") + `.unusedSeats`, func(s *tenant.Snapshot) []string {
		n := 0
		for _, k := range s.SubscribedSKUs.Items {
			if k.CapabilityStatus == "Enabled" && !skus.IsFree(k.SKUPartNumber) && k.PrepaidUnits.Enabled > k.ConsumedUnits {
				n += k.PrepaidUnits.Enabled - k.ConsumedUnits
			}
		}
		return []string{strconv.Itoa(n)}
	}},
	{"Unused seats per SKU", facts("LIC-001") + `.skus[] | select(.unused > 0) | "\(.skuPartNumber) \(.unused)"`, func(s *tenant.Snapshot) []string {
		var out []string
		for _, k := range s.SubscribedSKUs.Items {
			if n := k.PrepaidUnits.Enabled - k.ConsumedUnits; n > 0 {
				out = append(out, fmt.Sprintf("%s %d", k.SKUPartNumber, n))
			}
		}
		return out
	}},
	{"How many accounts hold each SKU?", facts("LIC-001") + `.skus[] | "\(.skuPartNumber) \(.holders.total)"`, func(s *tenant.Snapshot) []string {
		n := map[string]int{}
		for _, u := range s.Users.Items {
			for _, l := range u.AssignedLicenses {
				n[strings.ToLower(l.SKUID)]++
			}
		}
		var out []string
		for _, k := range s.SubscribedSKUs.Items {
			out = append(out, fmt.Sprintf("%s %d", k.SKUPartNumber, n[strings.ToLower(k.SKUID)]))
		}
		return out
	}},
	{"People per licence family", facts("LIC-001") + `.peoplePerFamily[] | "\(.family): \(.people)"`, nil},
	{"Who has Intune, and through which SKU?", facts("LIC-001") + `.holders[] | select(.intuneVia | length > 0) | "\(.person.upn) \(.intuneVia | join(","))"`, nil},
	{"Who has Entra ID P1?", facts("LIC-001") + `.holders[] | select(.p1Via | length > 0) | .person.upn`, nil},
	{"People without Intune and P1", codes("licence.no_intune_p1"), nil},
	{"Disabled accounts with paid licences", codes("licence.disabled_holder"), nil},
	// Identity
	{"Are security defaults on?", facts("IDN-003") + `.securityDefaults`, func(s *tenant.Snapshot) []string {
		if v, err := s.SecurityDefaults.Get(); err == nil {
			return []string{strconv.FormatBool(v.IsEnabled)}
		}
		return nil
	}},
	{"Conditional Access policies and their state", facts("IDN-003") + `.policies[] | "\(.name) \(.state)"`, func(s *tenant.Snapshot) []string {
		var out []string
		for _, p := range s.ConditionalAccess.Items {
			out = append(out, p.DisplayName+" "+p.State)
		}
		return out
	}},
	{"Does an enforced policy require MFA of everyone?", `[` + facts("IDN-003") + `.policies[] | select(.state == "enabled" and .requiresMfaForAll)] | length > 0`, nil},
	{"Is legacy authentication blocked?", `[` + facts("IDN-003") + `.policies[] | select(.state == "enabled" and .blocksLegacyAuth)] | length > 0`, nil},
	// While no enforced policy requires MFA of anyone, IDN-003 says so once
	// (mfa.not_enforced) rather than naming every person.
	{"Who is not held to MFA at sign-in?", `.checks[] | select(.check.id == "IDN-003") | if any(.findings[]; .code == "mfa.not_enforced") then "everyone" else (.findings[] | select(.code == "mfa.not_required") | .upn) end`, nil},
	{"How many people are held to MFA, fully or with gaps?", facts("IDN-003") + `.coverage | "\(.full) \(.partial) \(.none)"`, nil},
	{"Which accepted risks match nothing (a typo)?", `.warnings[] | select(.code == "config.accepted_risk_unmatched") | .subject`, nil},
	{"Who are the Global Administrators?", facts("IDN-002") + `.admins[].person.upn`, func(s *tenant.Snapshot) []string {
		var out []string
		for _, a := range s.RoleAssignments.Items {
			if a.RoleDefinitionID == "62e90394-69f5-4237-9190-012177145e10" && a.DirectoryScopeID == "/" && a.Principal.Type == "user" {
				out = append(out, a.Principal.UserPrincipalName)
			}
		}
		return out
	}},
	{"How many Global Administrators?", facts("IDN-002") + `.count`, nil},
	{"Global Administrators without MFA", facts("IDN-002") + `.admins[] | select(.hasMfa == false) | .person.upn`, nil},
	{"Emergency-access accounts", facts("IDN-002") + `.emergencyAccess`, nil},
	{"Administrators on a mailbox licence", facts("IDN-002") + `.admins[] | select(.mailboxLicence) | .person.upn`, nil},
	{"People with no MFA method", facts("IDN-001") + `.accounts[] | select(.state == "none" and .person.class == "person") | .person.upn`, nil},
	{"People with SMS only", facts("IDN-001") + `.accounts[] | select(.state == "sms_only") | .person.upn`, nil},
	{"People with a single method", facts("IDN-001") + `.accounts[] | select(.state == "single_method") | .person.upn`, nil},
	{"MFA state per account class", facts("IDN-001") + `.counts[] | "\(.class) \(.accounts) \(.none)"`, nil},
	{"Every enabled account's MFA, unlicensed ones included", facts("IDN-001") + `.accounts | length`, func(s *tenant.Snapshot) []string {
		n := 0
		for _, u := range s.Users.Items {
			if u.AccountEnabled {
				n++
			}
		}
		return []string{strconv.Itoa(n)}
	}},
	{"Administrators without MFA", facts("IDN-001") + `.accounts[] | select(.admin and .state == "none") | .person.upn`, nil},
	{"Dormant licensed people", facts("IDN-006") + `.dormant[].person.upn`, nil},
	{"People registered for password reset", facts("IDN-005") + `.registered`, nil},
	{"Is Microsoft Authenticator enabled?", facts("IDN-004") + `.methods[] | select(.id == "MicrosoftAuthenticator") | .enabled`, nil},
	// Devices
	{"How many Windows 11 devices?", facts("DEV-001") + `.byOS[] | select(.label == "Windows 11") | .total`, func(s *tenant.Snapshot) []string {
		n := 0
		for _, d := range s.Devices.Items {
			parts := strings.Split(d.OperatingSystemVersion, ".")
			if b, err := strconv.Atoi(parts[min(2, len(parts)-1)]); err == nil && len(parts) > 2 && b >= 22000 && d.AccountEnabled {
				n++
			}
		}
		return []string{strconv.Itoa(n)}
	}},
	{"Active Windows 10 devices", facts("DEV-001") + `.byOS[] | select(.label == "Windows 10") | .active`, nil},
	{"Windows devices by join type", facts("DEV-001") + `.byJoin[] | "\(.label) \(.active) \(.stale) \(.total)"`, nil},
	{"Which devices are only registered?", `.checks[].findings[] | select(.code == "device.registered_only") | .name`, nil},
	{"Stale devices", facts("DEV-001") + `.devices[] | select(.active | not) | .name`, nil},
	{"Windows builds in use", facts("DEV-001") + `.byBuild[] | "\(.label) \(.total)"`, nil},
	{"Is Intune licensed, set up, in use?", facts("DEV-002") + ` | "\(.licensed) \(.setUp) \(.managedDevices)"`, nil},
	{"Which SKU gives Intune?", facts("DEV-002") + `.via[]`, nil},
	// Collaboration
	{"Sites with a single owner", facts("COL-001") + `.sites[] | select(.verdict == "single_owner") | .url`, nil},
	{"Sites without a current owner", facts("COL-001") + `.sites[] | select(.verdict == "no_owner" or .verdict == "only_owners_left") | .url`, nil},
	{"Sites whose owners left", facts("COL-001") + `.sites[] | select(.verdict == "owner_left" or .verdict == "only_owners_left") | .url`, nil},
	{"Group-connected sites", facts("COL-001") + ` | [.sites[] | select(.groupConnected)] | length`, nil},
	{"Owners of every site", facts("COL-001") + `.sites[] | "\(.url) \([.owners[].upn] | join(","))"`, nil},
	{"Are report names concealed?", facts("COL-001") + `.namesConcealed`, func(s *tenant.Snapshot) []string {
		if v, err := s.ReportSettings.Get(); err == nil {
			return []string{strconv.FormatBool(v.DisplayConcealedNames)}
		}
		return nil
	}},
	{"How many people used OneDrive?", facts("COL-003") + `.active`, nil},
	{"Can everyone create groups?", facts("COL-004") + `.everyoneCanCreate`, func(s *tenant.Snapshot) []string {
		if v, err := s.GroupSettings.Get(); err == nil {
			return []string{strconv.FormatBool(v.EnableGroupCreation)}
		}
		return nil
	}},
	{"Guests who never signed in", facts("COL-002") + `.neverSignedIn`, nil},
	{"Microsoft Secure Score", facts("CTX-001") + `.current`, nil},
	// The audit itself
	{"Grade and worst case", `.score | "\(.grade) \(.range.worst) \(.range.best)"`, nil},
	{"Which checks failed?", `.checks[] | select(.status == "fail") | .check.id`, nil},
	{"Which datasets were read?", `.datasets[] | select(.state == "collected") | .name`, nil},
	// The migration plan's counts (m365ready plan has the people)
	{"How many people can move now, and how many are blocked?", `.plan.counts | "\(.ready) \(.blocked)"`, nil},
	{"How many people are in the pilot?", `.plan.waves[] | select(.number == 1) | .people`, nil},
}

// TestQuestionsHaveStructuredAnswers runs every question's jq filter over
// the JSON report of the demo tenant and of a synthetic one, and checks the
// answer is there (and, where the snapshot says it, right). No filter reads
// a summary or a detail.
func TestQuestionsHaveStructuredAnswers(t *testing.T) {
	jq, err := exec.LookPath("jq")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("jq is not installed (make test-deps installs it)")
		}
		t.Skip("jq is not installed (make test-deps installs it)")
	}
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	demo, err := tenant.LoadFile("../testdata/demo-snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	tenants := map[string]*tenant.Snapshot{"demo": demo, "synthetic": synth.Generate(synth.Spec{People: 60, Seed: 11}, now, "x").Data}
	for name, s := range tenants {
		file := filepath.Join(t.TempDir(), name+".json")
		os.WriteFile(file, render(t, "json", Options{}, withPlan(s, audit.Build(s, audit.Options{Now: now}))), 0o600)
		for _, q := range questions {
			if strings.Contains(q.jq, ".summary") || strings.Contains(q.jq, ".detail") {
				t.Errorf("%q reads prose", q.ask)
			}
			out, err := exec.Command(jq, "-r", q.jq, file).Output()
			if err != nil {
				t.Errorf("%s: %q (%s): %v", name, q.ask, q.jq, err)
				continue
			}
			got := lines(string(out))
			selects := strings.Contains(q.jq, "select(.state") || strings.Contains(q.jq, "select(.code") ||
				strings.Contains(q.jq, "select(.verdict") || strings.Contains(q.jq, "select(.has") ||
				strings.Contains(q.jq, "select(.admin") || strings.Contains(q.jq, "select(.mailbox") ||
				strings.Contains(q.jq, "select(.active") || strings.Contains(q.jq, "select(.status")
			if q.answer != nil {
				want := q.answer(s)
				if want == nil {
					continue
				}
				sort.Strings(want)
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: %q\n got  %q\n want %q", name, q.ask, got, want)
				}
				continue
			}
			// The demo tenant is complete; in the synthetic one some checks
			// are skipped (their data is not in it), and null is their answer.
			if name == "demo" && ((len(got) == 0 && !selects) || (len(got) > 0 && got[0] == "null")) {
				t.Errorf("%s: %q (%s) has no answer: %q", name, q.ask, q.jq, out)
			}
		}
	}
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if l != "" {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// TestReadmeJqOneLiners: every jq one-liner in the README's "Automating"
// section is one of the questions above, so each is tested.
func TestReadmeJqOneLiners(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i := strings.Index(readme, "## Automating")
	if i < 0 {
		t.Fatal("README has no Automating section")
	}
	section := readme[i:]
	if j := strings.Index(section[3:], "\n## "); j >= 0 {
		section = section[:j+3]
	}
	known := map[string]bool{}
	for _, q := range questions {
		known[q.jq] = true
	}
	n := 0
	for _, l := range strings.Split(section, "\n") {
		if !strings.HasPrefix(l, "jq -r '") {
			continue
		}
		n++
		filter := strings.TrimSuffix(strings.TrimPrefix(l, "jq -r '"), "' report.json")
		if !known[filter] {
			t.Errorf("README jq line is not a tested question: %s", filter)
		}
	}
	if n < 5 {
		t.Errorf("the Automating section has %d jq one-liners", n)
	}
}
