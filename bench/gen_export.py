#!/usr/bin/env python3
"""Seeded generator of a large WhatsApp export for the memory benchmark of
`haven analyze` (BENCHMARKS.md, "A 1 GB export").

Writes one long two-person chat in WhatsApp's iOS format
(`[DD/MM/YYYY, HH:MM:SS] Name: text`) of about `--mib` MiB, made of the
training set's conversations replayed one after another in a seeded order:
each keeps its turns (its speaker A becomes one partner, B the other, picked
at random per conversation), consecutive messages are 2 to 30 seconds apart
and conversations 1 to 10 minutes apart, so that 1 GiB (13.6 million
messages) spans 38 years (2021 to 2059) rather than centuries: a very
chatty couple, and about 14,000 daily safety points per partner. Multi-line
messages keep their line breaks, as real exports do. The conversation flow
(complaints, pauses, bids, promises) is therefore real, so every signal is
exercised, not just the labeller. Same seed, same bytes. Standard library
only.

    python3 bench/gen_export.py [--mib 1024] [--seed 7] [--train data/train.jsonl] [-o FILE]
"""

import argparse
import datetime
import json
import random
import sys
from collections import OrderedDict


def load_conversations(path):
    convs = OrderedDict()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            r = json.loads(line)
            text = r.get("text")
            if not isinstance(text, str) or not text.strip():
                continue
            key = r.get("conversation") or r.get("id")
            convs.setdefault(key, []).append((r.get("speaker") or "A", text))
    if not convs:
        sys.exit(f"gen_export: no messages in {path}")
    return list(convs.values())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mib", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--train", default="data/train.jsonl")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    convs = load_conversations(a.train)
    names = ["Sam", "Alex"]
    target = a.mib << 20
    out = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
    t = datetime.datetime(2021, 1, 1, 8, 0, 0)
    written = 0
    messages = 0
    buf = []
    while written < target:
        conv = convs[rng.randrange(len(convs))]
        first = rng.random() < 0.5
        for speaker, text in conv:
            who = names[0] if (speaker == "A") == first else names[1]
            stamp = t.strftime("%d/%m/%Y, %H:%M:%S")
            line = f"[{stamp}] {who}: {text}\n".encode("utf-8")
            buf.append(line)
            written += len(line)
            messages += 1
            t += datetime.timedelta(seconds=rng.randint(2, 30))
        t += datetime.timedelta(seconds=rng.randint(60, 600))
        if len(buf) > 4096:
            out.write(b"".join(buf))
            buf.clear()
    out.write(b"".join(buf))
    out.flush()
    print(f"gen_export: {messages} messages, {written} bytes, last message {t:%Y-%m-%d}", file=sys.stderr)


if __name__ == "__main__":
    main()
