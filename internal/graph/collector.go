// Package graph is the only package that talks to Microsoft Graph: it signs
// in with azidentity, collects through msgraph-sdk-go, and converts what it
// reads into tenant snapshot values page by page. Nothing else in the module
// imports the SDK, kiota or azidentity.
package graph

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/skus"
	"github.com/m365ready/m365ready/internal/tenant"
)

// Defaults for collection.
const (
	DefaultRetries        = 5
	DefaultConcurrency    = 4
	DefaultRequestTimeout = 100 * time.Second
)

// Collector implements collect.Collector against Microsoft Graph.
type Collector struct {
	// Prompt receives device-code instructions (stderr in the CLI).
	Prompt io.Writer
}

// New returns a collector that prints sign-in prompts to stderr.
func New() *Collector { return &Collector{Prompt: os.Stderr} }

// Collect signs in, then reads every requested dataset, at most
// opts.Concurrency at a time. A dataset Graph refuses is recorded in its
// status and the rest go on; only sign-in failures and cancellation stop it.
func (col *Collector) Collect(ctx context.Context, opts collect.Options) (*tenant.Snapshot, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cl, mode, _, err := col.connect(ctx, opts, log)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	snap := tenant.New(now())
	snap.Source = tenant.Source{Tool: opts.Tool, Cloud: cloudLabel(opts), GraphURL: cl.adapter.GetBaseUrl(),
		AuthMode: string(mode), AppOnly: mode.AppOnly(), Demo: opts.Demo}
	for _, d := range tenant.AllDatasets() {
		snap.StatusOf(d).State = tenant.StateNotRequested
	}
	start := time.Now()
	durations := map[tenant.Dataset]time.Duration{}
	cl.stats.progress = opts.Progress
	ctx = context.WithValue(ctx, statsKey{}, cl.stats)
	if err := run(ctx, cl, snap, wanted(opts.Datasets), mode.AppOnly(), opts.Concurrency, log, durations,
		func(ctx context.Context) (tenant.SignInLog, error) {
			return collectSignInLog(ctx, cl, snap.CollectedAt, opts.SignInLogDays, opts.SignInLogPages)
		}); err != nil {
		return nil, err
	}
	snap.Budget = budget(cl.stats, durations, time.Since(start))
	log.Info("collected", "summary", budgetLine(snap.Budget))
	return snap, nil
}

// connect resolves the endpoints, signs in once, and builds the SDK client.
func (col *Collector) connect(ctx context.Context, opts collect.Options, log *slog.Logger) (*client, collect.AuthMode, string, error) {
	ep, err := resolveEndpoints(opts.Cloud, opts.GraphURL, opts.AuthorityHost)
	if err != nil {
		return nil, "", "", err
	}
	var tlsCfg *tls.Config
	if opts.RootCAs != nil {
		tlsCfg = &tls.Config{RootCAs: opts.RootCAs, MinVersion: tls.VersionTLS12}
	}
	base := baseTransport(tlsCfg)
	mode := resolveMode(opts.Auth)
	prompt := func(msg string) {
		if col.Prompt != nil {
			fmt.Fprintln(col.Prompt, msg)
		}
	}
	cred, err := newCredential(mode, opts.Auth, ep, &http.Client{Transport: base}, prompt)
	if err != nil {
		return nil, "", "", signInError(mode, err)
	}
	log.Info("signing in", "mode", string(mode), "tenant", opts.Auth.TenantID, "graph", ep.graphBase)
	token, err := checkToken(ctx, mode, cred, ep.scope)
	if err != nil {
		return nil, "", "", err
	}
	retries := opts.MaxRetries
	if retries <= 0 {
		retries = DefaultRetries
	}
	timeout := opts.RequestTimeout
	if timeout <= 0 {
		timeout = DefaultRequestTimeout
	}
	wire := &wireTransport{base: base, timeout: timeout, stats: &Stats{}, log: log, graph: ep.graphHost}
	cl, err := newClient(cred, ep, retries, wire)
	if err != nil {
		return nil, "", "", err
	}
	return cl, mode, token, nil
}

