package collect

import (
	"fmt"
	"net/url"
	"strings"
)

// CloudHosts are each national cloud's sign-in authority and Graph root
// (https://learn.microsoft.com/graph/deployments). internal/graph's own
// table, which the SDK uses, is held to this one by a test there.
var CloudHosts = map[string]struct{ Authority, Graph string }{
	"global":   {"https://login.microsoftonline.com", "https://graph.microsoft.com"},
	"usgov":    {"https://login.microsoftonline.us", "https://graph.microsoft.us"},
	"usgovdod": {"https://login.microsoftonline.us", "https://dod-graph.microsoft.us"},
	"china":    {"https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"},
}

// CloudNames are the national clouds, in the order messages list them.
var CloudNames = []string{"global", "usgov", "usgovdod", "china"}

// CloudList is CloudNames for a message: "global, usgov, usgovdod or china".
func CloudList() string {
	n := len(CloudNames)
	return strings.Join(CloudNames[:n-1], ", ") + " or " + CloudNames[n-1]
}

// ConsentURL is the admin-consent link a customer's Global Administrator
// opens once to grant an MSP's multi-tenant app its application
// permissions in their tenant (the Microsoft identity platform's v2.0
// adminconsent endpoint). Application permissions are granted through
// scope .default: the ones configured on the app registration, which must
// be ApplicationPermissions(). redirect must be registered on the app.
func ConsentURL(cloud, tenant, clientID, redirect, state string) (string, error) {
	h, ok := CloudHosts[cloud]
	if !ok {
		return "", fmt.Errorf("unknown cloud %q: use %s", cloud, CloudList())
	}
	q := url.Values{"client_id": {clientID}, "scope": {h.Graph + "/.default"}, "redirect_uri": {redirect}}
	if state != "" {
		q.Set("state", state)
	}
	return h.Authority + "/" + url.PathEscape(tenant) + "/v2.0/adminconsent?" + q.Encode(), nil
}
