package graph

import (
	"context"

	"github.com/microsoftgraph/msgraph-sdk-go/models"
	"github.com/microsoftgraph/msgraph-sdk-go/users"

	"github.com/m365ready/m365ready/internal/tenant"
)

// signInPageSize is what Microsoft recommends with signInActivity, "500 users
// per page" (https://learn.microsoft.com/graph/throttling-limits, identity and
// access reports).
var signInPageSize int32 = 500

// collectSignInActivity is a separate pass over users: without Entra ID P1 it
// fails as a whole, and the rest of the user data must not fail with it.
func collectSignInActivity(ctx context.Context, c *client) ([]tenant.SignInActivity, error) {
	out := []tenant.SignInActivity{}
	cfg := &users.UsersRequestBuilderGetRequestConfiguration{QueryParameters: &users.UsersRequestBuilderGetQueryParameters{
		Select: []string{"id", "signInActivity"}, Top: &signInPageSize}}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.Userable], error) { return c.sdk.Users().Get(ctx, cfg) },
		func(ctx context.Context, l string) (page[models.Userable], error) {
			return c.sdk.Users().WithUrl(l).Get(ctx, nil)
		},
		func(u models.Userable) error {
			a := tenant.SignInActivity{UserID: deref(u.GetId())}
			if s := u.GetSignInActivity(); s != nil {
				a.LastSignIn = utcPtr(s.GetLastSignInDateTime())
				a.LastNonInteractiveSignIn = utcPtr(s.GetLastNonInteractiveSignInDateTime())
				a.LastSuccessfulSignIn = utcPtr(s.GetLastSuccessfulSignInDateTime())
			}
			out = append(out, a)
			return nil
		})
	return out, err
}