func cloudLabel(o collect.Options) string {
	if o.GraphURL != "" {
		return "custom"
	}
	if o.Cloud == "" {
		return "global"
	}
	return o.Cloud
}

func wanted(list []tenant.Dataset) map[tenant.Dataset]bool {
	w := map[tenant.Dataset]bool{}
	if len(list) == 0 {
		list = tenant.AllDatasets()
	}
	for _, d := range list {
		w[d] = true
	}
	return w
}

// task collects one dataset into its own snapshot field.
type task struct {
	dataset tenant.Dataset
	run     func(ctx context.Context) error
}

// run collects the datasets. Each task writes only its own snapshot field.
func run(ctx context.Context, c *client, s *tenant.Snapshot, want map[tenant.Dataset]bool, appOnly bool, limit int, log *slog.Logger,
	durations map[tenant.Dataset]time.Duration, signInLog func(context.Context) (tenant.SignInLog, error)) error {
	var dmu sync.Mutex
	if limit <= 0 {
		limit = DefaultConcurrency
	}
	perm := func(d tenant.Dataset) string { return collect.NeededFor(d, "", appOnly) }
	// usersReady lets the MFA fallback wait for the user list.
	usersReady := make(chan struct{})
	var usersOnce sync.Once
	markUsers := func() { usersOnce.Do(func() { close(usersReady) }) }

	// Tasks start in list order, at most limit at a time. The users come
	// first (the MFA fallback waits for them); then the datasets whose time
	// is set by a throttling window rather than by their size (sign-in
	// activity at 10 pages a minute, the registration report at 5 per 10 s),
	// so the longest poles start at once instead of queueing behind
	// datasets that latency alone paces.
	tasks := []task{
		{tenant.DatasetOrganization, func(ctx context.Context) error {
			return one(&s.Organization, perm(tenant.DatasetOrganization), func() (tenant.Organization, error) { return collectOrganization(ctx, c) })
		}},
		{tenant.DatasetSubscribedSKUs, func(ctx context.Context) error {
			return list(&s.SubscribedSKUs, perm(tenant.DatasetSubscribedSKUs), func() ([]tenant.SubscribedSKU, error) { return collectSKUs(ctx, c) })
		}},
		{tenant.DatasetUsers, func(ctx context.Context) error {
			defer markUsers()
			return list(&s.Users, perm(tenant.DatasetUsers), func() ([]tenant.User, error) { return collectUsers(ctx, c) })
		}},
		{tenant.DatasetSignInActivity, func(ctx context.Context) error {
			return list(&s.SignInActivity, perm(tenant.DatasetSignInActivity), func() ([]tenant.SignInActivity, error) { return collectSignInActivity(ctx, c) })
		}},
		{tenant.DatasetMFARegistration, func(ctx context.Context) error { return collectMFA(ctx, c, s, appOnly, usersReady, want) }},
		{tenant.DatasetSignInLog, func(ctx context.Context) error {
			return one(&s.SignInLog, perm(tenant.DatasetSignInLog), func() (tenant.SignInLog, error) { return signInLog(ctx) })
		}},
		{tenant.DatasetRoleAssignments, func(ctx context.Context) error {
			return list(&s.RoleAssignments, perm(tenant.DatasetRoleAssignments), func() ([]tenant.RoleAssignment, error) {
				return collectRoleAssignments(ctx, c, appOnly)
			})
		}},
		{tenant.DatasetRoleEligibilities, func(ctx context.Context) error {
			return list(&s.RoleEligibilities, perm(tenant.DatasetRoleEligibilities), func() ([]tenant.RoleAssignment, error) {
				return collectRoleEligibilities(ctx, c, appOnly)
			})
		}},
		{tenant.DatasetDevices, func(ctx context.Context) error {
			err := list(&s.Devices, perm(tenant.DatasetDevices), func() ([]tenant.Device, error) { return collectDevices(ctx, c) })
			if s.Devices.Collected() {
				s.Devices.Source = tenant.DevicesWindowsOnly
			}
			return err
		}},
		{tenant.DatasetIntune, func(ctx context.Context) error {
			return one(&s.Intune, perm(tenant.DatasetIntune), func() (tenant.IntuneState, error) { return collectIntune(ctx, c) })
		}},
		{tenant.DatasetManagedDevices, func(ctx context.Context) error {
			return list(&s.ManagedDevices, perm(tenant.DatasetManagedDevices), func() ([]tenant.ManagedDevice, error) { return collectManagedDevices(ctx, c) })
		}},
		{tenant.DatasetGroups, func(ctx context.Context) error {
			return list(&s.Groups, perm(tenant.DatasetGroups), func() ([]tenant.Group, error) { return collectGroups(ctx, c, appOnly) })
		}},
		{tenant.DatasetSites, func(ctx context.Context) error {
			var source string
			err := list(&s.Sites, perm(tenant.DatasetSites), func() ([]tenant.Site, error) {
				out, src, err := collectSites(ctx, c, appOnly)
				source = src
				return out, err
			})
			s.Sites.Source = source
			if source == "search" && s.Sites.Collected() {
				s.Sites.Reason = "listed through SharePoint search (delegated sign-in): the search index may miss sites"
			}
			return err
		}},
		{tenant.DatasetSiteUsage, func(ctx context.Context) error {
			return list(&s.SiteUsage, perm(tenant.DatasetSiteUsage), func() ([]tenant.SiteUsage, error) { return collectSiteUsage(ctx, c) })
		}},
		{tenant.DatasetReportSettings, func(ctx context.Context) error {
			return one(&s.ReportSettings, perm(tenant.DatasetReportSettings), func() (tenant.ReportSettings, error) { return collectReportSettings(ctx, c) })
		}},
		{tenant.DatasetSecurityDefaults, func(ctx context.Context) error {
			return one(&s.SecurityDefaults, perm(tenant.DatasetSecurityDefaults), func() (tenant.SecurityDefaults, error) { return collectSecurityDefaults(ctx, c) })
		}},
		{tenant.DatasetConditionalAccess, func(ctx context.Context) error {
			return list(&s.ConditionalAccess, perm(tenant.DatasetConditionalAccess), func() ([]tenant.ConditionalAccess, error) {
				return collectConditionalAccess(ctx, c, appOnly)
			})
		}},
		{tenant.DatasetOneDriveUsage, func(ctx context.Context) error {
			return list(&s.OneDriveUsage, perm(tenant.DatasetOneDriveUsage), func() ([]tenant.OneDriveUsage, error) { return collectOneDriveUsage(ctx, c) })
		}},
		{tenant.DatasetGroupSettings, func(ctx context.Context) error {
			return one(&s.GroupSettings, perm(tenant.DatasetGroupSettings), func() (tenant.GroupCreation, error) { return collectGroupSettings(ctx, c) })
		}},
		{tenant.DatasetSecureScores, func(ctx context.Context) error {
			return list(&s.SecureScores, perm(tenant.DatasetSecureScores), func() ([]tenant.SecureScore, error) { return collectSecureScores(ctx, c) })
		}},
		{tenant.DatasetAuthMethodsPolicy, func(ctx context.Context) error {
			return one(&s.AuthMethodsPolicy, perm(tenant.DatasetAuthMethodsPolicy), func() (tenant.AuthMethodsPolicy, error) { return collectAuthMethodsPolicy(ctx, c) })
		}},
		{tenant.DatasetDeviceRegistration, func(ctx context.Context) error {
			return one(&s.DeviceRegistration, perm(tenant.DatasetDeviceRegistration), func() (tenant.DeviceRegistrationPolicy, error) {
				return collectDeviceRegistration(ctx, c)
			})
		}},
		{tenant.DatasetAuthorizationPolicy, func(ctx context.Context) error {
			return one(&s.AuthorizationPolicy, perm(tenant.DatasetAuthorizationPolicy), func() (tenant.AuthorizationPolicy, error) {
				return collectAuthorizationPolicy(ctx, c)
			})
		}},
		{tenant.DatasetLocalCredentials, func(ctx context.Context) error {
			return list(&s.LocalCredentials, perm(tenant.DatasetLocalCredentials), func() ([]tenant.LocalCredential, error) { return collectLocalCredentials(ctx, c) })
		}},
		{tenant.DatasetRecoveryKeys, func(ctx context.Context) error {
			return list(&s.RecoveryKeys, perm(tenant.DatasetRecoveryKeys), func() ([]tenant.RecoveryKey, error) { return collectRecoveryKeys(ctx, c) })
		}},
		{tenant.DatasetEnrollmentConfigs, func(ctx context.Context) error {
			return list(&s.EnrollmentConfigs, perm(tenant.DatasetEnrollmentConfigs), func() ([]tenant.EnrollmentConfig, error) { return collectEnrollmentConfigs(ctx, c) })
		}},
		{tenant.DatasetCompliancePolicies, func(ctx context.Context) error {
			return list(&s.CompliancePolicies, perm(tenant.DatasetCompliancePolicies), func() ([]tenant.CompliancePolicy, error) {
				return collectCompliancePolicies(ctx, c)
			})
		}},
		{tenant.DatasetAutopilotDevices, func(ctx context.Context) error {
			return list(&s.AutopilotDevices, perm(tenant.DatasetAutopilotDevices), func() ([]tenant.AutopilotDevice, error) { return collectAutopilotDevices(ctx, c) })
		}},
	}
	if !want[tenant.DatasetUsers] {
		markUsers()
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	// g.Go blocks until a slot is free and starts tasks in list order, so the
	// users task is running before the MFA task can wait for it.
	for _, t := range tasks {
		if !want[t.dataset] {
			continue
		}
		t := t
		body := func() error {
			started := time.Now()
			err := t.run(withDataset(gctx, t.dataset))
			dmu.Lock()
			durations[t.dataset] = time.Since(started)
			dmu.Unlock()
			st := s.StatusOf(t.dataset)
			if c.stats.progress != nil {
				c.stats.progress.Done(t.dataset, *st)
			}
			log.Debug("dataset", "name", string(t.dataset), "state", string(st.State), "count", st.Count,
				"duration", time.Since(started).Round(time.Millisecond))
			return err
		}
		g.Go(body)
	}
	return g.Wait()
}

// list runs fetch and records the outcome in l. Only cancellation is returned
// as an error; Graph failures become the dataset's status.
func list[T any](l *tenant.List[T], permission string, fetch func() ([]T, error)) error {
	items, err := fetch()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		l.Fail(classify(err, permission))
		return nil
	}
	l.Set(items)
	return nil
}

