# The two commands of the README: `make demo` and `make test`.
CARGO ?= cargo

.PHONY: demo test deps build bench fmt lint bless

deps:
	@bash scripts/install-deps.sh

## Start a local 8-node cluster (+ Prometheus) and open the console on it; Ctrl-D tears it down.
demo: deps
	$(CARGO) build --release --workspace --bins
	./target/release/butterfly-cli demo

## Every test: unit, contract, end-to-end (real nodes, certificates, Prometheus, grpcurl).
test: deps
	$(CARGO) build --workspace --bins
	$(CARGO) nextest run --workspace --no-fail-fast

build:
	$(CARGO) build --workspace --bins

bench: deps
	$(CARGO) build --release --workspace --bins
	bash benches/run.sh
	$(CARGO) bench --bench cli -- --noplot

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Refresh committed generated files (protocol code, completions).
bless:
	BUTTERFLY_BLESS=1 $(CARGO) test -p butterfly-proto --test codegen_drift
	BUTTERFLY_BLESS=1 $(CARGO) test -p butterfly-cli --test committed_files
