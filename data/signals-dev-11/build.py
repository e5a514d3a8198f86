#!/usr/bin/env python3
"""build.py - turn src/batch*.txt into conversations.jsonl and gold.jsonl.

Python 3 standard library only.  Usage:  python3 build.py  [--quiet]

SOURCE FORMAT (src/batch1.txt ... src/batch8.txt, UTF-8)
=========================================================

Blank lines and lines whose first non-blank character is '#' are ignored.

Conversation header:

    == NN 2026-01-12T07:05:00Z | free-text note (couple type, register, plan)

    NN is the two-digit conversation number (01..40); the conversation id is
    "sd12-cNN".  The timestamp is the base time; each message gives a delta.

Message line (fields separated by " | ", so message text never contains " | "):

    S +DELTA | text | labels | annotations

    S        "A" or "B".
    DELTA    time since the previous message of the conversation (for the
             first message: since the header time).  Units d, h, m, s may be
             combined: +0, +45s, +3m, +1h20m, +2d, +1d4h.  Every delta after
             the first must be > 0, so ts strictly increase.
    text     the message as sent.
    labels   comma-separated behaviour ids, or "-" for none.
    annotations (optional, space-separated; these are the HAND annotations
             that build.py cross-checks against what it derives):
      bid=toward|away|against   this message is a bid; the expected turn of
                                the partner's next reply.
      bid=none                  a bid the partner never answers
                                (gold: response null, turn "away").
      prom=KEY:kept|broken|open this message is a tracked promise (must carry
                                the `promise` label); KEY is local to the
                                conversation.
      ev=KEY                    this message is the evidence for promise KEY
                                (kept or broken); it must come later.
      pause=true|false|null     this message calls a pause (must carry the
                                `boundary` label); expected honoured value.
      esc=start                 expected first message of an escalation.
      esc=end:p | esc=end:np    expected last message of that escalation and
                                whether a pause was called (p) or not (np).

DERIVATIONS (spec: "Conversation-level signals")
================================================
* Escalation: every window of 4 consecutive messages in which at least 3
  messages carry a sabotage label and both speakers have a sabotage-labelled
  message in the window qualifies.  Overlapping qualifying windows are merged
  into one episode.  start = first sabotage-labelled message of the merged
  span, end = last sabotage-labelled message of the span.  `danger` is not a
  sabotage label.  pause_called = a pause message (pause=...) lies at or after
  start and no later than two messages after end.
* Pause honoured: after the pause message, if the other speaker sends any
  sabotage-labelled message before the pausing speaker's next message ->
  false.  Otherwise true once the pausing speaker comes back, null when the
  conversation ends first.
* Bid: the response is the first later message by the other speaker.
  Builder label -> toward; sabotage label -> against; neither -> away;
  no such message -> response null, away.  A response carrying both a
  builder and a sabotage label is rejected as ambiguous.
* Promise: outcome and evidence are hand annotated; build checks the promise
  label, that kept/broken have evidence that comes later, that open has
  none, and that every `promise`-labelled message is either a tracked
  promise (prom=) or the committer's report of an earlier tracked promise
  (ev= pointing at a promise by the same speaker).

Any disagreement between a hand annotation and the derivation, or any
format problem, stops the build with a non-zero exit status and nothing
is written.
"""
import json
import re
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
PREFIX = "sd12"

SABOTAGE = {"name-calling", "sarcasm", "defensiveness", "threat", "past",
            "domination", "judgment", "dismissal", "suspicion", "pressure"}
BUILDER = {"safety-talk", "promise", "curiosity", "space", "encouragement",
           "boundary", "listening", "empathy", "warmth", "accountability",
           "seek-help"}
DANGER = {"danger"}
ALL_LABELS = SABOTAGE | BUILDER | DANGER

HEADER_RE = re.compile(r"^==\s+(\d\d)\s+(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)\s*(\|.*)?$")
HEAD_RE = re.compile(r"^([AB])\s+\+(\S+)$")
DELTA_RE = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


def parse_delta(s, where):
    if s == "0":
        return timedelta(0)
    m = DELTA_RE.match(s)
    if not m or not any(m.groups()):
        err(where, f"bad delta '+{s}'")
        return timedelta(minutes=1)
    d, h, mi, se = (int(x) if x else 0 for x in m.groups())
    return timedelta(days=d, hours=h, minutes=mi, seconds=se)


