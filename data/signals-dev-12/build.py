#!/usr/bin/env python3
"""Build conversations.jsonl and gold.jsonl from the hand-written sources in src/.

Python 3 standard library only.  Run from anywhere:  python3 build.py

Source format (src/batch*.txt, read in name order)
--------------------------------------------------
    # comment
    == sd13-c01 | 2026-01-12T13:05:00Z | free-text note about the couple
    NN S +DELTA | label,label | message text | marks
    !esc START END true|false

* NN      two-digit message number, sequential from 01 inside a conversation
* S       speaker, A or B
* DELTA   time since the previous message: +0 for the first, else e.g. +45s,
          +3m, +2h, +1d, +1d2h30m.  The first message sits at the header time.
* labels  comma-separated behaviour ids (may be empty)
* marks   optional, space separated hand annotations:
    bid=toward|away|against   the message is a bid; expected turn of the reply
    pause=true|false|null     the message calls a pause; expected "honoured"
    promise=kept@NN | promise=broken@NN | promise=open
                              the message makes a tracked commitment
    report=NN                 the message is the promiser's own report on
                              the commitment made in message NN
* !esc    hand-annotated escalation episode: first and last sabotage message
          and whether a pause was called.

Every hand annotation is cross-checked against what the labels imply; any
disagreement aborts the build with a non-zero exit status.
"""

import datetime as dt
import glob
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "sd13"

SABOTAGE = {
    "name-calling", "sarcasm", "defensiveness", "threat", "past",
    "domination", "judgment", "dismissal", "suspicion", "pressure",
}
BUILDERS = {
    "safety-talk", "promise", "curiosity", "space", "encouragement",
    "boundary", "listening", "empathy", "warmth", "accountability", "seek-help",
}
DANGER = {"danger"}
ALL_LABELS = SABOTAGE | BUILDERS | DANGER

# pause_called: a pause message inside the episode or within this many
# messages after its last sabotage message.
PAUSE_LOOKAHEAD = 3

errors = []


def fail(where, msg):
    errors.append(f"{where}: {msg}")


DELTA_RE = re.compile(r"^\+(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
LINE_RE = re.compile(r"^(\d\d) ([AB]) (\+\S+)$")


def parse_delta(tok, where):
    if tok == "+0":
        return dt.timedelta(0)
    m = DELTA_RE.match(tok)
    if not m or not any(m.groups()):
        fail(where, f"bad delta {tok!r}")
        return dt.timedelta(0)
    d, h, mi, s = (int(x) if x else 0 for x in m.groups())
    return dt.timedelta(days=d, hours=h, minutes=mi, seconds=s)


def parse_sources():
    convs = []
    cur = None
    files = sorted(glob.glob(os.path.join(HERE, "src", "*.txt")))
    if not files:
        fail("src", "no source files")
    for path in files:
        fname = os.path.basename(path)
        with open(path, encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                where = f"{fname}:{lineno}"
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if line.startswith("== "):
                    parts = [p.strip() for p in line[3:].split(" | ")]
                    if len(parts) < 2:
                        fail(where, "bad header")
                        continue
                    start = dt.datetime.strptime(parts[1], "%Y-%m-%dT%H:%M:%SZ")
                    cur = {"id": parts[0], "start": start,
                           "note": parts[2] if len(parts) > 2 else "",
                           "msgs": [], "esc": [], "where": where}
                    convs.append(cur)
                    continue
                if cur is None:
                    fail(where, "line outside a conversation")
                    continue
                if line.startswith("!esc "):
                    toks = line.split()
                    if len(toks) != 4 or toks[3] not in ("true", "false"):
                        fail(where, "bad !esc line")
                        continue
                    cur["esc"].append((int(toks[1]), int(toks[2]), toks[3] == "true"))
                    continue
                parts = line.split(" | ")
                if len(parts) not in (3, 4):
                    fail(where, f"expected 3 or 4 ' | ' fields, got {len(parts)}")
                    continue
                m = LINE_RE.match(parts[0].strip())
                if not m:
                    fail(where, f"bad message head {parts[0]!r}")
                    continue
                num, spk, delta = int(m.group(1)), m.group(2), m.group(3)
                labels = [x.strip() for x in parts[1].split(",") if x.strip()]
                text = parts[2].strip()
                marks = {}
                if len(parts) == 4:
                    for tok in parts[3].split():
                        if "=" not in tok:
                            fail(where, f"bad mark {tok!r}")
                            continue
                        k, v = tok.split("=", 1)
                        if k in marks:
                            fail(where, f"duplicate mark {k}")
                        marks[k] = v
                cur["msgs"].append({"n": num, "spk": spk,
                                    "delta": parse_delta(delta, where),
                                    "delta_tok": delta, "labels": labels,
                                    "text": text, "marks": marks, "where": where})
    return convs


def has(msg, group):
    return any(l in group for l in msg["labels"])


def derive_escalations(msgs):
    """Windows of 4 consecutive messages with >=3 sabotage messages from both
    speakers; overlapping windows merge; start/end = first/last sabotage
    message inside the merged run.  Returns list of (start_n, end_n)."""
    n = len(msgs)
    qual = []
    for i in range(0, max(0, n - 3)):
        win = msgs[i:i + 4]
        sab = [m for m in win if has(m, SABOTAGE)]
        if len(sab) >= 3 and len({m["spk"] for m in sab}) == 2:
            qual.append((i, i + 3))
    runs = []
    for a, b in qual:
        if runs and a <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], b)
        else:
            runs.append([a, b])
    out = []
    for a, b in runs:
        idx = [k for k in range(a, b + 1) if has(msgs[k], SABOTAGE)]
        out.append((msgs[idx[0]]["n"], msgs[idx[-1]]["n"]))
    return out


