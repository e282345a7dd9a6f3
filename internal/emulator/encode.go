package emulator

import (
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

// The encoders turn fixture records into Graph v1.0 JSON objects, with the
// property names and value types of Microsoft's v1.0 metadata (internal/graphmeta;
// internal/emulator/conformance validates every answer). Every property the
// emulator knows is present (null when unset), which is also how $select
// learns which names are valid.

func ts(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func strs(in []string) []any {
	out := make([]any, 0, len(in))
	for _, s := range in {
		out = append(out, s)
	}
	return out
}

func optBool(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

func optStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func encOrganization(o tenant.Organization) map[string]any {
	domains := []any{}
	for _, d := range o.VerifiedDomains {
		domains = append(domains, map[string]any{"name": d.Name, "type": d.Type, "isDefault": d.IsDefault,
			"isInitial": d.IsInitial, "capabilities": "Email, OfficeCommunicationsOnline"})
	}
	return map[string]any{"id": o.ID, "displayName": o.DisplayName, "tenantType": optStr(o.TenantType),
		"countryLetterCode": optStr(o.CountryLetterCode), "verifiedDomains": domains,
		"onPremisesSyncEnabled": optBool(o.OnPremisesSyncEnabled), "mobileDeviceManagementAuthority": optStr(o.MDMAuthority)}
}

func encSKU(s tenant.SubscribedSKU, tenantID string) map[string]any {
	plans := []any{}
	for _, p := range s.ServicePlans {
		plans = append(plans, map[string]any{"servicePlanId": p.ID, "servicePlanName": p.Name,
			"provisioningStatus": p.ProvisioningStatus, "appliesTo": p.AppliesTo})
	}
	id := s.ID
	if id == "" {
		id = tenantID + "_" + s.SKUID
	}
	return map[string]any{"id": id, "accountId": tenantID, "accountName": "Emulated", "appliesTo": s.AppliesTo,
		"capabilityStatus": s.CapabilityStatus, "consumedUnits": s.ConsumedUnits,
		"prepaidUnits": map[string]any{"enabled": s.PrepaidUnits.Enabled, "suspended": s.PrepaidUnits.Suspended,
			"warning": s.PrepaidUnits.Warning, "lockedOut": s.PrepaidUnits.LockedOut},
		"servicePlans": plans, "skuId": s.SKUID, "skuPartNumber": s.SKUPartNumber, "subscriptionIds": []any{}}
}

// userDefaultProperties are what GET /users returns without $select.
var userDefaultProperties = []string{"businessPhones", "displayName", "givenName", "id", "jobTitle", "mail",
	"mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"}

func encUser(u tenant.User) map[string]any {
	lic := []any{}
	for _, l := range u.AssignedLicenses {
		disabled := l.DisabledPlans
		if disabled == nil {
			disabled = []string{}
		}
		lic = append(lic, map[string]any{"skuId": l.SKUID, "disabledPlans": strs(disabled)})
	}
	return map[string]any{"id": u.ID, "userPrincipalName": u.UserPrincipalName, "displayName": optStr(u.DisplayName),
		"mail": optStr(u.Mail), "accountEnabled": u.AccountEnabled, "userType": optStr(u.UserType),
		"assignedLicenses": lic, "onPremisesSyncEnabled": optBool(u.OnPremisesSyncEnabled),
		"createdDateTime": ts(u.CreatedDateTime), "businessPhones": []any{}, "givenName": nil, "surname": nil,
		"jobTitle": nil, "mobilePhone": nil, "officeLocation": nil, "preferredLanguage": nil, "signInActivity": nil,
		"department": optStr(u.Department)}
}

func encRegistration(m tenant.MFARegistration) map[string]any {
	b := func(p *bool) bool { return p != nil && *p }
	methods := m.Methods
	if methods == nil {
		methods = []string{}
	}
	return map[string]any{"id": m.UserID, "userPrincipalName": m.UserPrincipalName, "userDisplayName": m.UserDisplayName,
		"userType": m.UserType, "isAdmin": b(m.IsAdmin), "isSsprRegistered": b(m.IsSSPRRegistered),
		"isSsprEnabled": b(m.IsSSPREnabled), "isSsprCapable": b(m.IsSSPRCapable),
		"isMfaRegistered": m.IsMFARegistered, "isMfaCapable": b(m.IsMFACapable),
		"isPasswordlessCapable": b(m.IsPasswordlessCapable), "methodsRegistered": strs(methods),
		"isSystemPreferredAuthenticationMethodEnabled": true, "systemPreferredAuthenticationMethods": []any{},
		"userPreferredMethodForSecondaryAuthentication": defaultMethod(m.DefaultMethod), "lastUpdatedDateTime": ts(m.LastUpdated)}
}

// methodObjects turns report vocabulary back into /authentication/methods
// objects. Every cloud user also has a password method.
func methodObjects(m *tenant.MFARegistration) []map[string]any {
	out := []map[string]any{{"@odata.type": "#microsoft.graph.passwordAuthenticationMethod",
		"id": "28c10230-6103-485e-b985-444c60001490", "password": nil, "createdDateTime": nil}}
	if m == nil {
		return out
	}
	for i, name := range m.Methods {
		id := newDeterministicID(m.UserID, i)
		switch name {
		case "mobilePhone", "alternateMobilePhone", "officePhone":
			pt := map[string]string{"mobilePhone": "mobile", "alternateMobilePhone": "alternateMobile", "officePhone": "office"}[name]
			out = append(out, map[string]any{"@odata.type": "#microsoft.graph.phoneAuthenticationMethod", "id": id,
				"phoneNumber": "+1 2065550100", "phoneType": pt, "smsSignInState": "notEnabled"})
		case "microsoftAuthenticatorPush", "microsoftAuthenticatorPasswordless":
			out = append(out, map[string]any{"@odata.type": "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod", "id": id,
				"displayName": "Phone", "deviceTag": "SoftwareTokenActivated", "phoneAppVersion": "6.8.7", "createdDateTime": "2024-02-01T10:00:00Z"})
		case "fido2SecurityKey", "passKeyDeviceBound":
			out = append(out, map[string]any{"@odata.type": "#microsoft.graph.fido2AuthenticationMethod", "id": id,
				"displayName": "Security key", "aaGuid": "2fc0579f-8113-47ea-b116-555a8db9202a", "model": "NFC key",
				"attestationCertificates": []any{}, "attestationLevel": "attested", "createdDateTime": "2024-02-01T10:00:00Z"})
		case "windowsHelloForBusiness":
			out = append(out, map[string]any{"@odata.type": "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod", "id": id,
				"displayName": "Laptop", "keyStrength": "normal", "createdDateTime": "2024-02-01T10:00:00Z"})
		case "softwareOneTimePasscode":
			out = append(out, map[string]any{"@odata.type": "#microsoft.graph.softwareOathAuthenticationMethod", "id": id, "secretKey": nil})
		case "temporaryAccessPass":
			out = append(out, map[string]any{"@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethod", "id": id,
				"isUsable": true, "isUsableOnce": true, "lifetimeInMinutes": 60})
		case "email":
			out = append(out, map[string]any{"@odata.type": "#microsoft.graph.emailAuthenticationMethod", "id": id,
				"emailAddress": "someone@example.com"})
		case "platformCredential":
			out = append(out, map[string]any{"@odata.type": "#microsoft.graph.platformCredentialAuthenticationMethod", "id": id,
				"displayName": "Mac", "keyStrength": "normal", "platform": "macOS"})
		}
	}
	return out
}

func encPrincipal(p tenant.Principal) map[string]any {
	m := map[string]any{"@odata.type": "#microsoft.graph." + p.Type, "id": p.ID, "displayName": optStr(p.DisplayName)}
	switch p.Type {
	case "user":
		m["userPrincipalName"] = optStr(p.UserPrincipalName)
		m["accountEnabled"] = optBool(p.AccountEnabled)
		m["mail"] = optStr(p.UserPrincipalName)
	case "group":
		m["isAssignableToRole"] = true
		m["securityEnabled"] = true
		m["mailEnabled"] = false
		m["groupTypes"] = []any{}
	case "servicePrincipal":
		m["appId"] = p.ID
		m["accountEnabled"] = optBool(p.AccountEnabled)
	}
	return m
}

func encRoleAssignment(a tenant.RoleAssignment, eligible bool) map[string]any {
	m := map[string]any{"id": a.ID, "principalId": a.Principal.ID, "roleDefinitionId": a.RoleDefinitionID,
		"directoryScopeId": a.DirectoryScopeID, "appScopeId": nil}
	if eligible {
		m["memberType"] = a.MemberType
		m["startDateTime"] = "2024-04-12T14:44:50.287Z"
		m["endDateTime"] = ts(a.EndDateTime)
		m["roleEligibilityScheduleId"] = newDeterministicID(a.ID, 0)
	}
	return m
}

func encDevice(d tenant.Device) map[string]any {
	return map[string]any{"id": d.ID, "deviceId": optStr(d.DeviceID), "displayName": d.DisplayName,
		"operatingSystem": optStr(d.OperatingSystem), "operatingSystemVersion": optStr(d.OperatingSystemVersion),
		"trustType": optStr(d.TrustType), "isManaged": optBool(d.IsManaged), "isCompliant": optBool(d.IsCompliant),
		"accountEnabled": d.AccountEnabled, "approximateLastSignInDateTime": ts(d.ApproximateLastSignIn),
		"registrationDateTime": ts(d.RegistrationDateTime), "profileType": optStr(d.ProfileType),
		"managementType": optStr(d.ManagementType)}
}

func encIntune(i tenant.IntuneState) map[string]any {
	// settings' properties are all non-nullable; Intune's defaults (devices
	// without a policy count as compliant) stand where the fixture is silent.
	return map[string]any{"id": i.ID, "subscriptionState": i.SubscriptionState, "intuneAccountId": optStr(i.IntuneAccountID),
		"settings": map[string]any{"deviceComplianceCheckinThresholdDays": 30, "isScheduledActionEnabled": true,
			"secureByDefault": i.SecureByDefault != nil && *i.SecureByDefault}}
}

func encManagedDevice(d tenant.ManagedDevice) map[string]any {
	return map[string]any{"id": d.ID, "deviceName": d.DeviceName, "operatingSystem": optStr(d.OperatingSystem),
		"osVersion": optStr(d.OSVersion), "complianceState": optStr(d.ComplianceState),
		"managedDeviceOwnerType": optStr(d.OwnerType), "managementAgent": optStr(d.ManagementAgent),
		"azureADDeviceId": optStr(d.AzureADDeviceID), "userPrincipalName": optStr(d.UserPrincipalName),
		"enrolledDateTime": ts(d.EnrolledDateTime), "lastSyncDateTime": ts(d.LastSyncDateTime),
		"isEncrypted": d.IsEncrypted != nil && *d.IsEncrypted}
}

func encGroup(g tenant.Group) map[string]any {
	return map[string]any{"id": g.ID, "displayName": g.DisplayName, "mail": optStr(g.Mail),
		"groupTypes": []any{"Unified"}, "visibility": optStr(g.Visibility), "mailEnabled": true, "securityEnabled": false}
}

func encSite(s tenant.Site) map[string]any {
	return map[string]any{"id": s.ID, "name": optStr(s.Name), "displayName": optStr(s.DisplayName), "webUrl": s.WebURL,
		"isPersonalSite": s.IsPersonalSite, "createdDateTime": ts(s.CreatedDateTime)}
}

// encCA writes a policy as Graph does: every condition object present
// (null when not configured, as in Microsoft's list example), enums as names.
func encCA(p tenant.ConditionalAccess) map[string]any {
	var strength any
	if p.AuthenticationStrength != "" {
		strength = map[string]any{"id": newDeterministicID(p.ID, 9), "displayName": p.AuthenticationStrength,
			"policyType": "builtIn", "requirementsSatisfied": "mfa", "allowedCombinations": []any{}}
	}
	l := func(s []string) []any { return strs(s) }
	guests := func(types string) any {
		if types == "" {
			return nil
		}
		return map[string]any{"guestOrExternalUserTypes": types,
			"externalTenants": map[string]any{"@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", "membershipKind": "all"}}
	}
	var platforms, locations, devices, flows, insider any
	if len(p.IncludePlatforms)+len(p.ExcludePlatforms) > 0 {
		platforms = map[string]any{"includePlatforms": l(p.IncludePlatforms), "excludePlatforms": l(p.ExcludePlatforms)}
	}
	if len(p.IncludeLocations)+len(p.ExcludeLocations) > 0 {
		locations = map[string]any{"includeLocations": l(p.IncludeLocations), "excludeLocations": l(p.ExcludeLocations)}
	}
	if p.DeviceFilterMode != "" {
		devices = map[string]any{"deviceFilter": map[string]any{"mode": p.DeviceFilterMode, "rule": p.DeviceFilterRule}}
	}
	if p.AuthenticationFlows != "" {
		flows = map[string]any{"transferMethods": p.AuthenticationFlows}
	}
	if p.InsiderRisk != "" {
		insider = p.InsiderRisk
	}
	return map[string]any{"id": p.ID, "displayName": p.DisplayName, "state": p.State, "templateId": nil,
		"createdDateTime": "2024-05-01T10:00:00Z", "modifiedDateTime": nil, "sessionControls": nil,
		"conditions": map[string]any{"userRiskLevels": l(p.UserRiskLevels), "signInRiskLevels": l(p.SignInRiskLevels),
			"servicePrincipalRiskLevels": []any{}, "insiderRiskLevels": insider,
			"clientAppTypes": l(p.ClientAppTypes), "platforms": platforms, "locations": locations, "devices": devices,
			"authenticationFlows": flows, "clientApplications": nil,
			"applications": map[string]any{"includeApplications": l(p.IncludeApplications),
				"excludeApplications": l(p.ExcludeApplications), "includeUserActions": l(p.IncludeUserActions),
				"includeAuthenticationContextClassReferences": l(p.IncludeAuthenticationContexts), "applicationFilter": nil},
			"users": map[string]any{"includeUsers": l(p.IncludeUsers), "excludeUsers": l(p.ExcludeUsers),
				"includeGroups": l(p.IncludeGroups), "excludeGroups": l(p.ExcludeGroups),
				"includeRoles": l(p.IncludeRoles), "excludeRoles": l(p.ExcludeRoles),
				"includeGuestsOrExternalUsers": guests(p.IncludeGuestsOrExternalUsers),
				"excludeGuestsOrExternalUsers": guests(p.ExcludeGuestsOrExternalUsers)}},
		"grantControls": map[string]any{"operator": optStr(p.GrantOperator), "builtInControls": l(p.BuiltInControls),
			"customAuthenticationFactors": l(p.CustomAuthenticationFactors), "termsOfUse": l(p.TermsOfUse), "authenticationStrength": strength}}
}

func encAuthMethodsPolicy(p tenant.AuthMethodsPolicy) map[string]any {
	configs := []any{}
	for _, c := range p.Methods {
		targets := []any{}
		for _, t := range c.IncludeTargets {
			targets = append(targets, map[string]any{"targetType": "group", "id": t, "isRegistrationRequired": false})
		}
		m := map[string]any{"@odata.type": "#microsoft.graph." + lowerFirst(c.ID) + "AuthenticationMethodConfiguration",
			"id": c.ID, "state": c.State, "excludeTargets": []any{}}
		// Email and TemporaryAccessPass carry includeTargets too in v1.0; all do for our purposes.
		m["includeTargets"] = targets
		configs = append(configs, m)
	}
	return map[string]any{"id": "authenticationMethodsPolicy", "displayName": "Authentication Methods Policy",
		"description":   "The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings",
		"policyVersion": "1.5", "policyMigrationState": optStr(p.PolicyMigrationState), "reconfirmationInDays": 0,
		"authenticationMethodConfigurations": configs}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	if s == "Fido2" {
		return "fido2"
	}
	return string(s[0]|0x20) + s[1:]
}

func encSignIn(a tenant.SignInActivity) map[string]any {
	id := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return newDeterministicID(a.UserID, int(t.Unix()))
	}
	return map[string]any{"lastSignInDateTime": ts(a.LastSignIn), "lastSignInRequestId": id(a.LastSignIn),
		"lastNonInteractiveSignInDateTime": ts(a.LastNonInteractiveSignIn), "lastNonInteractiveSignInRequestId": id(a.LastNonInteractiveSignIn),
		"lastSuccessfulSignInDateTime": ts(a.LastSuccessfulSignIn), "lastSuccessfulSignInRequestId": id(a.LastSuccessfulSignIn)}
}

// defaultMethod is the enum member Graph answers with: "none" when the
// person chose no preferred method (microsoft.graph.userDefaultAuthenticationMethod
// has no empty member); the snapshot keeps no preference as "".
func defaultMethod(m string) string {
	if m == "" {
		return "none"
	}
	return m
}
