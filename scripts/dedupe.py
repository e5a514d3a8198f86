#!/usr/bin/env python3
"""Drop from stdin's JSON Lines every record whose text also occurs in DEV.

Usage: cat data/src/train-*.jsonl | python3 scripts/dedupe.py data/dev.jsonl > data/train.jsonl
"""
import json
import sys

dev = {json.loads(l)["text"].strip().lower() for l in open(sys.argv[1]) if l.strip()}
for line in sys.stdin:
    if line.strip() and json.loads(line)["text"].strip().lower() not in dev:
        sys.stdout.write(line)
