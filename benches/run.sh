#!/usr/bin/env bash
# Whole-process benchmarks with hyperfine (release build). Prints markdown tables to stdout.
#   make bench        (builds, then runs this and the criterion benches)
#   bash benches/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=$PWD/target/release/butterfly-cli
[ -x "$CLI" ] || { echo "build first: cargo build --release --workspace --bins" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: bash scripts/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1
trap '"$CLI" demo down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

echo "## start-up"
hyperfine -N --warmup 5 --runs 50 --export-markdown "$work/startup.md" \
  "$CLI --version" "$CLI completions bash" >/dev/null
cat "$work/startup.md"

for n in 10 100 1000; do
  "$CLI" demo up --detach --no-prometheus --coordinators 1 --compute 0 --observers 0 --swarm $((n - 1)) >/dev/null
  # Let the swarm's first heartbeat land so every member is listed.
  for _ in $(seq 1 50); do
    got=$("$CLI" -o json cluster status 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["reachable"])' || echo 0)
    [ "$got" -ge "$n" ] && break; sleep 0.2
  done
  echo "## cluster status, cold mTLS, $n nodes (reachable: $got)"
  hyperfine -N --warmup 2 --runs 15 --export-markdown "$work/status-$n.md" \
    "$CLI -o json cluster status" >/dev/null
  cat "$work/status-$n.md"
  if [ "$n" = 10 ]; then
    addr=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([n["debug_addr"] for n in d["nodes"] if n["id"]=="coordinator-1"][0])' "$BUTTERFLY_STATE_DIR/demo/state.json")
    certs=$BUTTERFLY_STATE_DIR/demo/certs
    echo "## node info against one node: butterfly-cli vs grpcurl (same call, same certificate)"
    hyperfine -N --warmup 3 --runs 30 --export-markdown "$work/info.md" \
      "$CLI -o json node info $addr" \
      "grpcurl -cacert $certs/ca.pem -cert $certs/oncall.pem -key $certs/oncall-key.pem $addr butterfly.debug.v1.DebugService/GetNodeInfo" >/dev/null
    cat "$work/info.md"
    # The peer for a fan-out: what one would do without the console, grpcurl over every node in turn.
    addrs=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(n["debug_addr"] for n in d["nodes"]))' "$BUTTERFLY_STATE_DIR/demo/state.json")
    cat > "$work/peer.sh" <<PEER
for a in $addrs; do grpcurl -cacert $certs/ca.pem -cert $certs/oncall.pem -key $certs/oncall-key.pem \$a butterfly.debug.v1.DebugService/GetStatus >/dev/null; done
PEER
    echo "## status of all $n nodes: butterfly-cli cluster status vs a grpcurl loop"
    hyperfine -N --warmup 1 --runs 5 --export-markdown "$work/peer.md" \
      "$CLI -o json cluster status" "bash $work/peer.sh" >/dev/null
    cat "$work/peer.md"
  fi
  "$CLI" demo down >/dev/null
done

# metrics query vs promtool: the same instant query against the demo's real Prometheus, whole
# process each (start-up, HTTP, decoding, rendering), in the same run.
if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
  "$CLI" demo up --detach --coordinators 1 --compute 2 --observers 0 --swarm 0 --load 5 >/dev/null
  prom=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["prometheus"])' "$BUTTERFLY_STATE_DIR/demo/state.json")
  # Wait until Prometheus has scraped some requests.
  for _ in $(seq 1 60); do
    got=$("$CLI" -p demo -o json metrics query 'sum(butterfly_requests_total)' 2>/dev/null \
      | python3 -c 'import json,sys; s=json.load(sys.stdin)["series"]; print(s[0]["last"] if s else 0)' || echo 0)
    python3 -c "import sys; sys.exit(0 if float('$got') > 0 else 1)" && break; sleep 0.5
  done
  echo "## metrics query vs promtool query instant (Prometheus $prom, sum(butterfly_requests_total) = $got)"
  hyperfine -N --warmup 5 --runs 50 --export-markdown "$work/metrics.md" \
    "$CLI -p demo -o json metrics query sum(butterfly_requests_total)" \
    "promtool query instant -o json $prom sum(butterfly_requests_total)" >/dev/null
  cat "$work/metrics.md"
  echo "## metrics query --range 1h --step 15s vs promtool query range (same window; only the demo's first minute has data)"
  hyperfine -N --warmup 3 --runs 30 --export-markdown "$work/metrics-range.md" \
    "$CLI -p demo -o json metrics query sum(butterfly_requests_total) --range 1h --step 15s" \
    "promtool query range -o json --start=$(( $(date +%s) - 3600 )) --end=$(date +%s) --step=15s $prom sum(butterfly_requests_total)" >/dev/null
  cat "$work/metrics-range.md"
  "$CLI" demo down >/dev/null
else
  echo "## metrics query: skipped (install the prometheus package for prometheus + promtool)" >&2
fi
