#!/usr/bin/env python3
"""Build messages.jsonl from the hand-written batches in src/*.txt.

Source format (one batch file holds several conversations):

    @ 2026-01-10T18:02 free-text description of the couple (not exported)
    A 0 first message text || label1 label2
    B 3 reply, sent 3 minutes later
    A 2h message sent two hours later || label
    # a comment line (ignored)

Speaker is A or B. The second token is the delay since the previous message
of the conversation: a plain number means minutes; suffixes s, m, h, d are
accepted. Labels follow " || " at the end of the line, separated by spaces
or commas; no " || " means no labels. Conversations are numbered h2-c001,
h2-c002 ... in the order of the sorted batch files.
"""
import datetime as dt
import glob
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DELTA = re.compile(r"^(\d+)([smhd]?)$")


def parse_delta(tok):
    m = DELTA.match(tok)
    if not m:
        raise ValueError("bad delay %r" % tok)
    n, unit = int(m.group(1)), m.group(2) or "m"
    name = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}[unit]
    return dt.timedelta(**{name: n})


def main():
    convs = []
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.txt"))):
        with open(path, encoding="utf-8") as fh:
            for lineno, raw in enumerate(fh, 1):
                line = raw.rstrip("\n")
                where = "%s:%d" % (os.path.basename(path), lineno)
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if line.startswith("@"):
                    parts = line[1:].strip().split(None, 1)
                    start = dt.datetime.strptime(parts[0], "%Y-%m-%dT%H:%M")
                    convs.append({"start": start, "desc": parts[1] if len(parts) > 1 else "",
                                  "msgs": [], "where": where})
                    continue
                if not convs:
                    raise SystemExit("%s: message before any @ header" % where)
                speaker, delay, rest = line.split(None, 2)
                if speaker not in ("A", "B"):
                    raise SystemExit("%s: bad speaker %r" % (where, speaker))
                if " || " in rest or rest.endswith(" ||"):
                    text, labels = rest.rsplit(" ||", 1)
                    labels = [l for l in re.split(r"[\s,]+", labels.strip()) if l]
                else:
                    text, labels = rest, []
                convs[-1]["msgs"].append((speaker, parse_delta(delay), text.strip(), labels, where))
    out = []
    for ci, conv in enumerate(convs, 1):
        cid = "h2-c%03d" % ci
        ts = conv["start"]
        for mi, (speaker, delay, text, labels, where) in enumerate(conv["msgs"], 1):
            ts = ts + delay
            out.append({"id": "%s-%02d" % (cid, mi), "conversation": cid, "speaker": speaker,
                        "ts": ts.strftime("%Y-%m-%dT%H:%M:%SZ"), "text": text, "labels": labels})
    with open(os.path.join(HERE, "messages.jsonl"), "w", encoding="utf-8") as fh:
        for obj in out:
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    print("wrote %d messages in %d conversations" % (len(out), len(convs)))


if __name__ == "__main__":
    main()
