#!/usr/bin/env python3
"""Validate messages.jsonl against the taxonomy spec and print label counts.

Checks: every line is a JSON object with exactly the expected fields; ids are
unique and of the form h2-cNNN-MM, numbered 01.. in order inside their
conversation; conversation matches the id; speaker is A or B; ts is ISO-8601
UTC and strictly increasing inside a conversation; labels is a list of
distinct behaviour ids parsed from the spec's tables; each conversation has
8-30 messages. Exits non-zero when any error is found.
"""
import collections
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.environ.get("SPEC", "/work/shared/spec/behaviors.md")
ID_RE = re.compile(r"^(h2-c\d{3})-(\d{2})$")
FIELDS = {"id", "conversation", "speaker", "ts", "text", "labels"}


def spec_ids(path):
    ids = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"^\|\s*`([a-z][a-z-]*)`\s*\|", line)
            if m and m.group(1) not in ids:
                ids.append(m.group(1))
    return ids


def main():
    valid = spec_ids(SPEC)
    errors = []
    if len(valid) != 22:
        errors.append("expected 22 behaviour ids in spec, found %d" % len(valid))
    counts = collections.Counter()
    seen = set()
    per_conv = collections.OrderedDict()
    last_ts = {}
    n = neutral = multi = 0
    with open(os.path.join(HERE, "messages.jsonl"), encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            try:
                obj = json.loads(line)
            except ValueError as e:
                errors.append("line %d: bad JSON (%s)" % (lineno, e))
                continue
            n += 1
            if set(obj) != FIELDS:
                errors.append("line %d: fields %s" % (lineno, sorted(obj)))
            mid = obj.get("id", "")
            m = ID_RE.match(mid)
            if not m:
                errors.append("line %d: bad id %r" % (lineno, mid))
                continue
            if mid in seen:
                errors.append("line %d: duplicate id %s" % (lineno, mid))
            seen.add(mid)
            conv = obj.get("conversation")
            if conv != m.group(1):
                errors.append("%s: conversation %r does not match id" % (mid, conv))
            per_conv.setdefault(conv, []).append(int(m.group(2)))
            if obj.get("speaker") not in ("A", "B"):
                errors.append("%s: bad speaker %r" % (mid, obj.get("speaker")))
            ts = obj.get("ts", "")
            try:
                if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", ts):
                    raise ValueError
                t = dt.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ")
            except (ValueError, TypeError):
                errors.append("%s: bad ts %r" % (mid, ts))
                t = None
            if t is not None:
                if conv in last_ts and t <= last_ts[conv]:
                    errors.append("%s: ts not strictly increasing" % mid)
                last_ts[conv] = t
            if not isinstance(obj.get("text"), str) or not obj["text"].strip():
                errors.append("%s: empty text" % mid)
            labels = obj.get("labels")
            if not isinstance(labels, list):
                errors.append("%s: labels not a list" % mid)
                continue
            if len(set(labels)) != len(labels):
                errors.append("%s: repeated label" % mid)
            for lab in labels:
                if lab not in valid:
                    errors.append("%s: unknown label %r" % (mid, lab))
                counts[lab] += 1
            if not labels:
                neutral += 1
            if len(labels) > 1:
                multi += 1
    for conv, nums in per_conv.items():
        if nums != list(range(1, len(nums) + 1)):
            errors.append("%s: message numbers not 01..%02d in order" % (conv, len(nums)))
        if not 8 <= len(nums) <= 30:
            errors.append("%s: %d messages (want 8-30)" % (conv, len(nums)))
    convs = sorted(per_conv)
    if convs != ["h2-c%03d" % i for i in range(1, len(convs) + 1)]:
        errors.append("conversation ids not contiguous from h2-c001")

    print("spec ids: %d" % len(valid))
    print("messages: %d in %d conversations" % (n, len(per_conv)))
    if n:
        print("neutral (no label): %d (%.1f%%); multi-label: %d" % (neutral, 100.0 * neutral / n, multi))
    print("label instances: %d" % sum(counts.values()))
    print()
    print("%-16s %5s" % ("label", "count"))
    for lab in valid:
        print("%-16s %5d" % (lab, counts[lab]))
    print()
    for e in errors:
        print("ERROR: " + e)
    print("errors: %d" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
