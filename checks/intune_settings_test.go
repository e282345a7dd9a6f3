package checks

import (
	"strings"
	"testing"

	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/tenant"
)

var intuneUnlicensed = tenant.Status{State: tenant.StateUnlicensed, Licence: "Microsoft Intune"}

func enrolConfigs(personalBlocked bool, hello string) []tenant.EnrollmentConfig {
	return []tenant.EnrollmentConfig{
		{ID: "r0", Kind: tenant.EnrollmentPlatformRestrictions, Priority: 0, WindowsPlatformBlocked: bptr(false), WindowsPersonalBlocked: bptr(personalBlocked)},
		// A stricter restriction for one group does not stand for everyone.
		{ID: "r1", Kind: tenant.EnrollmentPlatformRestrictions, Priority: 1, WindowsPlatformBlocked: bptr(true), WindowsPersonalBlocked: bptr(true)},
		{ID: "h0", Kind: tenant.EnrollmentWindowsHello, Priority: 0, HelloState: hello},
		{ID: "e0", Kind: tenant.EnrollmentStatusPage, Priority: 0},
		{ID: "l0", Kind: tenant.EnrollmentLimit, Priority: 0},
	}
}

func TestIntuneEnrolment(t *testing.T) {
	pcs := joinedPCs()
	registered := []tenant.AutopilotDevice{{ID: "ap1", AzureADDeviceID: pcs[0].DeviceID, EnrollmentState: "enrolled"}}
	denied := tenant.Status{State: tenant.StateDenied, Permission: "DeviceManagementServiceConfig.Read.All"}
	cases := []struct {
		name      string
		configs   []tenant.EnrollmentConfig
		cfgStatus *tenant.Status
		autopilot []tenant.AutopilotDevice
		apStatus  *tenant.Status
		want      result.Status
		codes     []result.FindingCode
	}{
		{"all three", enrolConfigs(true, "enabled"), nil, registered, nil, result.StatusPass, nil},
		{"Hello not configured is not off", enrolConfigs(true, "notConfigured"), nil, registered, nil, result.StatusPass, nil},
		{"personal PCs allowed", enrolConfigs(false, "enabled"), nil, registered, nil, result.StatusWarn, []result.FindingCode{codeEnrolPersonal.Code}},
		{"defaults, no Autopilot", enrolConfigs(false, "enabled"), nil, []tenant.AutopilotDevice{}, nil, result.StatusFail,
			[]result.FindingCode{codeEnrolPersonal.Code, codeEnrolNoAutopilot.Code}},
		{"Hello off", enrolConfigs(true, "disabled"), nil, registered, nil, result.StatusWarn, []result.FindingCode{codeEnrolHelloOff.Code}},
		{"no Intune", nil, &intuneUnlicensed, nil, &intuneUnlicensed, result.StatusNotApplicable, nil},
		{"Intune says unlicensed, the SKUs say licensed", nil, &intuneUnlicensed, nil, &intuneUnlicensed, result.StatusSkipped, nil},
		{"configurations denied", nil, &denied, registered, nil, result.StatusSkipped, nil},
		// Two of three known and good: a range, so not a pass.
		{"Autopilot denied", enrolConfigs(true, "enabled"), nil, nil, &denied, result.StatusWarn, nil},
	}
	for _, tc := range cases {
		s := newSnap()
		if tc.name == "no Intune" {
			s.SubscribedSKUs.Items = s.SubscribedSKUs.Items[1:] // Business Standard and a free SKU
		}
		s.Devices.Set(pcs)
		s.MFARegistration.Set([]tenant.MFARegistration{{UserID: "a", UserType: "member", Methods: []string{"windowsHelloForBusiness", "microsoftAuthenticatorPush"}},
			{UserID: "b", UserType: "member", Methods: []string{"mobilePhone"}}, {UserID: "g", UserType: "guest", Methods: []string{"windowsHelloForBusiness"}}})
		setOrFail(&s.EnrollmentConfigs, tc.configs, tc.cfgStatus)
		setOrFail(&s.AutopilotDevices, tc.autopilot, tc.apStatus)
		r := eval(t, IntuneEnrolment, s, Settings{})
		if r.Status != tc.want {
			t.Errorf("%s: %s (%s %s)", tc.name, r.Status, r.Summary, r.Reason)
			continue
		}
		wantCodes(t, tc.name, r, tc.codes...)
		if tc.cfgStatus == &denied && !strings.Contains(r.Reason, "DeviceManagementServiceConfig.Read.All") {
			t.Errorf("%s: skipped without naming the permission: %q", tc.name, r.Reason)
		}
		if f, ok := r.Facts.(*result.EnrolmentFacts); ok && tc.apStatus == nil && tc.cfgStatus == nil {
			if f.ActiveJoined != 4 || f.ActiveJoinedAutopilot != len(tc.autopilot) {
				t.Errorf("%s: facts %+v", tc.name, f)
			}
			if f.Hello == nil || f.Hello.Members != 2 || f.Hello.Registered != 1 {
				t.Errorf("%s: Windows Hello registrations %+v, want 1 of 2 members", tc.name, f.Hello)
			}
		}
	}
}

