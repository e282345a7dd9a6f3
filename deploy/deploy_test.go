// Package deploy holds the deployment files (Dockerfile, Kubernetes, GitHub
// Actions); this test parses them and holds them to what they promise:
// non-root, read-only, sharded as the fleet command shards, no secret
// written in, and every m365ready command line in them accepted by the
// real command-line parser.
package deploy

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/m365ready/m365ready/internal/cli"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/config"
	"github.com/m365ready/m365ready/internal/iostreams"
)

// fleetArgs parses an m365ready fleet command line with the real command
// and returns the options it would run with.
func fleetArgs(t *testing.T, env map[string]string, args []string) (*cli.FleetOptions, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	f := &cli.Factory{IOStreams: ios, Collector: func() collect.Collector { return nil }, Now: time.Now,
		Getenv: func(k string) string { return env[k] }, LookPath: func(string) (string, error) { return "", errors.New("no") }}
	var got *cli.FleetOptions
	// The real root (its persistent flags: --quiet, --debug …) with a fleet
	// command that records its options instead of running.
	cmd := cli.NewCmdRoot(f)
	for _, c := range cmd.Commands() {
		if c.Name() == "fleet" {
			cmd.RemoveCommand(c)
		}
	}
	cmd.AddCommand(cli.NewCmdFleet(f, func(o *cli.FleetOptions) error { got = o; return nil }))
	cmd.SetArgs(append([]string{"fleet"}, args...))
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	return got, cmd.Execute()
}

func readYAML(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// at walks a parsed YAML document by keys and list indexes.
func at(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not a mapping at %q", path, k)
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				t.Fatalf("%v: no item %d", path, k)
			}
			v = l[k]
		}
	}
	return v
}

// noLiteralSecrets fails on an environment variable whose name says it
// holds a secret and whose value is written in the manifest.
func noLiteralSecrets(t *testing.T, where string, env []any) {
	secretName := regexp.MustCompile(`(?i)secret|password|token|store|key`)
	for _, e := range env {
		m := e.(map[string]any)
		name, _ := m["name"].(string)
		if _, literal := m["value"]; literal && secretName.MatchString(name) {
			t.Errorf("%s: %s is written in the manifest; take it from a Secret", where, name)
		}
	}
}

func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	from := regexp.MustCompile(`(?m)^FROM\s+(\S+)`).FindAllStringSubmatch(text, -1)
	if len(from) < 2 {
		t.Fatalf("%d FROM lines: the build must be multi-stage", len(from))
	}
	final := from[len(from)-1][1]
	if !strings.Contains(final, "distroless/static") && final != "scratch" {
		t.Errorf("final stage %s: want a static base with no shell (distroless static or scratch)", final)
	}
	if !strings.Contains(text, "CGO_ENABLED=0") {
		t.Error("the binary is not built static (CGO_ENABLED=0)")
	}
	users := regexp.MustCompile(`(?m)^USER\s+(\S+)`).FindAllStringSubmatch(text, -1)
	if len(users) == 0 {
		t.Fatal("no USER: the image would run as root")
	}
	if u := strings.Split(users[len(users)-1][1], ":")[0]; u == "root" || u == "0" {
		t.Errorf("USER %s", u)
	}
	if regexp.MustCompile(`(?im)^(ENV|ARG)\s+\S*(SECRET|PASSWORD|TOKEN)`).MatchString(text) {
		t.Error("a secret is baked into the image")
	}
}

