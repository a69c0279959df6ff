#!/usr/bin/env python3
"""whctl's performance figures, each a ratio measured in one run, printed as a table.

    bash benches/run.sh            # builds the release binary first
    python3 benches/bench.py target/release/whctl

A small fake Atelio (Python, HTTP/1.1 keep-alive) is served on 127.0.0.1; whctl and curl
make the same requests to it, so the fake's own cost is in both sides of each ratio.
Nothing here runs in CI's pass/fail: run it on demand.
"""
import http.server, json, os, socket, statistics, subprocess, sys, tempfile, threading, time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/whctl")
RUNS = int(os.environ.get("RUNS", "40"))

def sub(i):
    return {"id": f"sub-{i:06d}", "url": f"https://example.com/hooks/{i}", "description": "bench",
            "events": ["card.created", "card.status.active", "kyc.verification.success"],
            "status": "enabled", "secret": f"whsec_bench{i:08d}abcdefghijkl",
            "created_time": "2026-11-24T10:00:00", "updated_time": "2026-11-24T10:00:00"}

def listing(n):
    return json.dumps({"webhook_subscriptions": [sub(i) for i in range(n)]}).encode()

SMALL = listing(3)
BIG = listing(10_000)
HUGE = listing(100_000)  # ~31 MB, under whctl's 32 MiB cap on a response
DELETED = json.dumps({"webhook_subscription": sub(0)}).encode()

class Fake(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def setup(self):
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle's algorithm and
        # delayed ACKs add ~40 ms to every keep-alive request.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def answer(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_GET(self):
        if self.path.startswith("/slow"):
            time.sleep(0.2)
        if self.path.startswith("/huge"):
            self.answer(HUGE)
        else:
            self.answer(BIG if self.path.startswith("/big") else SMALL)
    def do_DELETE(self):
        time.sleep(0.02)  # a round trip worth counting
        self.answer(DELETED)

class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

srv = Server(("127.0.0.1", 0), Fake)
threading.Thread(target=srv.serve_forever, daemon=True).start()
BASE = f"http://127.0.0.1:{srv.server_address[1]}"

home = tempfile.mkdtemp(prefix="whctl-bench-")
ENV = {k: v for k, v in os.environ.items() if not k.startswith("WHCTL_") and not k.lower().endswith("_proxy")}
ENV.update({"HOME": home, "XDG_CONFIG_HOME": f"{home}/.config", "XDG_CACHE_HOME": f"{home}/.cache", "NO_PROXY": "*"})
ATELIO = dict(ENV, WHCTL_PROVIDER="atelio", WHCTL_API_KEY="k", WHCTL_IDENTITY="i")

def timed(argv, env=ENV, runs=RUNS):
    for _ in range(3):
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    ts = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        ts.append((time.perf_counter() - t) * 1000)
    ts.sort()
    return statistics.mean(ts[: max(1, int(len(ts) * 0.9))])

def timed_pair(a, a_env, b, b_env, runs):
    """`timed` of two commands whose ratio is reported, run alternately (a, b, a, b…), so that
    the machine's drift over the measurement weighs on both sides alike."""
    for _ in range(3):
        for argv, env in ((a, a_env), (b, b_env)):
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    ts = ([], [])
    for _ in range(runs):
        for side, (argv, env) in enumerate(((a, a_env), (b, b_env))):
            t = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            ts[side].append((time.perf_counter() - t) * 1000)
    trimmed = lambda t: statistics.mean(sorted(t)[: max(1, int(len(t) * 0.9))])
    return trimmed(ts[0]), trimmed(ts[1])

def peak_rss_mb(argv, env):
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, check=True)
    return int(r.stderr.strip().splitlines()[-1]) / 1024

rows = []
def row(name, ours, base, target, unit="ratio"):
    if unit == "ratio":
        v = ours / base
        met = None if target == "-" else v <= float(target.split()[-1])
        rows.append((name, f"{ours:.1f} ms", f"{base:.1f} ms", f"{v:.2f}", target, met))
    else:
        rows.append((name, f"{ours:.1f} {unit}", base, "", target, None))

# 1. offline cold start vs an empty process
empty = timed(["true"], runs=RUNS * 5)
offline = timed([BIN, "events", "list", "--provider", "atelio", "card.*", "-o", "json"], runs=RUNS * 5)
rows.append(("offline `events list` vs `true`", f"{offline:.2f} ms", f"{empty:.2f} ms",
             f"{offline / empty:.2f} (+{offline - empty:.2f} ms)", "<= +3 ms", offline - empty <= 3))

# 2. list vs curl, same request
url = f"{BASE}/fast/api/v0.1/webhooks"
ours = timed([BIN, "list", "-o", "json"], env=dict(ATELIO, WHCTL_BASE_URL=f"{BASE}/fast/api/v0.1"))
curl = timed(["curl", "-s", "-H", "Authorization: k", "-H", "Identity: i", url])
row("`list` vs curl (same GET)", ours, curl, "<= 1.3")

