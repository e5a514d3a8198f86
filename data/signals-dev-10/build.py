#!/usr/bin/env python3
"""Build conversations.jsonl and gold.jsonl from the compact sources in src/.

Source format (one file per batch, src/batchN.txt):

    === c01 | 2026-01-12T07:48 | esc=1
    @ free-text description of the couple (ignored by the build, kept for NOTES)
    A +0   | text | labels | tags
    B +6m  | text | labels | tags

* time field: "+0", "+6m", "+2h30m", "+1d4h" (delta from the previous message)
  or "@2026-01-14T09:10" (absolute, UTC).
* labels: space separated, abbreviations (see ABBR) or full spec ids.
* tags:   bid:toward|away|against   -- the message is a bid; the expected turn
          P<n>                      -- the message makes promise n
          P<n>:kept | P<n>:broken   -- the message is the evidence for promise n
          pause:true|false|null     -- the message calls a pause; expected outcome
* esc=N in the header: expected number of escalation episodes (checked).

The build derives what the spec's rules determine (bid responses and turns,
pause outcomes, escalation windows) and stops with an error whenever the
derived value disagrees with the hand annotation in the source.
"""
import json, re, sys, glob, os
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "sd11-"

ABBR = {
    "nc": "name-calling", "sar": "sarcasm", "def": "defensiveness", "thr": "threat",
    "past": "past", "dom": "domination", "jud": "judgment", "dis": "dismissal",
    "sus": "suspicion", "pre": "pressure",
    "st": "safety-talk", "pro": "promise", "cur": "curiosity", "spa": "space",
    "enc": "encouragement", "bnd": "boundary", "lis": "listening", "emp": "empathy",
    "warm": "warmth", "acc": "accountability", "help": "seek-help",
    "dgr": "danger",
}
SABOTAGE = {"name-calling", "sarcasm", "defensiveness", "threat", "past", "domination",
            "judgment", "dismissal", "suspicion", "pressure"}
BUILDER = {"safety-talk", "promise", "curiosity", "space", "encouragement", "boundary",
           "listening", "empathy", "warmth", "accountability", "seek-help"}
ALL = SABOTAGE | BUILDER | {"danger"}

errors = []


def err(msg):
    errors.append(msg)


def parse_delta(tok):
    m = re.fullmatch(r"\+(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?", tok)
    if not m or tok == "+":
        if tok == "+0":
            return timedelta(0)
        raise ValueError(tok)
    d, h, mi = (int(x) if x else 0 for x in m.groups())
    return timedelta(days=d, hours=h, minutes=mi)


def parse_sources():
    convs = []
    cur = None
    for path in sorted(glob.glob(os.path.join(HERE, "src", "batch*.txt")),
                       key=lambda p: int(re.search(r"(\d+)", os.path.basename(p)).group(1))):
        for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
            line = raw.rstrip("\n")
            where = f"{os.path.basename(path)}:{ln}"
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("==="):
                parts = [p.strip() for p in line[3:].split("|")]
                cid, start = parts[0], parts[1]
                esc = int(parts[2].split("=")[1]) if len(parts) > 2 else None
                cur = {"cid": cid, "t": datetime.fromisoformat(start), "esc": esc,
                       "msgs": [], "desc": "", "where": where}
                convs.append(cur)
                continue
            if line.startswith("@"):
                cur["desc"] = line[1:].strip()
                continue
            parts = [p.strip() for p in line.split("|")]
            head = parts[0].split()
            spk, tt = head[0], head[1]
            if spk not in ("A", "B"):
                err(f"{where}: bad speaker {spk}")
            if tt.startswith("@"):
                t = datetime.fromisoformat(tt[1:])
            else:
                try:
                    t = cur["t"] + parse_delta(tt)
                except ValueError:
                    err(f"{where}: bad time {tt}")
                    t = cur["t"]
            if cur["msgs"] and t <= cur["t"]:
                t = cur["t"] + timedelta(minutes=1)  # same-minute replies
            cur["t"] = t
            text = parts[1] if len(parts) > 1 else ""
            labels = []
            for tok in (parts[2].split() if len(parts) > 2 else []):
                lab = ABBR.get(tok, tok)
                if lab not in ALL:
                    err(f"{where}: unknown label {tok}")
                if lab not in labels:
                    labels.append(lab)
            tags = parts[3].split() if len(parts) > 3 else []
            if len(parts) > 4:
                err(f"{where}: too many fields (| in text?)")
            if not text:
                err(f"{where}: empty text")
            cur["msgs"].append({"spk": spk, "t": t, "text": text, "labels": labels,
                                "tags": tags, "where": where})
    return convs


def is_sab(m):
    return any(l in SABOTAGE for l in m["labels"])


def turn_of(m):
    if m is None:
        return "away"
    if is_sab(m) or "danger" in m["labels"]:
        return "against"
    if any(l in BUILDER for l in m["labels"]):
        return "toward"
    return "away"