func one[T any](o *tenant.One[T], permission string, fetch func() (T, error)) error {
	v, err := fetch()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		o.Fail(classify(err, permission))
		return nil
	}
	o.Set(v)
	return nil
}

// collectMFA reads the registration report; on the non-premium answer it
// falls back to per-person method lookups, which need the user list.
func collectMFA(ctx context.Context, c *client, s *tenant.Snapshot, appOnly bool, usersReady <-chan struct{}, want map[tenant.Dataset]bool) error {
	reportPerm := collect.NeededFor(tenant.DatasetMFARegistration, "/reports/authenticationMethods/userRegistrationDetails", appOnly)
	items, err := collectRegistrationReport(ctx, c)
	if err == nil {
		s.MFARegistration.Set(items)
		s.MFARegistration.Source = tenant.MFASourceRegistrationReport
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	st := classify(err, reportPerm)
	if st.State != tenant.StateUnlicensed {
		s.MFARegistration.Fail(st)
		s.MFARegistration.Source = tenant.MFASourceRegistrationReport
		return nil
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-usersReady:
	}
	methodsPerm := collect.NeededFor(tenant.DatasetMFARegistration, "/users/{id}/authentication/methods", appOnly)
	people, uerr := s.Users.Get()
	if uerr != nil || !want[tenant.DatasetUsers] {
		s.MFARegistration.Fail(tenant.Status{State: tenant.StateFailed,
			Reason: "the registration report needs " + licenceP1 + " and the per-person fallback needs the user list, which was not collected"})
		s.MFARegistration.Source = tenant.MFASourceMethods
		return nil
	}
	regs, failed, err := collectMethodsPerUser(ctx, c, people)
	s.MFARegistration.Source = tenant.MFASourceMethods
	if err != nil && regs == nil {
		if errors.Is(err, context.Canceled) {
			return err
		}
		s.MFARegistration.Fail(classify(err, methodsPerm))
		s.MFARegistration.Source = tenant.MFASourceMethods // Fail resets the status
		return nil
	}
	s.MFARegistration.Set(regs)
	s.MFARegistration.Reason = "read per person because the tenant has no " + licenceP1 + "; guests and disabled accounts were not looked up"
	if failed > 0 {
		s.MFARegistration.Reason += fmt.Sprintf("; %d could not be looked up (%s) and count as unknown", failed, classify(err, methodsPerm).Describe())
	}
	return nil
}

// Preflight signs in, reads the token's permissions and the tenant's SKUs,
// and collects nothing else.
func (col *Collector) Preflight(ctx context.Context, opts collect.Options) (*collect.Access, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cl, mode, token, err := col.connect(ctx, opts, log)
	if err != nil {
		return nil, err
	}
	a := &collect.Access{AppOnly: mode.AppOnly(), Granted: tokenGrants(token)}
	list, err := collectSKUs(ctx, cl)
	if err != nil {
		a.SKUsError = classify(err, "Organization.Read.All").Describe()
		return a, nil
	}
	var caps skus.Capabilities
	for _, k := range list {
		if skus.Active(k) {
			caps = caps.Or(skus.OfSKU(k))
		}
	}
	a.P1, a.P2, a.Intune = &caps.P1, &caps.P2, &caps.Intune
	return a, nil
}

func budget(st *Stats, durations map[tenant.Dataset]time.Duration, total time.Duration) *tenant.Budget {
	b := &tenant.Budget{Requests: st.Requests.Load(), Throttled: st.Throttled.Load(), Retries: st.Retries.Load(),
		Bytes: st.Bytes.Load(), DurationMs: total.Milliseconds(), Datasets: []tenant.DatasetBudget{}}
	st.mu.Lock()
	b.Fallbacks = append([]tenant.QueryFallback(nil), st.fallbacks...)
	st.mu.Unlock()
	for _, d := range tenant.AllDatasets() {
		dur, ok := durations[d]
		if !ok {
			continue
		}
		req, thr := st.forDataset(d)
		b.Datasets = append(b.Datasets, tenant.DatasetBudget{Dataset: d, Requests: req, Throttled: thr, DurationMs: dur.Milliseconds()})
	}
	return b
}

// budgetLine is the one-line cost summary printed at the end of a run.
func budgetLine(b *tenant.Budget) string {
	var parts []string
	for _, d := range b.Datasets {
		parts = append(parts, fmt.Sprintf("%s %dms", d.Dataset, d.DurationMs))
	}
	line := fmt.Sprintf("%d requests, %d throttled, %d retries, %.1f KiB in %.1fs (%s)", b.Requests, b.Throttled, b.Retries,
		float64(b.Bytes)/1024, float64(b.DurationMs)/1000, strings.Join(parts, ", "))
	for _, f := range b.Fallbacks {
		line += fmt.Sprintf("; %s: Graph refused %s, read again without it", f.Dataset, f.Option)
	}
	return line
}
