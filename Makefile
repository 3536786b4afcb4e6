# govsim — every target a fresh machine needs. `make test` is what CI runs.
GO       ?= go
FUZZTIME ?= 5s
BIN      := bin/govsim

.PHONY: build test test-unit test-race vet fmt-check fuzz run bench bench-full docs docs-check clean

build:
	$(GO) build -o $(BIN) ./cmd/govsim

# The whole suite: static checks, generated docs, unit, pattern, golden and
# end-to-end tests, the race detector, and a short run of every fuzzer.
test: vet fmt-check docs-check test-unit test-race fuzz

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
