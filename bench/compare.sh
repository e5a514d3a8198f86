#!/usr/bin/env bash
# Side-by-side comparison of haven with the tools a user would otherwise pick
# (VADER, alt-profanity-check, better-profanity, TextBlob), on the same
# messages, each in its own process pinned to one core: messages/second, the
# ratio to haven, peak RSS, and F1 on the binary "any sabotage or danger" task
# of data/dev.jsonl. See BENCHMARKS.md for the numbers and how to read them.
#
#   bash bench/compare.sh
#
# Settings (environment):
#   N=200000      messages in the speed corpus (bench/gen_messages.py, seeded)
#   SEED=6        generator seed
#   REPEAT=3      timed passes per tool; the fastest is reported
#   CORE=0        the core every timed process is pinned to (taskset -c)
#   SLOW_LIMIT=1000  better-profanity (~30 msgs/s) is timed on this many messages
#   BUILD=1       rebuild haven (cargo build --release -p haven) even if the binary exists
#   OUT=target/bench-compare   where the corpus, raw timings and the table go
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
N=${N:-200000}
SEED=${SEED:-6}
REPEAT=${REPEAT:-3}
CORE=${CORE:-0}
SLOW_LIMIT=${SLOW_LIMIT:-1000}
BUILD=${BUILD:-0}
OUT=${OUT:-target/bench-compare}
VENV=bench/.venv
PY=$VENV/bin/python
HAVEN=$ROOT/target/release/haven
PIN=(taskset -c "$CORE")
# numpy/scipy must not spread onto other cores behind taskset's back.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0

step() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'compare.sh: %s\n' "$*" >&2; exit 1; }

for tool in python3 taskset /usr/bin/time cargo; do
    command -v "$tool" >/dev/null || die "$tool is required"
done

# ---------------------------------------------------------------- set-up
if [[ ! -x $PY ]] || ! "$PY" -c 'import vaderSentiment, profanity_check, better_profanity, textblob' 2>/dev/null; then
    step "creating $VENV from bench/requirements.txt"
    python3 -m venv "$VENV"
    "$PY" -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
fi

if [[ ! -x $HAVEN || $BUILD == 1 ]]; then
    step "building haven (release)"
    cargo build --release -p haven >&2
fi

rm -rf "$OUT"
mkdir -p "$OUT"
corpus=$OUT/messages.jsonl
step "generating $N messages (seed $SEED) -> $corpus"
python3 bench/gen_messages.py -n "$N" --seed "$SEED" -o "$corpus"
head -n 1000 "$corpus" >"$OUT/warmup.jsonl"

# The sabotage ids come from the binary itself; `danger` is always positive.
sabotage=$("$HAVEN" rules | awk '/^[a-z]+:$/ { section = $1; next } section == "sabotage:" { print $1 }' | paste -sd, -)
[[ -n $sabotage ]] || die "could not read the sabotage ids from \`haven rules\`"
positive="$sabotage,danger"

# ---------------------------------------------------------------- speed
# haven: the whole `haven label` process, JSON Lines in and out, best of REPEAT
# after one warm-up run (which also puts the binary and corpus in page cache).
time_haven() { # name, extra args...
    local name=$1 reports=()
    shift
    "${PIN[@]}" "$HAVEN" label "$@" "$OUT/warmup.jsonl" >/dev/null
    for ((i = 1; i <= REPEAT; i++)); do
        /usr/bin/time -v -o "$OUT/time-$name-$i.txt" "${PIN[@]}" "$HAVEN" label "$@" "$corpus" >"$OUT/labels-$name.jsonl"
        reports+=("$OUT/time-$name-$i.txt")
    done
    local lines
    lines=$(wc -l <"$OUT/labels-$name.jsonl")
    [[ $lines -eq $N ]] || die "haven label wrote $lines lines for $N messages"
    rm -f "$OUT/labels-$name.jsonl"
    python3 bench/compare.py haven-speed ${WALL:+--wall} "$name" "$N" "${reports[@]}" >"$OUT/speed-$name.json"
    cp "$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["report"])' "$OUT/speed-$name.json")" "$OUT/time-$name.txt"
    show_passes "$OUT/speed-$name.json"
}

show_passes() {
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("   passes (CPU s / wall s):", ", ".join("%.2f / %.2f" % tuple(r) for r in d["runs"]), "(%d messages)" % d["messages"])' "$1" >&2
}

step "timing haven label (rules + scorer), core $CORE"
time_haven haven
step "timing haven label --rules-only, core $CORE"
time_haven haven-rules-only --rules-only

threads_flag=""
for flag in --threads --jobs; do
    if "$HAVEN" label --help | grep -q -- "$flag"; then threads_flag=$flag; break; fi
done
if [[ -n $threads_flag ]]; then
    step "timing haven label $threads_flag $(nproc --all) (all cores)"
    one_core=("${PIN[@]}")
    PIN=(taskset -c "0-$(($(nproc --all) - 1))")
    WALL=1 time_haven haven-all-cores "$threads_flag" "$(nproc --all)"
    PIN=("${one_core[@]}")
else
    printf '\n   haven label has no thread option: only one-core numbers\n' >&2
fi

for tool in vader profanity-check better-profanity textblob; do
    limit=0
    [[ $tool == better-profanity ]] && limit=$SLOW_LIMIT
    step "timing $tool, core $CORE"
    warmup=1000
    [[ $limit -gt 0 ]] && warmup=100
    /usr/bin/time -v -o "$OUT/time-$tool.txt" "${PIN[@]}" "$PY" bench/compare.py speed "$tool" "$corpus" \
        --repeat "$REPEAT" --limit "$limit" --warmup "$warmup" >"$OUT/speed-$tool.json"
    show_passes "$OUT/speed-$tool.json"
done

# ---------------------------------------------------------------- quality
step "scoring every tool on data/dev.jsonl (thresholds picked on data/train.jsonl)"
"$HAVEN" label data/dev.jsonl >"$OUT/dev-haven.jsonl"
"$HAVEN" label --rules-only data/dev.jsonl >"$OUT/dev-haven-rules-only.jsonl"
"$HAVEN" eval data/dev.jsonl --format json >"$OUT/eval-haven.json"
"$PY" bench/compare.py quality --sabotage "$positive" --train data/train.jsonl --dev data/dev.jsonl \
    --haven "haven=$OUT/dev-haven.jsonl" --haven "haven-rules-only=$OUT/dev-haven-rules-only.jsonl" \
    --haven-eval "$OUT/eval-haven.json" >"$OUT/quality.json"

# ---------------------------------------------------------------- report
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=""
if [[ -n $(git status --porcelain -- crates 2>/dev/null) ]]; then dirty=" (crates/ has uncommitted changes)"; fi
{
    printf '\n'
    printf 'haven %s, commit %s%s\n' "$("$HAVEN" --version 2>/dev/null | awk '{print $2}')" "$commit" "$dirty"
    printf 'CPU: %s; %s cores; %s RAM\n' "$(lscpu | awk -F': *' '/^Model name/ { print $2; exit }')" "$(nproc --all)" \
        "$(free -h | awk '/^Mem:/ { print $2 }')"
    printf 'best of %s passes each\n\n' "$REPEAT"
    "$PY" bench/compare.py table "$OUT"
} | tee "$OUT/table.md"
