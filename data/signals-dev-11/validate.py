#!/usr/bin/env python3
"""validate.py - independent checker for conversations.jsonl + gold.jsonl.

Shares no code with build.py.  Reads the taxonomy spec to learn the valid
behaviour ids, their kinds and the quoted example sentences, re-derives the
conversation-level signals from the message labels and compares them with
gold.jsonl.  Python 3 standard library only.

Usage: python3 validate.py [--spec PATH]   (exit status 1 when errors > 0)
"""
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

BASE = Path(__file__).resolve().parent
SPEC = Path("/work/shared/spec/behaviors.md")
if "--spec" in sys.argv:
    SPEC = Path(sys.argv[sys.argv.index("--spec") + 1])

PFX = "sd12"
problems = []
notes = []


def bad(msg):
    problems.append(msg)


# ---------------------------------------------------------------- the spec
spec_text = SPEC.read_text(encoding="utf-8")
kind_of = {}
section_kind = None
for line in spec_text.splitlines():
    hk = re.search(r"\(`kind = (\w+)`\)", line)
    if line.startswith("## "):
        section_kind = hk.group(1) if hk else None
        continue
    row = re.match(r"^\|\s*`([a-z-]+)`\s*\|", line)
    if row and section_kind:
        kind_of[row.group(1)] = section_kind
SAB = {k for k, v in kind_of.items() if v == "sabotage"}
BLD = {k for k, v in kind_of.items() if v == "builder"}
if len(SAB) != 10 or len(BLD) != 11 or "danger" not in kind_of:
    bad(f"spec parse: {len(SAB)} sabotage, {len(BLD)} builder ids, danger={'danger' in kind_of}")


def words(s):
    s = s.lower().replace("\u2019", "").replace("'", "")
    return re.findall(r"[a-z0-9]+", s)


# quotes may wrap over a line break: join the lines first
flat = re.sub(r"\s+", " ", spec_text)
quoted = re.findall(r"\"([^\"]+)\"|\u201c([^\u201d]+)\u201d", flat)
examples = set()
for a, b in quoted:
    q = a or b
    frags = [q] + re.split(r"\.\.\.|\u2026", q)
    for f in frags:
        w = tuple(words(f))
        if w:
            examples.add(w)
eq_examples = {w for w in examples if len(w) >= 2}
sub_examples = {w for w in examples if len(w) >= 4}
one_word = {w for w in examples if len(w) == 1}


def contains(seq, sub):
    n = len(sub)
    return any(tuple(seq[i:i + n]) == sub for i in range(len(seq) - n + 1))


