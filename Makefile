# govsim — every target a fresh machine needs. `make test` is what CI runs.
GO       ?= go
# Empty: each fuzzer runs its own count of inputs (see fuzz). Set it
# (FUZZTIME=30s or FUZZTIME=100000x) to run every fuzzer longer.
FUZZTIME ?=
BIN      := bin/govsim

.PHONY: build test test-unit test-race vet fmt-check fuzz run bench bench-full docs docs-check results clean serve test-browser browser-deps bench-serve system-deps calibration-example calibrate-check

build:
	$(GO) build -o $(BIN) ./cmd/govsim

# The whole suite: static checks, generated docs, unit, pattern, golden and
# end-to-end tests, the race detector, and a short run of every fuzzer.
test: vet fmt-check docs-check test-unit test-race fuzz test-slurm-if-installed

# The opinion kernel has a Go twin for other processors and the purego
# tag: vet that build as well.
vet:
	$(GO) vet ./...
	$(GO) vet -tags purego ./sim/
	GOARCH=arm64 $(GO) vet ./sim/

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt: not formatted:"; echo "$$out"; exit 1; fi

test-unit:
	$(GO) test -count=1 ./...

test-race:
	$(GO) test -race -count=1 ./...

# Each reader's fuzzer for a few seconds (the seed corpora also run in
# test-unit): scenario and sweep files, village and point CSVs, the tables,
# manifests and sweep.json, and parts. The budgets are counts of inputs,
# about four seconds each on two cores, not durations: Go 1.26's fuzz
# coordinator can report "context deadline exceeded" as a failure when a
# duration ends while a worker is mid-input (golang/go#75804, fixed in Go
# 1.27), and a count has no deadline to race.
fuzz1 = $(GO) test -run='^$$' -fuzz='^$(1)$$' -fuzztime=$(or $(FUZZTIME),$(3)) $(2)
fuzz:
	$(call fuzz1,FuzzParse,./scenarios/,30000x)
	$(call fuzz1,FuzzReadVillages,./scenarios/,40000x)
	$(call fuzz1,FuzzFromCSV,./scenarios/design/,200000x)
	$(call fuzz1,FuzzParseSweep,./scenarios/,30000x)
	$(call fuzz1,FuzzDecodeSettings,./output/live/,60000x)
	$(call fuzz1,FuzzReadTables,./sim/table/,15000x)
	$(call fuzz1,FuzzManifests,./sim/table/,25000x)
	$(call fuzz1,FuzzDecodePart,./sim/table/,7000x)
	$(call fuzz1,FuzzParseCalibration,./scenarios/,20000x)
	$(call fuzz1,FuzzReadCalibration,./sim/table/,20000x)
	$(call fuzz1,FuzzParseTrigger,./sim/,30000x)
	$(call fuzz1,FuzzDecodeReform,./sim/,20000x)
	$(call fuzz1,FuzzParseRanges,./scenarios/,20000x)
	$(call fuzz1,FuzzParseCondition,./analysis/explore/,50000x)
	$(call fuzz1,FuzzParseOptimisation,./scenarios/,20000x)
	$(call fuzz1,FuzzReadOptimisation,./sim/table/,20000x)

# System packages the tests use (Debian, as root): slurm-wlm and munge for
# the Slurm test, chromium for the classroom's browser test, fontconfig and
# fonts-noto-cjk for charts with Chinese
# labels (without them the chart tests check the pinyin fallback and skip
# the Chinese one, unless GOVSIM_REQUIRE_CJK is set, as .ci/run sets it).
SYSTEM_PACKAGES := slurm-wlm munge fontconfig fonts-noto-cjk chromium

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

# Time and memory against agents (10 thousand to 5 million) and workers
# (1, 2): writes docs/scaling.md, docs/scaling.csv and docs/scaling-*.png.
# A few minutes; run it on a quiet machine.
.PHONY: scaling
scaling:
	$(GO) run ./cmd/scaling -months 60 -out docs

# The 1:1 district (about 8 s and 0.4 GiB).
bench-full:
	$(GO) test -run='^$$' -bench='RunNanhaiFull' -benchtime=1x ./sim/

docs:
	$(GO) run ./cmd/docgen

docs-check:
	$(GO) run ./cmd/docgen -check

# The measured results docs/ODD.md shows — the pattern checks at the
# defaults, the calibration table and the robustness of every pattern — are
# written by the model's tests into analysis/*_gen.go; run this after a
# change to the model (about two minutes), then commit what changed.
results:
	$(GO) test -count=1 -run='^(TestPatterns|TestPatternsRobust|TestVersionComparison)$$' ./sim/ -update
	$(GO) run ./cmd/docgen

