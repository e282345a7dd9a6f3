package emulator

import "github.com/m365ready/m365ready/internal/tenant"

// Intune's enrolment configurations, compliance policies and Autopilot
// devices. Like every Intune endpoint they answer 400 without an Intune
// licence (gateIntune).

func serveEnrollmentConfigs(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.deviceEnrollmentConfiguration", context: "deviceManagement/deviceEnrollmentConfigurations", defaultPage: intunePage,
		items: encodeAll(s.fixture.Data.EnrollmentConfigs.Items, encEnrollmentConfig), known: set("id", "displayName", "priority")})
}

// encEnrollmentConfig writes a configuration as its derived type, with the
// non-nullable properties the metadata gives it set to Intune's defaults.
func encEnrollmentConfig(c tenant.EnrollmentConfig) map[string]any {
	m := map[string]any{"id": c.ID, "displayName": optStr(c.DisplayName), "description": optStr(""), "priority": c.Priority,
		"createdDateTime": "2024-01-15T09:00:00Z", "lastModifiedDateTime": "2024-01-15T09:00:00Z", "version": 1}
	restriction := func(blocked, personal *bool) map[string]any {
		return map[string]any{"platformBlocked": blocked != nil && *blocked, "personalDeviceEnrollmentBlocked": personal != nil && *personal,
			"osMinimumVersion": nil, "osMaximumVersion": nil}
	}
	switch c.Kind {
	case tenant.EnrollmentPlatformRestrictions:
		m["@odata.type"] = "#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration"
		m["windowsRestriction"] = restriction(c.WindowsPlatformBlocked, c.WindowsPersonalBlocked)
		for _, p := range []string{"iosRestriction", "androidRestriction", "macOSRestriction", "windowsMobileRestriction"} {
			m[p] = restriction(nil, nil)
		}
	case tenant.EnrollmentWindowsHello:
		m["@odata.type"] = "#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration"
		state := c.HelloState
		if state == "" {
			state = "notConfigured"
		}
		for k, v := range map[string]any{"state": state, "enhancedBiometricsState": "notConfigured", "pinMinimumLength": 6, "pinMaximumLength": 127,
			"pinUppercaseCharactersUsage": "disallowed", "pinLowercaseCharactersUsage": "disallowed", "pinSpecialCharactersUsage": "disallowed",
			"pinExpirationInDays": 0, "pinPreviousBlockCount": 0, "remotePassportEnabled": false, "securityDeviceRequired": false,
			"unlockWithBiometricsEnabled": true} {
			m[k] = v
		}
	case tenant.EnrollmentStatusPage:
		m["@odata.type"] = "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration"
		m["allowNonBlockingAppInstallation"] = false
	default:
		m["@odata.type"] = "#microsoft.graph.deviceEnrollmentLimitConfiguration"
		m["limit"] = 5
	}
	return m
}

func serveCompliancePolicies(s *Server, rc *reqCtx) graphResp {
	targets := map[string][]string{}
	for _, p := range s.fixture.Data.CompliancePolicies.Items {
		targets[p.ID] = p.Targets
	}
	return s.list(rc, listSpec{entity: "microsoft.graph.deviceCompliancePolicy", context: "deviceManagement/deviceCompliancePolicies", defaultPage: intunePage,
		items: encodeAll(s.fixture.Data.CompliancePolicies.Items, encCompliancePolicy), known: set("id", "displayName"),
		expand: map[string]func(map[string]any) any{"assignments": func(e map[string]any) any {
			out := []any{}
			for i, t := range targets[e["id"].(string)] {
				out = append(out, map[string]any{"id": newDeterministicID(e["id"].(string), i),
					"target": map[string]any{"@odata.type": "#microsoft.graph." + t}})
			}
			return out
		}}})
}

func encCompliancePolicy(p tenant.CompliancePolicy) map[string]any {
	return map[string]any{"@odata.type": "#microsoft.graph." + p.Platform, "id": p.ID, "displayName": p.DisplayName,
		"description": nil, "createdDateTime": "2024-02-01T10:00:00Z", "lastModifiedDateTime": "2024-02-01T10:00:00Z", "version": 1}
}

func serveAutopilotDevices(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.windowsAutopilotDeviceIdentity", context: "deviceManagement/windowsAutopilotDeviceIdentities", defaultPage: intunePage,
		items: encodeAll(s.fixture.Data.AutopilotDevices.Items, encAutopilotDevice), known: keysOf(encAutopilotDevice(tenant.AutopilotDevice{}))})
}

func encAutopilotDevice(d tenant.AutopilotDevice) map[string]any {
	state := d.EnrollmentState
	if state == "" {
		state = "unknown"
	}
	last := ts(d.LastContacted)
	if last == nil {
		last = "0001-01-01T00:00:00Z" // non-nullable: Intune's "never"
	}
	return map[string]any{"id": d.ID, "azureActiveDirectoryDeviceId": optStr(d.AzureADDeviceID), "enrollmentState": state,
		"lastContactedDateTime": last}
}
