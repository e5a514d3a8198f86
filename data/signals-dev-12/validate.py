#!/usr/bin/env python3
"""Independent validator for conversations.jsonl and gold.jsonl.

Shares no code with build.py.  Behaviour ids and their kinds are read from the
taxonomy spec itself (/work/shared/spec/behaviors.md, or the path given as the
first argument).  Python 3 standard library only.

    python3 validate.py [path/to/behaviors.md]  > validate_out.txt

Exit status 0 when no errors were found.
"""

import json
import os
import re
import sys
from datetime import datetime

DIR = os.path.dirname(os.path.abspath(__file__))
SPEC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/spec/behaviors.md"

problems = []
notes = []


def err(msg):
    problems.append(msg)


# --------------------------------------------------------------- spec ids
def read_spec(path):
    kinds = {}
    section = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("## "):
                head = line.lower()
                if "sabotage" in head:
                    section = "sabotage"
                elif "builder" in head:
                    section = "builder"
                elif "danger" in head:
                    section = "danger"
                else:
                    section = None
                continue
            m = re.match(r"^\|\s*`([a-z][a-z-]*)`\s*\|", line)
            if m and section:
                kinds[m.group(1)] = section
    return kinds


KIND = read_spec(SPEC)
if len(KIND) != 22:
    err(f"spec parse: expected 22 behaviour ids, found {len(KIND)}")


def kinds_of(labels):
    return {KIND.get(l) for l in labels}


# --------------------------------------------------------------- load
def load_jsonl(name):
    out = []
    path = os.path.join(DIR, name)
    if not os.path.exists(path):
        err(f"{name}: missing")
        return out
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                err(f"{name}:{i}: blank line")
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                err(f"{name}:{i}: bad JSON ({e})")
    return out


msgs = load_jsonl("conversations.jsonl")
gold = load_jsonl("gold.jsonl")

# --------------------------------------------------------------- messages
ID_RE = re.compile(r"^sd13-c(\d{2})-(\d{2})$")
CONV_RE = re.compile(r"^sd13-c(\d{2})$")
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
KEYS = {"id", "conversation", "speaker", "ts", "text", "labels"}

convs = {}      # conv id -> list of message dicts in file order
order = []
seen = set()
for k, m in enumerate(msgs, 1):
    where = f"conversations.jsonl line {k}"
    if set(m) != KEYS:
        err(f"{where}: keys {sorted(m)} != {sorted(KEYS)}")
        continue
    mid, cid = m["id"], m["conversation"]
    mm, cm = ID_RE.match(str(mid)), CONV_RE.match(str(cid))
    if not mm or not cm:
        err(f"{where}: malformed id {mid!r} / conversation {cid!r}")
        continue
    if mm.group(1) != cm.group(1):
        err(f"{where}: id {mid} not in conversation {cid}")
    if mid in seen:
        err(f"{where}: duplicate id {mid}")
    seen.add(mid)
    if cid not in convs:
        if order and cid in order:
            err(f"{where}: conversation {cid} is not contiguous")
        convs[cid] = []
        order.append(cid)
    convs[cid].append(m)
    if m["speaker"] not in ("A", "B"):
        err(f"{mid}: speaker {m['speaker']!r}")
    if not isinstance(m["text"], str) or not m["text"].strip():
        err(f"{mid}: empty text")
    if not isinstance(m["ts"], str) or not TS_RE.match(m["ts"]):
        err(f"{mid}: ts {m['ts']!r} not ISO-8601 UTC (YYYY-MM-DDTHH:MM:SSZ)")
    labs = m["labels"]
    if not isinstance(labs, list):
        err(f"{mid}: labels not a list")
        continue
    if len(labs) != len(set(labs)):
        err(f"{mid}: repeated label")
    for l in labs:
        if l not in KIND:
            err(f"{mid}: label {l!r} is not a spec id")

expected = [f"sd13-c{i:02d}" for i in range(1, len(order) + 1)]
if order != expected:
    err(f"conversation ids not sequential: {order[:3]}...")
if len(order) != 40:
    err(f"expected 40 conversations, found {len(order)}")
total = sum(len(v) for v in convs.values())
if not 850 <= total <= 950:
    err(f"total messages {total} outside 850-950")

