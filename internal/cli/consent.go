package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/internal/collect"
)

// ConsentOptions are the options of `m365ready consent-url`.
type ConsentOptions struct {
	Factory     *Factory
	ClientID    string
	Tenant      string
	RedirectURI string
	Cloud       string
	State       string
}

// NewCmdConsentURL builds `m365ready consent-url`.
func NewCmdConsentURL(f *Factory, runF func(*ConsentOptions) error) *cobra.Command {
	opts := &ConsentOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "consent-url",
		Short: "Print the admin-consent link a customer's Global Administrator opens once for the MSP's multi-tenant app",
		Example: `  m365ready consent-url --client-id 11111111-2222-3333-4444-555555555555 --tenant contoso.onmicrosoft.com
  m365ready consent-url --client-id … --tenant … --redirect-uri https://msp.example/consented --cloud usgov`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			if opts.ClientID == "" || opts.Tenant == "" {
				return usageErrorf("consent-url needs --client-id (the MSP's multi-tenant app) and --tenant (the customer's tenant id or domain)")
			}
			if err := checkHTTPSURL(opts.RedirectURI); err != nil && !strings.HasPrefix(opts.RedirectURI, "http://localhost") {
				return usageErrorf("--redirect-uri %q: %v", opts.RedirectURI, err)
			}
			if runF != nil {
				return runF(opts)
			}
			return consentRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.ClientID, "client-id", "", "the MSP's multi-tenant app (application id)")
	cmd.Flags().StringVar(&opts.Tenant, "tenant", "", "the customer's tenant id or verified domain")
	cmd.Flags().StringVar(&opts.RedirectURI, "redirect-uri", "https://localhost", "where Entra sends the administrator afterwards: a redirect URI registered on the app (Web)")
	cmd.Flags().StringVar(&opts.Cloud, "cloud", "global", "national cloud: global, usgov, usgovdod or china")
	cmd.Flags().StringVar(&opts.State, "state", "", "an opaque value returned with the redirect (e.g. the customer's alias)")
	return cmd
}

func consentRun(opts *ConsentOptions) error {
	u, err := collect.ConsentURL(strings.ToLower(opts.Cloud), opts.Tenant, opts.ClientID, opts.RedirectURI, opts.State)
	if err != nil {
		return &UsageError{Err: err}
	}
	ios := opts.Factory.IOStreams
	fmt.Fprintln(ios.Out, u)
	if !opts.Factory.Quiet {
		fmt.Fprintf(ios.ErrOut, "The link grants the application permissions configured on the app registration; "+
			"they must be exactly these (Microsoft Graph, Application): %s\n", strings.Join(collect.ApplicationPermissions(), ", "))
	}
	return nil
}
