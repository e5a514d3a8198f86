#!/usr/bin/env bash
# Conversation signals end to end, scored honestly on the signal development
# sets: their messages are part of data/train.jsonl, so the shipped model has
# read them and `haven eval-signals` without --input-labels flatters the
# analysis there. This trains a model on data/train.jsonl minus every message
# of those ten sets (same recipe and seed as the shipped model; about 20-30
# minutes on 2 cores, once: the model is kept in target/), then scores each
# set end to end with it and prints the totals: bid turn, promise outcome,
# escalation, pause called, pause honoured.
#
#   bash scripts/signals_unseen_model.sh            # train if missing, score
#   HAVEN=path/to/haven bash scripts/signals_unseen_model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SETS="signals signals-2 signals-dev signals-dev-2 signals-dev-3 signals-dev-4 signals-dev-5 signals-dev-9 signals-dev-10 signals-dev-11"
OUT=target/signals-unseen
MODEL=$OUT/model
HAVEN=${HAVEN:-target/release/haven}
mkdir -p "$OUT"
if [ ! -f "$MODEL" ]; then
    cargo build --release -p haven-train -p haven
    python3 - "$OUT/train.jsonl" $SETS <<'PY'
import json, sys
out, sets = sys.argv[1], sys.argv[2:]
ids = set()
for s in sets:
    with open(f"data/{s}/conversations.jsonl") as f:
        ids.update(json.loads(l)["id"] for l in f if l.strip())
kept = 0
with open("data/train.jsonl") as f, open(out, "w") as o:
    for l in f:
        if json.loads(l)["id"] not in ids:
            o.write(l)
            kept += 1
print(f"{kept} training messages kept, {len(ids)} signal-set messages left out", file=sys.stderr)
PY
    target/release/haven-train --data "$OUT/train.jsonl" --out "$MODEL"
fi
[ -x "$HAVEN" ] || cargo build --release -p haven
for s in $SETS; do
    "$HAVEN" eval-signals --conversations "data/$s/conversations.jsonl" "data/$s/gold.jsonl" --format json --model "$MODEL"
done | python3 -c '
import json, sys
dec = json.JSONDecoder(); text = sys.stdin.read(); i = 0; tot = {}
while i < len(text):
    if text[i].isspace(): i += 1; continue
    rows, i = dec.raw_decode(text, i)
    for r in rows:
        t = tot.setdefault(r["signal"], [0, 0]); t[0] += r["correct"]; t[1] += r["items"]
for k, (c, n) in tot.items():
    print(f"{k:16} {c}/{n} = {c / n:.3f}")
'