# 3. list --all-profiles over 5 profiles with 200 ms latency each, vs one request
cfg = f"{home}/all.toml"
with open(cfg, "w") as f:
    for i in range(5):
        f.write(f'[profiles.slow{i}]\nprovider = "atelio"\nbase_url = "{BASE}/slow{i}/api/v0.1"\nidentity = "i"\napi_key = "k"\n')
env5 = dict(ENV, WHCTL_CONFIG=cfg)
os.chmod(cfg, 0o600)
many = timed([BIN, "list", "--all-profiles", "-o", "json"], env=env5, runs=10)
one = timed([BIN, "-p", "slow0", "list", "-o", "json"], env=env5, runs=10)
row("`list --all-profiles` (5 x 200 ms) vs 1 profile", many, one, "<= 1.3")

# 4. long lists: `list -o json` vs curl fetching the same body (same GET, same headers), and
#    the peak memory of that run; then the table path on 10,000 rows (120 columns)
def long_list(path, n, target, mem_target, runs):
    env = dict(ATELIO, WHCTL_BASE_URL=f"{BASE}/{path}/api/v0.1")
    ours, fetch = timed_pair([BIN, "list", "-o", "json"], env,
                             ["curl", "-s", "-H", "Authorization: k", "-H", "Identity: i",
                              f"{BASE}/{path}/api/v0.1/webhooks"], ENV, runs)
    row(f"`list -o json`, {n:,} subscriptions vs curl", ours, fetch, target)
    rss = peak_rss_mb([BIN, "list", "-o", "json"], env)
    rows.append(("  peak memory of that run", f"{rss:.1f} MB", "", "", f"< {mem_target} MB", rss < mem_target))
    return env, fetch

envbig, fetch10k = long_list("big", 10_000, "<= 2", 40, 20)
long_list("huge", 100_000, "<= 4", 64, 15)
table = timed([BIN, "list", "-o", "table"], env=dict(envbig, COLUMNS="120"), runs=10)
row("`list -o table` (COLUMNS=120), 10,000 vs curl", table, fetch10k, "-")

# 5. delete of 200 ids (8 at a time) vs 200/8 sequential round trips
ids = [f"sub-{i:06d}" for i in range(200)]
envdel = dict(ATELIO, WHCTL_BASE_URL=f"{BASE}/fast/api/v0.1")
dele = timed([BIN, "delete", "--yes", "-o", "json"] + ids, env=envdel, runs=5)
seq = timed(["curl", "-s", "-o", "/dev/null"] + sum([["-X", "DELETE", f"{url}/{i}"] for i in ids[:25]], []), runs=5)
row("`delete` 200 ids vs 25 sequential round trips", dele, seq, "<= 1.3")

# 6. `plan -f` over 40,000 entries vs 10,000 (one profile, distinct URLs, 3 live): checking
#    the file and planning are linear, so the ratio stays near 4 (a quadratic step makes it 16)
def plan_file(n):
    path = f"{home}/plan{n}.toml"
    with open(path, "w") as f:
        for i in range(n):
            f.write(f'[[subscription]]\nprofile = "a"\nurl = "https://example.com/hooks/{i}"\nevents = ["card.*"]\n\n')
    return path
plancfg = f"{home}/plan-config.toml"
with open(plancfg, "w") as f:
    f.write(f'[profiles.a]\nprovider = "atelio"\nbase_url = "{BASE}/fast/api/v0.1"\nidentity = "i"\napi_key = "k"\n')
os.chmod(plancfg, 0o600)
envplan = dict(ENV, WHCTL_CONFIG=plancfg)
p40k = timed([BIN, "plan", "-o", "json", "-f", plan_file(40_000)], env=envplan, runs=5)
p10k = timed([BIN, "plan", "-o", "json", "-f", plan_file(10_000)], env=envplan, runs=5)
row("`plan -f` 40,000 entries vs 10,000", p40k, p10k, "<= 5")

w = [max(len(str(r[i])) for r in rows + [("figure", "whctl", "baseline", "ratio", "target", "")]) for i in range(5)]
print(f"{'figure':<{w[0]}}  {'whctl':>{w[1]}}  {'baseline':>{w[2]}}  {'ratio':>{w[3]}}  {'target':<{w[4]}}  met")
for r in rows:
    met = "" if r[5] is None else ("yes" if r[5] else "NO")  # no target: measured only
    print(f"{r[0]:<{w[0]}}  {r[1]:>{w[1]}}  {r[2]:>{w[2]}}  {r[3]:>{w[3]}}  {r[4]:<{w[4]}}  {met}")
