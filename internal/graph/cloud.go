package graph

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/m365ready/m365ready/internal/collect"
)

// cloudEndpoints are Graph and the authority for one national cloud
// (https://learn.microsoft.com/graph/deployments).
type cloudEndpoints struct {
	graphRoot string // also the token audience
	authority cloud.Configuration
}

// The Graph roots are collect's table (consent-url reads it without the
// SDK); the authorities are the SDK's own, and a test holds collect's
// authorities to them.
var clouds = map[string]cloudEndpoints{
	"global":   {collect.CloudHosts["global"].Graph, cloud.AzurePublic},
	"usgov":    {collect.CloudHosts["usgov"].Graph, cloud.AzureGovernment},
	"usgovdod": {collect.CloudHosts["usgovdod"].Graph, cloud.AzureGovernment},
	"china":    {collect.CloudHosts["china"].Graph, cloud.AzureChina},
}

// CloudNames lists the accepted --cloud values.
func CloudNames() []string { return collect.CloudNames }

// endpoints resolves the cloud and the custom overrides into the Graph base
// URL, the token scope and the authority configuration.
type endpoints struct {
	graphBase  string // with version, e.g. https://graph.microsoft.com/v1.0
	scope      string
	authority  cloud.Configuration
	customAuth bool // a custom authority: instance discovery must be off
	graphHost  string
}

func resolveEndpoints(cloudName, graphURL, authorityHost string) (*endpoints, error) {
	if cloudName == "" {
		cloudName = "global"
	}
	c, ok := clouds[strings.ToLower(cloudName)]
	if !ok {
		return nil, fmt.Errorf("unknown cloud %q: use one of %s", cloudName, strings.Join(CloudNames(), ", "))
	}
	e := &endpoints{graphBase: c.graphRoot + "/v1.0", scope: c.graphRoot + "/.default", authority: c.authority}
	if graphURL != "" {
		u, err := url.Parse(graphURL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return nil, fmt.Errorf("graph URL %q must be an absolute https URL", graphURL)
		}
		base := strings.TrimSuffix(u.String(), "/")
		if u.Path == "" || u.Path == "/" {
			base += "/v1.0"
		}
		e.graphBase = base
	}
	if authorityHost != "" {
		u, err := url.Parse(authorityHost)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return nil, fmt.Errorf("authority host %q must be an absolute https URL", authorityHost)
		}
		host := u.String()
		if !strings.HasSuffix(host, "/") {
			host += "/"
		}
		e.authority = cloud.Configuration{ActiveDirectoryAuthorityHost: host}
		e.customAuth = true
	}
	u, _ := url.Parse(e.graphBase)
	e.graphHost = u.Host
	return e, nil
}
