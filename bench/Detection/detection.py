#!/usr/bin/env python3
"""Detection bench: the real Worker with the product's DEFAULT configuration (30 s interval, default
FailuresBeforeDown, correlation and backoff) against lab sshd nodes, reporting to a Bot API server on 127.0.0.1.

Faults, one node at a time: blackholed (lab.sh blackhole), sshd frozen (freeze), sshd stopped (stop-sshd).
Measures fault -> the node's CRITICAL message in the chat, and fault lifted -> its RESOLVED message.
Soak mode (--soak SECONDS): 10 % random packet drop on one node (lab.sh drop N 10), counting CRITICAL messages.
Run through bench/Detection/run.sh (as root, under flock /tmp/cow-lab.lock). Writes bench/results/detection.md."""
import argparse, http.server, json, os, signal, statistics, subprocess, sys, tempfile, threading, time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAB = os.path.join(REPO, "scripts", "lab.sh")
TOKEN = "123456:bench-detection"
CHAT = -100200300

ap = argparse.ArgumentParser()
ap.add_argument("--worker-dll", required=True)
ap.add_argument("--lab-dir", required=True)
ap.add_argument("--trials", type=int, default=5)
ap.add_argument("--faults", default="blackhole,freeze,stop-sshd")
ap.add_argument("--soak", type=float, default=0, help="seconds of 10 %% random drop (0: no soak)")
ap.add_argument("--timeout", type=float, default=420, help="longest wait for one message")
ap.add_argument("--out", default=os.path.join(REPO, "bench", "results", "detection.md"))
a = ap.parse_args()
env = dict(os.environ, COW_LAB_DIR=a.lab_dir)
sent = []  # (time, text)
lock = threading.Lock()
LIFT = {"blackhole": "unblackhole", "freeze": "thaw", "stop-sshd": "start-sshd"}


def say(m):
    print(f"detection: {m}", file=sys.stderr, flush=True)


