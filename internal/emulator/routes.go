package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
)

// route is one emulated Graph endpoint. What it needs is not here: the
// emulator enforces the one permission table (collect.Endpoints), so what
// it refuses is what the table says Graph refuses.
type route struct {
	name string
	// doc is the path as Microsoft documents it ("/groups/{id}/owners"),
	// the key to the metadata that says which query options it takes.
	doc string
	// params are the path's own query parameters, not OData's ("search").
	params []string
	// needsUserAgent: Learn lists User-Agent as a required request header.
	needsUserAgent bool
	gate           func(*Server, *claims) *apiError
	serve          func(*Server, *reqCtx) graphResp
}

// Route patterns: segments, with "{}" for a key segment.
var routes = []struct {
	pattern string
	route
}{
	{"organization", route{name: "organization", serve: serveOrganization}},
	{"subscribedSkus", route{name: "subscribedSkus", serve: serveSKUs}},
	{"users", route{name: "users", serve: serveUsers}},
	{"users/{}/authentication/methods", route{name: "authenticationMethods", serve: serveMethods}},
	{"reports/authenticationMethods/userRegistrationDetails", route{name: "userRegistrationDetails",
		gate: gateP1, serve: serveRegistration}},
	{"roleManagement/directory/roleAssignments", route{name: "roleAssignments", serve: serveRoleAssignments}},
	{"roleManagement/directory/roleEligibilityScheduleInstances", route{name: "roleEligibilityScheduleInstances", gate: gateP2, serve: serveRoleEligibilities}},
	{"groups/{}/transitiveMembers", route{name: "transitiveMembers", serve: serveTransitiveMembers}},
	{"devices", route{name: "devices", serve: serveDevices}},
	{"deviceManagement", route{name: "deviceManagement", gate: gateIntune, serve: serveDeviceManagement}},
	{"deviceManagement/managedDevices", route{name: "managedDevices", gate: gateIntune, serve: serveManagedDevices}},
	{"groups", route{name: "groups", serve: serveGroups}},
	{"groups/{}/owners", route{name: "groupOwners", serve: serveGroupOwners}},
	{"groups/{}/sites/root", route{name: "groupSite", serve: serveGroupSite}},
	{"sites/getAllSites", route{name: "getAllSites", serve: serveAllSites}},
	{"sites", route{name: "searchSites", params: []string{"search"}, serve: serveSearchSites}},
	{"reports/{fn}", route{name: "usageReports", serve: serveUsageReport}},
	{"groupSettings", route{name: "groupSettings", serve: serveGroupSettings}},
	{"security/secureScores", route{name: "secureScores", serve: serveSecureScores}},
	{"admin/reportSettings", route{name: "reportSettings", serve: serveReportSettings}},
	{"policies/identitySecurityDefaultsEnforcementPolicy", route{name: "securityDefaults", serve: serveSecurityDefaults}},
	{"identity/conditionalAccess/policies", route{name: "conditionalAccess", gate: gateP1, serve: serveConditionalAccess}},
	{"policies/authenticationMethodsPolicy", route{name: "authenticationMethodsPolicy", serve: serveAuthMethodsPolicy}},
	{"policies/authorizationPolicy", route{name: "authorizationPolicy", serve: serveAuthorizationPolicy}},
	{"policies/deviceRegistrationPolicy", route{name: "deviceRegistrationPolicy", serve: serveDeviceRegistration}},
	{"directory/deviceLocalCredentials", route{name: "deviceLocalCredentials", needsUserAgent: true, serve: serveLocalCredentials}},
	{"informationProtection/bitlocker/recoveryKeys", route{name: "recoveryKeys", needsUserAgent: true, serve: serveRecoveryKeys}},
	{"auditLogs/signIns", route{name: "signIns", gate: gateP1, serve: serveSignIns}},
	{"deviceManagement/deviceEnrollmentConfigurations", route{name: "enrollmentConfigurations", gate: gateIntune, serve: serveEnrollmentConfigs}},
	{"deviceManagement/deviceCompliancePolicies", route{name: "compliancePolicies", gate: gateIntune, serve: serveCompliancePolicies}},
	{"deviceManagement/windowsAutopilotDeviceIdentities", route{name: "autopilotDevices", gate: gateIntune, serve: serveAutopilotDevices}},
}

