#!/usr/bin/env python3
"""Independent checker for signals-dev-10 (shares no code with build.py).

Reads conversations.jsonl, gold.jsonl and the taxonomy spec, re-derives every
rule-determined value and reports errors, warnings and counts.

Usage: python3 validate.py [--spec PATH] > validate_out.txt
"""
import argparse, collections, json, os, re, sys
from datetime import datetime

ap = argparse.ArgumentParser()
ap.add_argument("--spec", default="/work/shared/spec/behaviors.md")
ap.add_argument("--dir", default=os.path.dirname(os.path.abspath(__file__)))
args = ap.parse_args()

problems, warnings = [], []


def bad(msg):
    problems.append(msg)


def warn(msg):
    warnings.append(msg)


# ---------------------------------------------------------------- the spec
spec = open(args.spec, encoding="utf-8").read()
kind_of = {}
section = None
for line in spec.splitlines():
    if line.startswith("## "):
        low = line.lower()
        section = ("sabotage" if "sabotage" in low else "builder" if "builder" in low
                   else "danger" if "danger" in low else None)
        continue
    m = re.match(r"\|\s*`([a-z-]+)`\s*\|", line)
    if m and section:
        kind_of[m.group(1)] = section
SAB = {k for k, v in kind_of.items() if v == "sabotage"}
BLD = {k for k, v in kind_of.items() if v == "builder"}
if len(SAB) != 10 or len(BLD) != 11 or "danger" not in kind_of:
    bad(f"spec parse unexpected: {len(SAB)} sabotage, {len(BLD)} builder ids")


def norm(s):
    s = s.lower().replace("’", "'")
    s = re.sub(r"[^a-z0-9' ]+", " ", s)
    return " ".join(s.split())


# example sentences quoted in the spec (tables, rules, JSON sample)
spec_quotes = set()
for q in re.findall(r'"([^"\n]{3,200})"', spec):
    n = norm(q.replace("...", " ").replace("…", " "))
    if n:
        spec_quotes.add(n)
spec_quotes = {q for q in spec_quotes if q and q not in {"id", "labels", "conversation", "speaker", "ts", "text"}}

# ---------------------------------------------------------------- the data
def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                bad(f"{os.path.basename(path)}:{i}: blank line")
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                bad(f"{os.path.basename(path)}:{i}: bad JSON ({e})")
    return rows


msgs = load(os.path.join(args.dir, "conversations.jsonl"))
gold = load(os.path.join(args.dir, "gold.jsonl"))

conv = collections.OrderedDict()
by_id = {}
for m in msgs:
    keys = set(m)
    if keys != {"id", "conversation", "speaker", "ts", "text", "labels"}:
        bad(f"{m.get('id')}: keys {sorted(keys)}")
    mid = m.get("id", "")
    if mid in by_id:
        bad(f"duplicate id {mid}")
    by_id[mid] = m
    conv.setdefault(m.get("conversation"), []).append(m)

for cid, ms in conv.items():
    if not re.fullmatch(r"sd11-c\d{2}", str(cid)):
        bad(f"bad conversation id {cid}")
    if not 20 <= len(ms) <= 24:
        bad(f"{cid}: {len(ms)} messages (want 20-24)")
    prev = None
    for k, m in enumerate(ms, 1):
        if m["id"] != f"{cid}-{k:02d}":
            bad(f"{m['id']}: expected id {cid}-{k:02d}")
        if m["speaker"] not in ("A", "B"):
            bad(f"{m['id']}: speaker {m['speaker']}")
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", m["ts"]):
            bad(f"{m['id']}: ts format {m['ts']}")
            continue
        t = datetime.strptime(m["ts"], "%Y-%m-%dT%H:%M:%SZ")
        if prev and t <= prev:
            bad(f"{m['id']}: timestamp not increasing")
        prev = t
        if not isinstance(m["text"], str) or not m["text"].strip():
            bad(f"{m['id']}: empty text")
        if not isinstance(m["labels"], list):
            bad(f"{m['id']}: labels not a list")
            continue
        if len(set(m["labels"])) != len(m["labels"]):
            bad(f"{m['id']}: duplicate label")
        for l in m["labels"]:
            if l not in kind_of:
                bad(f"{m['id']}: label {l!r} not in spec")
        n = norm(m["text"])
        for q in spec_quotes:
            # whole-message copies of a 2+ word example, or any 4+ word example inside a message
            if (len(q.split()) >= 2 and n == q) or (len(q.split()) >= 4 and q in n):
                bad(f"{m['id']}: reuses spec example {q!r}")
    if {m["speaker"] for m in ms} != {"A", "B"}:
        bad(f"{cid}: not two speakers")
