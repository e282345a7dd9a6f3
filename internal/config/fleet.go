package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/m365ready/m365ready/internal/collect"
)

// FleetFile is tenants.yaml, the tenants `m365ready fleet` audits: defaults
// for every tenant (most often the MSP's one multi-tenant app), then each
// tenant with what differs.
type FleetFile struct {
	Defaults FleetTenantFile   `yaml:"defaults"`
	Tenants  []FleetTenantFile `yaml:"tenants"`
}

// FleetTenantFile is one tenant's entry as written.
type FleetTenantFile struct {
	Alias    string `yaml:"alias"`
	Tenant   string `yaml:"tenant"`
	ClientID string `yaml:"clientId"`
	// Auth is client-certificate (the default), client-secret or
	// workload-identity.
	Auth        string          `yaml:"auth"`
	Certificate *CredentialFile `yaml:"certificate"`
	Secret      *CredentialFile `yaml:"secret"`
	// TokenFile is the federated token for workload identity.
	TokenFile string   `yaml:"tokenFile"`
	Cloud     string   `yaml:"cloud"`
	Tags      []string `yaml:"tags"`
	// Config is the tenant's own m365ready.yaml (thresholds,
	// emergency-access accounts, accepted risks), used for this tenant
	// instead of --config; relative to tenants.yaml.
	Config string `yaml:"config"`
	// GraphURL and AuthorityHost point a tenant at a private test server
	// (an emulator, a proxy), as --graph-url and --authority-host do for
	// audit; https only. Real tenants leave them out and use cloud.
	GraphURL      string `yaml:"graphUrl"`
	AuthorityHost string `yaml:"authorityHost"`
}

// CredentialFile says where a secret or certificate comes from: an
// environment variable or a file, never the YAML itself.
type CredentialFile struct {
	Env  string `yaml:"env"`
	File string `yaml:"file"`
	// PasswordEnv names the variable holding a certificate's password.
	PasswordEnv string `yaml:"passwordEnv"`
}

// Fleet is a validated tenants.yaml.
type Fleet struct {
	Path    string
	Tenants []FleetTenant
}

// FleetTenant is one tenant to audit, defaults applied.
type FleetTenant struct {
	Alias, Tenant, ClientID, Auth, Cloud string
	Tags                                 []string
	Certificate, Secret                  *CredentialFile
	TokenFile                            string
	Config                               string // absolute, or empty
	GraphURL, AuthorityHost              string
	Line                                 int // where the entry starts in the file
}

// ErrInlineCredential is a secret or certificate written into the YAML.
var ErrInlineCredential = errors.New("a credential is never written in tenants.yaml")

