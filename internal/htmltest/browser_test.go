package htmltest

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	_ "github.com/m365ready/m365ready/internal/golden"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/reports"
)

// artifacts is where the screenshot and PDF go (ignored by git).
const artifacts = "../../testdata/out"

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is not installed; .ci/run installs Debian's chromium package before the tests")
	}
	t.Skip("Chromium is not installed (apt-get install chromium); CI installs it")
	return ""
}

func demoHTML(t *testing.T, dir string) (string, *result.Report) {
	t.Helper()
	s, err := tenant.LoadFile("../../testdata/demo-snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	s.Organization.Value.DisplayName += " <script>alert(1)</script>"
	rep := audit.Build(s, audit.Options{Tool: "m365ready test", Now: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)})
	r, _ := reports.New("html", reports.Options{BrandName: "Contoso IT"})
	var buf bytes.Buffer
	if err := r.Render(&buf, rep); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, rep
}

func TestHTMLReportInChromium(t *testing.T) {
	exe := chromium(t)
	path, rep := demoHTML(t, t.TempDir())
	// Chromium's helper processes may still write to the profile for a
	// moment after the browser is closed, so the profile is not a t.TempDir
	// (whose cleanup fails on that race); it is removed best-effort.
	profile, err := os.MkdirTemp("", "m365ready-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		for i := 0; i < 10 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(200 * time.Millisecond)
		}
	}()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1100, 1400),
		// A first launch on a fresh machine, beside the rest of the suite
		// under -race on 2 CPUs, once took more than chromedp's default 20 s
		// to open its debugging socket (CI, 2026-12-02). These are guards
		// against a hang, not measurements.
		chromedp.WSURLReadTimeout(2*time.Minute))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()

	var mu sync.Mutex
	var problems, requests []string
	pageURL := "file://" + path
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
				problems = append(problems, "console "+string(e.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError {
				problems = append(problems, "log: "+e.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; u != pageURL && !strings.HasPrefix(u, "data:") {
				requests = append(requests, u)
			}
		}
	})
	var score, grade, body string
	var shot, pdf []byte
	err = chromedp.Run(ctx,
		network.Enable(), log.Enable(), runtime.Enable(),
		chromedp.Navigate(pageURL),
		chromedp.WaitVisible("#score", chromedp.ByID),
		chromedp.Text("#score", &score, chromedp.ByID),
		chromedp.Text("#grade", &grade, chromedp.ByID),
		chromedp.Text("body", &body, chromedp.ByQuery),
		chromedp.FullScreenshot(&shot, 90),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
			return err
		}),
	)
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if err := os.MkdirAll(artifacts, 0o755); err == nil {
		_ = os.WriteFile(filepath.Join(artifacts, "report.png"), shot, 0o644)
		_ = os.WriteFile(filepath.Join(artifacts, "report.pdf"), pdf, 0o644)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("console errors: %v", problems)
	}
	if len(requests) > 0 {
		t.Errorf("the report made network requests: %v", requests)
	}
	if want := fmt.Sprintf("%.1f", *rep.Score.Value); strings.TrimSpace(score) != want || strings.TrimSpace(grade) != string(rep.Score.Grade) {
		t.Errorf("score %q grade %q, want %q %q", score, grade, want, rep.Score.Grade)
	}
	for _, c := range rep.Checks {
		if !strings.Contains(body, c.Check.ID+" "+c.Check.Title) {
			t.Errorf("the page does not show %s %s", c.Check.ID, c.Check.Title)
		}
	}
	if !strings.Contains(body, "<script>alert(1)</script>") {
		t.Error("the hostile tenant name is not shown as text")
	}
	if len(shot) < 10_000 {
		t.Errorf("screenshot is %d bytes", len(shot))
	}
	// A4 is 595.28 × 841.89 PDF points; allow Chromium's rounding.
	m := regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no MediaBox in the printed PDF")
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	h, _ := strconv.ParseFloat(string(m[2]), 64)
	if math.Abs(w-595.28) > 2 || math.Abs(h-841.89) > 2 {
		t.Errorf("printed page is %.1f × %.1f points, not A4", w, h)
	}
	// The page budget: the executive summary alone on the first A4 page,
	// then at most one page for every two checks (9 for the demo's 16),
	// not 17 half-empty ones as before the print layout was fixed.
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages < 3 || pages > demoPageBudget {
		t.Errorf("the demo report prints on %d pages; the budget is %d", pages, demoPageBudget)
	}
}

// demoPageBudget is how many A4 pages the demo report may print on.
var demoPageBudget = 1 + (len(checks.Builtin())+1)/2
