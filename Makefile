# bhxh — see README.md. `make demo` runs the main job on the bundled example;
# `make test` is what CI runs.
GO      ?= go
BIN     := bin/bhxh
PKG     := ./cmd/bhxh
DEMO    := testdata/fixtures/tinh-mau-2023-11.xlsx
# The VCS revision for `bhxh version`, also when the toolchain's VCS stamping
# is off (GOFLAGS=-buildvcs=false) or cannot see the repository (a worktree).
REVISION := $(shell git rev-parse HEAD 2>/dev/null)
ifneq ($(REVISION),)
REVISION := $(REVISION)$(shell git diff --quiet HEAD -- 2>/dev/null || echo -dirty)
endif
LDFLAGS := -s -w -X main.revision=$(REVISION)
export CGO_ENABLED := 0

.PHONY: all build test demo lint cross dist fuzz fuzz-corpus bench man clean print-docs

all: build

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) $(PKG)

demo: build
	./$(BIN) compute $(DEMO)
	./$(BIN) compute --target bhxh=30 --target bhyt=95 -o bao-cao-demo.xlsx $(DEMO)
	@echo "report written to bao-cao-demo.xlsx"

# The test command CI runs: formatting, vet, the race-enabled test suite and a
# Windows build (analysts use Windows).
test: lint
	CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 25m ./...
	GOOS=windows GOARCH=amd64 $(GO) build -o /dev/null $(PKG)

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

cross:
	GOOS=windows GOARCH=amd64 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/bhxh-windows-amd64.exe $(PKG)
	GOOS=linux   GOARCH=amd64 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/bhxh-linux-amd64 $(PKG)
	GOOS=darwin  GOARCH=arm64 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/bhxh-darwin-arm64 $(PKG)

# Release archives for Windows (amd64, 386), Linux and macOS (amd64,
# arm64) with SHA256SUMS in dist/, offline and reproducible: cmd/dist
# (stdlib Go) builds, checks each binary's headers (bhxh.exe a PE32+
# console program) and packs it with README.md and the example workbook.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
dist:
	rm -rf dist
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 946684800) \
	  $(GO) run ./cmd/dist -o dist -version $(VERSION) -ldflags '$(LDFLAGS) -X main.version=$(VERSION)'
	cd dist && sha256sum -c SHA256SUMS

# The PNGs of the printed reports in docs/ and the README: the five reports
# from the bundled testdata, LibreOffice headless to PDF, pdftoppm. Not run
# by CI (LibreOffice's rendering changes between versions); run it when a
# report's layout changes, and commit the PNGs.
print-docs: build
	BHXH=$(BIN) sh docs/print/make.sh

# Each fuzz target of every package for FUZZTIME (default 5m). New
# interesting inputs land in Go's cache; `make fuzz-corpus` copies them to
# testdata/fuzz, where `go test` replays them as seeds.
FUZZTIME ?= 5m
FUZZPKGS := ./xlsxio ./xlsxio/rawxlsx ./xlsxio/grid ./xlsxio/vntext ./coverage ./targets ./crosswalk ./xlsxio/csvscan ./xlsxio/report
fuzz:
	@for p in $(FUZZPKGS); do \
	  for t in $$($(GO) test -list 'Fuzz.*' $$p | grep ^Fuzz); do \
	    echo "== $$p $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$p || exit 1; done; done

fuzz-corpus:
	@cache=$$($(GO) env GOCACHE)/fuzz/github.com/bhxh/bhxh; \
	  for p in $(FUZZPKGS); do for d in $$cache/$${p#./}/Fuzz*; do \
	    [ -d "$$d" ] || continue; mkdir -p $$p/testdata/fuzz/$$(basename $$d); \
	    cp -n $$d/* $$p/testdata/fuzz/$$(basename $$d)/; done; done

# Man pages (section 1) from the Cobra command tree, via the hidden
# `bhxh gen-man` command; SOURCE_DATE_EPOCH fixes their date.
man: build
	./$(BIN) gen-man man/man1

# bhxh against pandas+openpyxl, SheetJS, DuckDB (bench/duckdb: cgo, its own
# module, built here only) and its limits; writes BENCHMARKS.md. The full
# run takes ~25 min and ~15 GB of disk; `make bench SMOKE=1` checks in a few
# minutes, on small inputs, that every section runs (its BENCHMARKS.md says
# it is a smoke run: not to be committed).
bench:
	bash bench/run.sh

clean:
	rm -rf bin bao-cao-demo.xlsx man dist
