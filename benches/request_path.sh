#!/usr/bin/env bash
# Instructions the instrumentation of one demo request costs, without a cluster: runs
# crates/butterfly-telemetry/examples/request_path.rs (the coordinator's root span, 2 log lines,
# 24 comm.send_tensor spans; 24 layer.execute spans) under callgrind with RUST_LOG=info and
# RUST_LOG=off, for N requests and for 0, and prints (on - off) / N.
#
# Usage: bash benches/request_path.sh [N]   (default 2000; needs valgrind: install-deps --bench)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
cargo build --release -q -p butterfly-telemetry --example request_path
bin=target/release/examples/request_path
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() { # RUST_LOG requests -> total instructions
  RUST_LOG=$1 valgrind -q --tool=callgrind --callgrind-out-file="$out/cg" "$bin" "$2" \
    >/dev/null 2>&1
  awk '/^summary:/ {print $2; exit}' "$out/cg"
}
on=$(($(count info "$n") - $(count info 0)))
off=$(($(count off "$n") - $(count off 0)))
awk -v on="$on" -v off="$off" -v n="$n" 'BEGIN {
  printf "requests: %d\non:  %.0f instructions/request\noff: %.0f instructions/request\n", n, on / n, off / n
  printf "instrumentation: %.0f instructions/request\n", (on - off) / n
}'