// matchRoute finds the route for an escaped path and returns its unescaped key segments.
func matchRoute(path string) (*route, []string) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i, sg := range segs {
		// An OData function without parameters may be called with or without "()".
		segs[i] = strings.TrimSuffix(sg, "()")
	}
	for i := range routes {
		pat := strings.Split(routes[i].pattern, "/")
		if len(pat) != len(segs) {
			continue
		}
		var params []string
		ok := true
		for j, p := range pat {
			switch {
			case p == "{}":
				v, err := url.PathUnescape(segs[j])
				if err != nil {
					ok = false
				}
				params = append(params, v)
			case p == "{fn}":
				if !strings.HasPrefix(segs[j], "getSharePointSiteUsageDetail(") && !strings.HasPrefix(segs[j], "getOneDriveUsageAccountDetail(") {
					ok = false
				}
				params = append(params, segs[j])
			case p != segs[j]:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok {
			rt := routes[i].route
			rt.doc = "/" + strings.ReplaceAll(routes[i].pattern, "{}", "{id}")
			return &rt, params
		}
	}
	return nil, nil
}

func gateP1(s *Server, _ *claims) *apiError {
	if !s.fixture.premiumP1() {
		return notPremium()
	}
	return nil
}

func gateP2(s *Server, _ *claims) *apiError {
	if !s.fixture.premiumP2() {
		return notP2()
	}
	return nil
}

func gateIntune(s *Server, _ *claims) *apiError {
	if !s.fixture.intune() {
		return intuneNotApplicable()
	}
	return nil
}

func encodeAll[T any](items []T, enc func(T) map[string]any) []map[string]any {
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		out = append(out, enc(it))
	}
	return out
}

// cached encodes a fixture collection once: fixtures do not change while
// served, and a 100,000-person tenant must not be re-encoded for every page.
func (s *Server) cached(key string, build func() []map[string]any) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.encoded == nil {
		s.encoded = map[string][]map[string]any{}
	}
	if v, ok := s.encoded[key]; ok {
		return v
	}
	v := build()
	s.encoded[key] = v
	return v
}

func serveOrganization(s *Server, rc *reqCtx) graphResp {
	o := s.fixture.Data.Organization.Value
	var items []map[string]any
	if o != nil {
		items = append(items, encOrganization(*o))
	}
	return s.list(rc, listSpec{entity: "microsoft.graph.organization", context: "organization",
		items: items, known: keysOf(encOrganization(tenant.Organization{}))})
}

func serveSKUs(s *Server, rc *reqCtx) graphResp {
	enc := func(k tenant.SubscribedSKU) map[string]any { return encSKU(k, s.fixture.TenantID) }
	return s.list(rc, listSpec{entity: "microsoft.graph.subscribedSku", context: "subscribedSkus",
		items: encodeAll(s.fixture.Data.SubscribedSKUs.Items, enc), known: keysOf(enc(tenant.SubscribedSKU{})),
		defaultPage: 1000})
}

// serveUsers: selecting signInActivity needs Entra ID P1 and AuditLog.Read.All
// besides User.Read.All (https://learn.microsoft.com/graph/api/resources/signinactivity).
func serveUsers(s *Server, rc *reqCtx) graphResp {
	if sel, _ := rc.q.get("$select"); strings.Contains(","+sel+",", ",signInActivity,") {
		if e := rc.claims.deniedBy(collect.EndpointsOf(tenant.DatasetSignInActivity)[0]); e != nil {
			return s.errorResp(e, rc.requestID)
		}
		if !s.fixture.premiumP1() {
			return s.errorResp(notPremium(), rc.requestID)
		}
	}
	return s.list(rc, listSpec{entity: "microsoft.graph.user", context: "users",
		items: s.cached("users", func() []map[string]any {
			activity := map[string]tenant.SignInActivity{}
			for _, a := range s.fixture.Data.SignInActivity.Items {
				activity[a.UserID] = a
			}
			out := encodeAll(s.fixture.Data.Users.Items, encUser)
			for i, u := range s.fixture.Data.Users.Items {
				if a, ok := activity[u.ID]; ok {
					out[i]["signInActivity"] = encSignIn(a)
				}
			}
			return out
		}), known: keysOf(encUser(tenant.User{})),
		filterable: set("accountEnabled", "userType"), defaultSelect: userDefaultProperties})
}

