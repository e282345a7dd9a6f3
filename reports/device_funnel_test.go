package reports

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
)

// TestDeviceFunnel: each stage keeps only the PCs that passed the ones
// before it; a stage whose data was read for no PC is left out and named,
// never drawn as zero.
func TestDeviceFunnel(t *testing.T) {
	yes, no := true, false
	devices := []result.DeviceFact{
		{Name: "a", Active: true, Join: result.JoinEntra, OSLine: "Windows 11", Managed: &yes, Compliant: &yes, KeyEscrowed: &yes},
		{Name: "b", Active: true, Join: result.JoinEntra, OSLine: "Windows 10", Managed: &yes, Compliant: &no, KeyEscrowed: &yes},
		{Name: "c", Active: true, Join: result.JoinRegistered, OSLine: "Windows 11", Managed: &yes, Compliant: &yes, KeyEscrowed: &yes},
		{Name: "stale", Active: false, Join: result.JoinEntra, OSLine: "Windows 11"},
	}
	r := &result.Report{Checks: []result.CheckResult{{Check: result.CheckInfo{ID: "DEV-001"}, Facts: &result.DeviceFacts{Devices: devices}}}}
	chart, note := deviceFunnel(r)
	text := string(chart)
	for _, want := range []string{"Active Windows PCs", ">3<", "…joined to Entra ID", ">2 (67%)<", "…compliant", ">1 (33%)<", "…on Windows 11"} {
		if !strings.Contains(text, want) {
			t.Errorf("funnel lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "LAPS") || !strings.Contains(note, "LAPS backed up") {
		t.Errorf("LAPS was read for no PC: chart %q, note %q", text, note)
	}
	if c, _ := deviceFunnel(&result.Report{}); c != "" {
		t.Errorf("a report without DEV-001's facts drew %q", c)
	}
}
