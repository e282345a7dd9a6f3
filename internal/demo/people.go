package demo

import (
	"strings"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

type person struct {
	key     string // local part of the UPN
	name    string
	skus    []string
	enabled bool
	guest   bool
	methods []string // registration-report vocabulary
	admin   bool
	created int // days ago
	noMail  bool
}

const (
	authApp = "microsoftAuthenticatorPush"
	phone   = "mobilePhone"
	totp    = "softwareOneTimePasscode"
	fido2   = "fido2SecurityKey"
)

func staff() []person {
	spb, std, basic, exo, free := skuBusinessPremium, skuBusinessStandard, skuBusinessBasic, skuExchangePlan1, skuFlowFree
	return []person{
		{key: "mara.finch", name: "Mara Finch", skus: []string{spb}, enabled: true, methods: []string{phone}, admin: true, created: 2100},
		{key: "owen.alder", name: "Owen Alder", skus: []string{spb}, enabled: true, methods: []string{authApp, phone}, admin: true, created: 2100},
		{key: "priya.shah", name: "Priya Shah", skus: []string{spb}, enabled: true, methods: []string{authApp}, created: 1500},
		{key: "lena.kowalski", name: "Lena Kowalski", skus: []string{spb}, enabled: true, methods: []string{authApp, totp}, created: 1300},
		{key: "james.okafor", name: "James Okafor", skus: []string{spb}, enabled: true, methods: []string{phone}, created: 900},
		{key: "sofia.rossi", name: "Sofia Rossi", skus: []string{spb}, enabled: true, created: 400},
		{key: "dan.hughes", name: "Dan Hughes", skus: []string{spb}, enabled: true, methods: []string{authApp, fido2}, admin: true, created: 1100},
		{key: "amelia.clarke", name: "Amelia Clarke", skus: []string{std}, enabled: true, methods: []string{authApp}, created: 1000},
		{key: "ben.taylor", name: "Ben Taylor", skus: []string{std}, enabled: true, methods: []string{authApp, phone}, created: 950},
		{key: "chloe.martin", name: "Chloe Martin", skus: []string{std}, enabled: true, methods: []string{phone}, created: 800},
		{key: "david.nguyen", name: "David Nguyen", skus: []string{std}, enabled: true, created: 760},
		{key: "ella.wright", name: "Ella Wright", skus: []string{std}, enabled: true, methods: []string{authApp}, created: 700},
		{key: "farid.haddad", name: "Farid Haddad", skus: []string{std}, enabled: true, methods: []string{authApp}, created: 640},
		{key: "grace.evans", name: "Grace Evans", skus: []string{std}, enabled: true, methods: []string{phone}, created: 600},
		{key: "harry.patel", name: "Harry Patel", skus: []string{std}, enabled: true, created: 420},
		{key: "isla.murphy", name: "Isla Murphy", skus: []string{std}, enabled: true, methods: []string{authApp, phone}, created: 380},
		{key: "jack.wilson", name: "Jack Wilson", skus: []string{std}, enabled: true, methods: []string{authApp}, created: 300},
		{key: "kate.brown", name: "Kate Brown", skus: []string{basic}, enabled: true, methods: []string{authApp}, created: 280},
		{key: "liam.jones", name: "Liam Jones", skus: []string{basic, free}, enabled: true, created: 250},
		{key: "maya.singh", name: "Maya Singh", skus: []string{basic}, enabled: true, methods: []string{phone}, created: 200},
		{key: "noah.davies", name: "Noah Davies", skus: []string{basic}, enabled: true, methods: []string{authApp}, created: 180},
		{key: "olivia.hall", name: "Olivia Hall", skus: []string{basic, free}, enabled: true, created: 150},
		{key: "peter.green", name: "Peter Green", skus: []string{basic}, enabled: true, methods: []string{authApp}, created: 120},
		{key: "site.team1", name: "Ryan Cooper", skus: []string{exo}, enabled: true, created: 700},
		{key: "site.team2", name: "Sam Lewis", skus: []string{exo}, enabled: true, methods: []string{phone}, created: 650},
		{key: "site.team3", name: "Tara Walsh", skus: []string{exo}, enabled: true, created: 90},
		{key: "tom.reed", name: "Tom Reed", skus: []string{std}, enabled: false, methods: []string{authApp}, created: 1800},
		{key: "reception", name: "Reception", enabled: false, created: 2000},
		{key: "meeting.room1", name: "Meeting Room 1", enabled: false, created: 1900},
		{key: "scanner", name: "Scan to Email", skus: []string{exo}, enabled: true, created: 1700},
		{key: "alex.moreno", name: "Alex Moreno", enabled: true, created: 3, noMail: true},
		{key: "ruth_bellco.example#EXT#", name: "Ruth Bell (Bell & Co Accountants)", guest: true, enabled: true, created: 500},
	}
}

func upn(p person) string {
	if p.guest {
		return p.key + "@" + initial
	}
	return p.key + "@" + domain
}

func users(now time.Time, people []person) []tenant.User {
	var out []tenant.User
	for _, p := range people {
		u := tenant.User{ID: id("user/" + p.key), UserPrincipalName: upn(p), DisplayName: p.name,
			AccountEnabled: p.enabled, UserType: "Member", CreatedDateTime: daysAgo(now, p.created),
			AssignedLicenses: []tenant.AssignedLicense{}}
		if !p.noMail {
			u.Mail = upn(p)
		}
		u.Department = departments[p.key]
		if p.guest {
			u.UserType = "Guest"
			u.Mail = "ruth@bellco.example"
		}
		for _, s := range p.skus {
			u.AssignedLicenses = append(u.AssignedLicenses, tenant.AssignedLicense{SKUID: s})
		}
		out = append(out, u)
	}
	return out
}

func registrations(now time.Time, people []person) []tenant.MFARegistration {
	var out []tenant.MFARegistration
	for _, p := range people {
		methods := append([]string{}, p.methods...)
		registered := len(methods) > 0
		def := ""
		switch {
		case contains(methods, authApp):
			def = "push"
		case contains(methods, phone):
			def = "sms"
		}
		userType := "member"
		if p.guest {
			userType = "guest"
		}
		out = append(out, tenant.MFARegistration{UserID: id("user/" + p.key), UserPrincipalName: upn(p),
			UserDisplayName: p.name, UserType: userType, Methods: methods, IsMFARegistered: registered,
			IsMFACapable: ptr(registered), IsAdmin: ptr(p.admin), IsPasswordlessCapable: ptr(false),
			IsSSPRRegistered: ptr(registered), IsSSPRCapable: ptr(registered), IsSSPREnabled: ptr(true), DefaultMethod: def,
			LastUpdated: daysAgo(now, 1)})
	}
	return out
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

func principal(key, name string) tenant.Principal {
	return tenant.Principal{ID: id("user/" + key), Type: "user", DisplayName: name,
		UserPrincipalName: key + "@" + domain, AccountEnabled: ptr(true)}
}

// Role template ids (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference).
const (
	roleGlobalAdmin   = "62e90394-69f5-4237-9190-012177145e10"
	roleUserAdmin     = "fe930be7-5e62-47db-91af-98c3a49a38b1"
	roleBillingAdmin  = "b0f54661-2d74-4c50-afa3-1ec803f12efe"
	roleExchangeAdmin = "29232cdf-9323-42fd-ade2-1d097af3e4de"
)

func roles() []tenant.RoleAssignment {
	mailAdmins := tenant.Principal{ID: id("group/mail-admins"), Type: "group", DisplayName: "Mail Admins"}
	return []tenant.RoleAssignment{
		{ID: id("ra/ga/mara"), RoleDefinitionID: roleGlobalAdmin, DirectoryScopeID: "/", Principal: principal("mara.finch", "Mara Finch")},
		{ID: id("ra/user/dan"), RoleDefinitionID: roleUserAdmin, DirectoryScopeID: "/", Principal: principal("dan.hughes", "Dan Hughes")},
		{ID: id("ra/billing/owen"), RoleDefinitionID: roleBillingAdmin, DirectoryScopeID: "/", Principal: principal("owen.alder", "Owen Alder")},
		{ID: id("ra/exchange/mailadmins"), RoleDefinitionID: roleExchangeAdmin, DirectoryScopeID: "/", Principal: mailAdmins,
			GroupMembers: []tenant.Principal{principal("dan.hughes", "Dan Hughes")}},
	}
}

// lastSeen is how many days ago each account last signed in successfully
// (-1: never). Everyone else signed in within the last few days.
var lastSeen = map[string]int{
	"harry.patel": 130, "site.team3": -1, "tom.reed": 200, "ruth_bellco.example#EXT#": -1,
	"alex.moreno": -1, "reception": -1, "meeting.room1": -1, "scanner": 1, "olivia.hall": 95,
}

func signIns(now time.Time, people []person) []tenant.SignInActivity {
	var out []tenant.SignInActivity
	for i, p := range people {
		a := tenant.SignInActivity{UserID: id("user/" + p.key)}
		days, ok := lastSeen[p.key]
		if !ok {
			days = 1 + i%6
		}
		if days >= 0 {
			a.LastSignIn, a.LastSuccessfulSignIn = daysAgo(now, days), daysAgo(now, days)
			a.LastNonInteractiveSignIn = daysAgo(now, days)
		}
		out = append(out, a)
	}
	return out
}

// noOneDrive are people whose files live on their laptops (or personal OneDrive).
var noOneDrive = map[string]bool{"james.okafor": true, "david.nguyen": true, "chloe.martin": true, "site.team1": true, "site.team2": true, "site.team3": true}

func oneDrive(now time.Time, people []person) []tenant.OneDriveUsage {
	refresh := now.AddDate(0, 0, -2).Format("2006-01-02")
	var out []tenant.OneDriveUsage
	for i, p := range people {
		if !p.enabled || p.guest || len(p.skus) == 0 || p.key == "scanner" {
			continue
		}
		u := tenant.OneDriveUsage{OwnerPrincipalName: upn(p), OwnerDisplayName: p.name, ReportRefreshDate: refresh,
			SiteURL: "https://alderfinch-my.sharepoint.com/personal/" + strings.ReplaceAll(p.key, ".", "_") + "_alderfinch_example"}
		if !noOneDrive[p.key] {
			u.LastActivityDate = now.AddDate(0, 0, -(1 + i%9)).Format("2006-01-02")
			u.FileCount, u.StorageUsedBytes = int64(40+i*17), int64(i+1)<<24
		}
		out = append(out, u)
	}
	return out
}

// policies are half-way through a move to Conditional Access: MFA for
// everyone still in report-only (with the partners left out), legacy
// authentication blocked, and an administrators' policy whose grant is "MFA
// or a compliant device", so an administrator on a compliant laptop signs in
// without MFA.
func policies() []tenant.ConditionalAccess {
	partners := id("group/partners")
	return []tenant.ConditionalAccess{
		{ID: id("ca-mfa"), DisplayName: "Require MFA for all users", State: "enabledForReportingButNotEnforced",
			IncludeUsers: []string{"All"}, ExcludeGroups: []string{partners}, IncludeApplications: []string{"All"},
			ClientAppTypes: []string{"all"}, GrantOperator: "OR", BuiltInControls: []string{"mfa"},
			Groups: []tenant.GroupMembers{{ID: partners, Members: []tenant.Principal{principal("owen.alder", "Owen Alder"), principal("mara.finch", "Mara Finch")}}}},
		{ID: id("ca-legacy"), DisplayName: "AF - Block legacy sign-in", State: "enabled",
			IncludeUsers: []string{"All"}, IncludeApplications: []string{"All"}, ClientAppTypes: []string{"exchangeActiveSync", "other"},
			GrantOperator: "OR", BuiltInControls: []string{"block"}},
		{ID: id("ca-admins"), DisplayName: "Administrators: MFA or a compliant device", State: "enabled",
			IncludeRoles: []string{roleGlobalAdmin, roleUserAdmin, roleExchangeAdmin, roleBillingAdmin}, IncludeApplications: []string{"All"},
			ClientAppTypes: []string{"all"}, GrantOperator: "OR", BuiltInControls: []string{"mfa", "compliantDevice"}},
	}
}

// departments are the practice's teams, as the directory records them; the
// service accounts and the guest have none.
var departments = map[string]string{
	"mara.finch": "Partners", "owen.alder": "Partners", "dan.hughes": "IT & Operations",
	"priya.shah": "Architecture", "lena.kowalski": "Architecture", "james.okafor": "Architecture", "sofia.rossi": "Architecture",
	"amelia.clarke": "Architecture", "ben.taylor": "Architecture", "chloe.martin": "Architecture", "david.nguyen": "Architecture",
	"ella.wright": "Interiors", "farid.haddad": "Interiors", "grace.evans": "Interiors", "harry.patel": "Interiors", "isla.murphy": "Interiors",
	"jack.wilson": "Studio support", "kate.brown": "Studio support", "liam.jones": "Studio support", "maya.singh": "Studio support",
	"noah.davies": "Studio support", "olivia.hall": "Studio support", "peter.green": "Studio support", "tom.reed": "Studio support",
	"alex.moreno": "Architecture",
}
