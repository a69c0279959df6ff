#!/usr/bin/env bash
# Builds the release binary and prints whctl's performance figures (see benches/bench.py).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
python3 benches/bench.py target/release/whctl
