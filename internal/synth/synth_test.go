package synth

import (
	"encoding/json"
	"testing"
	"time"

	_ "github.com/m365ready/m365ready/internal/golden"
)

func TestGenerateIsSeededAndSized(t *testing.T) {
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	a := Generate(Spec{People: 1000, Seed: 7}, now, "s")
	b := Generate(Spec{People: 1000, Seed: 7}, now, "s")
	ja, _ := json.Marshal(a.Data)
	jb, _ := json.Marshal(b.Data)
	if string(ja) != string(jb) {
		t.Fatal("same spec, different tenants")
	}
	d := a.Data
	if n := len(d.Users.Items); n < 1000 || n > 1100 {
		t.Errorf("%d users", n)
	}
	if len(d.Devices.Items) != 1000 || len(d.ManagedDevices.Items) != 500 || len(d.Groups.Items) != 50 || len(d.Sites.Items) != 61 {
		t.Errorf("devices %d managed %d groups %d sites %d", len(d.Devices.Items), len(d.ManagedDevices.Items), len(d.Groups.Items), len(d.Sites.Items))
	}
	free := Generate(Spec{People: 100, Seed: 7, Free: true}, now, "s")
	for _, k := range free.Data.SubscribedSKUs.Items {
		if k.SKUPartNumber == "SPB" {
			t.Error("free tenant has Business Premium")
		}
	}
}
