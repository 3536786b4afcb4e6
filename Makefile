# govsim — every target a fresh machine needs. `make test` is what CI runs.
GO       ?= go
FUZZTIME ?= 5s
BIN      := bin/govsim

.PHONY: build test test-unit test-race vet fmt-check fuzz run bench bench-full docs docs-check clean

build:
	$(GO) build -o $(BIN) ./cmd/govsim

# The whole suite: static checks, generated docs, unit, pattern, golden and
# end-to-end tests, the race detector, and a short run of every fuzzer.
test: vet fmt-check docs-check test-unit test-race fuzz test-slurm-if-installed

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt: not formatted:"; echo "$$out"; exit 1; fi

test-unit:
	$(GO) test -count=1 ./...

test-race:
	$(GO) test -race -count=1 ./...

# Each parser's fuzzer for a few seconds (the seed corpora also run in test-unit).
fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZTIME) ./scenarios/
	$(GO) test -run='^$$' -fuzz='^FuzzReadVillages$$' -fuzztime=$(FUZZTIME) ./scenarios/
	$(GO) test -run='^$$' -fuzz='^FuzzFromCSV$$' -fuzztime=$(FUZZTIME) ./scenarios/design/
	$(GO) test -run='^$$' -fuzz='^FuzzParseSweep$$' -fuzztime=$(FUZZTIME) ./scenarios/

# System packages the tests use (Debian, as root): slurm-wlm and munge for
# the Slurm test, fontconfig and fonts-noto-cjk for charts with Chinese
# labels (without them the chart tests check the pinyin fallback and skip
# the Chinese one, unless GOVSIM_REQUIRE_CJK is set, as .ci/run sets it).
SYSTEM_PACKAGES := slurm-wlm munge fontconfig fonts-noto-cjk

.PHONY: system-deps
system-deps:
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null

# The Slurm test needs slurm-wlm and munge, which .ci/run installs; on a
# machine without them it says so and skips.
.PHONY: test-slurm-if-installed
test-slurm-if-installed:
	@if command -v sbatch >/dev/null 2>&1 && command -v munged >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory test-slurm; \
	else echo "test-slurm: skipped (slurm-wlm and munge not installed; .ci/run installs them, or run make test-slurm as root)"; fi

# The main job on the embedded scenarios.
run:
	$(GO) run ./cmd/govsim run

bench:
	$(GO) test -run='^$$' -bench='Step|RunTeaching' -benchmem -count=5 ./sim/ | tee bench.txt

# The 1:1 district (about 30 s and 1 GiB).
bench-full:
	$(GO) test -run='^$$' -bench='RunNanhaiFull' -benchtime=1x ./sim/

docs:
	$(GO) run ./cmd/docgen

docs-check:
	$(GO) run ./cmd/docgen -check

clean:
	rm -rf bin govsim-out bench.txt

# A sharded sweep through a real single-node Slurm: installs slurm-wlm and
# munge if missing (needs root), starts munged, slurmctld and slurmd, runs a
# 4-task job array twice (a directory per shard, then one shared), merges,
# compares with a local sweep byte for byte, and stops the daemons. About
# 30 s once the packages are installed.
.PHONY: test-slurm fuzz-sweep bench-sweep
test-slurm:
	GO=$(GO) bash cmd/govsim/testdata/slurm-test.sh

# The sweep-file parser's fuzzer for a few seconds.
fuzz-sweep:
	$(GO) test -run='^$$' -fuzz='^FuzzParseSweep$$' -fuzztime=$(FUZZTIME) ./scenarios/

# Sweep benchmarks: peak memory of 100 to 10,000 tiny runs, and the
# parallel efficiency of 1,000 teaching-scale runs on 2 workers (minutes).
bench-sweep:
	$(GO) test -run='^$$' -bench='^BenchmarkSweep' -benchtime=1x -timeout=60m ./cmd/govsim/
