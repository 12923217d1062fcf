# The two commands of the README: `make demo` and `make test`.
CARGO ?= cargo

.PHONY: demo test deps build bench overhead fmt lint bless

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

## Benchmarks (BENCHMARKS.md): hyperfine whole-process runs and criterion; `make overhead` is the
## slow instrumentation on/off measurement (callgrind).
bench:
	bash scripts/install-deps.sh --bench
	$(CARGO) build --release --workspace --bins
	bash benches/run.sh
	bash benches/trace.sh
	$(CARGO) bench --bench cli -- --noplot
	$(CARGO) bench --bench trace -- --noplot
	$(CARGO) bench -p butterfly-telemetry --bench telemetry -- --noplot

overhead:
	bash scripts/install-deps.sh --bench
	$(CARGO) build --release -p butterfly-node -p butterfly-cli
	cp target/release/butterfly-node target/overhead-node
	python3 benches/overhead.py --mode callgrind --pairs 4 --requests 300 --rate 8 --concurrency 4 \
	  --warmup 10 --shape "--coordinators 1 --compute 3 --observers 0 --checkpoint-interval 1h" \
	  --node target/overhead-node
	bash benches/request_path.sh
	bash benches/log_writes.sh target/overhead-node

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Refresh committed generated files (protocol code, completions).
bless:
	BUTTERFLY_BLESS=1 $(CARGO) test -p butterfly-proto --test codegen_drift
	BUTTERFLY_BLESS=1 $(CARGO) test -p butterfly-cli --test committed_files