// index builds lookup maps once; fixtures do not change while served.
func (s *Server) index() {
	s.indexOnce.Do(func() {
		s.userByKey = map[string]*tenant.User{}
		for i := range s.fixture.Data.Users.Items {
			u := &s.fixture.Data.Users.Items[i]
			s.userByKey[strings.ToLower(u.ID)] = u
			s.userByKey[strings.ToLower(u.UserPrincipalName)] = u
		}
		s.regByUser = map[string]*tenant.MFARegistration{}
		for i := range s.fixture.Data.MFARegistration.Items {
			m := &s.fixture.Data.MFARegistration.Items[i]
			s.regByUser[m.UserID] = m
		}
		s.groupByID = map[string]*tenant.Group{}
		for i := range s.fixture.Data.Groups.Items {
			g := &s.fixture.Data.Groups.Items[i]
			s.groupByID[strings.ToLower(g.ID)] = g
		}
		s.ownersByDevice = map[string][]string{}
		for _, d := range s.fixture.Data.Devices.Items {
			s.ownersByDevice[d.ID] = d.RegisteredOwnerIDs
		}
	})
}

func (s *Server) findUser(key string) *tenant.User {
	s.index()
	return s.userByKey[strings.ToLower(key)]
}

func (s *Server) registrationOf(userID string) *tenant.MFARegistration {
	s.index()
	return s.regByUser[userID]
}

func serveMethods(s *Server, rc *reqCtx) graphResp {
	u := s.findUser(rc.params[0])
	if u == nil {
		return s.errorResp(notFound("Resource '"+rc.params[0]+"' does not exist or one of its queried reference-property objects are not present."), rc.requestID)
	}
	methods := methodObjects(s.registrationOf(u.ID))
	return s.jsonResp(http.StatusOK, map[string]any{
		"@odata.context": s.GraphURL + "/$metadata#users('" + u.ID + "')/authentication/methods", "value": methods})
}

// serveRegistration leaves out disabled accounts: "This method doesn't work for
// disabled users" (https://learn.microsoft.com/graph/api/authenticationmethodsroot-list-userregistrationdetails),
// so they are absent from the report.
func serveRegistration(s *Server, rc *reqCtx) graphResp {
	items := s.cached("registrations", func() []map[string]any {
		var out []map[string]any
		for _, m := range s.fixture.Data.MFARegistration.Items {
			if u := s.findUser(m.UserID); u != nil && !u.AccountEnabled {
				continue
			}
			out = append(out, encRegistration(m))
		}
		return out
	})
	return s.list(rc, listSpec{entity: "microsoft.graph.userRegistrationDetails",
		context: "reports/authenticationMethods/userRegistrationDetails", items: items,
		known: keysOf(encRegistration(tenant.MFARegistration{})), filterable: set("isMfaRegistered", "isMfaCapable", "userType", "isAdmin")})
}

func (s *Server) roleList(rc *reqCtx, items []tenant.RoleAssignment, eligible bool, context, entity string) graphResp {
	enc := func(a tenant.RoleAssignment) map[string]any { return encRoleAssignment(a, eligible) }
	principals := map[string]tenant.Principal{}
	for _, a := range items {
		principals[a.Principal.ID] = a.Principal
	}
	return s.list(rc, listSpec{entity: entity, context: context, items: encodeAll(items, enc),
		known: keysOf(enc(tenant.RoleAssignment{})), filterable: set("roleDefinitionId", "principalId", "directoryScopeId"),
		expand: map[string]func(map[string]any) any{"principal": func(e map[string]any) any {
			return encPrincipal(principals[e["principalId"].(string)])
		}}})
}

func serveRoleAssignments(s *Server, rc *reqCtx) graphResp {
	return s.roleList(rc, s.fixture.Data.RoleAssignments.Items, false, "roleManagement/directory/roleAssignments", "microsoft.graph.unifiedRoleAssignment")
}

func serveRoleEligibilities(s *Server, rc *reqCtx) graphResp {
	return s.roleList(rc, s.fixture.Data.RoleEligibilities.Items, true,
		"roleManagement/directory/roleEligibilityScheduleInstances", "microsoft.graph.unifiedRoleEligibilityScheduleInstance")
}

// serveTransitiveMembers answers for the groups the fixture knows members
// of: role-assignable groups in the role data, and the groups Conditional
// Access policies include or exclude.
func serveTransitiveMembers(s *Server, rc *reqCtx) graphResp {
	id := rc.params[0]
	var members []tenant.Principal
	found := false
	for _, l := range [][]tenant.RoleAssignment{s.fixture.Data.RoleAssignments.Items, s.fixture.Data.RoleEligibilities.Items} {
		for _, a := range l {
			if a.Principal.Type == "group" && strings.EqualFold(a.Principal.ID, id) {
				members, found = a.GroupMembers, true
			}
		}
	}
	for _, p := range s.fixture.Data.ConditionalAccess.Items {
		for _, g := range p.Groups {
			if strings.EqualFold(g.ID, id) {
				members, found = g.Members, true
			}
		}
	}
	if !found {
		return s.errorResp(notFound("Resource '"+id+"' does not exist or one of its queried reference-property objects are not present."), rc.requestID)
	}
	return s.list(rc, listSpec{entity: "microsoft.graph.directoryObject", context: "directoryObjects",
		items: encodeAll(members, encPrincipal), known: set("id", "displayName", "userPrincipalName", "accountEnabled", "mail")})
}

