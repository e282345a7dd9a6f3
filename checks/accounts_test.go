package checks

import "testing"

func TestClassify(t *testing.T) {
	s := newSnap()
	s.user("person@x.test", []string{skuSPB})
	s.user("guest@x.test", nil, guest)
	s.user("left@x.test", []string{skuStandard}, disabled)
	s.user("shared@x.test", nil, disabled)                  // disabled, unlicensed, has mail: shared mailbox
	s.user("disabled-nomail@x.test", nil, disabled, noMail) // just disabled
	s.user("bg@x.test", nil)                                // GA, cloud-only, no licence: break-glass
	s.user("freeonly@x.test", []string{skuFlowFree})        // free SKU only: unlicensed
	s.user("svc@x.test", []string{skuStandard})             // configured service account
	s.user("Configured.BG@x.test", []string{skuSPB})        // configured break-glass wins over heuristics
	s.role(roleGlobalAdmin, userPrincipal("bg@x.test"))
	d := Classify(s.Snapshot, Settings{Accounts: map[string]AccountClass{"svc@x.test": ClassServiceAccount, "configured.bg@x.test": ClassBreakGlass}})
	want := map[string]AccountClass{
		"person@x.test": ClassPerson, "guest@x.test": ClassGuest, "left@x.test": ClassDisabled, "shared@x.test": ClassSharedMailbox,
		"disabled-nomail@x.test": ClassDisabled, "bg@x.test": ClassBreakGlass, "freeonly@x.test": ClassUnlicensed,
		"svc@x.test": ClassServiceAccount, "Configured.BG@x.test": ClassBreakGlass,
	}
	for upn, class := range want {
		a := d.Find(upn)
		if a == nil || a.Class != class {
			t.Errorf("%s: class %v, want %v", upn, a, class)
		}
	}
	if a := d.Find("bg@x.test"); a.Evidence == "" {
		t.Error("inferred break-glass has no evidence")
	}
	if n := len(d.People()); n != 1 {
		t.Errorf("%d people, want 1", n)
	}
}

func TestLicenceResolution(t *testing.T) {
	s := newSnap()
	s.user("a@x.test", []string{skuSPB})
	s.Users.Items[0].AssignedLicenses[0].DisabledPlans = []string{planIntune}
	d := Classify(s.Snapshot, Settings{})
	l := d.Find("a@x.test").Licence
	if l.Caps.Intune || !l.Caps.P1 || !l.Paid {
		t.Errorf("a disabled Intune plan must not count: %+v", l)
	}
}
