#!/usr/bin/env bash
# `state diff --all` wall time over the demo (3 coordinators, 4 compute, 1 observer) and over the
# demo plus a 1000-node swarm, against `cluster status` (the same fan-out) in the same run.
#   bash benches/state_diff.sh [swarm]
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=$PWD/target/release/butterfly-cli
swarm=${1:-1000}
work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1
export BUTTERFLY_NODE_BIN=$PWD/target/release/butterfly-node
trap '"$CLI" demo down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
for n in 0 "$swarm"; do
  "$CLI" demo up --detach --no-prometheus --load 0 --swarm "$n" >/dev/null
  sleep 5
  for cmd in "state diff --all" "cluster status"; do
    for i in 1 2 3; do
      t0=$(date +%s.%N); "$CLI" -o json --timeout 10s $cmd >"$work/out.json" || true; t1=$(date +%s.%N)
      python3 - "$work/out.json" "$cmd" "$n" "$t0" "$t1" <<'PY'
import json, sys
v = json.load(open(sys.argv[1])); cmd, n, t0, t1 = sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
extra = f"verdict: {v.get('verdict')}" if "verdict" in v else f"{len(v.get('nodes', []))} nodes"
print(f"swarm {n:>5}  {cmd:18} {(t1 - t0) * 1000:7.0f} ms  {extra}")
PY
    done
  done
  "$CLI" -o json state dump coordinator-1 --section members | python3 -c "import json,sys;s=json.load(sys.stdin)['sections'][0];print(f\"swarm $n  members section: {s['bytes']} bytes in {s['pages']} page(s), hash_ok {s['hash_ok']}\")"
  "$CLI" demo down >/dev/null
done
