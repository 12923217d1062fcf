#!/usr/bin/env bash
# Whole-process `request trace` on a 10,000-span trace served in Jaeger's api_v3 JSON by a local
# HTTP server, against a peer doing less (fetch + parse with curl | jq) in the same run.
#   bash benches/trace.sh          (needs the release build and hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=$PWD/target/release/butterfly-cli
[ -x "$CLI" ] || { echo "build first: cargo build --release --workspace --bins" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: bash scripts/install-deps.sh" >&2; exit 1; }
work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1
id=4bf92f3577b34da6a3ce929d0e0e4736
mkdir -p "$work/www/api/v3/traces"
python3 - "$id" > "$work/www/api/v3/traces/$id" <<'PY'
import json, sys
tid, t0, sends = sys.argv[1], 1_795_000_000_000_000_000, 5000
def span(i, parent, name, start, end, layer):
    return {"traceId": tid, "spanId": f"{i:016x}", "parentSpanId": f"{parent:016x}" if parent else "",
            "name": name, "kind": 2, "startTimeUnixNano": str(start), "endTimeUnixNano": str(end),
            "attributes": [{"key": "layer.id", "value": {"intValue": str(layer)}}], "status": {}}
nodes = [[] for _ in range(51)]
nodes[0].append(span(1, None, "inference.request", t0, t0 + (sends // 3 + 1) * 1_000_000, 0))
for i in range(sends):
    start = t0 + (i // 3) * 1_000_000 + 10_000
    dur = 200_000 + (i % 7) * 50_000
    send = 2 + 2 * i
    nodes[0].append(span(send, 1, "comm.send_tensor", start, start + dur, i // 3 % 8))
    nodes[1 + i % 50].append(span(send + 1, send, "layer.execute", start + 20_000, start + dur - 20_000, i // 3 % 8))
rs = [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "butterfly-node"}},
       {"key": "node.id", "value": {"stringValue": "coordinator-1" if n == 0 else f"compute-{n}"}}]},
       "scopeSpans": [{"scope": {}, "spans": s}]} for n, s in enumerate(nodes)]
json.dump({"result": {"resourceSpans": rs}}, sys.stdout, separators=(",", ":"))
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
srv=$!
trap 'kill $srv 2>/dev/null || true; rm -rf "$work"' EXIT
url=http://127.0.0.1:$port
for _ in $(seq 1 50); do curl -sf "$url/api/v3/traces/$id" -o /dev/null && break; sleep 0.1; done
echo "## request trace, 10,000 spans from Jaeger api_v3 JSON ($(du -h "$work/www/api/v3/traces/$id" | cut -f1)), whole process"
BUTTERFLY_JAEGER_URL=$url hyperfine --warmup 2 --runs 15 --export-markdown "$work/trace.md" \
  "$CLI -o table request trace $id --source jaeger --no-logs" \
  "$CLI -o json request trace $id --source jaeger --no-logs" \
  "curl -s $url/api/v3/traces/$id | jq '.result.resourceSpans | map(.scopeSpans[].spans | length) | add'" >/dev/null
cat "$work/trace.md"