if len(conv) != 40:
    bad(f"{len(conv)} conversations (want 40)")


def sab(m):
    return any(l in SAB for l in m["labels"])


def builder(m):
    return any(l in BLD for l in m["labels"])


# ---------------------------------------------------------------- gold
gold_by = {}
for g in gold:
    c = g.get("conversation")
    if c in gold_by:
        bad(f"gold: duplicate line for {c}")
    gold_by[c] = g
    if set(g.get("signals", {})) != {"escalations", "pauses", "bids", "promises"}:
        bad(f"gold {c}: signal keys {sorted(g.get('signals', {}))}")
if set(gold_by) != set(conv):
    bad(f"gold/conversation mismatch: {sorted(set(gold_by) ^ set(conv))}")

counts = collections.Counter()
for cid, ms in conv.items():
    g = gold_by.get(cid)
    if not g:
        continue
    s = g["signals"]
    pos = {m["id"]: i for i, m in enumerate(ms)}

    def ref(x, what):
        if x not in pos:
            bad(f"{cid}: {what} {x!r} is not a message of this conversation")
            return None
        return pos[x]

    # pauses -------------------------------------------------------
    pause_idx = []
    for p in s["pauses"]:
        i = ref(p["message"], "pause")
        if i is None:
            continue
        pause_idx.append(i)
        if "boundary" not in ms[i]["labels"]:
            bad(f"{p['message']}: pause without boundary label")
        who = ms[i]["speaker"]
        back = next((j for j in range(i + 1, len(ms)) if ms[j]["speaker"] == who), None)
        stop = len(ms) if back is None else back
        broken = any(sab(ms[j]) for j in range(i + 1, stop) if ms[j]["speaker"] != who)
        want = False if broken else (True if back is not None else None)
        if p["honoured"] is not want:
            bad(f"{p['message']}: honoured {p['honoured']} but rule gives {want}")
        counts[f"pause honoured={want}"] += 1

    # escalations --------------------------------------------------
    n = len(ms)
    qual = [st for st in range(n - 3)
            if sum(sab(ms[k]) for k in range(st, st + 4)) >= 3
            and {ms[k]["speaker"] for k in range(st, st + 4) if sab(ms[k])} == {"A", "B"}]
    spans = []
    for st in qual:
        if spans and st <= spans[-1][1]:
            spans[-1][1] = st + 3
        else:
            spans.append([st, st + 3])
    derived = []
    for a, b in spans:
        hits = [k for k in range(a, b + 1) if sab(ms[k])]
        derived.append((hits[0], hits[-1]))
    given = []
    for e in s["escalations"]:
        a, b = ref(e["start"], "escalation start"), ref(e["end"], "escalation end")
        if a is None or b is None:
            continue
        if a > b:
            bad(f"{cid}: escalation start after end")
        given.append((a, b))
        called = any(a <= pi <= b + 2 for pi in pause_idx)
        if e["pause_called"] is not called:
            bad(f"{cid}: escalation {e['start']} pause_called {e['pause_called']}, rule gives {called}")
        counts[f"escalation pause_called={called}"] += 1
    if given != derived:
        bad(f"{cid}: escalations {given} but labels give {derived}")
    for a, b in derived:
        if any("danger" in ms[k]["labels"] and not sab(ms[k]) for k in range(a, b + 1)):
            warn(f"{cid}: danger-only message inside an escalation window")

    # bids -----------------------------------------------------------
    for bd in s["bids"]:
        i = ref(bd["bid"], "bid")
        if i is None:
            continue
        nxt = next((j for j in range(i + 1, n) if ms[j]["speaker"] != ms[i]["speaker"]), None)
        if bd["response"] is None:
            if nxt is not None:
                bad(f"{bd['bid']}: response null but partner replies at {ms[nxt]['id']}")
            if bd["turn"] != "away":
                bad(f"{bd['bid']}: unanswered bid must be away")
        else:
            j = ref(bd["response"], "response")
            if j is None:
                continue
            if j <= i:
                bad(f"{bd['bid']}: response not after bid")
            if ms[j]["speaker"] == ms[i]["speaker"]:
                bad(f"{bd['bid']}: response by the bidder")
            if j != nxt:
                bad(f"{bd['bid']}: response is not the partner's next message")
            r = ms[j]
            want = ("against" if sab(r) or "danger" in r["labels"]
                    else "toward" if builder(r) else "away")
            if bd["turn"] != want:
                bad(f"{bd['bid']}: turn {bd['turn']} but response labels give {want}")
        counts[f"bid {bd['turn']}"] += 1

    # promises -------------------------------------------------------
    tracked, self_reports = set(), set()
    for p in s["promises"]:
        i = ref(p["promise"], "promise")
        if i is None:
            continue
        tracked.add(i)
        if "promise" not in ms[i]["labels"]:
            bad(f"{p['promise']}: promise message lacks promise label")
        if p["outcome"] not in ("kept", "broken", "open"):
            bad(f"{p['promise']}: outcome {p['outcome']}")
        if p["outcome"] == "open":
            if p["evidence"] is not None:
                bad(f"{p['promise']}: open promise with evidence")
        else:
            j = ref(p["evidence"], "evidence")
            if j is None:
                continue
            if j <= i:
                bad(f"{p['promise']}: evidence not after promise")
            if p["outcome"] == "kept" and ms[j]["speaker"] == ms[i]["speaker"]:
                self_reports.add(j)
            if p["outcome"] == "broken" and ms[j]["speaker"] == ms[i]["speaker"] and "promise" in ms[j]["labels"]:
                bad(f"{p['promise']}: broken evidence carries a promise label")
        counts[f"promise {p['outcome']}"] += 1
    for i, m in enumerate(ms):
        if "promise" in m["labels"] and i not in tracked and i not in self_reports:
            bad(f"{m['id']}: promise label neither tracked nor a self-reported kept promise")

