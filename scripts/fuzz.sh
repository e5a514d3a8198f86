#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), seeded from the test
# fixtures, and prints one line per target. Needs `cargo install cargo-fuzz`.
# Usage: bash scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}
export RUSTC_BOOTSTRAP=1
fixtures=../crates/haven-import/tests/fixtures
for target in $(cargo fuzz list); do
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
    check) head -c 20000 ../data/dev.jsonl > "corpus/$target/dev" ;;
    *) cp $fixtures/whatsapp_ios.txt "corpus/$target/" ;;
  esac
  out=$(cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$secs" 2>&1 || true)
  runs=$(echo "$out" | grep -oE 'Done [0-9]+ runs in [0-9]+ second' | tail -1)
  if echo "$out" | grep -qE 'panicked|ERROR: libFuzzer|SUMMARY: AddressSanitizer'; then
    echo "$target: CRASH"; echo "$out" | grep -E 'panicked|Test unit written' | head -3
  else
    echo "$target: ok, ${runs:-no summary}"
  fi
done
