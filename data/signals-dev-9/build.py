#!/usr/bin/env python3
"""Build /tmp/sd10/conversations.jsonl and gold.jsonl from compact sources.

Source format (src/*.txt, read in sorted order):

    === c01 | 2026-08-03 | free-text note about the couple
    A 06:42 | message text | label,label | annotations
    %+2d                      (skip N extra days before the next message)
    # comment

Times are HH:MM UTC; when a time is not later than the previous message's
time the day rolls over by one. Annotations (space separated):
    bid=toward|away|against   this message is a bid; the response is the
                              partner's next message (null if none)
    prom=kept:KEY | prom=broken:KEY | prom=open
                              this message makes a new commitment
    ev=KEY                    this message is the evidence for promise KEY
    pause=true|false|null     this boundary message calls a pause
Escalation episodes are computed from the labels with the spec rule (at
least 3 of some 4 consecutive messages carry a sabotage label and both
speakers contribute sabotage; overlapping or touching windows merged);
pause_called = a pause message inside the episode or within the two
messages after its end.
"""
import glob, json, re, sys, datetime as dt

SABOTAGE = {"name-calling", "sarcasm", "defensiveness", "threat", "past",
            "domination", "judgment", "dismissal", "suspicion", "pressure"}
BUILDERS = {"safety-talk", "promise", "curiosity", "space", "encouragement",
            "boundary", "listening", "empathy", "warmth", "accountability",
            "seek-help"}
ALL = SABOTAGE | BUILDERS | {"danger"}

MSG = re.compile(r"^([AB]) (\d\d):(\d\d) \| (.*)$")


def escalations(msgs):
    n = len(msgs)
    sab = [bool(set(m["labels"]) & SABOTAGE) for m in msgs]
    wins = []
    for i in range(n - 3):
        idx = [j for j in range(i, i + 4) if sab[j]]
        if len(idx) >= 3 and len({msgs[j]["speaker"] for j in idx}) == 2:
            wins.append((i, i + 3))
    eps = []
    for s, e in wins:
        if eps and s <= eps[-1][1] + 1:
            eps[-1][1] = max(eps[-1][1], e)
        else:
            eps.append([s, e])
    out = []
    for s, e in eps:
        idx = [j for j in range(s, e + 1) if sab[j]]
        out.append((idx[0], idx[-1]))
    return out


def parse(path):
    convs = []
    cur = None
    for ln, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("==="):
            parts = [p.strip() for p in line[3:].split("|")]
            cur = {"key": parts[0], "date": parts[1], "note": parts[2] if len(parts) > 2 else "",
                   "msgs": [], "day": 0, "last": None}
            convs.append(cur)
            continue
        if line.startswith("%+"):
            cur["day"] += int(line[2:].rstrip("d"))
            cur["last"] = None
            continue
        m = MSG.match(line)
        if not m:
            sys.exit(f"{path}:{ln}: cannot parse: {line}")
        spk, hh, mm, rest = m.groups()
        fields = [f.strip() for f in rest.split("|")]
        if len(fields) > 3:
            sys.exit(f"{path}:{ln}: too many fields (text contains '|'?)")
        while len(fields) < 3:
            fields.append("")
        text, labs, ann = fields
        tod = int(hh) * 60 + int(mm)
        if cur["last"] is not None and tod <= cur["last"]:
            cur["day"] += 1
        cur["last"] = tod
        labels = [l.strip() for l in labs.split(",") if l.strip()]
        for l in labels:
            if l not in ALL:
                sys.exit(f"{path}:{ln}: unknown label {l}")
        d0 = dt.date.fromisoformat(cur["date"]) + dt.timedelta(days=cur["day"])
        ts = f"{d0.isoformat()}T{hh}:{mm}:00Z"
        anns = {}
        for a in ann.split():
            k, _, v = a.partition("=")
            anns[k] = v
        cur["msgs"].append({"speaker": spk, "ts": ts, "text": text, "labels": labels,
                            "ann": anns, "line": ln})
    return convs


def main():
    convs = []
    for f in sorted(glob.glob("/tmp/sd10/src/*.txt")):
        for c in parse(f):
            c["file"] = f
            convs.append(c)
    out_m, out_g = [], []
    for c in convs:
        cid = f"sd10-{c['key']}"
        msgs = c["msgs"]
        for i, m in enumerate(msgs):
            m["id"] = f"{cid}-{i + 1:02d}"
        bids, proms, pauses = [], [], []
        keys = {}
        evs = {}
        for i, m in enumerate(msgs):
            a = m["ann"]
            if "bid" in a:
                resp = next((x for x in msgs[i + 1:] if x["speaker"] != m["speaker"]), None)
                bids.append({"bid": m["id"], "response": resp["id"] if resp else None,
                             "turn": a["bid"]})
            if "prom" in a:
                v = a["prom"]
                if v == "open":
                    proms.append({"promise": m["id"], "outcome": "open", "evidence": None})
                else:
                    outc, _, key = v.partition(":")
                    p = {"promise": m["id"], "outcome": outc, "evidence": None}
                    keys[key] = p
                    proms.append(p)
            if "ev" in a:
                for key in a["ev"].split(","):
                    evs[key] = m["id"]
            if "pause" in a:
                h = {"true": True, "false": False, "null": None}[a["pause"]]
                pauses.append({"message": m["id"], "honoured": h})
        for key, p in keys.items():
            if key not in evs:
                sys.exit(f"{cid}: promise key {key} has no evidence")
            p["evidence"] = evs[key]
        for key in evs:
            if key not in keys:
                sys.exit(f"{cid}: evidence key {key} has no promise")
        pause_idx = [i for i, m in enumerate(msgs) if "pause" in m["ann"]]
        escs = []
        for s, e in escalations(msgs):
            called = any(s <= p <= e + 2 for p in pause_idx)
            escs.append({"start": msgs[s]["id"], "end": msgs[e]["id"], "pause_called": called})
        for m in msgs:
            out_m.append({"id": m["id"], "conversation": cid, "speaker": m["speaker"],
                          "ts": m["ts"], "text": m["text"], "labels": m["labels"]})
        out_g.append({"conversation": cid, "signals": {"escalations": escs, "pauses": pauses,
                                                       "bids": bids, "promises": proms}})
    with open("/tmp/sd10/conversations.jsonl", "w", encoding="utf-8") as f:
        for m in out_m:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open("/tmp/sd10/gold.jsonl", "w", encoding="utf-8") as f:
        for g in out_g:
            f.write(json.dumps(g, ensure_ascii=False) + "\n")
    print(f"built {len(out_g)} conversations, {len(out_m)} messages")


if __name__ == "__main__":
    main()
