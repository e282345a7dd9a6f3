package graph

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/microsoftgraph/msgraph-sdk-go/auditlogs"
	"github.com/microsoftgraph/msgraph-sdk-go/models"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
)

// signInPage is the sign-in log's largest (and default) page
// (https://learn.microsoft.com/graph/api/signin-list).
var signInPage int32 = 1000

// errPageBudget stops paging when the budget is spent.
var errPageBudget = errors.New("page budget spent")

// collectSignInLog reads the last days of the sign-in log, newest first,
// filtered by time on the server and folded per person and Windows device,
// stopping after pages pages. It is throttled with the other identity
// reports (5 requests in 10 s), so the budget is what bounds its cost.
func collectSignInLog(ctx context.Context, c *client, now time.Time, days, pages int) (tenant.SignInLog, error) {
	if days <= 0 {
		days = collect.DefaultSignInLogDays
	}
	if pages <= 0 {
		pages = collect.DefaultSignInLogPages
	}
	since := now.UTC().Add(-time.Duration(days) * 24 * time.Hour).Truncate(time.Second)
	filter := "createdDateTime ge " + since.Format(time.RFC3339)
	log := tenant.SignInLog{Since: since, Days: days, Devices: []tenant.SignInDevice{}}
	b := c.sdk.AuditLogs().SignIns()
	cfg := &auditlogs.SignInsRequestBuilderGetRequestConfiguration{QueryParameters: &auditlogs.SignInsRequestBuilderGetQueryParameters{
		Filter: &filter, Top: &signInPage,
		Select: []string{"id", "createdDateTime", "userId", "userPrincipalName", "deviceDetail"}}}
	folded := map[[2]string]*tenant.SignInDevice{}
	err := forEachPage(ctx,
		func(ctx context.Context) (page[models.SignInable], error) {
			log.Pages++
			return b.Get(ctx, cfg)
		},
		func(ctx context.Context, l string) (page[models.SignInable], error) {
			if log.Pages >= pages {
				return nil, errPageBudget
			}
			log.Pages++
			return b.WithUrl(l).Get(ctx, nil)
		},
		func(s models.SignInable) error {
			log.Events++
			at := utcPtr(s.GetCreatedDateTime())
			if at != nil && (log.OldestRead == nil || at.Before(*log.OldestRead)) {
				log.OldestRead = at
			}
			d := s.GetDeviceDetail()
			if d == nil || !strings.HasPrefix(strings.ToLower(deref(d.GetOperatingSystem())), "windows") {
				return nil
			}
			log.Windows++
			key := [2]string{deref(s.GetUserId()), strings.ToLower(deref(d.GetDeviceId()))}
			v := folded[key]
			if v == nil {
				v = &tenant.SignInDevice{UserID: key[0], UserPrincipalName: deref(s.GetUserPrincipalName()), DeviceID: deref(d.GetDeviceId()),
					DeviceName: deref(d.GetDisplayName()), OperatingSystem: deref(d.GetOperatingSystem()), TrustType: deref(d.GetTrustType())}
				folded[key] = v
			}
			v.Count++
			if at != nil {
				if v.First == nil || at.Before(*v.First) {
					v.First = at
				}
				if v.Last == nil || at.After(*v.Last) {
					v.Last = at
				}
			}
			return nil
		})
	switch {
	case errors.Is(err, errPageBudget):
	case err != nil:
		return tenant.SignInLog{}, err
	default:
		log.Complete = true
	}
	for _, v := range folded {
		log.Devices = append(log.Devices, *v)
	}
	sort.Slice(log.Devices, func(i, j int) bool {
		a, b := log.Devices[i], log.Devices[j]
		if a.UserID != b.UserID {
			return a.UserID < b.UserID
		}
		return a.DeviceID < b.DeviceID
	})
	return log, nil
}
