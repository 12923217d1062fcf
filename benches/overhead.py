#!/usr/bin/env python3
"""Instrumentation overhead of the reference cluster, as CPU cost per request rather than wall
throughput (which varies about ±20 % between runs on the project VM).

Usage:
  python3 benches/overhead.py [--pairs P] [--requests N] [--concurrency C] [--warmup W]
                              [--rate R] [--mode cpu|callgrind]
                              [--shape "--coordinators 1 --compute 3 ..."]
                              [--cli PATH] [--node PATH]

Each pair starts two fresh demo clusters, one with instrumentation on (the default
RUST_LOG=info: spans, log lines, exemplars) and one with it off (RUST_LOG=off: no spans, no log
lines; metrics stay on), in alternating order. After W warm-up requests it runs N requests to the
coordinators (closed loop at concurrency C, or open loop at --rate R per second, so both sides do
the same work per second and CPU per request is not skewed by batching) and measures, summed over
every node process:

  cpu        user+system CPU time from /proc/<pid>/stat (clock ticks) over the N requests;
  callgrind  instructions executed (Ir), every node run under `valgrind --tool=callgrind` with
             instrumentation switched on only for the N requests (callgrind_control -i on).

It prints per-request cost on and off, and the overhead (on/off - 1) per pair and overall; in
callgrind mode also each node's instructions per request, on and off.
Clusters run in a private state directory and are torn down with `demo down`.

For instruction counts, use the open loop (--rate, e.g. 8 under valgrind) and add
`--checkpoint-interval 1h` to --shape. Both take out work that is per second rather than per
request: in a closed loop the slower side spends more wall time per request and so more of the
cluster's heartbeats, gossip and QUIC keep-alives per request; and a compute node's checkpoint
(every 10 s by default, about 15 M instructions each) lands in a short window or not.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("--pairs", type=int, default=3)
ap.add_argument("--requests", type=int, default=2000)
ap.add_argument("--concurrency", type=int, default=8)
ap.add_argument("--warmup", type=int, default=50)
ap.add_argument("--rate", type=float, default=0,
                help="open loop: start requests at this many per second (0 = closed loop)")
ap.add_argument("--mode", choices=["cpu", "callgrind"], default="cpu")
ap.add_argument("--shape", default="--coordinators 3 --compute 4 --observers 1")
ap.add_argument("--cli", default=os.path.join(ROOT, "target/release/butterfly-cli"))
ap.add_argument("--node", default=os.path.join(ROOT, "target/release/butterfly-node"))
ap.add_argument("--keep", help="copy the callgrind dumps here (for callgrind_annotate)")
a = ap.parse_args()

TICK = os.sysconf("SC_CLK_TCK")
work = tempfile.mkdtemp(prefix="butterfly-overhead-")


def node_bin():
    if a.mode == "cpu":
        return a.node
    wrapper = os.path.join(work, "node-under-callgrind")
    with open(wrapper, "w") as f:
        f.write("#!/bin/sh\n")
        f.write(f'exec valgrind -q --tool=callgrind --instr-atstart=no '
                f'--callgrind-out-file="{work}/cg.%p" "{a.node}" "$@"\n')
    os.chmod(wrapper, 0o755)
    return wrapper


def env_for(on, state):
    e = dict(os.environ)
    e.update({
        "BUTTERFLY_STATE_DIR": state,
        "XDG_CONFIG_HOME": os.path.join(state, "config"),
        "XDG_STATE_HOME": os.path.join(state, "xdg-state"),
        "BUTTERFLY_NODE_BIN": node_bin(),
        "NO_COLOR": "1",
    })
    e.pop("BUTTERFLY_DEMO_WATCH_PID", None)
    e.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    if on:
        e.pop("RUST_LOG", None)
    else:
        e["RUST_LOG"] = "off"
    return e


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def callgrind_ir(pids, names):
    total = 0
    per_node = {}
    for pid in pids:
        subprocess.run(["callgrind_control", "-d", str(pid)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for pid in pids:
        dumps = sorted(p for p in os.listdir(work) if p.startswith(f"cg.{pid}."))
        if not dumps:
            sys.exit(f"no callgrind dump for pid {pid}")
        with open(os.path.join(work, dumps[-1])) as f:
            m = re.search(r"^(?:summary|totals): (\d+)", f.read(), re.M)
        ir = int(m.group(1)) if m else 0
        total += ir
        per_node[names.get(pid, str(pid))] = ir
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            shutil.copy(os.path.join(work, dumps[-1]), a.keep)
    return total, per_node


def measure(on):
    state = tempfile.mkdtemp(prefix="state-", dir=work)
    env = env_for(on, state)
    up = [a.cli, "demo", "up", "--detach", "--no-prometheus", "--load", "0"] + a.shape.split()
    subprocess.run(up, env=env, check=True, stdout=subprocess.DEVNULL)
    try:
        st = json.load(open(os.path.join(state, "demo", "state.json")))
        targets = [n["http_addr"] for n in st["nodes"] if n["role"] == "coordinator"]
        pids = sorted({n["pid"] for n in st["nodes"]})
        names = {n["pid"]: n.get("id", str(n["pid"])) for n in st["nodes"]}

        def one(i):
            body = json.dumps({"model": "butterfly-demo", "input": f"benchmark input {i % 50}"}).encode()
            req = urllib.request.Request(f"http://{targets[i % len(targets)]}/v1/infer", data=body,
                                         headers={"content-type": "application/json"})
            with urllib.request.urlopen(req, timeout=120) as r:
                r.read()

        # The cluster serves once the compute nodes' layer assignment is committed.
        deadline = time.monotonic() + 300
        while True:
            try:
                one(0)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        for i in range(a.warmup):
            one(i)
        if a.mode == "callgrind":
            for pid in pids:
                subprocess.run(["callgrind_control", "-i", "on", str(pid)], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            before = sum(cpu_ticks(p) for p in pids)
        t0 = time.perf_counter()
        with ThreadPoolExecutor(a.concurrency) as ex:
            if a.rate > 0:
                futures = []
                for i in range(a.requests):
                    delay = t0 + i / a.rate - time.perf_counter()
                    if delay > 0:
                        time.sleep(delay)
                    futures.append(ex.submit(one, i))
                for f in futures:
                    f.result()
            else:
                list(ex.map(one, range(a.requests)))
        wall = time.perf_counter() - t0
        if a.mode == "callgrind":
            total, per_node = callgrind_ir(pids, names)
            cost = total / a.requests  # instructions per request
            PER_NODE[on].append({k: v / a.requests for k, v in per_node.items()})
        else:
            cost = (sum(cpu_ticks(p) for p in pids) - before) / TICK / a.requests * 1e6  # µs
        return cost, a.requests / wall
    finally:
        subprocess.run([a.cli, "demo", "down"], env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


PER_NODE = {True: [], False: []}
unit = "µs CPU/request" if a.mode == "cpu" else "instructions/request"
print(f"mode={a.mode} pairs={a.pairs} requests={a.requests} concurrency={a.concurrency} rate={a.rate} "
      f"shape={a.shape!r} node={a.node}")
ons, offs = [], []
try:
    for p in range(a.pairs):
        order = [True, False] if p % 2 == 0 else [False, True]
        res = {}
        for on in order:
            res[on] = measure(on)
        ons.append(res[True][0])
        offs.append(res[False][0])
        print(f"pair {p + 1}: on {res[True][0]:,.0f} {unit} ({res[True][1]:.0f} req/s)  "
              f"off {res[False][0]:,.0f} {unit} ({res[False][1]:.0f} req/s)  "
              f"overhead {100 * (res[True][0] / res[False][0] - 1):+.2f} %", flush=True)
finally:
    shutil.rmtree(work, ignore_errors=True)
if a.mode == "callgrind" and PER_NODE[True] and PER_NODE[False]:
    print("per node, mean instructions/request (on, off, on - off):")
    for node in sorted(PER_NODE[True][0]):
        on_m = statistics.mean(r.get(node, 0) for r in PER_NODE[True])
        off_m = statistics.mean(r.get(node, 0) for r in PER_NODE[False])
        print(f"  {node:<16} {on_m:>12,.0f} {off_m:>12,.0f} {on_m - off_m:>+10,.0f}")
ratios = [100 * (x / y - 1) for x, y in zip(ons, offs)]
print(f"mean: on {statistics.mean(ons):,.0f}  off {statistics.mean(offs):,.0f} {unit}  "
      f"overhead {100 * (statistics.mean(ons) / statistics.mean(offs) - 1):+.2f} % "
      f"(per pair: median {statistics.median(ratios):+.2f} %, min {min(ratios):+.2f} %, "
      f"max {max(ratios):+.2f} %)")
