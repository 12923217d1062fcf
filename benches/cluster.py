#!/usr/bin/env python3
"""Throughput and latency of a running demo cluster's POST /v1/infer (issue: reference cluster).

Usage: python3 benches/cluster.py STATE_JSON [--requests N] [--concurrency C]
STATE_JSON is <state dir>/demo/state.json of a running demo (release build, --load 0).
Requests go round robin to every coordinator (followers forward to the leader).
Prints requests/s, p50/p99 latency, and where a request's time goes: compute (longest replica
execution per layer), transfer (layer round minus compute: QUIC, serialization, majority wait),
consensus (0 on the request path: routing reads the applied state; fault records are proposed
asynchronously) and the rest (HTTP, forwarding, encoding).
"""
import argparse, json, statistics, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

ap = argparse.ArgumentParser()
ap.add_argument("state")
ap.add_argument("--requests", type=int, default=400)
ap.add_argument("--concurrency", type=int, default=8)
a = ap.parse_args()
state = json.load(open(a.state))
targets = [n["http_addr"] for n in state["nodes"] if n["role"] == "coordinator"]

def one(i):
    body = json.dumps({"model": "butterfly-demo", "input": f"benchmark input {i % 50}"}).encode()
    req = urllib.request.Request(f"http://{targets[i % len(targets)]}/v1/infer", data=body,
                                 headers={"content-type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as r:
        v = json.load(r)
    return (time.perf_counter() - t) * 1000.0, v

for i in range(20):  # warm-up
    one(i)
t0 = time.perf_counter()
with ThreadPoolExecutor(a.concurrency) as ex:
    results = list(ex.map(one, range(a.requests)))
wall = time.perf_counter() - t0
lat = sorted(r[0] for r in results)
q = lambda p: lat[min(len(lat) - 1, int(round(p * (len(lat) - 1))))]
compute = sum(l["compute_ms"] for _, v in results for l in v["layers"])
rounds = sum(l["latency_ms"] for _, v in results for l in v["layers"])
total = sum(v["latency_ms"] for _, v in results)
client = sum(r[0] for r in results)
print(f"requests={a.requests} concurrency={a.concurrency} coordinators={len(targets)}")
print(f"throughput={a.requests / wall:.1f} req/s  p50={q(0.50):.1f} ms  p99={q(0.99):.1f} ms  mean={statistics.mean(lat):.1f} ms")
print(f"time at the client: compute {100*compute/client:.1f}%  transfer {100*(rounds-compute)/client:.1f}%  "
      f"consensus 0.0%  other (HTTP, forwarding, pipeline) {100*(client-rounds)/client:.1f}%")