# govsim calibrate -example in full (200 particles, 4 generations, the
# teaching district; about two minutes on two cores): its summaries go to
# docs/calibration (parameters.csv, targets.csv, generations.csv), which
# docs/ODD.md's calibration section shows. Commit what changed.
calibration-example: build
	$(BIN) calibrate -example > bin/nanhai.toml
	$(BIN) calibrate bin/nanhai.toml -months 60 -force -out bin/calibration-example
	mkdir -p docs/calibration
	cp bin/calibration-example/parameters.csv bin/calibration-example/targets.csv bin/calibration-example/generations.csv docs/calibration/
	$(GO) run ./cmd/docgen

# The self-calibration at full size: targets made by the model at 10 known
# points of three parameters (a Latin hypercube over their priors), each
# calibrated at teaching scale with 200 particles and 5 generations; how
# often the 90% intervals hold the true values goes to
# docs/calibration/selfcheck.csv, which docs/ODD.md shows. About 40
# minutes on two cores. The small version runs in the test suite
# (TestSelfCalibration).
calibrate-check:
	$(GO) test -count=1 -timeout 4h -run '^TestSelfCalibrationFull$$' ./cmd/internal/calibrate/ -full -update -v
	$(GO) run ./cmd/docgen

clean:
	rm -rf bin govsim-out bench.txt out/e2e

# A sharded sweep through a real single-node Slurm: installs slurm-wlm and
# munge if missing (needs root), starts munged, slurmctld and slurmd, runs a
# 4-task job array twice (a directory per shard, then one shared), merges,
# compares with a local sweep byte for byte, runs a calibration sharded
# over array tasks sharing its directory (one array per batch) and compares
# it with a local one, does the same with an optimisation (one array per
# generation), and stops the daemons. About a minute and a half once the
# packages are installed.
.PHONY: test-slurm bench-sweep bench-explore
test-slurm:
	GO=$(GO) bash cmd/govsim/testdata/slurm-test.sh

# Sweep benchmarks: peak memory of 100 to 10,000 tiny runs, and the
# parallel efficiency of 1,000 teaching-scale runs on 2 workers (minutes).
bench-sweep:
	$(GO) test -run='^$$' -bench='^BenchmarkSweep' -benchtime=1x -timeout=60m ./cmd/govsim/

# govsim explore's speed target: 64 points × 5 scenarios × 2 replicates of
# 120 months, then the analysis and the page, as a user runs it.
bench-explore:
	$(GO) test -run='^$$' -bench='^BenchmarkExplore$$' -benchtime=1x -count=3 -timeout=30m ./cmd/govsim/

# govsim calibrate -example at the size issue 18's Speed section names:
# 200 particles, 4 generations, the teaching district, -months 60.
.PHONY: bench-calibrate
bench-calibrate:
	$(GO) test -run='^$$' -bench='^BenchmarkCalibrateExample$$' -benchtime=1x -timeout=60m ./cmd/govsim/

# govsim optimise -example at the size issue 19's Speed section names:
# population 40, 10 generations, the teaching district, -months 60.
.PHONY: bench-optimise
bench-optimise:
	$(GO) test -run='^$$' -bench='^BenchmarkOptimiseExample$$' -benchtime=1x -count=3 -timeout=30m ./cmd/govsim/

# The classroom page on http://127.0.0.1:8080/.
serve:
	$(GO) run ./cmd/govsim serve

# The classroom in headless Chromium alone, required to run (not skipped),
# keeping its screenshots under out/e2e/_artifacts. test-unit runs it too
# when chromium is on PATH; .ci/run installs it.
test-browser:
	mkdir -p out/e2e
	GOVSIM_BROWSER_TEST=require $(GO) test -count=1 -run='^TestServeBrowser$$' -v -artifacts -outputdir=$(CURDIR)/out/e2e ./cmd/govsim/

# What the browser test needs at system level: Debian's chromium, and CJK
# fonts for the Chinese labels (needs root).
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'noto sans cjk'; then \
		echo "browser-deps: chromium and fonts-noto-cjk are installed"; \
	else DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi

# The classroom's stepping and encoding at teaching scale, in months/s.
bench-serve:
	$(GO) test -run='^$$' -bench='PaneStream' -benchtime=480x -count=5 ./output/live/
