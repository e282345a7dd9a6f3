package emulator

import (
	"fmt"
	"testing"

	"github.com/m365ready/m365ready/internal/tenant"
)

// TestDeviceOwnersExpand: $expand=registeredOwners($select=id) answers each
// device's owners as directory objects with only what was selected (and
// their @odata.type); with $expand a directory page holds at most 100
// objects whatever $top asks (Learn, query parameters: "$expand on
// directory objects returns a maximum of 100 objects"); other nested options
// are the emulator's 501, not silently ignored.
func TestDeviceOwnersExpand(t *testing.T) {
	f := fixture()
	var devs []tenant.Device
	for i := range 150 {
		d := tenant.Device{ID: fmt.Sprintf("d%03d", i), DisplayName: fmt.Sprintf("PC-%03d", i), OperatingSystem: "Windows", AccountEnabled: true}
		if i == 0 {
			d.RegisteredOwnerIDs = []string{"u1"}
		}
		devs = append(devs, d)
	}
	f.Data.Devices.Set(devs)
	f.Apps[0].Roles = append(f.Apps[0].Roles, "Device.Read.All")
	c := start(t, f)
	status, body := c.get("/devices?$top=999&$select=id&$expand=registeredOwners($select=id)")
	if status != 200 {
		t.Fatalf("status %d: %v", status, body)
	}
	page, _ := body["value"].([]any)
	if len(page) != 100 || body["@odata.nextLink"] == nil {
		t.Fatalf("a page of %d devices (nextLink %v), want 100 and a nextLink", len(page), body["@odata.nextLink"])
	}
	owners, _ := page[0].(map[string]any)["registeredOwners"].([]any)
	if len(owners) != 1 {
		t.Fatalf("d000's owners: %v", page[0])
	}
	owner := owners[0].(map[string]any)
	if owner["id"] != "u1" || owner["@odata.type"] != "#microsoft.graph.user" || owner["userPrincipalName"] != nil {
		t.Errorf("owner %v: want only id and @odata.type", owner)
	}
	if o, _ := page[1].(map[string]any)["registeredOwners"].([]any); o == nil || len(o) != 0 {
		t.Errorf("a device without owners: %v, want an empty list", page[1])
	}
	if status, _ := c.get("/devices?$top=999&$select=id"); status != 200 {
		t.Errorf("without $expand: %d", status)
	}
	if _, body := c.get("/devices?$top=999&$select=id"); len(body["value"].([]any)) != 150 {
		t.Errorf("without $expand a page holds %d devices, want all 150", len(body["value"].([]any)))
	}
	for path, want := range map[string]int{
		"/devices?$expand=registeredOwners($top=1)":          501,
		"/devices?$expand=registeredOwners($select=nosuch)":  400,
		"/devices?$expand=registeredOwners($select=id":       400,
		"/devices?$expand=nosuch":                            400,
		"/devices?$expand=registeredUsers":                   501,
		"/devices?$expand=registeredOwners($select=id,mail)": 200,
	} {
		if got, body := c.get(path); got != want {
			t.Errorf("GET %s = %d, want %d (%v)", path, got, want, body)
		}
	}
}