# ---------------------------------------------------------------- messages
def load(name):
    rows = []
    with open(BASE / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                bad(f"{name}:{n}: blank line")
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as e:
                bad(f"{name}:{n}: not JSON ({e})")
    return rows


msgs = load("conversations.jsonl")
gold = load("gold.jsonl")

by_conv = defaultdict(list)
by_id = {}
order = []
for m in msgs:
    if set(m) != {"id", "conversation", "speaker", "ts", "text", "labels"}:
        bad(f"{m.get('id')}: keys {sorted(m)}")
        continue
    mid, cid = m["id"], m["conversation"]
    mm = re.fullmatch(PFX + r"-c(\d\d)-(\d\d)", mid)
    if not mm or not re.fullmatch(PFX + r"-c\d\d", cid) or not mid.startswith(cid + "-"):
        bad(f"{mid}: malformed id / conversation {cid}")
    if mid in by_id:
        bad(f"{mid}: duplicate id")
    by_id[mid] = m
    if cid not in by_conv:
        order.append(cid)
    by_conv[cid].append(m)
    if m["speaker"] not in ("A", "B"):
        bad(f"{mid}: speaker {m['speaker']!r}")
    if not isinstance(m["text"], str) or not m["text"].strip():
        bad(f"{mid}: empty text")
    if not isinstance(m["labels"], list) or len(set(m["labels"])) != len(m["labels"]):
        bad(f"{mid}: labels not a list of distinct ids")
    for lab in m["labels"]:
        if lab not in kind_of:
            bad(f"{mid}: unknown label {lab!r}")
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", m["ts"]):
        bad(f"{mid}: ts {m['ts']!r} not ISO 8601 UTC")
    # spec-example reuse
    w = tuple(words(m["text"]))
    if w in eq_examples:
        bad(f"{mid}: text equals a spec example: {m['text']!r}")
    for ex in sub_examples:
        if contains(w, ex):
            bad(f"{mid}: text contains spec example {' '.join(ex)!r}")
    if w in one_word:
        notes.append(f"{mid}: text is the one-word spec example {w[0]!r} (allowed)")

expected_convs = [f"{PFX}-c{n:02d}" for n in range(1, 41)]
if sorted(by_conv) != expected_convs:
    missing = sorted(set(expected_convs) - set(by_conv))
    extra = sorted(set(by_conv) - set(expected_convs))
    bad(f"conversation set: missing {missing}, unexpected {extra}")
if order != sorted(order):
    bad("conversations are not in order in conversations.jsonl")

pos = {}
for cid, ms in by_conv.items():
    if not 15 <= len(ms) <= 35:
        bad(f"{cid}: {len(ms)} messages (want 15..35)")
    prev = None
    for k, m in enumerate(ms, 1):
        pos[m["id"]] = k - 1
        if m["id"] != f"{cid}-{k:02d}":
            bad(f"{m['id']}: expected {cid}-{k:02d} at this position")
        try:
            t = datetime.strptime(m["ts"], "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            bad(f"{m['id']}: unparsable ts")
            continue
        if prev is not None and t <= prev:
            bad(f"{m['id']}: ts not increasing")
        prev = t


def sab(m):
    return any(l in SAB for l in m["labels"])


def bld(m):
    return any(l in BLD for l in m["labels"])


# ------------------------------------------------- independent derivations
def escalations_of(ms, pause_positions):
    """Qualifying 4-windows, grouped when they share at least one message."""
    starts = []
    for i in range(len(ms) - 3):
        hits = [ms[j] for j in range(i, i + 4) if sab(ms[j])]
        if len(hits) >= 3 and len({h["speaker"] for h in hits}) == 2:
            starts.append(i)
    groups = []
    for i in starts:
        if groups and i - groups[-1][-1] <= 3:
            groups[-1].append(i)
        else:
            groups.append([i])
    eps = []
    for grp in groups:
        lo, hi = grp[0], grp[-1] + 3
        s_ = [k for k in range(lo, hi + 1) if sab(ms[k])]
        first, last = s_[0], s_[-1]
        called = any(first <= p <= last + 2 for p in pause_positions)
        eps.append({"start": ms[first]["id"], "end": ms[last]["id"], "pause_called": called})
    return eps


def honoured_of(ms, p):
    who = ms[p]["speaker"]
    broke = False
    for m in ms[p + 1:]:
        if m["speaker"] == who:
            return not broke
        if sab(m):
            broke = True
    return False if broke else None


# ------------------------------------------------------------- gold checks
stats = Counter()
turns = Counter()
outcomes = Counter()
hon = Counter()
esc_pc = Counter()
gold_seen = set()
for g in gold:
    if set(g) != {"conversation", "signals"} or not isinstance(g.get("signals"), dict):
        bad(f"gold line shape: {sorted(g)}")
        continue
    cid = g["conversation"]
    if cid in gold_seen:
        bad(f"gold: {cid} twice")
    gold_seen.add(cid)
    ms = by_conv.get(cid)
    if ms is None:
        bad(f"gold: unknown conversation {cid}")
        continue
    sig = g["signals"]
    if set(sig) != {"escalations", "pauses", "bids", "promises"}:
        bad(f"{cid}: signals keys {sorted(sig)}")
        continue

    def ref(x, what):
        if not isinstance(x, str) or x not in by_id or by_id[x]["conversation"] != cid:
            bad(f"{cid}: {what} -> {x!r} is not a message of this conversation")
            return None
        return by_id[x]

    # pauses
    ppos = []
    for p in sig["pauses"]:
        if set(p) != {"message", "honoured"}:
            bad(f"{cid}: pause keys {sorted(p)}")
            continue
        m = ref(p["message"], "pause")
        if m is None:
            continue
        if "boundary" not in m["labels"]:
            bad(f"{cid}: pause {m['id']} not labelled boundary")
        if p["honoured"] not in (True, False, None):
            bad(f"{cid}: pause honoured {p['honoured']!r}")
        h = honoured_of(ms, pos[m["id"]])
        if h != p["honoured"]:
            bad(f"{cid}: pause {m['id']} honoured gold {p['honoured']} vs derived {h}")
        hon[str(p["honoured"]).lower() if p["honoured"] is not None else "null"] += 1
        ppos.append(pos[m["id"]])
    # escalations
    for e in sig["escalations"]:
        if set(e) != {"start", "end", "pause_called"} or not isinstance(e.get("pause_called"), bool):
            bad(f"{cid}: escalation shape {e}")
            continue
        a, b = ref(e["start"], "escalation start"), ref(e["end"], "escalation end")
        if a and b:
            if pos[a["id"]] > pos[b["id"]]:
                bad(f"{cid}: escalation start after end")
            if not sab(a) or not sab(b):
                bad(f"{cid}: escalation start/end not sabotage-labelled")
        esc_pc["with pause" if e["pause_called"] else "without pause"] += 1
    derived = escalations_of(ms, ppos)
    if derived != sig["escalations"]:
        bad(f"{cid}: escalations gold {sig['escalations']} vs derived {derived}")
    # bids
    for bd in sig["bids"]:
        if set(bd) != {"bid", "response", "turn"}:
            bad(f"{cid}: bid keys {sorted(bd)}")
            continue
        m = ref(bd["bid"], "bid")
        if m is None:
            continue
        if sab(m):
            bad(f"{cid}: bid {m['id']} is itself sabotage")
        later_other = [x for x in ms[pos[m['id']] + 1:] if x["speaker"] != m["speaker"]]
        if bd["response"] is None:
            if later_other:
                bad(f"{cid}: bid {m['id']} has response null but {later_other[0]['id']} replies")
            if bd["turn"] != "away":
                bad(f"{cid}: unanswered bid {m['id']} must be away")
        else:
            r = ref(bd["response"], "bid response")
            if r is None:
                continue
            if pos[r["id"]] <= pos[m["id"]]:
                bad(f"{cid}: response {r['id']} not after bid {m['id']}")
            if r["speaker"] == m["speaker"]:
                bad(f"{cid}: response {r['id']} from the bidder")
            if not later_other or later_other[0]["id"] != r["id"]:
                bad(f"{cid}: response {r['id']} is not the partner's next message")
            want = "against" if sab(r) else ("toward" if bld(r) else "away")
            if sab(r) and bld(r):
                bad(f"{cid}: response {r['id']} is both builder and sabotage")
            if bd["turn"] != want:
                bad(f"{cid}: bid {m['id']} turn {bd['turn']} but response labels say {want}")
        turns[bd["turn"]] += 1
    # promises
    tracked = set()
    for pr in sig["promises"]:
        if set(pr) != {"promise", "outcome", "evidence"}:
            bad(f"{cid}: promise keys {sorted(pr)}")
            continue
        m = ref(pr["promise"], "promise")
        if m is None:
            continue
        tracked.add(m["id"])
        if "promise" not in m["labels"]:
            bad(f"{cid}: promise {m['id']} not labelled promise")
        if pr["outcome"] not in ("kept", "broken", "open"):
            bad(f"{cid}: outcome {pr['outcome']!r}")
        if pr["outcome"] == "open":
            if pr["evidence"] is not None:
                bad(f"{cid}: open promise {m['id']} with evidence")
        else:
            ev = ref(pr["evidence"], "evidence")
            if ev is not None:
                if pos[ev["id"]] <= pos[m["id"]]:
                    bad(f"{cid}: evidence {ev['id']} not after promise {m['id']}")
                if pr["outcome"] == "broken" and "promise" in ev["labels"] and ev["speaker"] == m["speaker"]:
                    notes.append(f"{cid}: broken promise {m['id']} evidenced by a promise-labelled message {ev['id']}")
        outcomes[pr["outcome"]] += 1
    # promise-labelled messages that are not tracked must be reports (evidence of a kept one)
    evid = {pr.get("evidence") for pr in sig["promises"] if pr.get("outcome") == "kept"}
    for m in ms:
        if "promise" in m["labels"] and m["id"] not in tracked and m["id"] not in evid:
            bad(f"{m['id']}: promise-labelled but neither tracked nor the evidence of a kept promise")

missing_gold = set(by_conv) - gold_seen
if missing_gold:
    bad(f"gold missing for {sorted(missing_gold)}")

# ------------------------------------------------------------------ report
lab = Counter(l for m in msgs for l in m["labels"])
empty = sum(1 for m in msgs if not m["labels"])
out = []
out.append(f"spec: {len(SAB)} sabotage ids, {len(BLD)} builder ids, danger; "
           f"{len(eq_examples)} quoted examples of 2+ words, {len(sub_examples)} of 4+ words")
out.append(f"conversations: {len(by_conv)}   messages: {len(msgs)}   "
           f"(min {min(map(len, by_conv.values()))}, max {max(map(len, by_conv.values()))} per conversation)")
out.append(f"messages with no label: {empty} ({100 * empty / max(1, len(msgs)):.1f}%)")
out.append(f"messages with A / B: {sum(m['speaker'] == 'A' for m in msgs)} / {sum(m['speaker'] == 'B' for m in msgs)}")
out.append("label counts:")
for k in sorted(kind_of, key=lambda k: (["sabotage", "builder", "danger"].index(kind_of[k]), k)):
    out.append(f"  {kind_of[k]:9s} {k:15s} {lab[k]}")
out.append(f"bids: {sum(turns.values())}  " + "  ".join(f"{k}={turns[k]}" for k in ("toward", "away", "against"))
           + f"  (unanswered: {sum(1 for g in gold for b in g['signals']['bids'] if b['response'] is None)})")
out.append(f"promises: {sum(outcomes.values())}  " + "  ".join(f"{k}={outcomes[k]}" for k in ("kept", "broken", "open")))
out.append(f"escalations: {sum(esc_pc.values())}  with pause={esc_pc['with pause']}  without pause={esc_pc['without pause']}")
out.append(f"pauses: {sum(hon.values())}  honoured true={hon['true']}  false={hon['false']}  null={hon['null']}")
dconv = sorted({m['conversation'] for m in msgs if 'danger' in m['labels']})
out.append(f"danger messages: {lab['danger']} in conversations {', '.join(dconv)}")
out.append(f"conversations with no sabotage at all: "
           f"{sum(1 for ms in by_conv.values() if not any(sab(m) for m in ms))}")
for n in notes:
    out.append("note: " + n)
for p in problems:
    out.append("ERROR: " + p)
out.append(f"errors: {len(problems)}")
print("\n".join(out))
sys.exit(1 if problems else 0)