def parse_sources():
    convs = []  # list of dicts
    files = sorted(SRC.glob("batch*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0))
    if not files:
        err("src", "no batch files")
    for path in files:
        cur = None
        for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{lineno}"
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("=="):
                m = HEADER_RE.match(line)
                if not m:
                    err(where, "bad header")
                    cur = None
                    continue
                cur = {"num": m.group(1), "base": datetime.strptime(m.group(2), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc),
                       "note": (m.group(3) or "|").lstrip("|").strip(), "msgs": [], "where": where}
                convs.append(cur)
                continue
            if cur is None:
                err(where, "message outside a conversation")
                continue
            if line.endswith(" |"):  # empty annotation field
                line = line[:-2].rstrip()
            parts = line.split(" | ")
            if len(parts) not in (3, 4):
                err(where, f"expected 3 or 4 fields, got {len(parts)}")
                continue
            head, text, labels_s = parts[0].strip(), parts[1].strip(), parts[2].strip()
            ann_s = parts[3].strip() if len(parts) == 4 else ""
            hm = HEAD_RE.match(head)
            if not hm:
                err(where, f"bad speaker/delta '{head}'")
                continue
            speaker, delta_s = hm.groups()
            delta = parse_delta(delta_s, where)
            if cur["msgs"] and delta <= timedelta(0):
                err(where, "delta must be > 0 after the first message")
            if not text:
                err(where, "empty text")
            labels = [] if labels_s == "-" else [x.strip() for x in labels_s.split(",")]
            for lab in labels:
                if lab not in ALL_LABELS:
                    err(where, f"unknown label '{lab}'")
            if len(set(labels)) != len(labels):
                err(where, "duplicate label")
            ann = {}
            for tok in ann_s.split():
                if "=" not in tok:
                    err(where, f"bad annotation '{tok}'")
                    continue
                k, v = tok.split("=", 1)
                if k in ann:
                    err(where, f"annotation '{k}' given twice")
                ann[k] = v
            cur["msgs"].append({"speaker": speaker, "delta": delta, "text": text,
                                "labels": labels, "ann": ann, "where": where})
    return convs


def is_sab(m):
    return bool(set(m["labels"]) & SABOTAGE)


def is_bld(m):
    return bool(set(m["labels"]) & BUILDER)


def derive_escalations(msgs, pause_idx):
    n = len(msgs)
    spans = []
    for i in range(0, n - 3):
        win = range(i, i + 4)
        sab = [j for j in win if is_sab(msgs[j])]
        if len(sab) >= 3 and {msgs[j]["speaker"] for j in sab} == {"A", "B"}:
            if spans and i <= spans[-1][1]:
                spans[-1][1] = i + 3
            else:
                spans.append([i, i + 3])
    out = []
    for a, b in spans:
        sab = [j for j in range(a, b + 1) if is_sab(msgs[j])]
        s, e = sab[0], sab[-1]
        pc = any(s <= p <= e + 2 for p in pause_idx)
        out.append((s, e, pc))
    return out


def derive_honoured(msgs, p):
    who = msgs[p]["speaker"]
    for j in range(p + 1, len(msgs)):
        if msgs[j]["speaker"] == who:
            return True
        if is_sab(msgs[j]):
            return False
    return None


def main():
    quiet = "--quiet" in sys.argv
    convs = parse_sources()
    seen_nums = set()
    out_msgs, out_gold = [], []
    for c in convs:
        cid = f"{PREFIX}-c{c['num']}"
        if c["num"] in seen_nums:
            err(c["where"], f"duplicate conversation {cid}")
        seen_nums.add(c["num"])
        msgs = c["msgs"]
        if not 15 <= len(msgs) <= 35:
            err(c["where"], f"{cid} has {len(msgs)} messages (want 15..35)")
        ts = c["base"]
        for k, m in enumerate(msgs, 1):
            ts = ts + m["delta"]
            m["id"] = f"{cid}-{k:02d}"
            m["ts"] = ts.strftime("%Y-%m-%dT%H:%M:%SZ")
        # ---- pauses
        pause_idx = []
        pauses = []
        for i, m in enumerate(msgs):
            if "pause" in m["ann"]:
                exp = m["ann"]["pause"]
                if "boundary" not in m["labels"]:
                    err(m["where"], "pause message lacks `boundary`")
                if exp not in ("true", "false", "null"):
                    err(m["where"], f"bad pause value '{exp}'")
                got = derive_honoured(msgs, i)
                got_s = {True: "true", False: "false", None: "null"}[got]
                if got_s != exp:
                    err(m["where"], f"pause honoured: annotated {exp}, derived {got_s}")
                pause_idx.append(i)
                pauses.append({"message": m["id"], "honoured": got})
        # ---- escalations
        derived = derive_escalations(msgs, pause_idx)
        starts = [i for i, m in enumerate(msgs) if m["ann"].get("esc") == "start"]
        ends = [(i, m["ann"]["esc"]) for i, m in enumerate(msgs) if m["ann"].get("esc", "").startswith("end")]
        for i, m in enumerate(msgs):
            v = m["ann"].get("esc")
            if v is not None and v not in ("start", "end:p", "end:np"):
                err(m["where"], f"bad esc annotation '{v}'")
        marked = []
        if len(starts) != len(ends):
            err(c["where"], f"{cid}: {len(starts)} esc=start but {len(ends)} esc=end")
        else:
            for s, (e, v) in zip(starts, ends):
                marked.append((s, e, v == "end:p"))
        if marked != derived:
            fmt = lambda L: [(msgs[s]["id"], msgs[e]["id"], pc) for s, e, pc in L]
            err(c["where"], f"{cid}: escalations annotated {fmt(marked)} but derived {fmt(derived)}")
        escalations = [{"start": msgs[s]["id"], "end": msgs[e]["id"], "pause_called": pc} for s, e, pc in derived]
        # ---- bids
        bids = []
        for i, m in enumerate(msgs):
            if "bid" not in m["ann"]:
                continue
            exp = m["ann"]["bid"]
            if exp not in ("toward", "away", "against", "none"):
                err(m["where"], f"bad bid value '{exp}'")
            if is_sab(m):
                err(m["where"], "a sabotage-labelled message is marked as a bid")
            resp = next((j for j in range(i + 1, len(msgs)) if msgs[j]["speaker"] != m["speaker"]), None)
            if resp is None:
                got, rid = "none", None
            else:
                r = msgs[resp]
                rid = r["id"]
                if is_sab(r) and is_bld(r):
                    err(r["where"], "bid response carries both builder and sabotage labels")
                got = "against" if is_sab(r) else ("toward" if is_bld(r) else "away")
            if got != exp:
                err(m["where"], f"bid turn: annotated {exp}, derived {got} (response {rid})")
            bids.append({"bid": m["id"], "response": rid, "turn": "away" if got == "none" else got})
        # ---- promises
        proms, evs = {}, {}
        for i, m in enumerate(msgs):
            if "prom" in m["ann"]:
                key, _, outc = m["ann"]["prom"].partition(":")
                if outc not in ("kept", "broken", "open"):
                    err(m["where"], f"bad promise outcome '{outc}'")
                if "promise" not in m["labels"]:
                    err(m["where"], "prom= on a message without `promise`")
                if key in proms:
                    err(m["where"], f"promise key {key} reused")
                proms[key] = (i, outc)
            if "ev" in m["ann"]:
                key = m["ann"]["ev"]
                if key in evs:
                    err(m["where"], f"second evidence for {key}")
                evs[key] = i
        for key, j in evs.items():
            if key not in proms:
                err(msgs[j]["where"], f"evidence for unknown promise {key}")
            elif j <= proms[key][0]:
                err(msgs[j]["where"], f"evidence for {key} does not come after the promise")
        for i, m in enumerate(msgs):
            if "promise" in m["labels"] and "prom" not in m["ann"]:
                key = m["ann"].get("ev")
                if key is None or key not in proms:
                    err(m["where"], "`promise` message is neither tracked (prom=) nor a report (ev=)")
                elif msgs[proms[key][0]]["speaker"] != m["speaker"]:
                    err(m["where"], "`promise` report by someone other than the promiser")
                elif proms[key][1] != "kept":
                    err(m["where"], "`promise` report of a promise not marked kept")
        promises = []
        for key, (i, outc) in sorted(proms.items(), key=lambda kv: kv[1][0]):
            j = evs.get(key)
            if outc == "open" and j is not None:
                err(msgs[i]["where"], f"open promise {key} has evidence")
            if outc in ("kept", "broken") and j is None:
                err(msgs[i]["where"], f"{outc} promise {key} has no evidence")
            promises.append({"promise": msgs[i]["id"], "outcome": outc,
                             "evidence": msgs[j]["id"] if j is not None else None})
        for m in msgs:
            out_msgs.append({"id": m["id"], "conversation": cid, "speaker": m["speaker"],
                             "ts": m["ts"], "text": m["text"], "labels": m["labels"]})
        out_gold.append({"conversation": cid, "signals": {
            "escalations": escalations, "pauses": pauses, "bids": bids, "promises": promises}})

    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        print(f"build.py: {len(errors)} error(s); nothing written", file=sys.stderr)
        sys.exit(1)
    with open(HERE / "conversations.jsonl", "w", encoding="utf-8") as f:
        for m in out_msgs:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as f:
        for g in out_gold:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    if not quiet:
        nb = sum(len(g["signals"]["bids"]) for g in out_gold)
        npr = sum(len(g["signals"]["promises"]) for g in out_gold)
        ne = sum(len(g["signals"]["escalations"]) for g in out_gold)
        npa = sum(len(g["signals"]["pauses"]) for g in out_gold)
        print(f"build.py: {len(out_gold)} conversations, {len(out_msgs)} messages, "
              f"{nb} bids, {npr} promises, {ne} escalations, {npa} pauses")


if __name__ == "__main__":
    main()
