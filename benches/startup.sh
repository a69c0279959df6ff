#!/usr/bin/env bash
# Cold start of an offline command against a trivial process.
#
#   bash benches/startup.sh            # builds the release binary, then measures
#   RUNS=500 bash benches/startup.sh
#
# Prints the mean wall time of `true` (an empty process), of `whctl --version`, and of
# `whctl events list --provider atelio 'card.*' -o json`, the difference and the ratio.
# Target: an offline command costs at most 3 ms more than an empty process.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-300}
cargo build --release --quiet
BIN=$PWD/target/release/whctl
python3 - "$BIN" "$RUNS" <<'PY'
import os, subprocess, sys, time, statistics
bin_, runs = sys.argv[1], int(sys.argv[2])
env = {k: v for k, v in os.environ.items() if not k.startswith("WHCTL_")}
env["HOME"] = "/nonexistent-whctl-bench"
def measure(argv):
    for _ in range(20):  # warm the page cache
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.mean(times[: int(len(times) * 0.9)])  # drop the slowest 10%
base = measure(["true"])
rows = [("empty process (true)", base)]
for label, argv in [
    ("whctl --version", [bin_, "--version"]),
    ("whctl events list atelio card.*", [bin_, "events", "list", "--provider", "atelio", "card.*", "-o", "json"]),
    ("whctl events list (all, table)", [bin_, "events", "list", "-o", "table"]),
    ("whctl providers", [bin_, "providers", "-o", "json"]),
]:
    rows.append((label, measure(argv)))
print(f"{'command':<36} {'mean ms':>8} {'+ms':>7} {'ratio':>6}")
worst = 0.0
for label, ms in rows:
    print(f"{label:<36} {ms:8.2f} {ms - base:7.2f} {ms / base:6.2f}")
    worst = max(worst, ms - base)
print(f"\nworst offline overhead: {worst:.2f} ms (target <= 3 ms): {'OK' if worst <= 3 else 'OVER'}")
PY
