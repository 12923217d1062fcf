#!/usr/bin/env bash
# Packet capture rate and drops, side by side with tcpdump on the same traffic: a demo under a
# bounded inference load on loopback; `packet capture --source pcap` on coordinator-1 and
# `tcpdump -w` with the very kernel filter the node applied, over the same seconds.
# Needs root (libpcap on lo) and tcpdump (scripts/install-deps.sh --bench).
#   bash benches/capture.sh [load_rps] [seconds] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=$PWD/target/release/butterfly-cli
load=${1:-200}
secs=${2:-10}
runs=${3:-3}
command -v tcpdump >/dev/null || { echo "tcpdump missing: bash scripts/install-deps.sh --bench" >&2; exit 1; }
work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1
trap '"$CLI" demo down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$CLI" demo up --detach --no-prometheus --load "$load" --compute 3 --observers 0 >/dev/null
sleep 3
for r in $(seq 1 "$runs"); do
  # The node's kernel filter (its own ports), from a dry run of the same request.
  "$CLI" -o json packet capture start coordinator-1 --source pcap --max-duration "${secs}s" >"$work/start.json"
  filter=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["nodes"][0]["applied_filter"])' "$work/start.json")
  timeout --signal=INT "$secs" tcpdump -i lo -n -w "$work/tcpdump.pcap" "$filter" 2>"$work/tcpdump.err" || true
  "$CLI" -o json packet capture stop -w "$work/ours.pcapng" >"$work/stop.json"
  python3 - "$work" "$secs" "$load" <<'PY'
import json, re, subprocess, sys
work, secs, load = sys.argv[1], float(sys.argv[2]), sys.argv[3]
stop = json.load(open(f"{work}/stop.json"))["nodes"][0]
err = open(f"{work}/tcpdump.err").read()
td = int(re.search(r"(\d+) packets captured", err).group(1))
td_drop = int(re.search(r"(\d+) packets dropped by kernel", err).group(1))
ours = stop["packets"]
# Both ran for the same `secs` over the same traffic. "over limit" counts packets refused after the
# session's own duration limit; "kernel" is libpcap's ps_drop + ps_ifdrop, like tcpdump's figure.
print(f"load {load} req/s, {secs:.0f}s: butterfly pcap {ours/secs:.0f} pkt/s"
      f" ({stop['kernel_dropped']} kernel drops, {stop['dropped']} over limit)"
      f" | tcpdump {td/secs:.0f} pkt/s ({td_drop} kernel drops) | ratio {ours/max(td,1):.3f}")
PY
done
