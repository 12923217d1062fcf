#!/usr/bin/env bash
# `verify checkpoint` hashing rate against sha256sum over the same objects, in the same run.
# A demo coordinator plus one compute node with a large model (--dim 2048: 8 layers of 16 MiB,
# 128 MiB of checkpoint objects) joined with a node certificate of the demo's CA.
# Its checkpoint interval (20 s) keeps the checkpoint writer (which re-reads its objects) out of
# the measurement window right after the first checkpoint.
#   bash benches/verify_checkpoint.sh [dim]
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=$PWD/target/release/butterfly-cli NODE=$PWD/target/release/butterfly-node
dim=${1:-2048}
work=$(mktemp -d)
export BUTTERFLY_STATE_DIR=$work/state XDG_CONFIG_HOME=$work/config NO_COLOR=1 BUTTERFLY_NODE_BIN=$NODE
big=""
trap '[ -n "$big" ] && kill $big 2>/dev/null; "$CLI" demo down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$CLI" demo up --detach --no-prometheus --load 0 --coordinators 1 --compute 0 --observers 0 >/dev/null
certs=$BUTTERFLY_STATE_DIR/demo/certs
"$CLI" certs issue --dir "$certs" --name compute-big --role node >/dev/null
seed=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['nodes'][0]['debug_addr'])" "$BUTTERFLY_STATE_DIR/demo/state.json")
"$NODE" --role compute --id compute-big --dim "$dim" --data-dir "$work/big" --checkpoint-interval 20s \
  --seed "$seed" --ca "$certs/ca.pem" --cert "$certs/compute-big.pem" --key "$certs/compute-big-key.pem" \
  --debug-addr 127.0.0.1:0 --http-addr 127.0.0.1:0 >"$work/big.log" 2>&1 &
big=$!
until [ -f "$work/big/checkpoints/manifest.json" ]; do sleep 1; done
sleep 1
objs=$work/big/checkpoints/objects
bytes=$(du -sb "$objs" | cut -f1)
for i in 1 2 3; do
  for k in 1 4; do
    "$CLI" -o json --timeout 60s verify checkpoint --latest --node compute-big --parallel $k \
      | python3 -c "import json,sys;n=json.load(sys.stdin)['nodes'][0];print(f\"verify checkpoint --parallel $k: {n['bytes_hashed']/1e6:.0f} MB, {n['mb_per_s']:.0f} MB/s ({n['result']})\")"
  done
  t0=$(date +%s.%N); cat "$objs"/* | openssl dgst -sha256 >/dev/null; t1=$(date +%s.%N)
  python3 -c "print(f'openssl dgst -sha256 (1 process): {$bytes/1e6:.0f} MB, {$bytes/1e6/($t1-$t0):.0f} MB/s')"
  t0=$(date +%s.%N); sha256sum "$objs"/* >/dev/null; t1=$(date +%s.%N)
  python3 -c "print(f'sha256sum (1 process): {$bytes/1e6:.0f} MB, {$bytes/1e6/($t1-$t0):.0f} MB/s')"
  t0=$(date +%s.%N); ls "$objs"/* | xargs -P 4 -n 2 sha256sum >/dev/null; t1=$(date +%s.%N)
  python3 -c "print(f'sha256sum (4 processes): {$bytes/1e6:.0f} MB, {$bytes/1e6/($t1-$t0):.0f} MB/s')"
done