# ---------------------------------------------------------------- danger
danger_convs = {cid: sum("danger" in m["labels"] for m in ms) for cid, ms in conv.items()
                if any("danger" in m["labels"] for m in ms)}
if len(danger_convs) != 3:
    bad(f"danger in {len(danger_convs)} conversations (want 3)")
for cid, k in danger_convs.items():
    if k < 3:
        bad(f"{cid}: only {k} danger messages")

# ---------------------------------------------------------------- counts
lab = collections.Counter(l for m in msgs for l in m["labels"])
for l in kind_of:
    if lab[l] < 15:
        bad(f"label {l} used {lab[l]} times (< 15)")
for cid, ms in conv.items():
    share = sum(not m["labels"] for m in ms) / len(ms)
    if not 0.10 <= share <= 0.75:
        warn(f"{cid}: unlabelled share {share:.0%}")

print(f"spec: {len(SAB)} sabotage, {len(BLD)} builder, 1 danger id; {len(spec_quotes)} quoted examples checked")
print(f"conversations: {len(conv)}  messages: {len(msgs)}  "
      f"unlabelled: {sum(not m['labels'] for m in msgs)} ({sum(not m['labels'] for m in msgs) / len(msgs):.1%})")
print(f"messages per conversation: min {min(map(len, conv.values()))} max {max(map(len, conv.values()))}")
print(f"danger conversations: {', '.join(f'{c} ({k})' for c, k in danger_convs.items())}")
print("\nlabel counts (kind, id, messages):")
for l in sorted(kind_of, key=lambda x: (kind_of[x], x)):
    print(f"  {kind_of[l]:9s} {l:15s} {lab[l]:4d}")
sig = collections.Counter()
for g in gold:
    for k, v in g["signals"].items():
        sig[k] += len(v)
print("\nsignals:")
for k in ("escalations", "pauses", "bids", "promises"):
    print(f"  {k:12s} {sig[k]}")
for k in sorted(counts):
    print(f"    {k:32s} {counts[k]}")
print(f"\nwarnings: {len(warnings)}")
for w in warnings:
    print("  WARN", w)
print(f"errors: {len(problems)}")
for p in problems:
    print("  ERROR", p)
sys.exit(1 if problems else 0)
