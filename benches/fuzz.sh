#!/usr/bin/env bash
# Fuzz every parser that reads what a user or a network wrote (issue 15 §7), each for a bounded
# time: `bash benches/fuzz.sh [SECONDS per target, default 60] [TARGET ...]` (all targets when none
# is named). Needs the nightly toolchain;
# installs cargo-fuzz. Prints each target's executions and whether it crashed; a crash leaves its
# input in fuzz/artifacts/<target>/ (make it a regression test).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-60}"
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p corpus
# Seed the decoders' corpora with the real payloads of tests/fixtures (first run only).
seed() { mkdir -p "corpus/$1"; [ -n "$(ls -A "corpus/$1")" ] || find "${@:2}" -type f -name '*.json' -exec cp {} "corpus/$1/" \; 2>/dev/null || true; }
seed jaeger ../tests/fixtures/upstream/jaeger ../tests/fixtures/jaeger_v3_damaged_trace.json
seed loki ../tests/fixtures/loki ../tests/fixtures/loki_trace_logs.json
seed prometheus ../tests/fixtures/upstream/prometheus
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  log="$(mktemp)"
  if cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$secs" -max_len=4096 \
      >"$log" 2>&1; then
    status=ok
  else
    status=CRASH
  fi
  execs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || echo "?")
  echo "$target: $execs executions in ${secs}s: $status"
  [ "$status" = ok ] || tail -20 "$log"
  rm -f "$log"
done
