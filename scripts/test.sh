#!/usr/bin/env bash
# Runs haven's whole test suite, installing what the tests need when missing.
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
# The HTML report is checked in real headless Chromium (Debian's package);
# its test is skipped only when chromium is absent and CI is unset.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The couple space's end-to-end test drives that Chromium through WebDriver.
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi
command -v cargo >/dev/null 2>&1 || { echo "cargo is required (rustup toolchain)"; exit 2; }

# The store and server suites run against SQLite and against PostgreSQL
# (Debian's package, installed and started here when missing). Set
# HAVEN_TEST_DATABASE_URL yourself to use another server.
if [ -z "${HAVEN_TEST_DATABASE_URL:-}" ]; then
  if [ "$(id -u)" = 0 ]; then
    HAVEN_TEST_DATABASE_URL=$(bash scripts/postgres.sh)
    export HAVEN_TEST_DATABASE_URL
  else
    echo "note: not root, so PostgreSQL is not set up; the suite runs on SQLite only (set HAVEN_TEST_DATABASE_URL to include it)"
  fi
fi

echo "== format"
cargo fmt --all -- --check
echo "== lint"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== tests"
cargo test --workspace --locked

# Every fuzz target but the server's (the importers, the analyzer, the
# normaliser) for HAVEN_FUZZ_SECS seconds each (default 5; 0 skips), built
# without a sanitizer: the AddressSanitizer build of every target, server
# included, took 24 minutes cold on 2 cores, more than CI's budget allows.
# A crash fails the suite. The server target and the 10-minute runs:
# RELIABILITY.md, "Fuzzing".
fuzz_secs=${HAVEN_FUZZ_SECS:-5}
if [ "$fuzz_secs" != 0 ]; then
  echo "== fuzz (${fuzz_secs} s per target)"
  cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked
  FUZZ_LIGHT=1 FUZZ_SANITIZER=none bash scripts/fuzz.sh "$fuzz_secs"
fi
