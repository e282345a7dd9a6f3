package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/demo"
	"github.com/m365ready/m365ready/internal/tenant"
)

var testNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// fakeCollector serves the demo tenant's data without Graph, as a
// collection of the datasets asked would see it.
type fakeCollector struct {
	asked  collect.Options
	during func()
}

func (c *fakeCollector) Collect(_ context.Context, o collect.Options) (*tenant.Snapshot, error) {
	c.asked = o
	if c.during != nil {
		c.during()
	}
	return demo.Fixture(testNow, "x").Data.View(o.Datasets, ""), nil
}

func options(c collect.Collector) Options {
	return Options{Source: Source{Collector: c}, Now: func() time.Time { return testNow }}
}

// TestAuditCollectsWhatTheChecksRead: an audit asks for the datasets its
// checks declare (the sign-in log only when turned on), and a skipped check's
// datasets are not read.
func TestAuditCollectsWhatTheChecksRead(t *testing.T) {
	c := &fakeCollector{}
	opts := options(c)
	opts.Checks = []checks.Check{checks.SingleGlobalAdmin, checks.UnjoinedSignIns}
	res, err := Audit(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(c.asked.Datasets, tenant.DatasetSignInLog) || !slices.Contains(c.asked.Datasets, tenant.DatasetRoleAssignments) ||
		slices.Contains(c.asked.Datasets, tenant.DatasetSites) {
		t.Errorf("asked %v", c.asked.Datasets)
	}
	if st := res.Snapshot.StatusOf(tenant.DatasetSignInLog); !strings.Contains(st.Reason, "--signin-log") {
		t.Errorf("sign-in log status %+v", st)
	}
	if len(res.Report.Checks) != 2 {
		t.Errorf("%d checks in the report", len(res.Report.Checks))
	}
	opts.SignInLog = SignInLog{On: true, Days: 3, Pages: 2}
	if _, err := Audit(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(c.asked.Datasets, tenant.DatasetSignInLog) || c.asked.SignInLogDays != 3 || c.asked.SignInLogPages != 2 {
		t.Errorf("with the sign-in log: asked %v, days %d, pages %d", c.asked.Datasets, c.asked.SignInLogDays, c.asked.SignInLogPages)
	}
	opts.Skip = []string{checks.SingleGlobalAdmin.ID}
	if _, err := Audit(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(c.asked.Datasets, tenant.DatasetRoleAssignments) {
		t.Errorf("a skipped check's data was read: %v", c.asked.Datasets)
	}
}

// TestRedactedBeforeEvaluation: with Redact, no real name reaches the report.
func TestRedactedBeforeEvaluation(t *testing.T) {
	opts := options(&fakeCollector{})
	opts.Redact = true
	res, err := Audit(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Report.Checks {
		for _, f := range c.Findings {
			if strings.Contains(f.Name, "Mara Finch") || strings.Contains(f.Name, "alderfinch") {
				t.Fatalf("%s: a real name in a redacted report: %q", c.Check.ID, f.Name)
			}
		}
	}
}

// TestCollectedHookAndInterruption: the summary hook hears about the data
// before it is evaluated; an interrupted collection returns no data.
func TestCollectedHookAndInterruption(t *testing.T) {
	opts := options(&fakeCollector{})
	var seen *tenant.Snapshot
	opts.Collected = func(s *tenant.Snapshot) { seen = s }
	opts.ReleaseData = true
	res, err := Audit(t.Context(), opts)
	if err != nil || seen != res.Snapshot {
		t.Fatalf("hook saw %p, result %p, err %v", seen, res.Snapshot, err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	opts = options(&fakeCollector{during: cancel})
	if snap, err := Collect(ctx, opts); err == nil || snap != nil {
		t.Errorf("interrupted collection: %v, %v", snap, err)
	}
}

// TestAuditFromFile: a saved snapshot is audited offline, and its report
// says so.
func TestAuditFromFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snap.json")
	fh, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := tenant.Save(fh, demo.Fixture(testNow, "x").Data); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	opts := options(nil)
	opts.From = path
	res, err := Audit(t.Context(), opts)
	if err != nil || !res.Report.Source.Offline || len(res.Report.Checks) != len(checks.Builtin()) {
		t.Fatalf("from file: %v", err)
	}
}

// TestPlanSurvivesReleasedData: an audit that releases each dataset after
// its last check still plans from the whole tenant: the plan is the same
// as without releasing, and the report carries its counts.
func TestPlanSurvivesReleasedData(t *testing.T) {
	var plans []string
	for _, release := range []bool{false, true} {
		opts := options(&fakeCollector{})
		opts.ReleaseData = release
		opts.Plan = &config.Plan{WaveSize: 5, Pilot: []string{"Ella.Wright@alderfinch.example"}}
		res, err := Audit(t.Context(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Plan == nil || res.Report.Plan == nil || res.Report.Plan.Counts != res.Plan.Summary || len(res.Report.Plan.Waves) != len(res.Plan.Waves) {
			t.Fatalf("release=%v: plan %v, report's %v", release, res.Plan != nil, res.Report.Plan)
		}
		b, _ := json.Marshal(res.Plan)
		plans = append(plans, string(b))
		if !strings.Contains(plans[len(plans)-1], "ella.wright@alderfinch.example") {
			t.Errorf("release=%v: the configured pilot is not in the plan", release)
		}
	}
	if plans[0] != plans[1] {
		t.Error("the plan differs when the audit releases data as it goes")
	}
	if res, _ := Audit(t.Context(), options(&fakeCollector{})); res.Report.Plan != nil {
		t.Error("a report carries a plan nobody asked for")
	}
}
