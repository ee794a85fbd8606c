#!/usr/bin/env python3
"""Hook -> live event latency: POST /hook on one kept-alive connection, read GET /api/events.

Usage: bench/hook-to-event.py [N] [JAR]
Starts `java -jar JAR serve` on a free loopback port with a scratch FLIGHTLOG_HOME and
CLAUDE_CONFIG_DIR, subscribes to /api/events, then POSTs N PreToolUse payloads (one every 20 ms)
and measures, for each, the time from sending the request to receiving its tool_call event.
Prints p50/p95/p99/max in ms, and the daemon's RSS when idle and after the run.
"""
import http.client, json, os, socket, subprocess, sys, tempfile, threading, time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
jar = sys.argv[2] if len(sys.argv) > 2 else "target/flightlog.jar"
java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

scratch = tempfile.mkdtemp(prefix="flightlog-h2e-")
port = free_port()
env = dict(os.environ, FLIGHTLOG_HOME=f"{scratch}/home", CLAUDE_CONFIG_DIR=f"{scratch}/claude", HOME=scratch)
started = time.monotonic()
daemon = subprocess.Popen([java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                           "-jar", jar, "serve", "--addr", f"127.0.0.1:{port}"],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
ready_line = daemon.stdout.readline()
ready_ms = (time.monotonic() - started) * 1000
time.sleep(2)
idle = rss_mb(daemon.pid)

arrived = {}
def listen():
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("GET", "/api/events?kind=tool_call", headers={"Accept": "text/event-stream"})
    r = c.getresponse()
    while True:
        line = r.fp.readline()
        if not line:
            return
        if line.startswith(b"data:"):
            data = json.loads(line[5:])
            key = data.get("id", "")
            arrived.setdefault(key.split(":")[-1], time.monotonic())
threading.Thread(target=listen, daemon=True).start()
time.sleep(0.5)

post = http.client.HTTPConnection("127.0.0.1", port)
sent = {}
for i in range(n):
    tid = f"toolu_bench_{i:06d}"
    body = json.dumps({"session_id": "bench-session", "transcript_path": f"{scratch}/none.jsonl", "cwd": scratch,
                       "hook_event_name": "PreToolUse", "tool_name": "Bash", "tool_use_id": tid,
                       "tool_input": {"command": f"echo {i}"}, "prompt_id": "bench-prompt"})
    sent[tid] = time.monotonic()
    post.request("POST", "/hook", body=body, headers={"Content-Type": "application/json"})
    post.getresponse().read()
    time.sleep(0.02)
time.sleep(2)
loaded = rss_mb(daemon.pid)
daemon.terminate(); daemon.wait(30)

lat = sorted((arrived[t] - s) * 1000 for t, s in sent.items() if t in arrived)
missing = n - len(lat)
def pct(p): return lat[min(len(lat) - 1, int(round(p / 100 * len(lat) + 0.5)) - 1)]
print(f"hook -> /api/events: n={len(lat)} missing={missing} p50={pct(50):.1f} ms p95={pct(95):.1f} ms "
      f"p99={pct(99):.1f} ms max={lat[-1]:.1f} ms")
print(f"daemon: ready line after {ready_ms:.0f} ms; RSS idle {idle:.0f} MB, after the run {loaded:.0f} MB")
