#!/usr/bin/env python3
"""Paramiko persistent sessions polling like the Worker: one SSH session per node, the same probe command,
each node on its own fixed-rate schedule run by one scheduler thread and a pool of 8 (phases spread over min(interval, 10 s), as the Worker's Quartz
triggers are). Writes one line "<node> <unix seconds when the poll's output arrived>" per poll to --log.

Usage: paramiko_client.py --nodes FILE --key KEY [--user NAME] --command FILE --interval S --log FILE
FILE of nodes: one "name address port" per line."""
import argparse, heapq, random, threading, time
from concurrent.futures import ThreadPoolExecutor

import paramiko

ap = argparse.ArgumentParser()
ap.add_argument("--nodes", required=True)
ap.add_argument("--key", required=True)
ap.add_argument("--user", default="cowlab")
ap.add_argument("--command", required=True)
ap.add_argument("--interval", type=float, required=True)
ap.add_argument("--log", required=True)
a = ap.parse_args()

command = open(a.command).read()
key = paramiko.Ed25519Key.from_private_key_file(a.key)
nodes = [l.split() for l in open(a.nodes) if l.strip()]
log = open(a.log, "a", buffering=1)
lock = threading.Lock()
clients = {}


def poll(name, addr, port):
    client = clients.get(name)
    try:
        if client is None:
            client = paramiko.SSHClient()
            client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
            client.connect(addr, int(port), username=a.user, pkey=key, timeout=5, allow_agent=False, look_for_keys=False)
            clients[name] = client
        _, out, _ = client.exec_command(command, timeout=10)
        out.read()
        with lock:
            log.write(f"{name} {time.time():.3f}\n")
    except Exception:  # a failed poll is not counted; reconnect on the next
        if client is not None:
            client.close()
        clients.pop(name, None)


# One scheduler thread and a small pool, as a careful Paramiko poller would do (Paramiko itself keeps one
# transport thread per session); a node never has two polls in flight.
pool = ThreadPoolExecutor(max_workers=8)
now = time.time()
heap = [(now + random.uniform(0, min(a.interval, 10.0)), i) for i in range(len(nodes))]
heapq.heapify(heap)
busy = {}
while True:
    due, i = heapq.heappop(heap)
    delay = due - time.time()
    if delay > 0:
        time.sleep(delay)
    nxt = due + a.interval
    while nxt < time.time():
        nxt += a.interval  # skip missed polls, as the Worker's misfire rule does
    heapq.heappush(heap, (nxt, i))
    if i in busy and not busy[i].done():
        continue
    busy[i] = pool.submit(poll, *nodes[i][:3])