func TestKubernetesCronJob(t *testing.T) {
	cj := readYAML(t, "kubernetes/cronjob.yaml")
	if at(t, cj, "kind") != "CronJob" || at(t, cj, "apiVersion") != "batch/v1" {
		t.Fatalf("kind %v %v", at(t, cj, "kind"), at(t, cj, "apiVersion"))
	}
	job := at(t, cj, "spec", "jobTemplate", "spec")
	if at(t, job, "completionMode") != "Indexed" {
		t.Error("the Job is not Indexed: the completion index is the shard")
	}
	completions, _ := at(t, job, "completions").(int)
	if completions < 1 || at(t, job, "parallelism") != completions {
		t.Errorf("completions %v, parallelism %v", at(t, job, "completions"), at(t, job, "parallelism"))
	}
	pod := at(t, job, "template", "spec")
	if at(t, pod, "restartPolicy") != "Never" || at(t, pod, "securityContext", "runAsNonRoot") != true {
		t.Error("the pod must not restart in place (a retry is a new pod) and must run as non-root")
	}
	if uid, _ := at(t, pod, "securityContext", "runAsUser").(int); uid == 0 {
		t.Error("runAsUser 0")
	}
	c := at(t, pod, "containers", 0)
	sc := at(t, c, "securityContext")
	if at(t, sc, "readOnlyRootFilesystem") != true || at(t, sc, "allowPrivilegeEscalation") != false {
		t.Error("the container's root filesystem must be read-only, without privilege escalation")
	}
	env, _ := at(t, c, "env").([]any)
	noLiteralSecrets(t, "cronjob", env)
	fromSecret := map[string]bool{}
	for _, e := range env {
		m := e.(map[string]any)
		if vf, ok := m["valueFrom"].(map[string]any); ok && vf["secretKeyRef"] != nil {
			fromSecret[m["name"].(string)] = true
		}
	}
	if !fromSecret["M365READY_STORE"] {
		t.Error("the PostgreSQL URL is not taken from a Secret (M365READY_STORE)")
	}
	secretVolumes := 0
	for _, v := range at(t, pod, "volumes").([]any) {
		if v.(map[string]any)["secret"] != nil {
			secretVolumes++
		}
	}
	if secretVolumes == 0 {
		t.Error("no certificate Secret is mounted")
	}
	// The arguments, as the kubelet expands them for each index, parse with
	// the real fleet command and shard the fleet completions ways.
	var args []string
	for _, a := range at(t, c, "args").([]any) {
		args = append(args, a.(string))
	}
	if len(args) == 0 || args[0] != "fleet" {
		t.Fatalf("args %v do not run fleet", args)
	}
	for i := range completions {
		expanded := make([]string, len(args)-1)
		for k, a := range args[1:] {
			expanded[k] = strings.NewReplacer("$(JOB_COMPLETION_INDEX)", strconv.Itoa(i), "$(JOB_NAME)", "m365ready-fleet-29000000").Replace(a)
		}
		o, err := fleetArgs(t, map[string]string{"M365READY_STORE": "postgres://m365ready@db/m365ready"}, expanded)
		if err != nil {
			t.Fatalf("index %d: %v", i, err)
		}
		if o.Shard != strconv.Itoa(i)+"/"+strconv.Itoa(completions) || o.RunID == "" {
			t.Errorf("index %d: --shard %q --run-id %q", i, o.Shard, o.RunID)
		}
	}
	// No Secret object with data is shipped.
	for _, f := range []string{"kubernetes/cronjob.yaml", "kubernetes/tenants-configmap.yaml"} {
		m := readYAML(t, f)
		if m["kind"] == "Secret" || m["data"] != nil && m["kind"] != "ConfigMap" {
			t.Errorf("%s ships secret data", f)
		}
	}
	cm := readYAML(t, "kubernetes/tenants-configmap.yaml")
	if _, err := config.ParseFleet([]byte(at(t, cm, "data", "tenants.yaml").(string)), "/etc/m365ready"); err != nil {
		t.Errorf("the ConfigMap's tenants.yaml: %v", err)
	}
}

