package graph

import (
	"context"
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/tenant"
)

// TestSignInLogBudget: the sign-in log is read newest first within a time
// filter sent to Graph, and reading stops at the page budget, saying how
// far back it got rather than passing a part for the whole.
func TestSignInLogBudget(t *testing.T) {
	f := demoFixture()
	f.Faults.PageCap = 2
	srv := startEmulator(t, f)
	opts := options(srv, f)
	opts.Datasets = []tenant.Dataset{tenant.DatasetSignInLog}
	opts.SignInLogPages, opts.SignInLogDays = 3, 7
	snap, err := (&Collector{}).Collect(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	log := mustOne(t, "signins", &snap.SignInLog)
	if log.Complete || log.Pages != 3 || log.Events != 6 || log.OldestRead == nil || log.Days != 7 {
		t.Errorf("budget of 3 pages of 2: complete %v, pages %d, events %d, oldest %v", log.Complete, log.Pages, log.Events, log.OldestRead)
	}
	var all int
	for _, d := range f.Data.SignInLog.Value.Devices {
		all += d.Count
	}
	if all <= 6 {
		t.Fatalf("the demo log has %d sign-ins: too few to test a budget", all)
	}
	sent := 0
	for _, r := range srv.Requests() {
		if strings.HasSuffix(r.Path, "/auditLogs/signIns") {
			sent++
			if sent == 1 && (!strings.Contains(r.Query, "createdDateTime") || !strings.Contains(r.Query, "top=1000")) {
				t.Errorf("first request %q lacks the time filter or the page size", r.Query)
			}
		}
	}
	if sent != 3 {
		t.Errorf("%d requests to the sign-in log, budget 3", sent)
	}
}
