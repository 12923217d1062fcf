#!/usr/bin/env bash
# Profiling benchmarks (issue 13), release build, markdown to stdout:
#  1. rendering a 1,000,000-sample folded profile to SVG: `butterfly-cli flamegraph render` vs
#     the `inferno-flamegraph` CLI (cargo-installed here, same inferno version) on the same file;
#  2. `profile cpu --all --duration 5s` on the 8-node demo: wall time (goal: within 1 s of 5 s);
#  3. the sampler's cost: inference throughput of the demo with a 99 Hz CPU profile running on
#     every node vs without, as interleaved pairs of equal windows.
#   bash benches/profile.sh            (after: cargo build --release --workspace --bins)
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=$PWD/target/release/butterfly-cli
[ -x "$CLI" ] || { echo "build first: cargo build --release --workspace --bins" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: bash scripts/install-deps.sh" >&2; exit 1; }
work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1
trap '"$CLI" demo down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# 1. Render.
INFERNO=${INFERNO:-$HOME/.cache/butterfly-bench/inferno/bin/inferno-flamegraph}
if [ ! -x "$INFERNO" ]; then
  cargo install --quiet --locked inferno --version 0.12.8 --root "$(dirname "$(dirname "$INFERNO")")" >&2
fi
python3 - "$work/big.folded" <<'PY'
import random, sys
random.seed(7)
mods = ["butterfly_node::dataplane", "tokio::runtime", "quinn::connection", "butterfly_telemetry::layer", "core::iter"]
funcs = [f"{random.choice(mods)}::f{i}" for i in range(400)]
stacks = {}
total = 1_000_000
while sum(stacks.values()) < total:
    depth = random.randint(8, 40)
    stack = ";".join(["tokio-rt-worker"] + [random.choice(funcs) for _ in range(depth)])
    stacks[stack] = stacks.get(stack, 0) + random.randint(1, 400)
with open(sys.argv[1], "w") as f:
    for s, n in stacks.items():
        f.write(f"{s} {n}\n")
print(f"{len(stacks)} unique stacks, {sum(stacks.values())} samples", file=sys.stderr)
PY
echo "## render a 1,000,000-sample folded profile to SVG"
# Both through the same shell (inferno-flamegraph writes to standard output).
hyperfine --warmup 2 --runs 10 --export-markdown "$work/render.md" \
  "$CLI -o json flamegraph render $work/big.folded -w $work/ours.svg > /dev/null" \
  "$INFERNO $work/big.folded > $work/theirs.svg" >/dev/null
cat "$work/render.md"

# 2. profile cpu on the 8-node demo.
"$CLI" demo up --detach --no-prometheus --coordinators 3 --compute 4 --observers 1 --load 20 >/dev/null
sleep 3
echo "## profile cpu --all --duration 5s on the 8-node demo (wall time)"
hyperfine -N --warmup 1 --runs 5 --export-markdown "$work/cpu8.md" \
  "$CLI -o json profile cpu --all --duration 5s -w $work/all.svg" >/dev/null
cat "$work/cpu8.md"

# 3. Sampler overhead: requests completed in equal windows, profile on/off, interleaved.
"$CLI" demo down >/dev/null
"$CLI" demo up --detach --no-prometheus --coordinators 1 --compute 3 --observers 0 --load 0 >/dev/null
sleep 2
http=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([n["http_addr"] for n in d["nodes"] if n["id"]=="coordinator-1"][0])' "$BUTTERFLY_STATE_DIR/demo/state.json")
load() {
  python3 - "$http" "$1" <<'PY'
import json, sys, threading, time, urllib.request
addr, secs = sys.argv[1], float(sys.argv[2])
body = json.dumps({"model": "butterfly-demo", "input": "hello", "user_id": "u1"}).encode()
done = [0] * 4
end = time.time() + secs
def worker(i):
    while time.time() < end:
        req = urllib.request.Request(f"http://{addr}/v1/infer", data=body, method="POST")
        try:
            urllib.request.urlopen(req, timeout=5).read()
            done[i] += 1
        except Exception:
            pass
ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
[t.start() for t in ts]; [t.join() for t in ts]
print(sum(done) / secs)
PY
}
echo "## inference throughput, 99 Hz CPU profile on every node vs off (req/s, 10 s windows)"
echo "| pair | off | on | on/off |"
echo "|---:|---:|---:|---:|"
for i in 1 2 3 4 5; do
  off=$(load 10)
  "$CLI" -o json profile start --all --max-duration 15s >/dev/null
  on=$(load 10)
  "$CLI" -o json profile stop >/dev/null
  python3 -c "import sys; off,on=float(sys.argv[1]),float(sys.argv[2]); print(f'| $i | {off:.1f} | {on:.1f} | {on/off:.3f} |')" "$off" "$on"
done
