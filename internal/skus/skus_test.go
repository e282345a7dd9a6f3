package skus

import "testing"

func TestCatalogFromMicrosoftsTable(t *testing.T) {
	if n := CatalogSize(); n < 600 {
		t.Fatalf("catalog has %d SKUs; Microsoft's table has 617", n)
	}
	spb, ok := Lookup("CBDC14AB-D96C-4C30-B9F4-6ADA7CDC1D46")
	if !ok || spb.PartNumber != "SPB" {
		t.Fatalf("SPB lookup = %+v, %v", spb, ok)
	}
	c := CapabilitiesOf(spb.Plans)
	if !c.Intune || !c.P1 || c.P2 || !c.Mailbox || !c.BasicMDM {
		t.Errorf("Business Premium capabilities = %+v", c)
	}
}

func TestCapabilitiesAndFamilies(t *testing.T) {
	cases := []struct {
		part       string
		wantFamily Family
		intune, p1 bool
		wantFree   bool
	}{
		{"SPB", FamilyBusinessPremium, true, true, false},
		{"O365_BUSINESS_PREMIUM", FamilyBusinessStandard, false, false, false}, // Business *Standard*, despite the name
		{"O365_BUSINESS_ESSENTIALS", FamilyBusinessBasic, false, false, false},
		{"EXCHANGESTANDARD", FamilyExchangeOnly, false, false, false},
		{"ENTERPRISEPACK", FamilyO365E3, false, false, false},
		{"SPE_E3", FamilyM365E3, true, true, false},
		{"SPE_E5", FamilyM365E5, true, true, false},
		{"SPE_F1", FamilyM365F3, true, true, false},
		{"Microsoft_365_ Business_ Premium_(no Teams)", FamilyBusinessPremium, true, true, false},
	}
	byPart := map[string]SKU{}
	for _, s := range catalog() {
		byPart[NormalizeName(s.PartNumber)] = s
	}
	for _, tc := range cases {
		s, ok := byPart[NormalizeName(tc.part)]
		if !ok {
			t.Errorf("%s not in catalog", tc.part)
			continue
		}
		c := CapabilitiesOf(s.Plans)
		if c.Intune != tc.intune || c.P1 != tc.p1 {
			t.Errorf("%s: intune %v p1 %v, want %v %v", tc.part, c.Intune, c.P1, tc.intune, tc.p1)
		}
		if f, known := FamilyOf(s.PartNumber, c); f != tc.wantFamily || !known {
			t.Errorf("%s: family %v (known %v), want %v", tc.part, f, known, tc.wantFamily)
		}
	}
}

func TestFreeSKUs(t *testing.T) {
	for _, p := range []string{"FLOW_FREE", "TEAMS_EXPLORATORY", "POWER_BI_STANDARD", "DYN365_RETAIL_TRIAL", "Dynamics_365_Sales_Premium_Viral_Trial", "Power_Pages_vTrial_for_Makers"} {
		if !IsFree(p) {
			t.Errorf("%s should be free", p)
		}
	}
	for _, p := range []string{"SPB", "O365_BUSINESS_PREMIUM", "EXCHANGESTANDARD", "SPE_E3"} {
		if IsFree(p) {
			t.Errorf("%s should be paid", p)
		}
	}
}

func TestUnknownSKUClassifiedByPlans(t *testing.T) {
	caps := Capabilities{Intune: true, P1: true, Mailbox: true}
	if f, known := FamilyOf("CONTOSO_NEW_BUNDLE_2027", caps); known || f != FamilyBusinessPremium {
		t.Errorf("family %v known %v", f, known)
	}
	if f, _ := FamilyOf("X", Capabilities{}); f != FamilyOther {
		t.Errorf("family %v", f)
	}
}

func TestKindsAndFrontline(t *testing.T) {
	for part, want := range map[string]Kind{"SPB": KindBase, "EXCHANGESTANDARD": KindBase, "POWER_BI_PRO": KindAddOn, "VISIOCLIENT": KindAddOn,
		"PROJECTPROFESSIONAL": KindAddOn, "MCOEV": KindAddOn, "MCOMEETADV": KindAddOn, "ATP_ENTERPRISE": KindAddOn,
		"Microsoft_365_Copilot": KindAddOn, "INTUNE_A": KindAddOn, "FLOW_FREE": KindFree, "DYN365_RETAIL_TRIAL": KindTrial} {
		if got := KindOf(part, true); got != want {
			t.Errorf("%s: %s, want %s", part, got, want)
		}
	}
	if KindOf("CONTOSO_CUSTOM", false) != KindUnknown {
		t.Error("a SKU outside Microsoft's table is unknown")
	}
	for part, want := range map[string]Family{"DESKLESSPACK": FamilyO365F3, "M365_F1": FamilyM365F1, "SPE_F1": FamilyM365F3} {
		if f, known := FamilyOf(part, Capabilities{}); f != want || !known || !f.Frontline() {
			t.Errorf("%s: %s known %v frontline %v", part, f, known, f.Frontline())
		}
	}
	if FamilyBusinessBasic.Frontline() {
		t.Error("Business Basic is not frontline")
	}
}
