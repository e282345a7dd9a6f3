package skus

import (
	"regexp"
	"strings"
)

// Family is a licence family, ordered so a higher value is a fuller licence
// for the move to Microsoft 365 sign-in: what its service plans give (Entra
// ID P1 for Conditional Access, Intune for device management), per
// Microsoft's product and service plan table (embedded here; source:
// https://learn.microsoft.com/entra/identity/users/licensing-service-plan-reference).
type Family int

const (
	FamilyNone Family = iota
	FamilyOther
	FamilyExchangeOnly
	FamilyBusinessBasic
	FamilyO365E1
	FamilyBusinessStandard
	FamilyO365E3
	FamilyO365E5
	FamilyO365F3
	FamilyM365F1
	FamilyM365F3
	FamilyBusinessPremium
	FamilyM365E3
	FamilyM365E5
)

var familyNames = map[Family]string{
	FamilyNone: "No paid licence", FamilyOther: "Other", FamilyExchangeOnly: "Exchange Online only",
	FamilyBusinessBasic: "Business Basic", FamilyO365E1: "Office 365 E1", FamilyBusinessStandard: "Business Standard",
	FamilyO365E3: "Office 365 E3", FamilyO365E5: "Office 365 E5", FamilyO365F3: "Office 365 F3", FamilyM365F1: "Microsoft 365 F1",
	FamilyM365F3: "Microsoft 365 F3", FamilyBusinessPremium: "Business Premium", FamilyM365E3: "Microsoft 365 E3",
	FamilyM365E5: "Microsoft 365 E5",
}

func (f Family) String() string { return familyNames[f] }

// Families lists the families in report order, fullest first.
func Families() []Family {
	return []Family{FamilyM365E5, FamilyM365E3, FamilyBusinessPremium, FamilyM365F3, FamilyM365F1, FamilyO365E5,
		FamilyO365E3, FamilyBusinessStandard, FamilyO365F3, FamilyO365E1, FamilyBusinessBasic, FamilyExchangeOnly, FamilyOther, FamilyNone}
}

// Frontline reports whether the family is a frontline licence (F1, F3):
// limited rights, such as no desktop Office apps and a small mailbox.
func (f Family) Frontline() bool { return f == FamilyO365F3 || f == FamilyM365F1 || f == FamilyM365F3 }

// familyByPart maps normalised skuPartNumbers (the String_Id column of
// Microsoft's table) to families.
var familyByPart = map[string]Family{}

func init() {
	add := func(f Family, parts ...string) {
		for _, p := range parts {
			familyByPart[NormalizeName(p)] = f
		}
	}
	add(FamilyBusinessPremium, "SPB", "Microsoft_365_ Business_ Premium_(no Teams)", "Office_365_w/o_Teams_Bundle_Business_Premium",
		"Microsoft_365_Business_Premium_Donation_(Non_Profit_Pricing)")
	add(FamilyBusinessStandard, "O365_BUSINESS_PREMIUM", "SMB_BUSINESS_PREMIUM", "MICROSOFT_365_BUSINESS_STANDARD_NO_TEAMS",
		"Microsoft_365_Business_Standard_EEA_(no_Teams)", "Office_365_w/o_Teams_Bundle_Business_Standard")
	add(FamilyBusinessBasic, "O365_BUSINESS_ESSENTIALS", "SMB_BUSINESS_ESSENTIALS", "Microsoft_365_Business_Basic_(no Teams)",
		"Microsoft_365_Business_Basic_EEA_(no_Teams)")
	add(FamilyM365E3, "SPE_E3", "Microsoft_365_E3", "Microsoft_365_E3_(no_Teams)", "O365_w/o Teams Bundle_M3",
		"O365_w/o Teams Bundle_M3_(500_seats_min)_HUB", "Microsoft_365_E3_EEA_(no_Teams)_Unattended_License", "SPE_E3_RPA1",
		"SPE_E3_USGOV_DOD", "SPE_E3_USGOV_GCCHIGH", "M365_G3_GOV")
	add(FamilyM365E5, "SPE_E5", "Microsoft_365_E5", "Microsoft_365_E5_(no_Teams)", "SPE_E5_NOPSTNCONF", "SPE_E5_CALLINGMINUTES",
		"Microsoft_365_E5_without_Audio_Conferencing", "O365_w/o_Teams_Bundle_M5", "O365_w/o_Teams_Bundle_M5_(500_seats_min)_HUB",
		"Microsoft_365_E5_EEA_(no_Teams)_with_Calling_Minutes", "Microsoft_365_E5_EEA_(no_Teams)_without_Audio_Conferencing",
		"Microsoft_365_E5_EEA_(no_Teams)_without_Audio_Conferencing_(500_seats_min)_HUB", "SPE_E5_USGOV_GCCHIGH", "M365_G5_GCC",
		"MICROSOFT_365_E7")
	add(FamilyO365E1, "STANDARDPACK", "Office_365_E1_(no_Teams)", "Office_365_w/o_Teams_Bundle_E1")
	add(FamilyO365E3, "ENTERPRISEPACK", "Office_365_E3_(no_Teams)", "O365_w/o_Teams_Bundle_E3", "ENTERPRISEPACK_GOV",
		"ENTERPRISEPACK_USGOV_DOD", "ENTERPRISEPACK_USGOV_GCCHIGH")
	add(FamilyO365E5, "ENTERPRISEPREMIUM", "ENTERPRISEPREMIUM_NOPSTNCONF", "Office_365_w/o_Teams_Bundle_E5",
		"Office_365_E5_EEA_(no_Teams)_without_Audio_Conferencing")
	add(FamilyO365F3, "DESKLESSPACK", "DESKLESSPACK_GOV", "DESKLESSPACK_USGOV_GCCHIGH", "Office_365_F3_EEA_(no_Teams)")
	add(FamilyM365F1, "M365_F1_COMM", "M365_F1", "Microsoft_365_F1_EEA_(no_Teams)")
	add(FamilyM365F3, "SPE_F1", "Microsoft_365_F3_EEA_(no_Teams)", "M365_F1_GOV")
	add(FamilyExchangeOnly, "EXCHANGESTANDARD", "EXCHANGEENTERPRISE", "EXCHANGEDESKLESS", "EXCHANGE_S_ESSENTIALS", "EXCHANGEESSENTIALS",
		"EXCHANGESTANDARD_GOV", "EXCHANGEENTERPRISE_GOV")
}

