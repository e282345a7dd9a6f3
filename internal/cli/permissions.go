package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/internal/termtable"
)

// PermissionsOptions are the options of `m365ready permissions`.
type PermissionsOptions struct {
	Factory *Factory
	Format  dataFormat
}

const graphAppID = "00000003-0000-0000-c000-000000000000" // Microsoft Graph

// NewCmdPermissions builds `m365ready permissions`.
func NewCmdPermissions(f *Factory, runF func(*PermissionsOptions) error) *cobra.Command {
	opts := &PermissionsOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "permissions",
		Short: "List the least-privilege Graph permissions, per dataset and check, or print a command that grants them",
		Example: `  m365ready permissions
  m365ready permissions -o az-cli > grant.sh
  m365ready permissions -o powershell > grant.ps1
  m365ready permissions -o json`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := opts.Format.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return permissionsRun(opts)
		},
	}
	opts.Format.register(cmd.Flags(), "az-cli", "powershell")
	// --format was this command's flag before every command took -o.
	cmd.Flags().StringVar(&opts.Format.value, "format", "table", "")
	_ = cmd.Flags().MarkDeprecated("format", "use -o (the same values)")
	return cmd
}

// checksUsing maps a dataset to the checks that read it.
func checksUsing(d tenant.Dataset) []string {
	var ids []string
	for _, c := range checks.Builtin() {
		for _, x := range append(append([]tenant.Dataset{}, c.Requires...), c.Uses...) {
			if x == d {
				ids = append(ids, c.ID)
				break
			}
		}
	}
	return ids
}

func permissionsRun(opts *PermissionsOptions) error {
	w := opts.Factory.IOStreams.Out
	perms := collect.ApplicationPermissions()
	switch opts.Format.value {
	case "json":
		type row struct {
			Dataset             string   `json:"dataset"`
			Endpoint            string   `json:"endpoint"`
			Part                string   `json:"part"`
			SignIn              string   `json:"signIn"`
			Application         string   `json:"application,omitempty"`
			Delegated           string   `json:"delegated,omitempty"`
			AcceptedApplication []string `json:"acceptedApplication,omitempty"`
			AcceptedDelegated   []string `json:"acceptedDelegated,omitempty"`
			Roles               string   `json:"roles,omitempty"`
			Licence             string   `json:"licence,omitempty"`
			Why                 string   `json:"why"`
			Checks              []string `json:"checks"`
		}
		out := struct {
			Resource    string   `json:"resourceAppId"`
			Application []string `json:"applicationPermissions"`
			Datasets    []row    `json:"datasets"`
		}{Resource: graphAppID, Application: perms}
		for _, e := range collect.Endpoints() {
			out.Datasets = append(out.Datasets, row{Dataset: string(e.Dataset), Endpoint: e.Request(), Part: string(e.Part), SignIn: string(e.SignIn),
				Application: strings.Join(e.Least(true), " and "), Delegated: strings.Join(e.Least(false), " and "),
				AcceptedApplication: e.Accepted(true), AcceptedDelegated: e.Accepted(false),
				Roles: e.Roles, Licence: e.Licence, Why: e.Why, Checks: checksUsing(e.Dataset)})
		}
		return writeJSON(w, out)
	case "az-cli":
		return writeAzCLI(w, perms)
	case "powershell":
		return writePowerShell(w, perms)
	}
	ios := opts.Factory.IOStreams
	width := ios.TerminalWidth()
	// On a terminal the columns wrap to fit; to a file or a pipe each row is
	// one line.
	// A permission's name is not cut: narrower than that, each row is a
	// block of its own.
	wrap := func(h string, min int) termtable.Column { return termtable.Column{Header: h, Wrap: true, Min: min} }
	tb := termtable.New(width, ios.ColorEnabled(), termtable.Column{Header: "Dataset"}, wrap("Request", 24), wrap("Application", 33),
		wrap("Delegated", 33), wrap("Role (delegated)", 14), wrap("Licence", 12), wrap("Checks", 7))
	for _, e := range collect.Endpoints() {
		tb.Row(string(e.Dataset), e.Request(), collect.Dash(strings.Join(e.Least(true), " and ")), collect.Dash(strings.Join(e.Least(false), " and ")),
			collect.Dash(e.Roles), collect.Dash(e.Licence), strings.Join(checksUsing(e.Dataset), " "))
	}
	tb.Render(w)
	fmt.Fprintln(w)
	fmt.Fprintln(w, termtable.Indent("All application permissions: ", strings.Join(perms, ", "), width))
	fmt.Fprintln(w, termtable.Indent("", "Every permission is read-only. `-o az-cli` or `-o powershell` prints a script that grants them.", width))
	return nil
}

// The scripts look permission ids up by name in the tenant's own Microsoft
// Graph service principal, so no id is hard-coded here.
func writeAzCLI(w io.Writer, perms []string) error {
	fmt.Fprintf(w, `#!/usr/bin/env bash
# Creates an app registration for m365ready with read-only Microsoft Graph
# application permissions, and grants admin consent. Run after 'az login'
# as a Global Administrator or Privileged Role Administrator.
set -euo pipefail
GRAPH=%s
APP_ID=$(az ad app create --display-name "m365ready (read-only audit)" --query appId -o tsv)
az ad sp create --id "$APP_ID" >/dev/null
for PERM in %s; do
  ROLE_ID=$(az ad sp show --id "$GRAPH" --query "appRoles[?value=='$PERM'].id | [0]" -o tsv)
  az ad app permission add --id "$APP_ID" --api "$GRAPH" --api-permissions "$ROLE_ID=Role" >/dev/null
done
az ad app permission admin-consent --id "$APP_ID"
echo "AZURE_CLIENT_ID=$APP_ID"
echo "Now add a certificate (az ad app credential reset --id $APP_ID --create-cert) or a secret."
`, graphAppID, strings.Join(perms, " "))
	return nil
}

func writePowerShell(w io.Writer, perms []string) error {
	quoted := make([]string, len(perms))
	for i, p := range perms {
		quoted[i] = "'" + p + "'"
	}
	fmt.Fprintf(w, `# Creates an app registration for m365ready with read-only Microsoft Graph
# application permissions and grants admin consent (Microsoft Graph PowerShell).
Connect-MgGraph -Scopes 'Application.ReadWrite.All','AppRoleAssignment.ReadWrite.All'
$graph = Get-MgServicePrincipal -Filter "appId eq '%s'"
$perms = @(%s)
$access = foreach ($p in $perms) {
    $role = $graph.AppRoles | Where-Object { $_.Value -eq $p -and $_.AllowedMemberTypes -contains 'Application' }
    @{ Id = $role.Id; Type = 'Role' }
}
$app = New-MgApplication -DisplayName 'm365ready (read-only audit)' -RequiredResourceAccess @(@{ ResourceAppId = $graph.AppId; ResourceAccess = $access })
$sp = New-MgServicePrincipal -AppId $app.AppId
foreach ($a in $access) {
    New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -PrincipalId $sp.Id -ResourceId $graph.Id -AppRoleId $a.Id | Out-Null
}
"AZURE_CLIENT_ID=$($app.AppId)"
`, graphAppID, strings.Join(quoted, ", "))
	return nil
}
