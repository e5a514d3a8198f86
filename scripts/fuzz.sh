#!/usr/bin/env bash
# Builds every fuzz target once, then runs each for SECONDS (default 60),
# seeded from the test fixtures, and prints one line per target. Exits 1 when
# any target crashed (a panic, a sanitizer report, a timeout or running out of
# memory); the input that did it is under fuzz/artifacts/TARGET/.
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); works on a stable
# toolchain through RUSTC_BOOTSTRAP.
# Usage: bash scripts/fuzz.sh [SECONDS] [TARGET...]
# Environment:
#   FUZZ_ARGS       more libFuzzer options (e.g. FUZZ_ARGS=-jobs=2)
#   FUZZ_SANITIZER  address (default) or none: no sanitizer builds faster and
#                   runs 2-3x more inputs a second; haven has no unsafe code
#                   of its own, and panics and debug assertions still count
#   FUZZ_LIGHT=1    every target but `server`, whose axum/sqlx stack is most
#                   of the build (the quick CI step)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}
shift || true
export RUSTC_BOOTSTRAP=1
fixtures=../crates/haven-import/tests/fixtures
sanitizer=${FUZZ_SANITIZER:-address}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
  [ -z "${FUZZ_LIGHT:-}" ] || mapfile -t targets < <(printf '%s\n' "${targets[@]}" | grep -vx server)
fi
features=()
printf '%s\n' "${targets[@]}" | grep -qx server && features=(--features server)

# One build for all targets (same flags as `cargo fuzz run`, which then
# finds them up to date).
if [ $# -eq 0 ]; then
  cargo fuzz build -s "$sanitizer" "${features[@]}"
else
  for target in "${targets[@]}"; do cargo fuzz build -s "$sanitizer" "${features[@]}" "$target"; done
fi

# Seeds for the server target: byte 0 picks the route (an index into ROUTES
# in fuzz_targets/server.rs, 255 = path from the input), byte 1 the content
# type (bits 0-1: form, JSON, multipart), where the CSRF token goes (bits 2-3:
# header, query, form field) and Accept: application/json (bit 4).
server_seeds() {
  local d=corpus/server
  printf '\x03\x00code=ABCD-EFGH' >"$d/join"
  printf '\x04\x08felt_safe=you+listened&felt_unsafe=&share=on' >"$d/checkin"
  printf '\x05\x08what=call+when+I+leave+work&due=2026-12-24' >"$d/promise"
  printf '\x06\x08topic=money&minutes=20' >"$d/pause"
  printf '\x07\x08body=thank+you+for+dinner' >"$d/appreciation"
  printf '\x08\x08body=an+evening+alone&hours=3' >"$d/space"
  printf '\x09\x08body=you+never+listen+to+me&intent=send' >"$d/chat"
  printf '\x0f\x01{"email":"a@example.org","password":"not the password"}' >"$d/api_session"
  printf '\x10\x11{"text":"You ALWAYS do this, whatever. Fine."}' >"$d/api_check"
  printf '\x11\x11{"felt_safe":"x","felt_unsafe":"y","shared":true}' >"$d/api_checkin"
  printf '\x12\x11{"what":"call","due_at":1900000000}' >"$d/api_promise"
  printf '\x14\x11{"topic":"money","minutes":20}' >"$d/api_pause"
  printf '\x16\x11{"body":"thank you"}' >"$d/api_appreciation"
  printf '\x17\x11{"body":"a walk","hours":2}' >"$d/api_space"
  printf '\x19\x11{"body":"you never listen","send_anyway":true}' >"$d/api_chat"
  printf '\xff\x08/promises/abc/resolve\noutcome=kept' >"$d/path"
  {
    printf '\x0a\x06--haven\r\nContent-Disposition: form-data; name="title"\r\n\r\nours\r\n'
    printf -- '--haven\r\nContent-Disposition: form-data; name="file"; filename="chat.txt"\r\nContent-Type: text/plain\r\n\r\n'
    head -c 1500 $fixtures/whatsapp_ios.txt
    printf '\r\n--haven--\r\n'
  } >"$d/upload"
}

failed=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  case $target in
    whatsapp) cp $fixtures/whatsapp_* "corpus/$target/" ;;
    telegram) cp $fixtures/telegram_* "corpus/$target/" ;;
    signal) cp $fixtures/signal_* "corpus/$target/" ;;
    csv) cp $fixtures/*.csv "corpus/$target/" ;;
    jsonl) cp $fixtures/*.jsonl "corpus/$target/" ;;
    srt) cp $fixtures/*.srt "corpus/$target/" ;;
    webvtt) cp $fixtures/*.vtt "corpus/$target/" ;;
    messenger|instagram) find $fixtures -name 'message_*.json' -exec cp {} "corpus/$target/" \; ;;
    # One message per seed: short inputs run fast, so the fuzzer mutates
    # many more of them (long messages come from its own length growth).
    check | normalize) python3 -c '
import json, sys
for i, line in enumerate(open("../data/dev.jsonl", encoding="utf-8")):
    if i % 4 == 0:
        open(f"{sys.argv[1]}/dev-{i:04d}", "w", encoding="utf-8").write(json.loads(line)["text"])
' "corpus/$target" ;;
    server) server_seeds ;;
    *) cp $fixtures/whatsapp_ios.txt "corpus/$target/" ;;
  esac
  # -timeout: one input taking longer than this is a failure too.
  rc=0
  run_features=()
  [ "$target" != server ] || run_features=(--features server)
  out=$(cargo fuzz run -s "$sanitizer" "${run_features[@]}" "$target" "corpus/$target" -- \
    -max_total_time="$secs" -timeout=30 -max_len=65536 ${FUZZ_ARGS:-} 2>&1) || rc=$?
  # The server target's store lives in /dev/shm (or the temp folder).
  [ "$target" != server ] || rm -rf /dev/shm/haven-fuzz-server-* "${TMPDIR:-/tmp}"/haven-fuzz-server-*
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' <<<"$out" | tail -1 || true)
  if [ $rc -ne 0 ] || grep -qE 'panicked|ERROR: libFuzzer|SUMMARY: AddressSanitizer' <<<"$out"; then
    echo "$target: CRASH (exit $rc)"
    grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written' <<<"$out" | head -5 || tail -20 <<<"$out"
    failed+=("$target")
  else
    echo "$target: ok, ${runs:-no summary}"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found crashes in: ${failed[*]} (inputs under fuzz/artifacts/)"
  exit 1
fi