index = {}      # message id -> (conv id, position)
for cid, lst in convs.items():
    if not 16 <= len(lst) <= 34:
        err(f"{cid}: {len(lst)} messages, want 16-34")
    if {m["speaker"] for m in lst} != {"A", "B"}:
        err(f"{cid}: both speakers must appear")
    prev = None
    for pos, m in enumerate(lst):
        want = f"{cid}-{pos + 1:02d}"
        if m["id"] != want:
            err(f"{cid}: message {pos + 1} has id {m['id']}, want {want}")
        index[m["id"]] = (cid, pos)
        try:
            t = datetime.strptime(m["ts"], "%Y-%m-%dT%H:%M:%SZ")
        except (ValueError, TypeError):
            continue
        if prev is not None and t <= prev:
            err(f"{m['id']}: ts not strictly after the previous message")
        prev = t


def get(cid, ref, what):
    """Resolve a gold reference; report if missing or in another conversation."""
    if ref not in index:
        err(f"gold {cid}: {what} {ref!r} does not exist")
        return None
    c, pos = index[ref]
    if c != cid:
        err(f"gold {cid}: {what} {ref} belongs to {c}")
        return None
    return pos


def is_sab(m):
    return "sabotage" in kinds_of(m["labels"])


# --------------------------------------------------------------- gold
gold_order = []
for g in gold:
    cid = g.get("conversation")
    gold_order.append(cid)
    if cid not in convs:
        err(f"gold: unknown conversation {cid!r}")
        continue
    lst = convs[cid]
    sig = g.get("signals")
    if set(g) != {"conversation", "signals"} or not isinstance(sig, dict) or \
            set(sig) != {"escalations", "pauses", "bids", "promises"}:
        err(f"gold {cid}: wrong keys")
        continue

    # pauses
    pause_pos = []
    for p in sig["pauses"]:
        pos = get(cid, p.get("message"), "pause")
        if pos is None:
            continue
        m = lst[pos]
        pause_pos.append(pos)
        if "boundary" not in m["labels"]:
            err(f"{m['id']}: pause without boundary label")
        if p.get("honoured", "missing") not in (True, False, None):
            err(f"{m['id']}: honoured must be true/false/null")
        # independent recomputation: other speaker's sabotage before the
        # pausing speaker speaks again
        who = m["speaker"]
        verdict = None
        broken = False
        for later in lst[pos + 1:]:
            if later["speaker"] == who:
                verdict = not broken
                break
            if is_sab(later):
                broken = True
        if verdict is None and broken:
            verdict = False
        if verdict != p.get("honoured"):
            err(f"{m['id']}: honoured={p.get('honoured')} but recomputed {verdict}")
    if len(pause_pos) != len(set(pause_pos)):
        err(f"gold {cid}: duplicate pause")

    # escalations
    claimed = []
    for e in sig["escalations"]:
        s = get(cid, e.get("start"), "escalation start")
        t = get(cid, e.get("end"), "escalation end")
        if s is None or t is None:
            continue
        if s > t:
            err(f"gold {cid}: escalation start after end")
        for q in (s, t):
            if not is_sab(lst[q]):
                err(f"{lst[q]['id']}: escalation boundary without a sabotage label")
        if not isinstance(e.get("pause_called"), bool):
            err(f"gold {cid}: pause_called must be boolean")
        spk = {lst[q]["speaker"] for q in range(s, t + 1) if is_sab(lst[q])}
        if spk != {"A", "B"}:
            err(f"gold {cid}: escalation {e['start']}..{e['end']} not from both speakers")
        claimed.append((s, t, e.get("pause_called")))
    # independent recomputation of episodes (3 of 4 consecutive, both speakers)
    flags = [is_sab(m) for m in lst]
    hot = [False] * len(lst)
    for i in range(len(lst) - 3):
        w = range(i, i + 4)
        sab = [j for j in w if flags[j]]
        if len(sab) >= 3 and len({lst[j]["speaker"] for j in sab}) == 2:
            for j in w:
                hot[j] = True
    found = []
    i = 0
    while i < len(lst):
        if hot[i]:
            j = i
            while j + 1 < len(lst) and hot[j + 1]:
                j += 1
            sab = [k for k in range(i, j + 1) if flags[k]]
            a, b = sab[0], sab[-1]
            called = any(a <= p <= b + 3 for p in pause_pos)
            found.append((a, b, called))
            i = j + 1
        else:
            i += 1
    if sorted(found) != sorted(claimed):
        err(f"gold {cid}: escalations {claimed} but recomputed {found}")

    # bids
    seen_b = set()
    for b in sig["bids"]:
        pos = get(cid, b.get("bid"), "bid")
        if pos is None:
            continue
        if pos in seen_b:
            err(f"gold {cid}: duplicate bid {b['bid']}")
        seen_b.add(pos)
        m = lst[pos]
        if is_sab(m):
            err(f"{m['id']}: a bid carries sabotage")
        nxt = next((k for k in range(pos + 1, len(lst))
                    if lst[k]["speaker"] != m["speaker"]), None)
        resp = b.get("response", "missing")
        if nxt is None:
            if resp is not None:
                err(f"{m['id']}: response should be null (partner never replies)")
        else:
            if resp != lst[nxt]["id"]:
                err(f"{m['id']}: response {resp} is not the other speaker's next message {lst[nxt]['id']}")
        turn = b.get("turn")
        if turn not in ("toward", "away", "against"):
            err(f"{m['id']}: bad turn {turn!r}")
            continue
        if nxt is None:
            expect = "away"
        else:
            ks = kinds_of(lst[nxt]["labels"])
            if "sabotage" in ks or "danger" in ks:
                expect = "against"
            elif "builder" in ks:
                expect = "toward"
            else:
                expect = "away"
        if turn != expect:
            err(f"{m['id']}: turn {turn} but response labels imply {expect}")

    # promises
    seen_p = set()
    for p in sig["promises"]:
        pos = get(cid, p.get("promise"), "promise")
        if pos is None:
            continue
        if pos in seen_p:
            err(f"gold {cid}: duplicate promise {p['promise']}")
        seen_p.add(pos)
        m = lst[pos]
        if "promise" not in m["labels"]:
            err(f"{m['id']}: tracked promise without promise label")
        out = p.get("outcome")
        ev = p.get("evidence", "missing")
        if out not in ("kept", "broken", "open"):
            err(f"{m['id']}: bad outcome {out!r}")
            continue
        if out == "open":
            if ev is not None:
                err(f"{m['id']}: open promise must have null evidence")
            continue
        epos = get(cid, ev, "evidence")
        if epos is None:
            continue
        if epos <= pos:
            err(f"{m['id']}: evidence {ev} is not after the promise")
        em = lst[epos]
        if out == "kept" and em["speaker"] == m["speaker"] and "promise" not in em["labels"]:
            err(f"{m['id']}: kept by the promiser's own report, but {ev} lacks promise")