func TestWindowsCompliance(t *testing.T) {
	windows := func(id string, targets ...string) tenant.CompliancePolicy {
		return tenant.CompliancePolicy{ID: id, DisplayName: "Windows " + id, Platform: "windows10CompliancePolicy", Targets: append([]string{}, targets...)}
	}
	ios := tenant.CompliancePolicy{ID: "ios", DisplayName: "iPhone", Platform: "iosCompliancePolicy", Targets: []string{"allLicensedUsersAssignmentTarget"}}
	intune := func(secure bool) tenant.IntuneState {
		return tenant.IntuneState{ID: "dm", SubscriptionState: "active", SecureByDefault: bptr(secure)}
	}
	denied := tenant.Status{State: tenant.StateDenied, Permission: "DeviceManagementConfiguration.Read.All"}
	cases := []struct {
		name     string
		policies []tenant.CompliancePolicy
		status   *tenant.Status
		intune   *tenant.IntuneState
		want     result.Status
		codes    []result.FindingCode
	}{
		{"assigned and strict", []tenant.CompliancePolicy{windows("w", "allLicensedUsersAssignmentTarget"), ios}, nil, ptrTo(intune(true)), result.StatusPass, nil},
		{"assigned, lenient default", []tenant.CompliancePolicy{windows("w", "groupAssignmentTarget")}, nil, ptrTo(intune(false)), result.StatusWarn,
			[]result.FindingCode{codeComplianceDefault.Code}},
		{"only an exclusion", []tenant.CompliancePolicy{windows("w", "exclusionGroupAssignmentTarget"), ios}, nil, ptrTo(intune(true)), result.StatusFail,
			[]result.FindingCode{codeComplianceUnassigned.Code, codeComplianceNone.Code}},
		{"iPhone only", []tenant.CompliancePolicy{ios}, nil, ptrTo(intune(false)), result.StatusFail,
			[]result.FindingCode{codeComplianceDefault.Code, codeComplianceNone.Code}},
		{"setting unknown", []tenant.CompliancePolicy{windows("w", "allDevicesAssignmentTarget")}, nil, nil, result.StatusWarn, nil},
		{"policies denied", nil, &denied, ptrTo(intune(true)), result.StatusSkipped, nil},
		{"no Intune", nil, &intuneUnlicensed, nil, result.StatusNotApplicable, nil},
		{"Intune says unlicensed, the SKUs say licensed", nil, &intuneUnlicensed, nil, result.StatusSkipped, nil},
	}
	for _, tc := range cases {
		s := newSnap()
		if tc.name == "no Intune" {
			s.SubscribedSKUs.Items = s.SubscribedSKUs.Items[1:]
		}
		setOrFail(&s.CompliancePolicies, tc.policies, tc.status)
		if tc.intune != nil {
			s.Intune.Set(*tc.intune)
		} else {
			s.Intune.Fail(tenant.Status{State: tenant.StateDenied, Permission: "DeviceManagementServiceConfig.Read.All"})
		}
		r := eval(t, WindowsCompliance, s, Settings{})
		if r.Status != tc.want {
			t.Errorf("%s: %s (%s %s)", tc.name, r.Status, r.Summary, r.Reason)
			continue
		}
		wantCodes(t, tc.name, r, tc.codes...)
		if tc.status == &denied && !strings.Contains(r.Reason, "DeviceManagementConfiguration.Read.All") {
			t.Errorf("%s: skipped without naming the permission: %q", tc.name, r.Reason)
		}
	}
}
