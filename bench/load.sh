#!/usr/bin/env bash
# Load test of the couple space's draft check (POST /api/check) on loopback,
# with wrk (Debian's package, installed here when missing). Builds the release
# binary, starts `haven serve` on a fresh SQLite directory, signs a user up
# through the pages, then runs wrk at each concurrency level for DURATION
# seconds and prints one line per level: requests per second, p50/p99/max
# latency, non-2xx responses and socket errors. Stops the server at the end.
#
# Usage: bash bench/load.sh [DURATION_SECS] [CONCURRENCY...]
#   defaults: 10 s at 1 4 16 64 connections.
# Environment: PORT (default 18080), THREADS (wrk threads, default 1: on a
# small machine every core wrk takes is one the server does not get),
# NO_BUILD=1 to use target/release/haven as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-10}
shift || true
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(1 4 16 64)
port=${PORT:-18080}
threads=${THREADS:-1}

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi
command -v curl >/dev/null 2>&1 || { echo "curl is required" >&2; exit 2; }

[ -n "${NO_BUILD:-}" ] || cargo build --release --locked -p haven >&2
data=$(mktemp -d)
work=$(mktemp -d)
target/release/haven serve --listen "127.0.0.1:$port" --data-dir "$data" --insecure-cookies >"$work/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data" "$work"
}
trap cleanup EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 100); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null || { echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

# Sign up through the page: the form's CSRF token rides the pre-session
# cookie (double submit).
jar="$work/cookies"
form=$(curl -fsS -c "$jar" -b "$jar" "$base/signup")
pre=$(printf '%s' "$form" | grep -oE 'name="csrf" value="[0-9a-f]+"' | head -1 | sed -E 's/.*value="([0-9a-f]+)"/\1/')
code=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "csrf=$pre" --data-urlencode "name=Load" \
  --data-urlencode "email=load@example.org" --data-urlencode "password=correct horse battery" "$base/signup")
[ "$code" = 303 ] || { echo "sign-up answered $code" >&2; exit 1; }
# Then the API sign-in, which returns the session's CSRF token.
resp=$(curl -fsS -D "$work/headers" -H 'content-type: application/json' \
  -d '{"email":"load@example.org","password":"correct horse battery"}' "$base/api/session")
csrf=$(printf '%s' "$resp" | grep -oE '"csrf":"[0-9a-f]+"' | sed -E 's/.*:"([0-9a-f]+)"/\1/')
session=$(grep -i '^set-cookie: haven_session=' "$work/headers" | head -1 | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r')
[ -n "$csrf" ] && [ -n "$session" ] || { echo "API sign-in failed: $resp" >&2; exit 1; }

# A realistic draft: 300-odd characters, a couple of findings.
text="I know you said you'd call when you got off work, and I waited all evening. You never think about how that makes me feel. \
Honestly it's fine, whatever, do what you want. I just want us to talk about it calmly tomorrow, maybe after dinner, \
because I miss you and I don't want this to turn into another fight like last week."
body=$(printf '{"text":"%s"}' "$text")
check=$(curl -sS -w '\n%{http_code}' -H "cookie: haven_session=$session" -H "x-csrf-token: $csrf" \
  -H 'content-type: application/json' -d "$body" "$base/api/check")
[ "$(printf '%s' "$check" | tail -1)" = 200 ] || { echo "draft check failed: $check" >&2; exit 1; }

cat >"$work/check.lua" <<LUA
wrk.method = "POST"
wrk.body = [==[$body]==]
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "haven_session=$session"
wrk.headers["X-CSRF-Token"] = "$csrf"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.3f %.3f %.3f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end
LUA

echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; $(uptime | sed -E 's/.*(load average)/\1/')"
echo "# ${#text} characters per draft, ${duration} s per level, wrk with $threads thread(s)"
printf '%-12s %10s %10s %10s %10s %8s %8s %10s\n' connections req/s p50_ms p99_ms max_ms non2xx sockerr requests
for c in "${levels[@]}"; do
  t=$threads
  [ "$t" -le "$c" ] || t=$c
  out=$(wrk -t "$t" -c "$c" -d "${duration}s" --timeout 5s -s "$work/check.lua" "$base/api/check")
  read -r _ rps p50 p99 max non2xx sockerr n < <(printf '%s\n' "$out" | grep '^RESULT')
  printf '%-12s %10s %10s %10s %10s %8s %8s %10s\n' "$c" "$rps" "$p50" "$p99" "$max" "$non2xx" "$sockerr" "$n"
done
