#!/usr/bin/env bash
# Builds the release binary and prints whctl's performance figures (see benches/bench.py).
# The binary is taken from where cargo puts it: $CARGO_TARGET_DIR, build.target-dir or target/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps --locked |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
python3 benches/bench.py "$target_dir/release/whctl"
