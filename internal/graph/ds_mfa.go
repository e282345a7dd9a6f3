package graph

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/reports"

	"github.com/m365ready/m365ready/internal/tenant"
)

// registrationPageSize is the page asked of the registration report.
// Microsoft's v1.0 metadata marks the type as taking $top (the
// Org.OData.Capabilities.V1.TopSupported annotation on
// microsoft.graph.userRegistrationDetails, served at
// https://graph.microsoft.com/v1.0/$metadata) without documenting a
// maximum; 999 is the directory's maximum and what public clients send.
// At 5 requests per 10 s, 999 rows a page instead of the default 100 makes
// a 10,000-person tenant 11 requests instead of 100.
const registrationPageSize int32 = 999

// collectRegistrationReport reads the registration report, which needs Entra
// ID P1. Disabled accounts are absent from it by design.
func collectRegistrationReport(ctx context.Context, c *client) ([]tenant.MFARegistration, error) {
	top := registrationPageSize
	out, err := readRegistrationReport(ctx, c, &top)
	if !badRequest(err) {
		return out, err
	}
	// Should Graph ever refuse the option, it costs one request, not the
	// dataset: read again at the default page size. Graph's wording for a
	// refused option is not documented, so no message is matched: the
	// option is taken to be refused when the same request without it
	// answers, and only then is it said.
	retry, rerr := readRegistrationReport(ctx, c, nil)
	if rerr != nil {
		return out, err
	}
	c.stats.fallback(tenant.DatasetMFARegistration, fmt.Sprintf("$top=%d", registrationPageSize))
	return retry, nil
}

// badRequest reports a 400 answer.
func badRequest(err error) bool {
	ge, ok := asGraphError(err)
	return ok && ge.status == http.StatusBadRequest
}

func readRegistrationReport(ctx context.Context, c *client, top *int32) ([]tenant.MFARegistration, error) {
	out := []tenant.MFARegistration{}
	// No $select: the type's metadata does not annotate it.
	b := c.sdk.Reports().AuthenticationMethods().UserRegistrationDetails()
	var cfg *reports.AuthenticationMethodsUserRegistrationDetailsRequestBuilderGetRequestConfiguration
	if top != nil {
		cfg = &reports.AuthenticationMethodsUserRegistrationDetailsRequestBuilderGetRequestConfiguration{
			QueryParameters: &reports.AuthenticationMethodsUserRegistrationDetailsRequestBuilderGetQueryParameters{Top: top}}
	}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.UserRegistrationDetailsable], error) { return b.Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.UserRegistrationDetailsable], error) {
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(r models.UserRegistrationDetailsable) error {
			v := tenant.MFARegistration{UserID: deref(r.GetId()), UserPrincipalName: deref(r.GetUserPrincipalName()),
				UserDisplayName: deref(r.GetUserDisplayName()), Methods: commonAll(r.GetMethodsRegistered()),
				IsMFARegistered: deref(r.GetIsMfaRegistered()), IsMFACapable: r.GetIsMfaCapable(), IsAdmin: r.GetIsAdmin(),
				IsPasswordlessCapable: r.GetIsPasswordlessCapable(), IsSSPRRegistered: r.GetIsSsprRegistered(), IsSSPRCapable: r.GetIsSsprCapable(),
				IsSSPREnabled: r.GetIsSsprEnabled()}
			if t := r.GetUserType(); t != nil {
				v.UserType = t.String()
			}
			// "none" is Graph's word for no preferred method; the snapshot leaves it empty.
			if m := r.GetUserPreferredMethodForSecondaryAuthentication(); m != nil && m.String() != "none" {
				v.DefaultMethod = m.String()
			}
			if t := r.GetLastUpdatedDateTime(); t != nil {
				tt := t.UTC()
				v.LastUpdated = &tt
			}
			out = append(out, v)
			return nil
		})
	return out, err
}

// strongMethods are the report-vocabulary methods that count as a second
// factor. Password and email never do: email is for self-service password
// reset only (https://learn.microsoft.com/entra/identity/authentication/concept-authentication-methods).
var weakMethods = map[string]bool{"email": true, "password": true, "securityQuestion": true}

