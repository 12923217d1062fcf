#!/usr/bin/env python3
"""Raft with the durable log against the in-memory one, in the same run (issue 16).

For each mode (durable: the demo default; volatile: BUTTERFLY_DEMO_RAFT_VOLATILE=1, coordinators
started with --raft-volatile) it starts a demo of 3 coordinators and 4 compute nodes that commit a
checkpoint manifest through Raft every 200 ms each (~20 commits/s), then
  * commit latency: the leader's `consensus.propose` spans (client_write until committed and
    applied on the leader, fsyncs included) read back with grpcurl QuerySpans;
  * failover: SIGKILL of the leader until a survivor is leader and has committed past the old
    commit index (same method as benches/failover.sh), RUNS times with a fresh demo each.
  python3 benches/raft_durable.py [RUNS] [--cli target/release/butterfly-cli]
"""
import json, os, signal, statistics, subprocess, sys, tempfile, time

args = sys.argv[1:]
cli = os.path.abspath("target/release/butterfly-cli")
if "--cli" in args:
    i = args.index("--cli"); cli = os.path.abspath(args[i + 1]); del args[i:i + 2]
runs = int(args[0]) if args else 3
work = tempfile.mkdtemp()
env = dict(os.environ, BUTTERFLY_STATE_DIR=f"{work}/state", XDG_CONFIG_HOME=f"{work}/config", NO_COLOR="1")
env.pop("BUTTERFLY_DEMO_RAFT_VOLATILE", None)

def run(*a, e=None):
    return subprocess.run([cli, *a], capture_output=True, text=True, env=e or env)

def status(addr, e):
    out = run("-o", "json", "--timeout", "300ms", "node", "status", addr, e=e)
    return json.loads(out.stdout) if out.returncode == 0 else None

def up(e):
    r = run("demo", "up", "--detach", "--no-prometheus", "--load", "0", "--compute", "4",
            "--observers", "0", "--checkpoint-interval", "200ms", e=e)
    assert r.returncode == 0, r.stderr
    state = json.load(open(f"{work}/state/demo/state.json"))
    coords = [n for n in state["nodes"] if n["role"] == "coordinator"]
    deadline = time.time() + 30
    while time.time() < deadline:
        s = [status(c["debug_addr"], e) for c in coords]
        if all(x and x["consensus"]["leader"] for x in s):
            return coords, s[0]["consensus"]["leader"]
        time.sleep(0.2)
    raise SystemExit("no leader")

def commit_latency(e):
    coords, leader = up(e)
    time.sleep(20)
    addr = next(c["debug_addr"] for c in coords if c["id"] == leader)
    certs = f"{work}/state/demo/certs"
    out = subprocess.run(["grpcurl", "-cacert", f"{certs}/ca.pem", "-cert", f"{certs}/oncall.pem",
                          "-key", f"{certs}/oncall-key.pem", "-d", '{"limit": 1000}', addr,
                          "butterfly.debug.v1.DebugService/QuerySpans"], capture_output=True, text=True)
    spans = json.loads(out.stdout).get("spans", [])
    ms = sorted(int(s.get("durationNs", 0)) / 1e6 for s in spans if s.get("name") == "consensus.propose")
    run("demo", "down", e=e)
    q = lambda p: ms[min(len(ms) - 1, int(p * len(ms)))]
    return {"n": len(ms), "p50": q(0.5), "p99": q(0.99), "mean": statistics.mean(ms)}

def failover(e):
    coords, leader = up(e)
    time.sleep(2)
    old = max(status(c["debug_addr"], e)["consensus"]["commit_index"] for c in coords)
    victim = next(c for c in coords if c["id"] == leader)
    t0 = time.perf_counter(); os.kill(victim["pid"], signal.SIGKILL)
    while time.perf_counter() - t0 < 30:
        for c in coords:
            if c is victim: continue
            st = status(c["debug_addr"], e)
            if st and st["consensus"]["state"] == "leader" and st["consensus"]["commit_index"] > old:
                run("demo", "down", e=e)
                return (time.perf_counter() - t0) * 1000
    run("demo", "down", e=e)
    return float("nan")

try:
    for mode in ("durable", "volatile"):
        e = dict(env)
        if mode == "volatile":
            e["BUTTERFLY_DEMO_RAFT_VOLATILE"] = "1"
        c = commit_latency(e)
        f = [failover(e) for _ in range(runs)]
        print(f"{mode:8} commit latency over {c['n']} commits: p50 {c['p50']:.2f} ms, p99 {c['p99']:.2f} ms, "
              f"mean {c['mean']:.2f} ms; failover runs {', '.join(f'{x:.0f}' for x in f)} ms, "
              f"median {statistics.median(f):.0f} ms", flush=True)
finally:
    run("demo", "down")