if gold_order != order:
    err("gold.jsonl conversations do not match conversations.jsonl one-to-one in order")

# --------------------------------------------------------------- report
counts = {"bids": {}, "promises": {}, "pauses": {}, "escalations": {}}
for g in gold:
    s = g.get("signals", {})
    for b in s.get("bids", []):
        counts["bids"][b.get("turn")] = counts["bids"].get(b.get("turn"), 0) + 1
    for p in s.get("promises", []):
        counts["promises"][p.get("outcome")] = counts["promises"].get(p.get("outcome"), 0) + 1
    for p in s.get("pauses", []):
        k = json.dumps(p.get("honoured"))
        counts["pauses"][k] = counts["pauses"].get(k, 0) + 1
    for e in s.get("escalations", []):
        k = "pause_called=" + json.dumps(e.get("pause_called"))
        counts["escalations"][k] = counts["escalations"].get(k, 0) + 1

print(f"spec ids read: {len(KIND)} from {SPEC}")
print(f"conversations: {len(order)}  messages: {total}  gold lines: {len(gold)}")
for k, v in counts.items():
    print(f"{k}: " + ", ".join(f"{a}={b}" for a, b in sorted(v.items())) +
          f"  (total {sum(v.values())})")
print(f"errors: {len(problems)}")
for p in problems:
    print("ERROR " + p)
sys.exit(1 if problems else 0)
