package reports

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/m365ready/m365ready/internal/result"
)

// funnelStage is one step a Windows PC takes to be a ready work device.
type funnelStage struct {
	label string
	known func(result.DeviceFact) bool // the data was read for this device
	ok    func(result.DeviceFact) bool
}

func isTrue(b *bool) bool { return b != nil && *b }

var funnelStages = []funnelStage{
	{"…joined to Entra ID", func(result.DeviceFact) bool { return true },
		func(d result.DeviceFact) bool { return d.Join == result.JoinEntra || d.Join == result.JoinHybrid }},
	{"…managed by Intune", func(d result.DeviceFact) bool { return d.Managed != nil }, func(d result.DeviceFact) bool { return isTrue(d.Managed) }},
	{"…compliant", func(d result.DeviceFact) bool { return d.Compliant != nil }, func(d result.DeviceFact) bool { return isTrue(d.Compliant) }},
	{"…LAPS backed up", func(d result.DeviceFact) bool { return d.LAPSBackedUp != nil }, func(d result.DeviceFact) bool { return isTrue(d.LAPSBackedUp) }},
	{"…BitLocker key escrowed", func(d result.DeviceFact) bool { return d.KeyEscrowed != nil }, func(d result.DeviceFact) bool { return isTrue(d.KeyEscrowed) }},
	{"…on Windows 11", func(d result.DeviceFact) bool { return d.OSLine != "unknown" }, func(d result.DeviceFact) bool { return d.OSLine == "Windows 11" }},
}

// deviceFunnel draws the active Windows PCs narrowing stage by stage to the
// ones ready in every respect. A stage whose data was read for no device is
// left out and named in the note, so an unread dataset never shows as zero.
func deviceFunnel(r *result.Report) (chart template.HTML, note string) {
	var facts *result.DeviceFacts
	for _, c := range r.Checks {
		if f, ok := c.Facts.(*result.DeviceFacts); ok && c.Check.ID == "DEV-001" {
			facts = f
		}
	}
	if facts == nil {
		return "", ""
	}
	var active []result.DeviceFact
	for _, d := range facts.Devices {
		if d.Active {
			active = append(active, d)
		}
	}
	if len(active) == 0 {
		return "", ""
	}
	bars := []bar{{Label: "Active Windows PCs", Value: float64(len(active)), Text: fmt.Sprint(len(active))}}
	var unread []string
	remaining := active
	for _, st := range funnelStages {
		read := false
		for _, d := range active {
			read = read || st.known(d)
		}
		if !read {
			unread = append(unread, strings.TrimPrefix(st.label, "…"))
			continue
		}
		var next []result.DeviceFact
		for _, d := range remaining {
			if st.ok(d) {
				next = append(next, d)
			}
		}
		remaining = next
		bars = append(bars, bar{Label: st.label, Value: float64(len(remaining)),
			Text: fmt.Sprintf("%d (%.0f%%)", len(remaining), 100*float64(len(remaining))/float64(len(active)))})
	}
	if len(unread) > 0 {
		note = "Not shown, as the data was not read: " + strings.Join(unread, ", ") + "."
	}
	return barChart(bars, float64(len(active))), note
}
