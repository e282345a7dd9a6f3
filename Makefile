# m365ready — make targets. `make demo` and `make test` are the two set-up
# commands in the README; CI (.ci/run) calls `make test`.
GO      ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/m365ready/m365ready/internal/buildinfo.Version=$(VERSION)

.PHONY: all build demo test unit fuzz bench test-short vet fmt-check browser-deps postgres-deps test-deps graphmeta clean bench-fleet

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o bin/m365ready ./cmd/m365ready

# Audit the built-in demo tenant: an emulated Graph on loopback, real sign-in.
demo: build
	./bin/m365ready audit --demo --signin-log

test: fmt-check vet unit fuzz

# Every test under the race detector. -count=1: the import-fence test shells
# out to `go list`, which the test cache cannot see, so results must not be
# cached.
unit:
	$(GO) test -race -count=1 ./...

# Each fuzz target briefly (seed corpora in each package's testdata/fuzz).
# Budgets are execution counts ("Nx"), sized to a few seconds on two cores,
# not durations: Go 1.26's coordinator can report a bare "context deadline
# exceeded" when a duration runs out mid-execution (go.dev/issue/75804, fixed
# in Go 1.27), which failed CI once with no failing input. A count has no
# deadline to race. FUZZTIME=10s (or 100000x) overrides every budget.
FUZZTIME ?=
FUZZ_TARGETS := FuzzLoad:./internal/tenant:30000x FuzzParse:./internal/config:20000x \
	FuzzParseSiteUsage:./internal/usagereport:100000x FuzzRenderers:./reports:2000x \
	FuzzJSONMatchesEncodingJSON:./reports:10000x
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  name=$${t%%:*}; rest=$${t#*:}; pkg=$${rest%%:*}; budget=$${rest#*:}; \
	  [ -n "$(FUZZTIME)" ] && budget=$(FUZZTIME); \
	  echo "fuzz $$name ($$budget)"; \
	  $(GO) test -run='^$$' -fuzz="^$$name$$" -fuzztime=$$budget $$pkg || exit 1; \
	done

# The fast packages only (no Graph SDK compile).
test-short:
	$(GO) test ./internal/tenant/... ./internal/usagereport/... ./internal/archtest/... ./reports/... ./checks/...

# What an audit costs on synthetic tenants (25, 1,000, 10,000 people and a
# 10,000-person tenant without P1), with 100 ms of emulated Graph latency per
# request. BENCH_ARGS=-big adds 100,000 people.
BENCH_ARGS ?=
bench:
	$(GO) run ./internal/bench/cmd/bench -sizes 25,1000,10000 -latency 100ms $(BENCH_ARGS)

# A fleet of 200 emulated tenants (25 to 500 people) audited by 4 shard
# processes into one PostgreSQL (needs Debian's postgresql): wall time, peak
# RSS per process, rows written. FLEETBENCH_ARGS=-tenants 40 for a quick one.
FLEETBENCH_ARGS ?=
bench-fleet:
	$(GO) run ./internal/bench/cmd/fleetbench $(FLEETBENCH_ARGS)

# -race: vet then reads the packages `make unit` compiles for the race
# detector, so a cold run compiles the Graph SDK and the SQLite driver once
# for both, not twice.
vet:
	$(GO) vet -race ./...

# What some tests use from Debian: Chromium (the real-browser test of the HTML
# report), jq (the README's jq one-liners and the questions asked of the
# JSON report) and PostgreSQL (the shared store and the shard test, each
# started by the tests in a temporary directory on loopback). CI installs
# them, and with CI=1 a test that needs one fails without it; elsewhere
# those tests are skipped, saying what to install.
test-deps: browser-deps postgres-deps
	@command -v jq >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; \
	  else echo "install jq (apt-get install jq) to run the jq tests"; fi; }

# Debian's postgresql package: only its server binaries are used (the
# package's own cluster is not started).
postgres-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else echo "install PostgreSQL (apt-get install postgresql) to run the PostgreSQL store and shard tests"; fi; }

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "install Chromium (apt-get install chromium) to run the browser test"; fi; }

# Regenerate the committed subset of Microsoft's Graph v1.0 metadata from the
# CSDL (not in the repository; CSDL= says where it is).
CSDL ?= ../shared/reference/graph-schema/v1.0-Prod.csdl
graphmeta:
	$(GO) run ./internal/graphmeta/gen -csdl $(CSDL) -out internal/graphmeta/v1.0-subset.json

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

clean:
	rm -rf bin
