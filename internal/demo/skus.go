package demo

import "github.com/m365ready/m365ready/internal/tenant"

// The demo's SKUs carry their real skuIds and the service plans that matter,
// as Microsoft's licensing table lists them.

type plan struct{ name, id string }

var (
	pExchangeStd   = plan{"EXCHANGE_S_STANDARD", "9aaf7827-d63c-4b61-89c3-182f06f82e5c"}
	pSharePointStd = plan{"SHAREPOINTSTANDARD", "c7699d2e-19aa-44de-8edf-1736da088ca1"}
	pTeams         = plan{"TEAMS1", "57ff2da0-773e-42df-b2af-ffb7a2317929"}
	pOfficeWeb     = plan{"SHAREPOINTWAC", "e95bec33-7c88-4a70-8e19-b10bd9d0c014"}
	pOfficeBiz     = plan{"OFFICE_BUSINESS", "094e7854-93fc-4d55-b2c0-3ab5369ebdc1"}
	pIntuneO365    = plan{"INTUNE_O365", "882e1d05-acd1-4ccb-8708-6ee03664b117"}
	pIntuneA       = plan{"INTUNE_A", "c1ec4a95-1f05-45b3-a911-aa3fa01094f5"}
	pIntuneSMBIZ   = plan{"INTUNE_SMBIZ", "8e9ff0ff-aa7a-4b20-83c1-2f636b600ac2"}
	pAADPremium    = plan{"AAD_PREMIUM", "41781fb2-bc02-4b7c-bd55-b576c07bb09d"}
	pMFAPremium    = plan{"MFA_PREMIUM", "8a256a2b-b617-496d-b51b-e76466e88db0"}
	pAADSMB        = plan{"AAD_SMB", "de377cbc-0019-4ec2-b77c-3f223947e102"}
	pMDESMB        = plan{"MDE_SMB", "bfc1bbd9-981b-4f71-9b82-17c35fd0e2a4"}
	pATP           = plan{"ATP_ENTERPRISE", "f20fedf3-f3c3-43c3-8267-2bfdd51c0939"}
	pWinBiz        = plan{"WINBIZ", "8e229017-d77b-43d5-9305-903395523b99"}
	pExchangeFound = plan{"EXCHANGE_S_FOUNDATION", "113feb6c-3fe4-4440-bddc-54d774bf0318"}
	pFlowViral     = plan{"FLOW_P2_VIRAL", "50e68c76-46c6-4674-81f9-75456511b170"}
	pTodo          = plan{"BPOS_S_TODO_1", "5e62787c-c316-451f-b873-1d05acd4d12c"}
)

const (
	skuBusinessPremium  = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46" // SPB
	skuBusinessStandard = "f245ecc8-75af-4f8e-b61f-27d8114de5f3" // O365_BUSINESS_PREMIUM
	skuBusinessBasic    = "3b555118-da6a-4418-894f-7df1e2096870" // O365_BUSINESS_ESSENTIALS
	skuExchangePlan1    = "4b9405b0-7788-4568-add1-99614e613b69" // EXCHANGESTANDARD
	skuFlowFree         = "f30db892-07e9-47e9-837c-80727f46fd3d" // FLOW_FREE
)

func sku(id, part string, prepaid int, plans ...plan) tenant.SubscribedSKU {
	s := tenant.SubscribedSKU{SKUID: id, SKUPartNumber: part, AppliesTo: "User", CapabilityStatus: "Enabled",
		PrepaidUnits: tenant.PrepaidUnits{Enabled: prepaid}}
	for _, p := range plans {
		status := "Success"
		if p == pIntuneO365 {
			status = "PendingActivation" // as Microsoft's own example shows it
		}
		s.ServicePlans = append(s.ServicePlans, tenant.ServicePlan{ID: p.id, Name: p.name, ProvisioningStatus: status, AppliesTo: "User"})
	}
	return s
}

func demoSKUs() []tenant.SubscribedSKU {
	return []tenant.SubscribedSKU{
		sku(skuBusinessPremium, "SPB", 8, pExchangeStd, pSharePointStd, pTeams, pOfficeWeb, pOfficeBiz, pIntuneO365,
			pIntuneA, pIntuneSMBIZ, pAADPremium, pMFAPremium, pAADSMB, pMDESMB, pATP, pWinBiz, pExchangeFound),
		sku(skuBusinessStandard, "O365_BUSINESS_PREMIUM", 14, pExchangeStd, pSharePointStd, pTeams, pOfficeWeb, pOfficeBiz, pIntuneO365, pTodo),
		sku(skuBusinessBasic, "O365_BUSINESS_ESSENTIALS", 8, pExchangeStd, pSharePointStd, pTeams, pOfficeWeb, pTodo),
		sku(skuExchangePlan1, "EXCHANGESTANDARD", 4, pExchangeStd, pIntuneO365, pTodo),
		sku(skuFlowFree, "FLOW_FREE", 10000, pFlowViral, pExchangeFound),
	}
}