func TestGitHubWorkflow(t *testing.T) {
	wf := readYAML(t, "github/m365ready-fleet.yml")
	if at(t, wf, "permissions", "id-token") != "write" {
		t.Error("no id-token: write: the workflow cannot get an OIDC token for workload identity federation")
	}
	b, _ := os.ReadFile("github/m365ready-fleet.yml")
	if lit := regexp.MustCompile(`(?i)(secret|password|token)\w*:\s*['"]?[A-Za-z0-9+/]{16,}`).FindString(string(b)); lit != "" {
		t.Errorf("a literal credential: %q", lit)
	}
	shardJob := at(t, wf, "jobs", "shard")
	shards, _ := at(t, shardJob, "strategy", "matrix", "shard").([]any)
	if len(shards) == 0 {
		t.Fatal("no shard matrix")
	}
	tenants, _ := os.ReadFile("github/tenants.yaml")
	fl, err := config.ParseFleet(tenants, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, tn := range fl.Tenants {
		if tn.Auth != "workload-identity" {
			t.Errorf("%s signs in with %s, not the workflow's OIDC token", tn.Alias, tn.Auth)
		}
	}
	if !strings.Contains(string(b), "$GITHUB_STEP_SUMMARY") || !strings.Contains(string(b), "actions/upload-artifact") {
		t.Error("the Markdown portfolio is not the job summary, or the reports are not artifacts")
	}
	// Every m365ready command line parses with the real command, for each shard.
	vars := map[string]string{"$TENANTS": "deploy/github/tenants.yaml", "$RUN_ID": "gh-123"}
	lines := 0
	steps := map[string][]any{}
	for _, job := range []string{"shard", "portfolio"} {
		steps[job] = at(t, wf, "jobs", job, "steps").([]any)
	}
	for _, job := range []string{"shard", "portfolio"} {
		t.Chdir(t.TempDir()) // each job has a fresh runner: what its steps make, it has
		for _, st := range steps[job] {
			run, _ := st.(map[string]any)["run"].(string)
			run = strings.ReplaceAll(run, "\\\n", " ")
			for _, line := range strings.Split(run, "\n") {
				line = strings.TrimSpace(line)
				if dirs, ok := strings.CutPrefix(line, "mkdir -p "); ok {
					for _, d := range strings.Fields(dirs) {
						os.MkdirAll(d, 0o700)
					}
				}
				if !strings.HasPrefix(line, "m365ready fleet") {
					continue
				}
				for _, sh := range shards {
					l := strings.ReplaceAll(line, "${{ matrix.shard }}", strconv.Itoa(sh.(int)))
					for k, v := range vars {
						l = strings.ReplaceAll(l, k, v)
					}
					args := strings.Fields(strings.ReplaceAll(l, `"`, ""))[2:]
					o, err := fleetArgs(t, map[string]string{"M365READY_STORE": "postgres://x@db/m"}, args)
					if err != nil {
						t.Errorf("%s: %q: %v", job, l, err)
						continue
					}
					if job == "shard" && o.Shard != strconv.Itoa(sh.(int))+"/"+strconv.Itoa(len(shards)) {
						t.Errorf("shard %v runs --shard %q", sh, o.Shard)
					}
					if o.RunID != "gh-123" {
						t.Errorf("%s: --run-id %q", job, o.RunID)
					}
					lines++
				}
			}
		}
	}
	if lines == 0 {
		t.Error("no m365ready fleet command found in the workflow")
	}
}

func TestOIDCTokenScriptExists(t *testing.T) {
	if st, err := os.Stat(filepath.Join("github", "m365ready-oidc-token.sh")); err != nil || st.Mode()&0o100 == 0 {
		t.Errorf("the workflow's token script is missing or not executable: %v", err)
	}
}

// TestManifestsAreKubernetesObjects decodes each manifest strictly into
// Kubernetes' own API types: a misspelt or misplaced field, or a value of
// the wrong type, fails here instead of at kubectl apply.
func TestManifestsAreKubernetesObjects(t *testing.T) {
	var cj batchv1.CronJob
	strict(t, "kubernetes/cronjob.yaml", &cj)
	var cm corev1.ConfigMap
	strict(t, "kubernetes/tenants-configmap.yaml", &cm)
	job := cj.Spec.JobTemplate.Spec
	if job.CompletionMode == nil || *job.CompletionMode != batchv1.IndexedCompletion || job.Completions == nil || job.Parallelism == nil ||
		*job.Completions != *job.Parallelism {
		t.Errorf("the Job is not Indexed with one pod per shard")
	}
	pod := job.Template.Spec
	if pod.SecurityContext == nil || pod.SecurityContext.RunAsNonRoot == nil || !*pod.SecurityContext.RunAsNonRoot {
		t.Error("the pod may run as root")
	}
	for _, c := range pod.Containers {
		sc := c.SecurityContext
		if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			t.Errorf("%s: not read-only, or may escalate", c.Name)
		}
		for _, e := range c.Env {
			if e.Value != "" && regexp.MustCompile(`(?i)secret|password|token|store`).MatchString(e.Name) {
				t.Errorf("%s: %s written in", c.Name, e.Name)
			}
		}
	}
	for _, v := range pod.Volumes {
		if v.Secret != nil && (v.Secret.DefaultMode == nil || *v.Secret.DefaultMode&0o004 != 0) {
			t.Errorf("volume %s: a Secret readable by every user in the pod", v.Name)
		}
	}
}

// TestStrictDecodingCatchesTypos: the check above would notice a misspelt
// field (it is not a decoder that accepts anything).
func TestStrictDecodingCatchesTypos(t *testing.T) {
	b, err := os.ReadFile("kubernetes/cronjob.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, typo := range [][2]string{{"completionMode:", "completionMod:"}, {"readOnlyRootFilesystem: true", "readOnlyRootFilesystem: yes please"}} {
		bad := strings.Replace(string(b), typo[0], typo[1], 1)
		if bad == string(b) {
			t.Fatalf("%q is not in the manifest", typo[0])
		}
		var cj batchv1.CronJob
		if err := sigsyaml.UnmarshalStrict([]byte(bad), &cj); err == nil {
			t.Errorf("%q decoded without error", typo[1])
		}
	}
}

func strict(t *testing.T, path string, into any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sigsyaml.UnmarshalStrict(b, into); err != nil {
		t.Errorf("%s is not a valid Kubernetes object: %v", path, err)
	}
}
