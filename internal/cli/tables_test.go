package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/golden"
	"github.com/m365ready/m365ready/internal/iostreams"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/synth"
	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/internal/termtable"
)

// preflightCollector answers doctor's preflight with a fixed Access.
type preflightCollector struct {
	fakeCollector
	access *collect.Access
}

func (p *preflightCollector) Preflight(context.Context, collect.Options) (*collect.Access, error) {
	return p.access, nil
}

func yes(v bool) *bool { return &v }

// smallTenant is a tenant without Entra ID P1 or P2 whose app was granted
// most, not all, of what m365ready asks for.
var smallTenant = &collect.Access{AppOnly: true, P1: yes(false), P2: yes(false), Intune: yes(true),
	Granted: []string{"Directory.Read.All", "UserAuthenticationMethod.Read.All", "Policy.Read.All", "Reports.Read.All",
		"DeviceManagementManagedDevices.Read.All", "Organization.Read.All"}}

// TestTablesFitTheTerminal: every command that prints a table, at 80, 120
// and 200 columns (golden files), and at every width from 70 that no line
// is wider than the terminal. (Narrower, a table may overflow rather than
// cut its words into pieces of a few letters.)
func TestTablesFitTheTerminal(t *testing.T) {
	commands := map[string][]string{
		"checks-list": {"checks", "list"},
		"permissions": {"permissions"},
		"doctor":      {"doctor"},
	}
	for name, args := range commands {
		for width := 70; width <= 200; width += 10 {
			ios, _, _, _ := iostreams.Test()
			ios.SetTerminalWidth(width)
			r := runCLIWith(t, t.Context(), ios, &preflightCollector{access: smallTenant}, nil, args...)
			if r.code != ExitOK && !(name == "doctor" && r.code == ExitThreshold) {
				t.Fatalf("%s: exit %d\n%s", name, r.code, r.errOut)
			}
			for i, line := range strings.Split(r.out, "\n") {
				if n := termtable.Width(line); n > width {
					t.Errorf("%s at %d columns: line %d is %d wide: %s", name, width, i+1, n, line)
				}
			}
			if width == 80 || width == 120 || width == 200 {
				golden.Assert(t, fmt.Sprintf("testdata/terminal/%s.w%d.txt", name, width), []byte(r.out))
			}
		}
	}
}

// TestDoctorLicenceIsNoPermissionGap: a tenant without P1 or P2 whose app
// holds every permission passes doctor (exit 0), the licence-limited checks
// listed as such; one missing permission fails it (exit 3); a token with no
// permission at all says so rather than printing an empty line.
func TestDoctorLicenceIsNoPermissionGap(t *testing.T) {
	all := *smallTenant
	all.Granted = collect.ApplicationPermissions()
	r := runCLI(t, t.Context(), &preflightCollector{access: &all}, nil, "doctor", "-o", "json")
	var rep doctorReport
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatalf("doctor -o json: %v\n%s", err, r.out)
	}
	if r.code != ExitOK || rep.Blocked != 0 || rep.NotLicensed == 0 {
		t.Errorf("every permission, no P1/P2: exit %d, blocked %d, not licensed %d", r.code, rep.Blocked, rep.NotLicensed)
	}
	for _, c := range rep.Checks {
		if c.Run == runNo {
			t.Errorf("%s: run %s with every permission granted: %+v", c.ID, c.Run, c.Missing)
		}
	}
	r = runCLI(t, t.Context(), &preflightCollector{access: smallTenant}, nil, "doctor")
	if r.code != ExitThreshold || !strings.Contains(r.errOut, "for want of a permission") {
		t.Errorf("permissions missing: exit %d, %s", r.code, r.errOut)
	}
	none := *smallTenant
	none.Granted = nil
	r = runCLI(t, t.Context(), &preflightCollector{access: &none}, nil, "doctor")
	if !strings.Contains(r.out, "application (roles): (none)") {
		t.Errorf("no permissions:\n%s", r.out)
	}
}

// TestDataCommandsPrintJSON: every command that prints data takes -o json,
// and its output parses.
func TestDataCommandsPrintJSON(t *testing.T) {
	for _, args := range [][]string{{"checks", "list"}, {"permissions"}, {"doctor"}, {"version"}} {
		r := runCLI(t, t.Context(), &preflightCollector{access: smallTenant}, nil, append(args, "-o", "json")...)
		var v any
		if err := json.Unmarshal([]byte(r.out), &v); err != nil || r.code == ExitUsage || r.code == ExitError {
			t.Errorf("%v -o json: exit %d, %v\n%s%s", args, r.code, err, r.out, r.errOut)
		}
		r = runCLI(t, t.Context(), &preflightCollector{access: smallTenant}, nil, append(args, "-o", "yaml")...)
		if r.code != ExitUsage {
			t.Errorf("%v -o yaml: exit %d", args, r.code)
		}
	}
}

// TestDoctorAgreesWithTheRun: on a tenant without P1 or P2 whose app holds
// every permission, what doctor predicts for each check is what the run
// then does with data in those states: "yes" is a full verdict, "partly" a
// verdict that records missing data, "not licensed" a skip.
func TestDoctorAgreesWithTheRun(t *testing.T) {
	access := *smallTenant
	access.Granted = collect.ApplicationPermissions()
	rep := newDoctorReport(&access)
	// A tenant whose licences match the Access: no Entra ID P1 or P2.
	now := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	snap := synth.Generate(synth.Spec{People: 40, Seed: 5, Free: true}, now, "x").Data
	// Only checks whose data the synthetic tenant has can be compared.
	testable := func(c checks.Check) bool {
		for _, d := range c.Datasets() {
			if !snap.StatusOf(d).Collected() {
				return false
			}
		}
		return true
	}
	var compared []string
	for _, c := range checks.Builtin() {
		if testable(c) {
			compared = append(compared, c.ID)
		}
	}
	for _, d := range rep.Datasets {
		if d.Readable == string(collect.Unlicensed) {
			*snap.StatusOf(tenant.Dataset(d.Dataset)) = tenant.Status{State: tenant.StateUnlicensed, Licence: "a licence"}
		}
	}
	env := checks.NewEnv(snap, now, checks.Settings{})
	for i, c := range checks.Builtin() {
		if !slices.Contains(compared, c.ID) {
			continue
		}
		r := checks.Run(c, env)
		got := rep.Checks[i]
		switch got.Run {
		case runYes:
			if r.Status.Unknown() || len(r.Missing) > 0 {
				t.Errorf("%s: doctor says it runs fully; the run is %s, missing %v", c.ID, r.Status, r.Missing)
			}
		case runPartly:
			if len(r.Missing) == 0 {
				t.Errorf("%s: doctor says partly; the run missed nothing (%s)", c.ID, r.Status)
			}
		case runNotLicensed, runNo:
			if r.Status != result.StatusSkipped {
				t.Errorf("%s: doctor says %s; the run is %s", c.ID, got.Run, r.Status)
			}
		}
	}
	// COL-002 reads sign-in activity, which needs P1: the case doctor once
	// called a full run.
	if len(compared) < 8 || !slices.Contains(compared, "COL-002") {
		t.Errorf("only %v could be compared", compared)
	}
}
