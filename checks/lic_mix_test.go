package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

func TestLicenceMix(t *testing.T) {
	cases := []struct {
		name   string
		build  func(*snap)
		status result.Status
		score  float64
		check  func(*testing.T, result.CheckResult)
	}{
		{"all Business Premium", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuSPB})
		}, result.StatusPass, 1, nil},
		{"mixed, guests and shared mailboxes not counted", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("b@x.test", []string{skuStandard})
			s.user("g@x.test", []string{skuStandard}, guest)
			s.user("shared@x.test", nil, disabled)
		}, result.StatusWarn, 0.5, func(t *testing.T, r result.CheckResult) {
			if f := findingFor(r, "b@x.test"); f == nil || !strings.Contains(f.Detail, "Business Standard") {
				t.Errorf("b finding = %+v", f)
			}
			if excludedFor(r, "shared@x.test") == nil {
				t.Error("shared mailbox not listed as excluded")
			}
		}},
		{"free SKU is not a paid licence", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("free@x.test", []string{skuFlowFree})
		}, result.StatusPass, 1, func(t *testing.T, r result.CheckResult) {
			if f := excludedFor(r, "free@x.test"); f == nil || !strings.Contains(f.Detail, "unlicensed") {
				t.Errorf("free-only user = %+v", f)
			}
		}},
		{"disabled account with a paid licence", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.user("left@x.test", []string{skuStandard}, disabled)
		}, result.StatusPass, 1, func(t *testing.T, r result.CheckResult) {
			if f := findingFor(r, "left@x.test"); f == nil || !strings.Contains(f.Detail, "disabled account still holds") {
				t.Errorf("finding = %+v", f)
			}
		}},
		{"unknown SKU classified by its plans and named", func(s *snap) {
			s.SubscribedSKUs.Items = append(s.SubscribedSKUs.Items, tenant.SubscribedSKU{SKUID: skuUnknown, SKUPartNumber: "CONTOSO_BUNDLE_2027",
				CapabilityStatus: "Enabled", PrepaidUnits: tenant.PrepaidUnits{Enabled: 1}, ServicePlans: plans(planIntune, planP1, planExo)})
			s.user("a@x.test", []string{skuUnknown})
		}, result.StatusPass, 1, func(t *testing.T, r result.CheckResult) {
			if f := findingFor(r, "a@x.test"); f == nil || !strings.Contains(f.Detail, "CONTOSO_BUNDLE_2027") {
				t.Errorf("unknown SKU not named: %+v", r.Findings)
			}
		}},
		{"suspended SKU and unused seats", func(s *snap) {
			s.user("a@x.test", []string{skuSPB})
			s.SubscribedSKUs.Items[1].CapabilityStatus = "Suspended"
		}, result.StatusPass, 1, func(t *testing.T, r result.CheckResult) {
			if f := findingFor(r, "Microsoft 365 Business Standard"); f == nil || f.Code != "licence.not_active" || f.Attrs.State != "Suspended" ||
				!strings.Contains(f.Detail, "(O365_BUSINESS_PREMIUM) is Suspended") {
				t.Errorf("suspended = %+v", f)
			}
			if f := findingFor(r, "Microsoft 365 Business Premium"); f == nil || f.Code != "licence.unused_seats" || f.Attrs.Count != 9 || f.Attrs.Total != 10 {
				t.Errorf("unused = %+v", f)
			}
			if findingFor(r, "Microsoft Power Automate Free") != nil {
				t.Error("free SKU reported as unused seats")
			}
		}},
		{"nobody to count", func(s *snap) { s.user("g@x.test", nil, guest) }, result.StatusNotApplicable, -1, nil},
		{"users not collected", func(s *snap) {
			s.Users.Fail(tenant.Status{State: tenant.StateDenied, Permission: "User.Read.All"})
		}, result.StatusSkipped, -1, func(t *testing.T, r result.CheckResult) {
			if !strings.Contains(r.Reason, "User.Read.All") {
				t.Errorf("reason = %q", r.Reason)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSnap()
			tc.build(s)
			r := eval(t, LicenceMix, s, Settings{})
			if r.Status != tc.status || score(r) != tc.score {
				t.Fatalf("status %s score %v, want %s %v (%s)", r.Status, score(r), tc.status, tc.score, r.Summary)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

func TestAcceptedRiskLeavesThePopulation(t *testing.T) {
	s := newSnap()
	s.user("a@x.test", []string{skuSPB})
	s.user("b@x.test", []string{skuStandard})
	st := Settings{Accepted: ExpireAcceptances([]result.Acceptance{
		{Check: idLicenceMix, Object: "b@x.test", Reason: "contractor", Owner: "mara", Expires: "2027-01-31"},
	}, now)}
	r := eval(t, LicenceMix, s, st)
	if r.Status != result.StatusPass || excludedFor(r, "b@x.test") == nil || excludedFor(r, "b@x.test").Accepted == nil {
		t.Fatalf("active acceptance: %s %+v", r.Status, r.Excluded)
	}
	st.Accepted = ExpireAcceptances([]result.Acceptance{
		{Check: idLicenceMix, Object: "b@x.test", Reason: "contractor", Owner: "mara", Expires: "2026-10-01"},
	}, now)
	if !st.Accepted[0].Expired {
		t.Fatal("acceptance past its date not expired")
	}
	if r := eval(t, LicenceMix, s, st); r.Status != result.StatusWarn {
		t.Fatalf("expired acceptance still applies: %s", r.Status)
	}
}

// Add-ons (Power BI Pro) are in Microsoft's table and no family: never an
// "unknown SKU"; Office 365 F3 is the frontline family, not Business Basic.
func TestLicenceAddOnsAndFrontline(t *testing.T) {
	const skuPowerBIPro, skuO365F3 = "f8a1db68-be16-40ed-86d5-cb42ce701560", "4b585984-651b-448a-9e53-3b10f069cf7f"
	s := newSnap()
	s.SubscribedSKUs.Items = append(s.SubscribedSKUs.Items,
		tenant.SubscribedSKU{SKUID: skuPowerBIPro, SKUPartNumber: "POWER_BI_PRO", CapabilityStatus: "Enabled", PrepaidUnits: tenant.PrepaidUnits{Enabled: 1}},
		tenant.SubscribedSKU{SKUID: skuO365F3, SKUPartNumber: "DESKLESSPACK", CapabilityStatus: "Enabled", PrepaidUnits: tenant.PrepaidUnits{Enabled: 1},
			ServicePlans: plans(planExo, planSPO)})
	s.user("a@x.test", []string{skuSPB, skuPowerBIPro})
	s.user("shop@x.test", []string{skuO365F3})
	r := eval(t, LicenceMix, s, Settings{})
	for _, f := range r.Findings {
		if f.Code == "licence.unknown_sku" {
			t.Errorf("an add-on called unknown: %+v", f)
		}
	}
	facts := r.Facts.(*result.LicenceFacts)
	front := false
	for _, fc := range facts.PeoplePerFamily {
		if fc.Family == "Office 365 F3" && fc.Frontline && fc.People == 1 {
			front = true
		}
		if fc.Family == "Business Basic" {
			t.Errorf("Office 365 F3 counted as Business Basic: %+v", facts.PeoplePerFamily)
		}
	}
	if !front {
		t.Errorf("no frontline family: %+v", facts.PeoplePerFamily)
	}
	kinds := map[string]string{}
	for _, k := range facts.SKUs {
		kinds[k.PartNumber] = k.Kind
	}
	if kinds["POWER_BI_PRO"] != "add-on" || kinds["DESKLESSPACK"] != "base" || kinds["FLOW_FREE"] != "free" || kinds["SPB"] != "base" {
		t.Errorf("kinds %v", kinds)
	}
}