// FamilyOf names the family of a SKU. A part number not in the table is
// classified by its plans, and known reports whether the table had it.
func FamilyOf(partNumber string, caps Capabilities) (f Family, known bool) {
	if f, ok := familyByPart[NormalizeName(partNumber)]; ok {
		return f, true
	}
	switch {
	case caps.Intune && caps.P1 && caps.Mailbox:
		return FamilyBusinessPremium, false
	case caps.Mailbox && caps.SharePoint && caps.OfficeApps:
		return FamilyBusinessStandard, false
	case caps.Mailbox && caps.SharePoint:
		return FamilyBusinessBasic, false
	case caps.Mailbox:
		return FamilyExchangeOnly, false
	}
	return FamilyOther, false
}

// Kind is what a SKU is to the person holding it.
type Kind string

const (
	KindBase    Kind = "base"    // a suite or plan in the family table (Business Premium, E3, Exchange Online)
	KindAddOn   Kind = "add-on"  // in Microsoft's table, sold beside a base licence (Power BI Pro, Visio, Intune Plan 1)
	KindFree    Kind = "free"    // free, viral or developer: not a paid licence
	KindTrial   Kind = "trial"   // a trial: not a paid licence
	KindUnknown Kind = "unknown" // not in Microsoft's table: classified by its service plans
)

var trialPattern = regexp.MustCompile(`(?i)(_TRIAL|VIRAL_TRIAL|_VTRIAL)(\b|_|$)`)

// KindOf classifies a SKU by part number; inCatalog says whether Microsoft's
// table lists it.
func KindOf(partNumber string, inCatalog bool) Kind {
	switch {
	case IsFree(partNumber) && trialPattern.MatchString(partNumber):
		return KindTrial
	case IsFree(partNumber):
		return KindFree
	case familyByPart[NormalizeName(partNumber)] != FamilyNone:
		return KindBase
	case inCatalog:
		return KindAddOn
	}
	return KindUnknown
}

// freeParts are no-cost, viral, trial and developer SKUs: they are not a paid
// licence anyone was sold.
// TEAMS_EXPLORATORY carries Exchange and SharePoint plans, which is why free
// SKUs are recognised by SKU before their plans are looked at.
var freeParts = map[string]bool{}

var freePattern = regexp.MustCompile(`(?i)(_TRIAL|_VIRAL|VIRAL_TRIAL|_VTRIAL|_FREE)(\b|_|$)`)

func init() {
	for _, p := range []string{"FLOW_FREE", "POWER_BI_STANDARD", "POWER_BI_STANDARD_FACULTY", "POWER_BI_STANDARD_STUDENT",
		"TEAMS_EXPLORATORY", "Microsoft_Teams_Exploratory_Dept", "MS_TEAMS_IW", "TEAMS_COMMERCIAL_TRIAL", "TEAMS_FREE",
		"WINDOWS_STORE", "STREAM", "RIGHTSMANAGEMENT_ADHOC", "POWERAPPS_VIRAL", "POWERAPPS_DEV", "POWERAPPS_INDIVIDUAL_USER",
		"POWER_BI_INDIVIDUAL_USER", "CCIBOTS_PRIVPREV_VIRAL", "Power_Pages_vTrial_for_Makers", "DEVELOPERPACK_E5", "DEVELOPERPACK",
		"SMB_APPS", "MICROSOFT_BUSINESS_CENTER", "PROJECT_MADEIRA_PREVIEW_IW_SKU", "FORMS_PRO", "SPZA_IW", "PHONESYSTEM_VIRTUALUSER",
		"Microsoft_Teams_Audio_Conferencing_select_dial_out", "MCOPSTNC"} {
		freeParts[NormalizeName(p)] = true
	}
}

// IsFree reports whether a SKU is free, viral, trial or developer: it does
// not make its holder a paid-licensed person.
func IsFree(partNumber string) bool {
	return freeParts[NormalizeName(partNumber)] || freePattern.MatchString(strings.TrimSpace(partNumber))
}
