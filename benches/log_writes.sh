#!/usr/bin/env bash
# write(2) calls to stderr per request on a demo coordinator (1 coordinator + 3 compute nodes),
# counted with strace over N sequential requests after 20 warm-up requests.
#
# Usage: bash benches/log_writes.sh [NODE_BIN] [CLI_BIN] [N]
#   defaults: target/release/butterfly-node target/release/butterfly-cli 300 (needs strace, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
NODE=$(realpath "${1:-target/release/butterfly-node}")
CLI=$(realpath "${2:-target/release/butterfly-cli}")
N=${3:-300}
S=$(mktemp -d /tmp/stw.XXXX)
cat > $S/node <<W
#!/bin/sh
case "\$*" in *"--role coordinator"*) exec strace -f -qq -e trace=write -e signal=none -o $S/strace.\$\$ "$NODE" "\$@";; esac
exec "$NODE" "\$@"
W
chmod +x $S/node
export BUTTERFLY_STATE_DIR=$S/state XDG_CONFIG_HOME=$S/cfg XDG_STATE_HOME=$S/xs BUTTERFLY_NODE_BIN=$S/node NO_COLOR=1
timeout 120 $CLI demo up --detach --no-prometheus --load 0 --coordinators 1 --compute 3 --observers 0 --checkpoint-interval 1h >/dev/null 2>&1 || { echo "demo up failed"; exit 1; }
HTTP=$(python3 -c "
import json
st=json.load(open('$S/state/demo/state.json'))
print([n['http_addr'] for n in st['nodes'] if n['role']=='coordinator'][0])")
post() { curl -s -m 10 -o /dev/null -X POST -H 'content-type: application/json' -d '{"model":"butterfly-demo","input":"hello"}' http://$HTTP/v1/infer; }
for i in $(seq 20); do post; done
sleep 1
before=$(cat $S/strace.* | grep -c 'write(2,')
for i in $(seq $N); do post; done
sleep 1
after=$(cat $S/strace.* | grep -c 'write(2,')
$CLI demo down >/dev/null 2>&1
python3 -c "print('stderr writes per request:', ($after-$before)/$N)"
rm -rf $S