def escalations(msgs):
    n = len(msgs)
    wins = []
    for s in range(0, n - 3):
        w = range(s, s + 4)
        sab = [i for i in w if is_sab(msgs[i])]
        if len(sab) >= 3 and {msgs[i]["spk"] for i in sab} == {"A", "B"}:
            wins.append(s)
    eps = []
    for s in wins:
        if eps and s <= eps[-1][1]:
            eps[-1][1] = s + 3
        else:
            eps.append([s, s + 3])
    out = []
    for a, b in eps:
        sab = [i for i in range(a, b + 1) if is_sab(msgs[i])]
        out.append((sab[0], sab[-1]))
    return out


def build():
    convs = parse_sources()
    conv_lines, gold_lines = [], []
    seen = set()
    for c in convs:
        cid = c["cid"]
        if cid in seen:
            err(f"duplicate conversation {cid}")
        seen.add(cid)
        msgs = c["msgs"]
        ids = [f"{PREFIX}{cid}-{i + 1:02d}" for i in range(len(msgs))]
        for i, m in enumerate(msgs):
            conv_lines.append({"id": ids[i], "conversation": PREFIX + cid, "speaker": m["spk"],
                               "ts": m["t"].strftime("%Y-%m-%dT%H:%M:00Z"), "text": m["text"],
                               "labels": m["labels"]})
        bids, promises, pauses = [], {}, []
        evid = {}
        for i, m in enumerate(msgs):
            for tag in m["tags"]:
                if tag.startswith("bid:"):
                    want = tag.split(":")[1]
                    resp = next((j for j in range(i + 1, len(msgs)) if msgs[j]["spk"] != m["spk"]), None)
                    got = turn_of(msgs[resp] if resp is not None else None)
                    if got != want:
                        err(f"{m['where']}: bid expected {want}, derived {got}")
                    bids.append({"bid": ids[i], "response": ids[resp] if resp is not None else None,
                                 "turn": got})
                elif re.fullmatch(r"P\d+", tag):
                    if "promise" not in m["labels"]:
                        err(f"{m['where']}: promise tag without promise label")
                    if tag in promises:
                        err(f"{m['where']}: duplicate {tag}")
                    promises[tag] = i
                elif re.fullmatch(r"P\d+:(kept|broken)", tag):
                    p, o = tag.split(":")
                    if p in evid:
                        err(f"{m['where']}: second evidence for {p}")
                    evid[p] = (i, o)
                elif tag.startswith("pause:"):
                    want = tag.split(":")[1]
                    if "boundary" not in m["labels"]:
                        err(f"{m['where']}: pause without boundary label")
                    ret = next((j for j in range(i + 1, len(msgs)) if msgs[j]["spk"] == m["spk"]), None)
                    end = ret if ret is not None else len(msgs)
                    broke = any(is_sab(msgs[j]) for j in range(i + 1, end) if msgs[j]["spk"] != m["spk"])
                    got = "false" if broke else ("true" if ret is not None else "null")
                    if got != want:
                        err(f"{m['where']}: pause expected {want}, derived {got}")
                    pauses.append((i, {"true": True, "false": False, "null": None}[got]))
                else:
                    err(f"{m['where']}: unknown tag {tag}")
        plist = []
        tracked_evidence = set()
        for p, i in sorted(promises.items(), key=lambda kv: kv[1]):
            if p in evid:
                j, o = evid[p]
                if j <= i:
                    err(f"{cid}: evidence for {p} not after promise")
                plist.append({"promise": ids[i], "outcome": o, "evidence": ids[j]})
                if o == "kept" and msgs[j]["spk"] == msgs[i]["spk"]:
                    tracked_evidence.add(j)
            else:
                plist.append({"promise": ids[i], "outcome": "open", "evidence": None})
        for p in evid:
            if p not in promises:
                err(f"{cid}: evidence for unknown {p}")
        for i, m in enumerate(msgs):
            if "promise" in m["labels"] and i not in promises.values() and i not in tracked_evidence:
                err(f"{m['where']}: promise label not tracked (neither promise nor self-reported kept)")
        esc = escalations(msgs)
        if c["esc"] is not None and len(esc) != c["esc"]:
            err(f"{c['where']}: expected {c['esc']} escalations, derived {len(esc)}: "
                + ", ".join(f"{a + 1}-{b + 1}" for a, b in esc))
        elist = []
        for a, b in esc:
            called = any(a <= pi <= b + 2 for pi, _ in pauses)
            elist.append({"start": ids[a], "end": ids[b], "pause_called": called})
        gold_lines.append({"conversation": PREFIX + cid, "signals": {
            "escalations": elist,
            "pauses": [{"message": ids[i], "honoured": h} for i, h in pauses],
            "bids": bids,
            "promises": plist}})
    return convs, conv_lines, gold_lines


if __name__ == "__main__":
    convs, conv_lines, gold_lines = build()
    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} build errors")
        sys.exit(1)
    with open(os.path.join(HERE, "conversations.jsonl"), "w", encoding="utf-8") as f:
        for o in conv_lines:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "gold.jsonl"), "w", encoding="utf-8") as f:
        for o in gold_lines:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(f"built {len(gold_lines)} conversations, {len(conv_lines)} messages")