func serveDevices(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.device", context: "devices",
		items: s.cached("devices", func() []map[string]any { return encodeAll(s.fixture.Data.Devices.Items, encDevice) }), known: keysOf(encDevice(tenant.Device{})),
		filterable: set("operatingSystem", "trustType", "accountEnabled"), directory: true,
		expand: map[string]func(map[string]any) any{"registeredOwners": s.registeredOwners()}})
}

// registeredOwners expands a device's registered owners as Graph does: a
// list of directory objects, each a user here.
func (s *Server) registeredOwners() func(map[string]any) any {
	s.index()
	return func(e map[string]any) any {
		out := []map[string]any{}
		for _, id := range s.ownersByDevice[e["id"].(string)] {
			m := map[string]any{"@odata.type": "#microsoft.graph.user", "id": id}
			if u := s.findUser(id); u != nil {
				m = encUser(*u)
				m["@odata.type"] = "#microsoft.graph.user"
			}
			out = append(out, m)
		}
		return out
	}
}

func serveDeviceManagement(s *Server, rc *reqCtx) graphResp {
	// intuneAccountId is non-nullable in the metadata: even a tenant that
	// never set Intune up has one.
	st := tenant.IntuneState{ID: newDeterministicID(s.fixture.TenantID, 1), SubscriptionState: "pending",
		IntuneAccountID: newDeterministicID(s.fixture.TenantID, 4)}
	if v := s.fixture.Data.Intune.Value; v != nil {
		st = *v
	}
	return s.entity(rc, "deviceManagement", "microsoft.graph.deviceManagement", encIntune(st))
}

// serveManagedDevices pages at 1,000, Intune's default: the List page does
// not say, a Microsoft engineer did ("a default limit of 1000 items in the
// response", microsoftgraph/powershell-intune-samples#2), and scripts in the
// field see pages of 1,000.
func serveManagedDevices(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.managedDevice", context: "deviceManagement/managedDevices", defaultPage: intunePage,
		items: s.cached("managedDevices", func() []map[string]any { return encodeAll(s.fixture.Data.ManagedDevices.Items, encManagedDevice) }), known: keysOf(encManagedDevice(tenant.ManagedDevice{}))})
}

func serveGroups(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.group", context: "groups",
		items: s.cached("groups", func() []map[string]any { return encodeAll(s.fixture.Data.Groups.Items, encGroup) }), known: keysOf(encGroup(tenant.Group{})),
		filterable: set("groupTypes", "mailEnabled", "securityEnabled")})
}

func (s *Server) findGroup(id string) *tenant.Group {
	s.index()
	return s.groupByID[strings.ToLower(id)]
}

func serveGroupOwners(s *Server, rc *reqCtx) graphResp {
	g := s.findGroup(rc.params[0])
	if g == nil {
		return s.errorResp(notFound("Resource '"+rc.params[0]+"' does not exist or one of its queried reference-property objects are not present."), rc.requestID)
	}
	return s.list(rc, listSpec{entity: "microsoft.graph.directoryObject", context: "directoryObjects",
		items: encodeAll(g.Owners, encPrincipal), known: set("id", "displayName", "userPrincipalName", "accountEnabled", "mail")})
}

func serveGroupSite(s *Server, rc *reqCtx) graphResp {
	g := s.findGroup(rc.params[0])
	if g == nil || g.RootSite == nil {
		return s.errorResp(&apiError{status: 404, code: "itemNotFound", message: "Requested site could not be found"}, rc.requestID)
	}
	site := tenant.Site{ID: g.RootSite.ID, WebURL: g.RootSite.WebURL}
	for _, st := range s.fixture.Data.Sites.Items {
		if st.ID == g.RootSite.ID {
			site = st
		}
	}
	return s.entity(rc, "sites", "microsoft.graph.site", encSite(site))
}