// methodName maps an authentication method object to the registration
// report's vocabulary, so both sources read the same downstream.
func methodName(m models.AuthenticationMethodable) string {
	switch v := m.(type) {
	case models.PasswordAuthenticationMethodable:
		return ""
	case models.PhoneAuthenticationMethodable:
		switch t := v.GetPhoneType(); {
		case t == nil:
			return "mobilePhone"
		case *t == models.ALTERNATEMOBILE_AUTHENTICATIONPHONETYPE:
			return "alternateMobilePhone"
		case *t == models.OFFICE_AUTHENTICATIONPHONETYPE:
			return "officePhone"
		}
		return "mobilePhone"
	case models.MicrosoftAuthenticatorAuthenticationMethodable:
		return "microsoftAuthenticatorPush"
	case models.Fido2AuthenticationMethodable:
		return "fido2SecurityKey"
	case models.WindowsHelloForBusinessAuthenticationMethodable:
		return "windowsHelloForBusiness"
	case models.SoftwareOathAuthenticationMethodable:
		return "softwareOneTimePasscode"
	case models.TemporaryAccessPassAuthenticationMethodable:
		return "temporaryAccessPass"
	case models.EmailAuthenticationMethodable:
		return "email"
	case models.PlatformCredentialAuthenticationMethodable:
		return "platformCredential"
	}
	if t := m.GetOdataType(); t != nil {
		return strings.TrimSuffix(strings.TrimPrefix(*t, "#microsoft.graph."), "AuthenticationMethod")
	}
	return "unknown"
}

// collectMethodsPerUser is the fallback without Entra ID P1: per-person
// method lookups for enabled members, 20 per $batch. Guests and disabled
// accounts are not looked up and so stay unknown.
func collectMethodsPerUser(ctx context.Context, c *client, people []tenant.User) (regs []tenant.MFARegistration, failed int, firstFailure error) {
	var jobs []batchJob
	byID := map[string]tenant.User{}
	for _, u := range people {
		if !u.AccountEnabled || !strings.EqualFold(u.UserType, "Member") {
			continue
		}
		info, err := c.sdk.Users().ByUserId(u.ID).Authentication().Methods().ToGetRequestInformation(ctx, nil)
		if err != nil {
			return nil, 0, err
		}
		jobs = append(jobs, batchJob{key: u.ID, info: info})
		byID[u.ID] = u
	}
	results := map[string]tenant.MFARegistration{}
	var firstErr error
	err := c.runBatches(ctx, jobs, func(r batchResult) error {
		if r.err != nil {
			if firstErr == nil {
				firstErr = r.err
			}
			return nil
		}
		coll, err := decodeBatch[models.AuthenticationMethodCollectionResponseable](r, models.CreateAuthenticationMethodCollectionResponseFromDiscriminatorValue)
		if err != nil {
			return err
		}
		u := byID[r.key]
		v := tenant.MFARegistration{UserID: u.ID, UserPrincipalName: u.UserPrincipalName, UserDisplayName: u.DisplayName,
			UserType: strings.ToLower(u.UserType), Methods: []string{}}
		for _, m := range coll.GetValue() {
			name := methodName(m)
			if name == "" {
				continue
			}
			v.Methods = append(v.Methods, name)
			if !weakMethods[name] {
				v.IsMFARegistered = true
			}
		}
		results[r.key] = v
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	// A person whose lookup failed is left out, and so reads as unknown to
	// the checks (never as "no method"); the caller says how many. Only when
	// every lookup failed is the dataset itself lost.
	if firstErr != nil && len(results) == 0 && len(jobs) > 0 {
		return nil, 0, firstErr
	}
	out := make([]tenant.MFARegistration, 0, len(results))
	for _, j := range jobs {
		if v, ok := results[j.key]; ok {
			out = append(out, v)
		}
	}
	return out, len(jobs) - len(results), firstErr
}
