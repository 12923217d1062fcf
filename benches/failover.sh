#!/usr/bin/env bash
# Leader failover: kill the Raft leader of a 3-coordinator demo and time until a survivor reports
# a new leader that has committed an entry (its commit index passes the old one).
#   bash benches/failover.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=$PWD/target/release/butterfly-cli
runs=${1:-5}
work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1
trap '"$CLI" demo down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
for r in $(seq 1 "$runs"); do
  "$CLI" demo up --detach --no-prometheus --load 0 --compute 1 --observers 0 >/dev/null
  sleep 2
  python3 - "$CLI" "$BUTTERFLY_STATE_DIR/demo/state.json" <<'PY'
import json, os, signal, subprocess, sys, time
cli, state = sys.argv[1], json.load(open(sys.argv[2]))
def status(addr):
    out = subprocess.run([cli, "-o", "json", "--timeout", "300ms", "node", "status", addr], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else None
coords = [n for n in state["nodes"] if n["role"] == "coordinator"]
s = status(coords[0]["debug_addr"])
leader = s["consensus"]["leader"]; old_commit = max(status(c["debug_addr"])["consensus"]["commit_index"] for c in coords)
victim = next(c for c in coords if c["id"] == leader)
t0 = time.perf_counter(); os.kill(victim["pid"], signal.SIGKILL)
while True:
    for c in coords:
        if c is victim: continue
        st = status(c["debug_addr"])
        if st and st["consensus"]["state"] == "leader" and st["consensus"]["commit_index"] > old_commit:
            print(f"failover {(time.perf_counter()-t0)*1000:.0f} ms (old leader {leader}, new {c['id']}, term {st['consensus']['term']})")
            sys.exit(0)
    if time.perf_counter() - t0 > 30: print("no new leader within 30 s"); sys.exit(1)
PY
  "$CLI" demo down >/dev/null
done