class BotApi(http.server.BaseHTTPRequestHandler):
    """The few Bot API methods the Worker calls, answered as Telegram does; every sent text is recorded with its time."""
    counter = [1000]
    protocol_version = "HTTP/1.1"  # keep-alive as Telegram does; an HTTP/1.0 close now and then cut an answer short (ResponseEnded)

    def log_message(self, *args):
        pass

    def body(self):
        """The request body, whole: Telegram.Bot sends JSON with chunked transfer encoding (no Content-Length), and a
        body left unread makes the close reset the connection before the client has read the answer."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            raw = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return raw
                raw += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def do_POST(self):
        raw = self.body()
        try:
            body = json.loads(raw) if raw.startswith(b"{") else {}
        except ValueError:
            body = {}
        method = self.path.rsplit("/", 1)[-1]
        if method == "getMe":
            result = {"id": 123456, "is_bot": True, "first_name": "bench", "username": "bench_bot"}
        elif method == "getUpdates":
            time.sleep(min(float(body.get("timeout") or 0), 1.0))
            result = []
        elif method in ("sendMessage", "editMessageText", "sendPhoto"):
            with lock:
                BotApi.counter[0] += 1
                sent.append((time.time(), str(body.get("text") or body.get("caption") or "")))
            result = {"message_id": BotApi.counter[0], "date": int(time.time()), "chat": {"id": body.get("chat_id", CHAT), "type": "supergroup"},
                      "text": body.get("text", "")}
        else:
            result = True
        data = json.dumps({"ok": True, "result": result}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST


def lab(*args):
    return subprocess.run(["bash", LAB, *args], env=env, capture_output=True, text=True, check=True).stdout


def wait_for(pred, since, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with lock:
            for t, text in sent:
                if t >= since and pred(text):
                    return t
        time.sleep(0.2)
    return None


def main():
    nodes = [l.split()[1:4] for l in open(os.path.join(a.lab_dir, "nodes.txt")) if l.startswith("node ")]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BotApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    work = tempfile.mkdtemp(prefix="cow-detection-")
    wenv = dict(os.environ, CHATOPSWATCH_TELEGRAM_TOKEN=TOKEN,
                ChatOpsWatch__Telegram__ApiBaseUrl=f"http://127.0.0.1:{server.server_address[1]}",
                ChatOpsWatch__Telegram__OpsChatId=str(CHAT), ChatOpsWatch__Local__Enabled="false",
                ChatOpsWatch__Storage__Path=os.path.join(work, "cow.db"))
    # Product defaults for everything that decides detection; only the metric rules are off, so the lab's load raises no alerts.
    for i, r in enumerate(("cpu", "memory", "disk")):
        wenv.update({f"ChatOpsWatch__Alerts__Rules__{i}__Id": r, f"ChatOpsWatch__Alerts__Rules__{i}__Warning": "100",
                     f"ChatOpsWatch__Alerts__Rules__{i}__Critical": "100"})
    for i, (name, addr, port) in enumerate(nodes):
        wenv.update({f"ChatOpsWatch__Nodes__{i}__Name": name, f"ChatOpsWatch__Nodes__{i}__Host": addr,
                     f"ChatOpsWatch__Nodes__{i}__Port": port, f"ChatOpsWatch__Nodes__{i}__KeyFile": os.path.join(a.lab_dir, "id_ed25519"),
                     f"ChatOpsWatch__Nodes__{i}__Provider": f"p{i}", f"ChatOpsWatch__Nodes__{i}__Region": f"r{i}"})
    log = open(os.path.join(work, "worker.log"), "w")
    worker = subprocess.Popen(["dotnet", a.worker_dll], cwd=work, env=wenv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    results = {}
    soak = None
    try:
        start = time.time()
        for name, _, _ in nodes:
            if wait_for(lambda t, n=name: "Pinned the SSH host key" in t and n in t, start, 120) is None:
                raise RuntimeError(f"{name} was never pinned; see {log.name}")
        time.sleep(35)  # a full default interval of healthy polls
        for fault in filter(None, a.faults.split(",")):
            for k in range(a.trials):
                name = nodes[k % len(nodes)][0]
                t0 = time.time()
                lab(fault, name)
                down = wait_for(lambda t: "CRITICAL" in t and name in t, t0, a.timeout)
                t1 = time.time()
                lab(LIFT[fault], name)
                back = wait_for(lambda t: "RESOLVED" in t and name in t, t1, a.timeout)
                d = None if down is None else down - t0
                b = None if back is None else back - t1
                say(f"{fault} trial {k + 1} on {name}: down after {d if d is None else round(d, 1)} s, reachable again after {b if b is None else round(b, 1)} s")
                results.setdefault(fault, []).append((d, b))
                time.sleep(35)  # let the node settle for an interval before the next trial
        if a.soak > 0:
            name = nodes[0][0]
            t0 = time.time()
            lab("drop", name, "10")
            time.sleep(a.soak)
            lab("undrop", name)
            with lock:
                soak = (name, sum(1 for t, text in sent if t >= t0 and "CRITICAL" in text and name in text))
            say(f"soak: {soak[1]} CRITICAL message(s) for {name} in {a.soak:.0f} s of 10 % random drop")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
        server.shutdown()
    report(results, soak)


def report(results, soak):
    f = lambda xs: "—" if not xs else f"{statistics.median(xs):.1f} s / {max(xs):.1f} s"
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    lines = ["# Detection: the real Worker with its default configuration", "",
             f"One run of `bench/Detection/run.sh`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load} at the end. "
             "The real `chatopswatch` process with the product's defaults (30 s interval, default `FailuresBeforeDown`, correlation "
             "and backoff; only the metric rules are switched off) polls lab sshd nodes (each its own provider and region, so every "
             "fault is a lone node's) and reports to a Bot API server on 127.0.0.1. Fault → the node's CRITICAL message; fault lifted → its RESOLVED message.", "",
             "| Fault | Trials | Down: median / max | Reachable again: median / max | Missed (no message within the wait) |",
             "|---|---:|---:|---:|---:|"]
    for fault, rows in results.items():
        downs = [d for d, _ in rows if d is not None]
        backs = [b for _, b in rows if b is not None]
        missed = sum(1 for d, b in rows if d is None or b is None)
        lines.append(f"| {fault} | {len(rows)} | {f(downs)} | {f(backs)} | {missed} |")
    lines += ["", "Targets (issue 10): down ≤ 20 s p95, reachable again ≤ 10 s p95.", ""]
    if soak:
        lines += [f"Soak: {soak[1]} CRITICAL message(s) for {soak[0]} during {a.soak:.0f} s of 10 % random packet drop "
                  "(target: 0 in 1 hour).", ""]
    lines += ["Raw: " + "; ".join(f"{k}: " + ", ".join(f"({'—' if d is None else round(d, 1)}, {'—' if b is None else round(b, 1)})" for d, b in v)
                                  for k, v in results.items()), ""]
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    open(a.out, "w").write("\n".join(lines))
    say(f"wrote {a.out}")


main()