def derive_pause_honoured(msgs, i):
    pauser = msgs[i]["spk"]
    broke = False
    for m in msgs[i + 1:]:
        if m["spk"] == pauser:
            return False if broke else True
        if has(m, SABOTAGE):
            broke = True
    return False if broke else None


def derive_turn(resp):
    if resp is None:
        return "away"
    if has(resp, SABOTAGE) or has(resp, DANGER):
        return "against"
    if has(resp, BUILDERS):
        return "toward"
    return "away"


def build():
    convs = parse_sources()
    rows, gold = [], []
    seen_conv = set()
    stats = Counter()
    label_counts = Counter()
    for ci, c in enumerate(convs, 1):
        cid = c["id"]
        want = f"{PREFIX}-c{ci:02d}"
        if cid != want:
            fail(c["where"], f"conversation id {cid} should be {want}")
        if cid in seen_conv:
            fail(c["where"], f"duplicate conversation {cid}")
        seen_conv.add(cid)
        msgs = c["msgs"]
        if not 16 <= len(msgs) <= 34:
            fail(c["where"], f"{cid} has {len(msgs)} messages (want 16-34)")
        by_n = {}
        ts = c["start"]
        prev_ts = None
        for k, m in enumerate(msgs, 1):
            if m["n"] != k:
                fail(m["where"], f"message number {m['n']:02d}, expected {k:02d}")
            if k == 1 and m["delta_tok"] != "+0":
                fail(m["where"], "first message must have delta +0")
            if k > 1 and m["delta"] <= dt.timedelta(0):
                fail(m["where"], "timestamp must strictly increase")
            ts = ts + m["delta"]
            if prev_ts is not None and ts <= prev_ts:
                fail(m["where"], "timestamp not increasing")
            prev_ts = ts
            m["ts"] = ts
            m["id"] = f"{cid}-{m['n']:02d}"
            by_n[m["n"]] = m
            for l in m["labels"]:
                if l not in ALL_LABELS:
                    fail(m["where"], f"unknown label {l!r}")
            if len(set(m["labels"])) != len(m["labels"]):
                fail(m["where"], "duplicate label")
            if "|" in m["text"]:
                fail(m["where"], "pipe in text")
            for l in m["labels"]:
                label_counts[l] += 1
            rows.append({"id": m["id"], "conversation": cid, "speaker": m["spk"],
                         "ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
                         "text": m["text"], "labels": m["labels"]})
        stats["messages"] += len(msgs)
        if any(has(m, SABOTAGE) for m in msgs):
            stats["convs_with_sabotage"] += 1
        else:
            stats["convs_without_sabotage"] += 1
        if any(has(m, DANGER) for m in msgs):
            stats["convs_with_danger"] += 1

        def mid(n):
            return f"{cid}-{n:02d}"

        # ---- pauses
        pauses = []
        pause_ns = []
        for i, m in enumerate(msgs):
            if "pause" not in m["marks"]:
                if "boundary" in m["labels"]:
                    stats["boundary_not_pause"] += 1
                continue
            ann = m["marks"]["pause"]
            if ann not in ("true", "false", "null"):
                fail(m["where"], f"bad pause mark {ann}")
                continue
            if "boundary" not in m["labels"]:
                fail(m["where"], "pause message lacks boundary label")
            der = derive_pause_honoured(msgs, i)
            der_s = {True: "true", False: "false", None: "null"}[der]
            if der_s != ann:
                fail(m["where"], f"pause honoured annotated {ann}, derived {der_s}")
            pauses.append({"message": m["id"], "honoured": der})
            pause_ns.append(m["n"])
            stats[f"pause_honoured_{der_s}"] += 1

        # ---- escalations
        derived = derive_escalations(msgs)
        escal = []
        for (s, e) in derived:
            called = any(s <= p <= e + PAUSE_LOOKAHEAD for p in pause_ns)
            escal.append((s, e, called))
        ann = sorted(c["esc"])
        if ann != sorted(escal):
            fail(c["where"], f"{cid} escalations annotated {ann}, derived {escal}")
        for s, e, called in escal:
            stats[f"escalation_pause_called_{str(called).lower()}"] += 1
        escalations = [{"start": mid(s), "end": mid(e), "pause_called": called}
                       for s, e, called in escal]

        # ---- bids
        bids = []
        for i, m in enumerate(msgs):
            if "bid" not in m["marks"]:
                continue
            ann_turn = m["marks"]["bid"]
            if ann_turn not in ("toward", "away", "against"):
                fail(m["where"], f"bad bid mark {ann_turn}")
            if has(m, SABOTAGE):
                fail(m["where"], "a bid must not itself carry sabotage")
            resp = next((r for r in msgs[i + 1:] if r["spk"] != m["spk"]), None)
            turn = derive_turn(resp)
            if turn != ann_turn:
                fail(m["where"], f"bid turn annotated {ann_turn}, derived {turn}"
                     f" (response {resp['id'] if resp else None})")
            bids.append({"bid": m["id"], "response": resp["id"] if resp else None,
                         "turn": turn})
            stats[f"bid_{turn}"] += 1

        # ---- promises
        promises = []
        tracked = {}
        for m in msgs:
            if "promise" in m["marks"]:
                tracked[m["n"]] = m
        reports = {}
        for m in msgs:
            if "report" in m["marks"]:
                try:
                    k = int(m["marks"]["report"])
                except ValueError:
                    fail(m["where"], "bad report mark")
                    continue
                if k not in tracked:
                    fail(m["where"], f"report of {k:02d}, which is not a tracked promise")
                    continue
                if k >= m["n"]:
                    fail(m["where"], "report before its promise")
                if tracked[k]["spk"] != m["spk"]:
                    fail(m["where"], "report by someone other than the promiser")
                if "promise" not in m["labels"]:
                    fail(m["where"], "own report of a kept commitment must carry promise")
                reports.setdefault(k, []).append(m["n"])
        for m in msgs:
            if "promise" in m["labels"] and "promise" not in m["marks"] \
                    and "report" not in m["marks"]:
                fail(m["where"], "promise label but neither a tracked promise nor a report")
        for n, m in sorted(tracked.items()):
            if "promise" not in m["labels"]:
                fail(m["where"], "tracked promise lacks promise label")
            val = m["marks"]["promise"]
            mm = re.match(r"^(kept|broken)@(\d\d)$", val)
            if val == "open":
                outcome, ev = "open", None
                if n in reports:
                    fail(m["where"], "open promise has a report of being done")
            elif mm:
                outcome, ev = mm.group(1), int(mm.group(2))
                if ev not in by_n:
                    fail(m["where"], f"evidence {ev:02d} missing")
                    continue
                if ev <= n:
                    fail(m["where"], "evidence not after promise")
                evm = by_n[ev]
                if outcome == "kept":
                    if evm["spk"] == m["spk"]:
                        if n not in reports or ev not in reports[n]:
                            fail(m["where"], "kept evidence by promiser must be a report=")
                    else:
                        if "promise" in evm["labels"] and "promise" not in evm["marks"]:
                            fail(m["where"], "partner confirmation must not carry promise")
                    if n in reports and min(reports[n]) < ev:
                        fail(m["where"], "an earlier report exists: evidence must be the first")
                else:
                    if n in reports and ev in reports[n]:
                        fail(m["where"], "broken evidence cannot be a report of the promise")
            else:
                fail(m["where"], f"bad promise mark {val}")
                continue
            promises.append({"promise": m["id"], "outcome": outcome,
                             "evidence": mid(ev) if ev else None})
            stats[f"promise_{outcome}"] += 1

        gold.append({"conversation": cid, "signals": {
            "escalations": escalations, "pauses": pauses,
            "bids": bids, "promises": promises}})
    return rows, gold, stats, label_counts


def main():
    rows, gold, stats, label_counts = build()
    if errors:
        print(f"BUILD FAILED: {len(errors)} error(s)", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    with open(os.path.join(HERE, "conversations.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as fh:
        for g in gold:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    print(f"conversations: {len(gold)}  messages: {stats['messages']}")
    print("signals:")
    for k in sorted(stats):
        if k != "messages":
            print(f"  {k}: {stats[k]}")
    print("labels:")
    neutral = sum(1 for r in rows if not r["labels"])
    print(f"  (none): {neutral}")
    for l, c in sorted(label_counts.items(), key=lambda x: (-x[1], x[0])):
        print(f"  {l}: {c}")


if __name__ == "__main__":
    main()
