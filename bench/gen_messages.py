#!/usr/bin/env python3
"""Seeded generator of a speed corpus for bench/compare.sh.

Writes N chat messages (default 200,000) as JSON Lines `{"id", "text"}` by
sampling and recombining the texts of data/train.jsonl: most messages are a
training message as written, some are two messages sent as one, some are a
sentence of one joined to a sentence of another, and a few get the casing,
punctuation or emoji people add. The same seed gives the same file, byte for
byte, so every tool in a run and every run on every machine sees the same
messages. Only the standard library is used.

    python3 bench/gen_messages.py [-n 200000] [--seed 6] [--train data/train.jsonl] [-o FILE]
"""

import argparse
import json
import random
import re
import sys

EMOJI = ["🙄", "❤️", "😂", "😡", "🙏", "😢", "👍", "😘", "💔", "🤷"]
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def load_texts(path):
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            text = json.loads(line).get("text")
            if isinstance(text, str) and text.strip():
                texts.append(text)
    if not texts:
        sys.exit(f"gen_messages: no texts in {path}")
    return texts


def message(rng, texts):
    roll = rng.random()
    if roll < 0.60:
        text = rng.choice(texts)
    elif roll < 0.85:
        text = rng.choice(texts) + rng.choice([" ", ". ", "\n", " … "]) + rng.choice(texts)
    else:
        a = SENTENCE.split(rng.choice(texts))
        b = SENTENCE.split(rng.choice(texts))
        text = " ".join(a[: rng.randint(1, len(a))] + b[rng.randint(0, len(b) - 1) :])
    style = rng.random()
    if style < 0.10:
        text = text.lower()
    elif style < 0.13:
        text = text.upper()
    elif style < 0.20:
        text = text + " " + rng.choice(EMOJI)
    elif style < 0.25:
        text = text.rstrip(".!? ") + rng.choice(["?", "!!", "...", "??"])
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200_000, help="messages to write (default 200000)")
    ap.add_argument("--seed", type=int, default=6, help="random seed (default 6)")
    ap.add_argument("--train", default="data/train.jsonl", help="source of texts")
    ap.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    texts = load_texts(args.train)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    width = len(str(args.n))
    for i in range(args.n):
        rec = {"id": f"m{i:0{width}d}", "text": message(rng, texts)}
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