// aliasRE: an alias names a directory under --out-dir, so it is one safe
// path element.
var aliasRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`)

// LoadFleet reads and validates tenants.yaml.
func LoadFleet(path string) (*Fleet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil || len(data) > maxConfigBytes {
		return nil, fmt.Errorf("%w: %s cannot be read or is larger than 1 MiB", ErrInvalid, path)
	}
	fl, err := ParseFleet(data, filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	fl.Path = path
	return fl, nil
}

// ParseFleet validates tenants.yaml's text; dir resolves relative paths.
func ParseFleet(data []byte, dir string) (*Fleet, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, cleanYAML(err, &root))
	}
	if line, key := inlineCredential(&root); line > 0 {
		return nil, fmt.Errorf("%w: line %d: %s: %w; use %s: {env: NAME} or %s: {file: PATH}", ErrInvalid, line, key, ErrInlineCredential, key, key)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var ff FleetFile
	if err := dec.Decode(&ff); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, cleanYAML(err, &root))
	}
	bad := func(line int, format string, args ...any) error {
		return fmt.Errorf("%w: line %d: %s", ErrInvalid, line, fmt.Sprintf(format, args...))
	}
	if len(ff.Tenants) == 0 {
		return nil, fmt.Errorf("%w: no tenants: list them under tenants:, each with alias and tenant", ErrInvalid)
	}
	fl := &Fleet{}
	seen := map[string]int{}
	for i, t := range ff.Tenants {
		line := lineOf(&root, "tenants", i)
		ft := FleetTenant{Alias: t.Alias, Tenant: t.Tenant, Tags: t.Tags, Line: line,
			ClientID: or(t.ClientID, ff.Defaults.ClientID), Auth: strings.ToLower(or(t.Auth, ff.Defaults.Auth, "client-certificate")),
			Cloud: strings.ToLower(or(t.Cloud, ff.Defaults.Cloud, "global")), TokenFile: or(t.TokenFile, ff.Defaults.TokenFile),
			Certificate: orCred(t.Certificate, ff.Defaults.Certificate), Secret: orCred(t.Secret, ff.Defaults.Secret),
			GraphURL: or(t.GraphURL, ff.Defaults.GraphURL), AuthorityHost: or(t.AuthorityHost, ff.Defaults.AuthorityHost)}
		switch {
		case !aliasRE.MatchString(t.Alias):
			return nil, bad(line, "tenants[%d].alias %q must be 1-63 letters, digits, '.', '_' or '-' (it names a directory)", i, t.Alias)
		case seen[strings.ToLower(t.Alias)] > 0:
			return nil, bad(line, "tenants[%d].alias %q is already used on line %d", i, t.Alias, seen[strings.ToLower(t.Alias)])
		case t.Tenant == "":
			return nil, bad(line, "tenants[%d] (%s) needs tenant: its tenant id or a verified domain", i, t.Alias)
		case ft.ClientID == "":
			return nil, bad(line, "tenants[%d] (%s) needs clientId, here or under defaults", i, t.Alias)
		case !slices.Contains(collect.CloudNames, ft.Cloud):
			return nil, bad(line, "tenants[%d].cloud %q must be %s", i, ft.Cloud, collect.CloudList())
		}
		for key, v := range map[string]string{"graphUrl": ft.GraphURL, "authorityHost": ft.AuthorityHost} {
			if u, err := url.Parse(v); v != "" && (err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil) {
				return nil, bad(line, "tenants[%d].%s %q must be an https:// URL with a host (for a private test server; leave it out for Microsoft's cloud)", i, key, v)
			}
		}
		seen[strings.ToLower(t.Alias)] = line
		switch ft.Auth {
		case "client-certificate":
			if ft.Certificate == nil || ft.Certificate.File == "" {
				return nil, bad(line, "tenants[%d] (%s) signs in with a certificate and needs certificate: {file: PATH}", i, t.Alias)
			}
		case "client-secret":
			if ft.Secret == nil || (ft.Secret.Env == "") == (ft.Secret.File == "") {
				return nil, bad(line, "tenants[%d] (%s) signs in with a secret and needs secret: {env: NAME} or secret: {file: PATH}", i, t.Alias)
			}
		case "workload-identity":
			if ft.TokenFile == "" {
				return nil, bad(line, "tenants[%d] (%s) signs in with workload identity and needs tokenFile", i, t.Alias)
			}
		default:
			return nil, bad(line, "tenants[%d].auth %q must be client-certificate, client-secret or workload-identity", i, ft.Auth)
		}
		abs := func(p string) string {
			if p == "" || filepath.IsAbs(p) {
				return p
			}
			return filepath.Join(dir, p)
		}
		if ft.Certificate != nil {
			c := *ft.Certificate
			c.File = abs(c.File)
			ft.Certificate = &c
		}
		if ft.Secret != nil {
			c := *ft.Secret
			c.File = abs(c.File)
			ft.Secret = &c
		}
		ft.TokenFile, ft.Config = abs(ft.TokenFile), abs(t.Config)
		fl.Tenants = append(fl.Tenants, ft)
	}
	return fl, nil
}

func or(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

func orCred(v ...*CredentialFile) *CredentialFile {
	for _, c := range v {
		if c != nil {
			return c
		}
	}
	return nil
}

// inlineCredential finds a secret or certificate given as a value rather
// than as {env: …} or {file: …}: the line and the key, or 0.
func inlineCredential(n *yaml.Node) (int, string) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if (k.Value == "secret" || k.Value == "certificate" || k.Value == "clientSecret" || k.Value == "password") && v.Kind == yaml.ScalarNode {
				return k.Line, k.Value
			}
		}
	}
	for _, c := range n.Content {
		if line, key := inlineCredential(c); line > 0 {
			return line, key
		}
	}
	return 0, ""
}
