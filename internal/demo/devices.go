package demo

import (
	"slices"
	"sort"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

type device struct {
	name, os, version, trust string
	lastSeen                 int // days ago
	managed                  bool
	owner                    string
}

// Most Windows laptops were set up at home with a personal Microsoft account
// and only "registered" when someone added a work account; a few were joined
// properly by the IT-minded director.
var demoDevices = []device{
	{"AF-LT-01", "Windows", "10.0.26100.2314", "AzureAd", 1, true, "priya.shah"},
	{"AF-LT-02", "Windows", "10.0.22631.4317", "AzureAd", 2, true, "lena.kowalski"},
	{"AF-LT-03", "Windows", "10.0.26100.2314", "AzureAd", 1, true, "dan.hughes"},
	{"AF-LT-04", "Windows", "10.0.22631.4460", "AzureAd", 5, true, "owen.alder"},
	{"AF-LT-05", "Windows", "10.0.26100.2314", "AzureAd", 3, true, "sofia.rossi"},
	{"AF-LT-06", "Windows", "10.0.26100.2314", "AzureAd", 2, false, "isla.murphy"},
	{"AF-LT-OLD", "Windows", "10.0.19045.5011", "AzureAd", 130, false, "tom.reed"},
	{"MARA-SURFACE", "Windows", "10.0.22631.4317", "Workplace", 1, false, "mara.finch"},
	{"DESKTOP-7Q2KJ1", "Windows", "10.0.19045.5011", "Workplace", 4, false, "james.okafor"},
	{"DESKTOP-H3LP9", "Windows", "10.0.22621.3880", "Workplace", 2, false, "amelia.clarke"},
	{"BENS-LAPTOP", "Windows", "10.0.19045.4894", "Workplace", 9, false, "ben.taylor"},
	{"LAPTOP-CM2024", "Windows", "10.0.26100.2314", "Workplace", 1, false, "chloe.martin"},
	{"DESKTOP-NGUYEN", "Windows", "10.0.19044.3086", "Workplace", 20, false, "david.nguyen"},
	{"ELLA-HP", "Windows", "10.0.22631.4317", "Workplace", 6, false, "ella.wright"},
	{"OFFICE-PC1", "Windows", "10.0.19045.3803", "ServerAd", 210, false, "reception"},
	{"Mara's iPhone", "iOS", "18.1", "Workplace", 1, true, "mara.finch"},
	{"Pixel 8", "Android", "14.0", "Workplace", 3, false, "ben.taylor"},
	{"Galaxy S23", "Android", "14.0", "Workplace", 40, false, "grace.evans"},
}

func devices(now time.Time) []tenant.Device {
	var out []tenant.Device
	for _, d := range demoDevices {
		dev := tenant.Device{ID: id("device/" + d.name), DeviceID: id("deviceid/" + d.name), DisplayName: d.name,
			OperatingSystem: d.os, OperatingSystemVersion: d.version, TrustType: d.trust,
			IsManaged: ptr(d.managed), AccountEnabled: true, ApproximateLastSignIn: daysAgo(now, d.lastSeen),
			RegistrationDateTime: daysAgo(now, 400+d.lastSeen), ProfileType: "RegisteredDevice"}
		if d.managed {
			dev.IsCompliant = ptr(true)
			dev.ManagementType = "mdm"
		}
		// Whoever joined or registered a PC is its registered owner; a
		// hybrid-joined PC came from the office's domain and has none.
		if d.trust != "ServerAd" {
			dev.RegisteredOwnerIDs = []string{id("user/" + d.owner)}
		}
		out = append(out, dev)
	}
	return out
}

func managedDevices(now time.Time, entra []tenant.Device) []tenant.ManagedDevice {
	var out []tenant.ManagedDevice
	for i, d := range demoDevices {
		if !d.managed {
			continue
		}
		owner := "company"
		if d.os != "Windows" {
			owner = "personal"
		}
		out = append(out, tenant.ManagedDevice{ID: id("managed/" + d.name), DeviceName: d.name, OperatingSystem: d.os,
			OSVersion: d.version, ComplianceState: "compliant", OwnerType: owner, ManagementAgent: "mdm",
			AzureADDeviceID: entra[i].DeviceID, UserPrincipalName: d.owner + "@" + domain,
			EnrolledDateTime: daysAgo(now, 300), LastSyncDateTime: daysAgo(now, d.lastSeen), IsEncrypted: ptr(true)})
	}
	return out
}

// The director turned Windows LAPS on last year; the PCs joined since back
// their password up, except the one whose Intune LAPS policy never applied.
// BitLocker escrowed its key on the joined laptops but one, encrypted before
// it was joined; the registered PCs' keys are wherever their owners saved them.
var (
	demoLAPSBackups  = map[string]int{"AF-LT-01": 3, "AF-LT-02": 12, "AF-LT-03": 5, "AF-LT-05": 70, "AF-LT-06": 8} // days since the last backup
	demoEscrowedKeys = []string{"AF-LT-01", "AF-LT-02", "AF-LT-04", "AF-LT-05", "AF-LT-06", "AF-LT-OLD"}
)

// deviceRegistration is the tenant's device settings: Microsoft's defaults
// (anyone may join, whoever joins is the PC's local administrator, no MFA to
// join) with LAPS turned on.
func deviceRegistration() tenant.DeviceRegistrationPolicy {
	return tenant.DeviceRegistrationPolicy{UserDeviceQuota: 50, MultiFactorAuthConfiguration: "notRequired",
		AllowedToJoin: tenant.Membership{Kind: tenant.MembershipAll}, AllowedToRegister: tenant.Membership{Kind: tenant.MembershipAll},
		LocalAdminsOnJoin: tenant.Membership{Kind: tenant.MembershipAll}, GlobalAdminsAreLocalAdmins: ptr(true),
		LAPSEnabled: ptr(true)}
}

func localCredentials(now time.Time, entra []tenant.Device) []tenant.LocalCredential {
	var out []tenant.LocalCredential
	for _, d := range entra {
		if days, ok := demoLAPSBackups[d.DisplayName]; ok {
			out = append(out, tenant.LocalCredential{DeviceID: d.DeviceID, DeviceName: d.DisplayName,
				LastBackup: daysAgo(now, days), RefreshDueTime: daysAgo(now, days-30)})
		}
	}
	return out
}

func recoveryKeys(now time.Time, entra []tenant.Device) []tenant.RecoveryKey {
	var out []tenant.RecoveryKey
	for _, d := range entra {
		if slices.Contains(demoEscrowedKeys, d.DisplayName) {
			out = append(out, tenant.RecoveryKey{ID: id("bitlocker/" + d.DisplayName), DeviceID: d.DeviceID,
				Created: daysAgo(now, 280), VolumeType: "operatingSystemVolume"})
		}
	}
	return out
}

// intuneSettings is how the director left Intune: Hello on, personal PCs
// still allowed to enrol, a Windows compliance policy drafted but never
// assigned (so "compliant" means only "enrolled"), and two laptops bought
// through a reseller that registers them with Autopilot.
func intuneSettings(now time.Time, entra []tenant.Device) ([]tenant.EnrollmentConfig, []tenant.CompliancePolicy, []tenant.AutopilotDevice) {
	configs := []tenant.EnrollmentConfig{
		{ID: id("enrol/restriction"), Kind: tenant.EnrollmentPlatformRestrictions, DisplayName: "All users and all devices",
			WindowsPlatformBlocked: ptr(false), WindowsPersonalBlocked: ptr(false)},
		{ID: id("enrol/limit"), Kind: tenant.EnrollmentLimit, DisplayName: "All users and all devices"},
		{ID: id("enrol/hello"), Kind: tenant.EnrollmentWindowsHello, DisplayName: "All users and all devices", HelloState: "enabled"},
		{ID: id("enrol/esp"), Kind: tenant.EnrollmentStatusPage, DisplayName: "All users and all devices"},
		{ID: id("enrol/esp-new"), Kind: tenant.EnrollmentStatusPage, DisplayName: "AF - New laptops", Priority: 1},
	}
	compliance := []tenant.CompliancePolicy{
		{ID: id("compliance/ios"), DisplayName: "AF - iPhone", Platform: "iosCompliancePolicy", Targets: []string{"allLicensedUsersAssignmentTarget"}},
		{ID: id("compliance/windows"), DisplayName: "AF - Windows baseline (draft)", Platform: "windows10CompliancePolicy", Targets: []string{}},
	}
	var autopilot []tenant.AutopilotDevice
	for _, d := range entra {
		if d.DisplayName == "AF-LT-01" || d.DisplayName == "AF-LT-05" {
			autopilot = append(autopilot, tenant.AutopilotDevice{ID: id("autopilot/" + d.DisplayName), AzureADDeviceID: d.DeviceID,
				EnrollmentState: "enrolled", LastContacted: daysAgo(now, 1)})
		}
	}
	return configs, compliance, autopilot
}

// signInLog is a week of Windows sign-ins: the joined laptops' owners sign
// in from them; the registered PCs' owners from those; and two people work
// from home PCs Entra has never seen, through the browser.
func signInLog(now time.Time, entra []tenant.Device) tenant.SignInLog {
	log := tenant.SignInLog{Since: now.Add(-7 * 24 * time.Hour).UTC().Truncate(time.Second), Days: 7, Complete: true, Pages: 1}
	trust := map[string]string{"AzureAd": "Azure AD joined", "ServerAd": "Hybrid Azure AD joined", "Workplace": "Azure AD registered"}
	add := func(owner, deviceID, name, os, trustType string, count, lastDays int) {
		log.Devices = append(log.Devices, tenant.SignInDevice{UserID: id("user/" + owner), UserPrincipalName: owner + "@" + domain,
			DeviceID: deviceID, DeviceName: name, OperatingSystem: os, TrustType: trustType, Count: count,
			First: daysAgo(now, 6), Last: daysAgo(now, lastDays)})
	}
	for i, d := range demoDevices {
		if d.os != "Windows" || d.lastSeen > 6 {
			continue
		}
		add(d.owner, entra[i].DeviceID, d.name, "Windows10", trust[d.trust], 4+i%5, d.lastSeen)
	}
	add("grace.evans", "", "", "Windows10", "", 9, 1)
	add("farid.haddad", "", "", "Windows10", "", 3, 2)
	// In the order the collector folds them: by person, then device.
	sort.Slice(log.Devices, func(i, j int) bool {
		a, b := log.Devices[i], log.Devices[j]
		return a.UserID < b.UserID || a.UserID == b.UserID && a.DeviceID < b.DeviceID
	})
	for _, d := range log.Devices {
		log.Events += d.Count
	}
	log.Windows = log.Events
	return log
}
