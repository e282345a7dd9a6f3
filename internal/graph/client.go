package graph

import (
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	abs "github.com/microsoft/kiota-abstractions-go"
	kiotaauth "github.com/microsoft/kiota-authentication-azure-go"
	khttp "github.com/microsoft/kiota-http-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"
	"github.com/microsoftgraph/msgraph-sdk-go/models/odataerrors"
)

// registerErrors makes errors on later pages and in batch items decode as
// ODataError. The registry is process-global and refuses a second registration.
var registerErrors = sync.OnceFunc(func() {
	m := abs.ErrorMappings{"XXX": odataerrors.CreateODataErrorFromDiscriminatorValue,
		"4XX": odataerrors.CreateODataErrorFromDiscriminatorValue, "5XX": odataerrors.CreateODataErrorFromDiscriminatorValue}
	_ = msgraphcore.RegisterError(msgraphcore.PageIteratorErrorRegistryKey, m)
	_ = msgraphcore.RegisterError(msgraphcore.BatchRequestErrorRegistryKey, m)
})

// client bundles the SDK client with what the collectors need beside it.
type client struct {
	sdk     *msgraphsdk.GraphServiceClient
	adapter *msgraphsdk.GraphRequestAdapter
	stats   *Stats
	retries int
	// batchParallel is how many $batch requests one dataset keeps in flight.
	batchParallel int
	// gates pace each throttling service (throttle.go).
	gates *gates
	log   *slog.Logger
}

func newClient(cred azcore.TokenCredential, ep *endpoints, retries int, w *wireTransport) (*client, error) {
	registerErrors()
	auth, err := kiotaauth.NewAzureIdentityAuthenticationProviderWithScopesAndValidHosts(cred, []string{ep.scope}, []string{hostname(ep.graphHost)})
	if err != nil {
		return nil, fmt.Errorf("auth provider: %w", err)
	}
	gopts := msgraphsdk.GetDefaultClientOptions()
	g := newGates()
	// kiota assembles its default chain from a map, so its order changes from
	// run to run, and a retried POST /$batch then goes out with a consumed
	// body (the emulator's throttling test caught it). The chain is built in a
	// fixed order, outermost first: compress once, then retry, replaying the
	// compressed bytes on every attempt. Our own retry handler stands where
	// kiota's would (throttle.go says why).
	mw := []khttp.Middleware{
		msgraphcore.NewGraphTelemetryHandler(&gopts),
		khttp.NewUrlReplaceHandler(true, msgraphcore.ReplacementPairs),
		khttp.NewRedirectHandler(),
		khttp.NewCompressionHandler(),
		throttleRetry{max: retries, gates: g},
		replayBody{},
		khttp.NewParametersNameDecodingHandler(),
		khttp.NewUserAgentHandler(),
		khttp.NewHeadersInspectionHandler(),
	}
	hc := &http.Client{
		Transport: khttp.NewCustomTransportWithParentTransport(w, mw...),
		// kiota's RedirectHandler follows the report's 302 and drops the
		// Authorization header on a new origin; net/http must not follow first.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	adapter, err := msgraphsdk.NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(auth, nil, nil, hc)
	if err != nil {
		return nil, fmt.Errorf("request adapter: %w", err)
	}
	adapter.SetBaseUrl(ep.graphBase)
	return &client{sdk: serviceClient(adapter), adapter: adapter, stats: w.stats, retries: retries, batchParallel: 4, gates: g, log: w.log}, nil
}

func hostname(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// registerSDK is the SDK's process-wide set-up, done once.
var registerSDK sync.Once

// serviceClient is msgraphsdk.NewGraphServiceClient without its data race.
// That constructor registers the default serializers in global maps and
// sets the global backing-store factory every time it runs, without a lock,
// while other clients' requests read them: a fleet audits tenants in
// parallel, each with its own client, and the race detector caught it
// (concurrent map writes can kill the process). The first client is built
// by the SDK, which does that set-up; the others are built as it builds
// them, minus the global writes.
func serviceClient(adapter *msgraphsdk.GraphRequestAdapter) *msgraphsdk.GraphServiceClient {
	var first *msgraphsdk.GraphServiceClient
	registerSDK.Do(func() { first = msgraphsdk.NewGraphServiceClient(adapter) })
	if first != nil {
		return first
	}
	adapter.EnableBackingStore(nil) // this adapter's parse nodes only; nil leaves the global alone
	b := abs.NewBaseRequestBuilder(adapter, "{+baseurl}", map[string]string{"baseurl": adapter.GetBaseUrl()})
	return &msgraphsdk.GraphServiceClient{GraphBaseServiceClient: msgraphsdk.GraphBaseServiceClient{BaseRequestBuilder: *b}}
}
