#!/usr/bin/env bash
# Bounded soak of the couple space on loopback: starts `haven serve` (release)
# on a fresh SQLite data directory (or DATABASE_URL), runs mixed traffic from
# many clients (sign-in, check-ins, chat, draft checks, promises) for SECONDS,
# samples the server's resident memory every 10 s, and fails on any error.
# Usage: bash bench/soak.sh [SECONDS=300] [COUPLES=8]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-300}
couples=${2:-8}
cargo build --release -q -p haven -p haven-server --example soak
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/haven serve --listen "127.0.0.1:$port" --data-dir "$data" >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
echo "server pid $pid, RSS at start: $(rss) KiB"
(
  while kill -0 $pid 2>/dev/null; do sleep 10; echo "  t+$((SECONDS))s RSS $(rss) KiB"; done
) &
sampler=$!
status=0
target/release/examples/soak "http://127.0.0.1:$port" "$secs" "$couples" || status=$?
kill $sampler 2>/dev/null || true
echo "RSS at end: $(rss) KiB; server log lines: $(wc -l <"$data/serve.log")"
kill -0 $pid || { echo "the server died"; exit 1; }
exit $status