func serveAllSites(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.site", context: "sites",
		items: s.cached("sites", func() []map[string]any { return encodeAll(s.fixture.Data.Sites.Items, encSite) }), known: keysOf(encSite(tenant.Site{}))})
}

// serveSearchSites is the delegated way to list sites; like the search index it
// leaves out personal sites.
func serveSearchSites(s *Server, rc *reqCtx) graphResp {
	if _, ok := rc.q.get("search"); !ok {
		return s.errorResp(badRequest("Listing sites without 'search' needs application permissions in the emulator."), rc.requestID)
	}
	var items []map[string]any
	for _, st := range s.fixture.Data.Sites.Items {
		if !st.IsPersonalSite {
			items = append(items, encSite(st))
		}
	}
	return s.list(rc, listSpec{entity: "microsoft.graph.site", context: "sites", items: items, known: keysOf(encSite(tenant.Site{}))})
}

func serveReportSettings(s *Server, rc *reqCtx) graphResp {
	v := s.fixture.Data.ReportSettings.Value
	concealed := v == nil || v.DisplayConcealedNames // on by default since 2021
	return s.entity(rc, "admin/reportSettings", "microsoft.graph.adminReportSettings",
		map[string]any{"id": newDeterministicID(s.fixture.TenantID, 2), "displayConcealedNames": concealed})
}

func serveSecurityDefaults(s *Server, rc *reqCtx) graphResp {
	enabled := false
	if v := s.fixture.Data.SecurityDefaults.Value; v != nil {
		enabled = v.IsEnabled
	}
	return s.entity(rc, "policies/identitySecurityDefaultsEnforcementPolicy", "microsoft.graph.identitySecurityDefaultsEnforcementPolicy",
		map[string]any{"id": "00000000-0000-0000-0000-000000000005", "displayName": "Security Defaults",
			"description": "Security defaults is a set of basic identity security mechanisms recommended by Microsoft.", "isEnabled": enabled})
}

func serveConditionalAccess(s *Server, rc *reqCtx) graphResp {
	return s.list(rc, listSpec{entity: "microsoft.graph.conditionalAccessPolicy", context: "identity/conditionalAccess/policies",
		items: encodeAll(s.fixture.Data.ConditionalAccess.Items, encCA), known: keysOf(encCA(tenant.ConditionalAccess{})),
		filterable: set("state")})
}

func serveAuthMethodsPolicy(s *Server, rc *reqCtx) graphResp {
	p := tenant.AuthMethodsPolicy{}
	if v := s.fixture.Data.AuthMethodsPolicy.Value; v != nil {
		p = *v
	}
	return s.entity(rc, "policies/authenticationMethodsPolicy", "microsoft.graph.authenticationMethodsPolicy", encAuthMethodsPolicy(p))
}

// serveGroupSettings lists directory settings; a tenant that never changed
// the Microsoft 365 group settings has none (the defaults apply).
func serveGroupSettings(s *Server, rc *reqCtx) graphResp {
	var items []map[string]any
	if v := s.fixture.Data.GroupSettings.Value; v != nil && v.Configured {
		items = append(items, map[string]any{"id": newDeterministicID(s.fixture.TenantID, 3), "displayName": "Group.Unified",
			"templateId": "62375ab9-6b52-47ed-826b-58e47e0e304b", "values": []any{
				map[string]any{"name": "EnableGroupCreation", "value": fmt.Sprint(v.EnableGroupCreation)},
				map[string]any{"name": "GroupCreationAllowedGroupId", "value": v.AllowedGroupID}}})
	}
	return s.list(rc, listSpec{entity: "microsoft.graph.groupSetting", context: "groupSettings", items: items,
		known: set("id", "displayName", "templateId", "values")})
}

func serveSecureScores(s *Server, rc *reqCtx) graphResp {
	enc := func(v tenant.SecureScore) map[string]any {
		return map[string]any{"id": s.fixture.TenantID + "_" + fmt.Sprint(ts(v.CreatedDateTime)), "azureTenantId": s.fixture.TenantID,
			"createdDateTime": ts(v.CreatedDateTime), "currentScore": v.CurrentScore, "maxScore": v.MaxScore,
			"activeUserCount": 0, "licensedUserCount": 0, "enabledServices": []any{}, "averageComparativeScores": []any{}, "controlScores": []any{}}
	}
	return s.list(rc, listSpec{entity: "microsoft.graph.secureScore", context: "security/secureScores",
		items: encodeAll(s.fixture.Data.SecureScores.Items, enc), known: keysOf(enc(tenant.SecureScore{}))})
}
