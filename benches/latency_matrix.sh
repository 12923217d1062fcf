#!/usr/bin/env bash
# `latency matrix` on the 8-node demo (3 coordinators, 4 compute, 1 observer), whole process
# with hyperfine, beside `cluster status` (one RPC per node, no probing) measured in the same run.
#   bash benches/latency_matrix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=$PWD/target/release/butterfly-cli
[ -x "$CLI" ] || { echo "build first: cargo build --release --workspace --bins" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: bash scripts/install-deps.sh" >&2; exit 1; }
work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1
trap '"$CLI" demo down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$CLI" demo up --detach --no-prometheus --load 2 >/dev/null
# Every node must know every peer before the matrix is complete.
for _ in $(seq 1 50); do
  n=$("$CLI" -o json latency matrix --count 1 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(l["reachable"] for l in d["links"]))' || echo 0)
  [ "$n" -ge 56 ] && break; sleep 0.3
done
echo "## latency matrix, 8 nodes (56 links, 10 pings per link and path)"
hyperfine -N --warmup 2 --runs 15 --export-markdown "$work/matrix.md" \
  "$CLI -o json latency matrix" "$CLI -o json cluster status" >/dev/null
cat "$work/matrix.md"
"$CLI" -o json latency matrix | python3 -c 'import json,sys; d=json.load(sys.stdin); print("verdict:", d["verdict"])'
