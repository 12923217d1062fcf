#!/usr/bin/env bash
# Status that scales (issue 19 §3/§5) on a demo with a swarm of N virtual nodes (default 1000):
#  1. `cluster status` (one ClusterSummary call to a coordinator) against the fan-out
#     `cluster status --direct` (one GetStatus per node), whole process each run (cold TLS),
#     hyperfine;
#  2. idle CPU of `top` at the default 2 s refresh over 60 s, against `top --direct` in the same
#     run (each in its own detached tmux pane, CPU read from /proc/<pid>/stat).
#   bash benches/top_status.sh [N]     (N=0: the default 8-node demo, with its load and Prometheus)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
PROFILE=${PROFILE:-release}
CLI=${CARGO_TARGET_DIR:-$PWD/target}/$PROFILE/butterfly-cli
export BUTTERFLY_NODE_BIN=${CARGO_TARGET_DIR:-$PWD/target}/$PROFILE/butterfly-node
[ -x "$CLI" ] && [ -x "$BUTTERFLY_NODE_BIN" ] || { echo "build first: cargo build --release --workspace --bins" >&2; exit 1; }
command -v hyperfine >/dev/null && command -v tmux >/dev/null || { echo "hyperfine/tmux missing: bash scripts/install-deps.sh" >&2; exit 1; }
work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1
sock=$work/tmux
trap 'tmux -S "$sock" kill-server >/dev/null 2>&1 || true; "$CLI" demo down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
if [ "$N" -eq 0 ]; then
  "$CLI" demo up --detach >/dev/null
  want=8
else
  "$CLI" demo up --detach --coordinators 1 --compute 2 --observers 0 --swarm "$N" --no-prometheus --load 0 >/dev/null
  want=$((N + 3))
fi
for _ in $(seq 1 240); do
  n=$("$CLI" -o json cluster status 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["summary"]["reachable"])' || echo 0)
  [ "$n" -ge "$want" ] && break; sleep 0.5
done
echo "## cluster status, $want members: coordinator summary vs fan-out (reachable: $n)"
hyperfine -N -i --warmup 1 --runs 5 --export-markdown "$work/status.md" \
  "$CLI -o json cluster status" "$CLI -o json cluster status --direct" >/dev/null
cat "$work/status.md"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tmux -S "$sock" new-session -d -s a -x 160 -y 50 "exec $CLI top"
tmux -S "$sock" new-session -d -s b -x 160 -y 50 "exec $CLI top --direct"
sleep 10 # first polls, TLS set-up
a=$(tmux -S "$sock" display -p -t a '#{pane_pid}'); b=$(tmux -S "$sock" display -p -t b '#{pane_pid}')
ta0=$(cpu_ticks "$a"); tb0=$(cpu_ticks "$b"); sleep 60; ta1=$(cpu_ticks "$a"); tb1=$(cpu_ticks "$b")
hz=$(getconf CLK_TCK)
echo "## idle CPU over 60 s at the default 2 s refresh ($want members)"
echo "| top | CPU, % of one core |"
echo "|---|---:|"
echo "| top (coordinator summary) | $(python3 -c "print(f'{($ta1-$ta0)/$hz/60*100:.1f}')") |"
echo "| top --direct (fan-out) | $(python3 -c "print(f'{($tb1-$tb0)/$hz/60*100:.1f}')") |"
