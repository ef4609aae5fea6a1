# Palaute — the two commands most people need are `make run` and `make test`.

GO          ?= go
# go.mod pins a patched toolchain; "auto" lets an older Go fetch it from the
# module proxy, whatever the machine's default says.
export GOTOOLCHAIN := auto
BIN         := bin/palaute
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.9.0
VULNDB      := golang.org/x/vulndb
VULNCACHE   := .cache/vulndb
FUZZTIME    ?= 60s

.PHONY: build run test lint bench bench-load bench-report bench-import soak fuzz vuln clean

## build: compile bin/palaute
build:
	$(GO) build -o $(BIN) ./cmd/palaute

## run: build, then serve ./data/palaute.db with demo data on 127.0.0.1:8080
run: build
	./$(BIN) serve --demo

## test: every test, with the fuzz seed corpora
test:
	$(GO) test -count=1 ./...

## lint: gofmt, go vet, staticcheck and go mod tidy must all be clean
lint:
	@unformatted="$$(gofmt -l $$(git ls-files '*.go'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) mod tidy -diff

## bench: Go benchmarks of the submission path
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## bench-load: raw store rate against HTTP throughput with 64 clients on loopback
bench-load: build
	$(GO) run ./cmd/palaute-load --bin $(BIN)

## bench-report: the summary (year, month), compare, reports home, charts and
## workbook against plain SQL on a million responses, with their ratios; and
## the peak heap of streaming a year's 200,000 raw rows
bench-report:
	PALAUTE_BENCH_REPORT=1 $(GO) test -run '^$$' -bench 'BenchmarkReports|BenchmarkRawRows|BenchmarkProtect' -benchtime 5x -timeout 60m ./report

## bench-import: bin/palaute imports 1,000,000 annual-survey rows (the CSV is
## made once under test-output/); prints rows a second and peak memory
bench-import: build
	PALAUTE_BENCH_IMPORT=$(CURDIR)/$(BIN) $(GO) test -run '^$$' -bench BenchmarkImport -benchtime 1x -timeout 60m ./cmd/palaute

## soak: 50 SIGKILL crash cycles and a 60 s WAL soak under continuous reports
soak:
	PALAUTE_CRASH_CYCLES=50 $(GO) test -count=1 -timeout 30m -run TestCrashLosesNothingAcknowledged -v ./cmd/palaute
	PALAUTE_SOAK_SECONDS=60 $(GO) test -count=1 -timeout 30m -run TestWALStaysBoundedUnderReports -v ./survey/store

## fuzz: run the submission fuzzer for FUZZTIME (default 60s)
fuzz:
	$(GO) test ./survey/server -run '^$$' -fuzz FuzzResponseCreate -fuzztime $(FUZZTIME)

## vuln: known vulnerabilities reachable from Palaute's code, checked
## against the Go vulnerability database fetched through the module proxy
vuln:
	@set -e; \
	dir="$$($(GO) mod download -json $(VULNDB)@latest | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$$/\1/p')"; \
	if [ -z "$$dir" ]; then echo "cannot fetch $(VULNDB) through the module proxy"; exit 1; fi; \
	ver="$${dir##*@}"; out="$(CURDIR)/$(VULNCACHE)/$$ver"; \
	if [ ! -f "$$out/index/db.json" ]; then \
		echo "building the vulnerability index of $(VULNDB)@$$ver"; \
		rm -rf "$$out.tmp"; mkdir -p "$(VULNCACHE)"; \
		$(GO) run $(VULNDB)/cmd/indexdb@$$ver -vulns "$$dir/data/osv" -out "$$out.tmp"; \
		mv "$$out.tmp" "$$out"; \
	fi; \
	echo "govulncheck against $(VULNDB)@$$ver"; \
	$(GO) run $(GOVULNCHECK) -db "file://$$out" ./...

clean:
	rm -rf bin
