#!/usr/bin/env python3
"""Helpers for bench/compare.sh: time one tool, score every tool, print the table.

    compare.py speed TOOL CORPUS.jsonl [--warmup 1000] [--batch 10000] [--repeat R] [--limit N]
        Load TOOL (vader, profanity-check, better-profanity, textblob), warm it
        up on the first messages, then time it over every message of CORPUS and
        print one JSON line {"tool", "messages", "seconds", "msgs_per_s"}. Run
        one tool per process (compare.sh pins it to one core with taskset).
        The timed loop is scoring only: reading the file and loading the tool
        are outside it, which favours the Python tools over haven, whose time
        is the whole `haven label` process, JSON in and out.

    compare.py quality --sabotage IDS --train data/train.jsonl --dev data/dev.jsonl
                       --haven NAME=LABELS.jsonl ... [--haven-eval EVAL.json]
        F1 of every tool on the binary "any sabotage or danger" task. A message
        is positive when any of its labels is in IDS (comma-separated; compare.sh
        reads the sabotage ids from `haven rules`, and adds `danger`). Tools that
        give a score get the threshold that maximises F1 on the training set,
        and that threshold is applied to dev unchanged. Prints JSON.

    compare.py haven-speed NAME MESSAGES REPORT... [--wall]
        The fastest pass of `haven label` from its `/usr/bin/time -v` reports.

    compare.py table RESULTS_DIR
        Read speed-*.json, time-*.txt (GNU time -v) and quality.json from
        RESULTS_DIR and print the comparison table (Markdown).
"""

import argparse
import json
import os
import re
import sys
import time

# ---------------------------------------------------------------- the tools
#
# Each maker returns (score, batch, direction): `score(texts) -> list[float]`,
# whether the tool's natural API is a batch call, and how a score maps to
# "sabotage": "low" (score <= threshold, sentiment), "high" (score >=
# threshold, probability) or "bool" (1.0 is sabotage, no threshold).


def make_vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()

    def score(texts):
        return [analyzer.polarity_scores(t)["compound"] for t in texts]

    return score, False, "low"


def make_profanity_check():
    from profanity_check import predict_prob

    def score(texts):
        return [float(p) for p in predict_prob(texts)]

    return score, True, "high"


def make_better_profanity():
    from better_profanity import profanity

    profanity.load_censor_words()

    def score(texts):
        return [1.0 if profanity.contains_profanity(t) else 0.0 for t in texts]

    return score, False, "bool"


def make_textblob():
    from textblob import TextBlob

    def score(texts):
        return [TextBlob(t).sentiment.polarity for t in texts]

    return score, False, "low"


TOOLS = {
    "vader": ("VADER (vaderSentiment)", "compound <= t", make_vader),
    "profanity-check": ("alt-profanity-check", "probability >= t", make_profanity_check),
    "better-profanity": ("better-profanity", "contains a listed word", make_better_profanity),
    "textblob": ("TextBlob (pattern lexicon)", "polarity <= t", make_textblob),
}

# The cut-off each tool documents or a user would reach for first, reported
# beside the fitted one: VADER's README calls compound <= -0.05 negative,
# profanity-check's predict() is probability >= 0.5, TextBlob polarity < 0.
USUAL = {
    "vader": (-0.05, "compound <= -0.05 (VADER's 'negative')"),
    "profanity-check": (0.5, "probability >= 0.5 (predict())"),
    "textblob": (-1e-9, "polarity < 0"),
}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---------------------------------------------------------------- speed


def cmd_speed(args):
    texts = [r["text"] for r in read_jsonl(args.corpus)]
    if args.limit:
        texts = texts[: args.limit]
    score, batched, _ = TOOLS[args.tool][2]()
    # Per-message tools loop over the list inside score(); batch tools get
    # chunks of --batch messages, their fastest way of being called.
    step = args.batch if batched else max(1, len(texts))

    def run(items):
        for i in range(0, len(items), step):
            score(items[i : i + step])

    run(texts[: args.warmup])
    runs = []  # (CPU seconds, wall seconds) of each pass
    for _ in range(max(1, args.repeat)):
        cpu, wall = time.process_time(), time.perf_counter()
        run(texts)
        runs.append((time.process_time() - cpu, time.perf_counter() - wall))
    cpu, wall = min(runs)
    print(json.dumps({"tool": args.tool, "messages": len(texts), "seconds": cpu, "wall": wall, "runs": runs, "msgs_per_s": len(texts) / cpu}))


# ---------------------------------------------------------------- quality


def prf(gold, pred):
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if p and not g)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def predict(scores, direction, threshold):
    if direction == "low":
        return [s <= threshold for s in scores]
    if direction == "high":
        return [s >= threshold for s in scores]
    return [s >= 0.5 for s in scores]


def best_threshold(scores, gold, direction):
    """The threshold (one of the observed scores) that maximises F1 on (scores, gold)."""
    best = (-1.0, None)
    for t in sorted(set(scores)):
        f1 = prf(gold, predict(scores, direction, t))["f1"]
        # Ties go to the more conservative threshold (fewer messages flagged).
        better = f1 > best[0] + 1e-12 or (abs(f1 - best[0]) <= 1e-12 and best[1] is not None and (t < best[1] if direction == "low" else t > best[1]))
        if better:
            best = (f1, t)
    return best[1], best[0]


def cmd_quality(args):
    positive = set(s for s in args.sabotage.split(",") if s)
    train = read_jsonl(args.train)
    dev = read_jsonl(args.dev)
    gold_train = [any(label in positive for label in r.get("labels", [])) for r in train]
    gold_dev = [any(label in positive for label in r.get("labels", [])) for r in dev]
    out = {
        "positive_ids": sorted(positive),
        "train": {"messages": len(train), "positive": sum(gold_train)},
        "dev": {"messages": len(dev), "positive": sum(gold_dev)},
        "tools": {},
    }
    for spec in args.haven:
        name, path = spec.split("=", 1)
        labelled = {r["id"]: r.get("labels", []) for r in read_jsonl(path)}
        missing = [r["id"] for r in dev if r["id"] not in labelled]
        if missing:
            sys.exit(f"compare.py: {path} has no output for {len(missing)} dev messages, e.g. {missing[0]}")
        pred = [any(label in positive for label in labelled[r["id"]]) for r in dev]
        out["tools"][name] = {"rule": "any sabotage or danger label", "threshold": None, "train_f1": None, "dev": prf(gold_dev, pred)}
    for tool, (_, rule, make) in TOOLS.items():
        score, _, direction = make()
        s_dev = score([r["text"] for r in dev])
        if direction == "bool":
            # Nothing to fit, so the training set is not scored (better-profanity
            # runs at about 30 messages a second).
            threshold, train_f1 = None, None
        else:
            s_train = score([r["text"] for r in train])
            threshold, train_f1 = best_threshold(s_train, gold_train, direction)
        out["tools"][tool] = {
            "rule": rule,
            "threshold": threshold,
            "train_f1": train_f1,
            "dev": prf(gold_dev, predict(s_dev, direction, threshold)),
        }
        if tool in USUAL:
            t, desc = USUAL[tool]
            out["tools"][tool]["usual"] = {"rule": desc, "dev": prf(gold_dev, predict(s_dev, direction, t))}
    out["tools"]["all-positive"] = {"rule": "flag every message", "threshold": None, "train_f1": None, "dev": prf(gold_dev, [True] * len(dev))}
    if args.haven_eval:
        with open(args.haven_eval, encoding="utf-8") as f:
            ev = json.load(f)
        out["haven_eval_binary_f1"] = ev.get("binary_f1")
    json.dump(out, sys.stdout, indent=2)
    print()


# ---------------------------------------------------------------- haven-speed


def cmd_haven_speed(args):
    """Pick the fastest of several `/usr/bin/time -v` reports of `haven label`."""
    passes = []
    for path in args.reports:
        wall, cpu, rss = gnu_time(path)
        passes.append((wall if args.wall else cpu, wall, cpu, rss, path))
    key, wall, cpu, rss, path = min(passes)
    print(json.dumps({"tool": args.name, "messages": args.messages, "seconds": key, "wall": wall, "cpu": cpu,
                      "runs": [(p[2], p[1]) for p in passes], "msgs_per_s": args.messages / key, "report": path}))


# ---------------------------------------------------------------- table


def gnu_time(path):
    """(wall seconds, CPU seconds, peak RSS KiB) from a `/usr/bin/time -v` report."""
    wall = rss = None
    cpu = 0.0
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith(("User time (seconds)", "System time (seconds)")):
                cpu += float(line.rsplit(" ", 1)[1])
            elif line.startswith("Elapsed (wall clock) time"):
                parts = [float(p) for p in line.rsplit(" ", 1)[1].split(":")]
                wall = 0.0
                for p in parts:
                    wall = wall * 60 + p
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1])
    return wall, cpu, rss


def fmt_rate(x):
    return f"{x:,.0f}"


def fmt_ratio(x):
    return f"{x:.3f}×" if x < 0.1 else f"{x:.2f}×"


def cmd_table(args):
    d = args.results
    with open(os.path.join(d, "quality.json"), encoding="utf-8") as f:
        quality = json.load(f)
    rows = []
    for name in sorted(os.listdir(d)):
        m = re.fullmatch(r"speed-(.+)\.json", name)
        if not m:
            continue
        with open(os.path.join(d, name), encoding="utf-8") as f:
            sp = json.load(f)
        tool = m.group(1)
        _, _, rss = gnu_time(os.path.join(d, f"time-{tool}.txt"))
        rows.append((tool, sp, rss))
    by_tool = {t: (sp, rss) for t, sp, rss in rows}
    if "haven" not in by_tool:
        sys.exit("compare.py: no speed-haven.json in " + d)
    base = by_tool["haven"][0]["msgs_per_s"]
    order = ["haven", "haven-all-cores", "haven-rules-only"] + [t for t in TOOLS] + sorted(t for t in by_tool if t not in TOOLS and not t.startswith("haven"))
    labels = {
        "haven": "haven (rules + scorer)",
        "haven-all-cores": f"haven, all {os.cpu_count()} cores (msgs/s over wall time)",
        "haven-rules-only": "haven --rules-only",
    }
    labels.update({t: v[0] for t, v in TOOLS.items()})
    n = by_tool["haven"][0]["messages"]
    print(f"Speed: {n:,} messages, one core (taskset -c 0). Dev: {quality['dev']['messages']} messages, "
          f"{quality['dev']['positive']} positive (any of: {', '.join(quality['positive_ids'])}).")
    print()
    print("| tool | msgs/s (CPU time) | msgs/s (wall) | vs haven | peak RSS | dev F1 | precision | recall | sabotage when | threshold (best F1 on train) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for tool in order:
        if tool not in by_tool:
            continue
        sp, rss = by_tool[tool]
        # The all-cores run writes the same labels as the one-core run.
        q = quality["tools"].get("haven" if tool == "haven-all-cores" else tool, {})
        dev = q.get("dev", {})
        thr = q.get("threshold")
        thr_s = "—" if thr is None else f"{thr:.4g} (train F1 {q['train_f1']:.3f})"
        f1 = f"{dev['f1']:.3f} | {dev['precision']:.3f} | {dev['recall']:.3f}" if dev else "— | — | —"
        print(
            f"| {labels.get(tool, tool)} | {'—' if tool == 'haven-all-cores' else fmt_rate(sp['msgs_per_s'])} | {fmt_rate(sp['messages'] / sp['wall'])} | "
            f"{fmt_ratio(sp['msgs_per_s'] / base)} | {rss / 1024:.0f} MiB | {f1} | {q.get('rule', '')} | {thr_s} |"
        )
    ap = quality["tools"].get("all-positive")
    if ap:
        print(f"| (baseline: flag every message) | — | — | — | — | {ap['dev']['f1']:.3f} | {ap['dev']['precision']:.3f} | {ap['dev']['recall']:.3f} | always | — |")
    print()
    usual = [(t, quality["tools"][t]["usual"]) for t in TOOLS if "usual" in quality["tools"].get(t, {})]
    if usual:
        print("The same tools at their usual cut-off instead of the one fitted on train:")
        print()
        print("| tool | sabotage when | dev F1 | precision | recall |")
        print("|---|---|---:|---:|---:|")
        for tool, u in usual:
            d = u["dev"]
            print(f"| {labels.get(tool, tool)} | {u['rule']} | {d['f1']:.3f} | {d['precision']:.3f} | {d['recall']:.3f} |")
        print()
    for tool in order:
        if tool in by_tool and by_tool[tool][0]["messages"] != n:
            sp = by_tool[tool][0]
            print(f"{labels.get(tool, tool)} was timed on the first {sp['messages']:,} messages of the same corpus "
                  f"({sp['seconds']:.1f} s a pass); all of them would take about {n / sp['msgs_per_s'] / 60:.0f} minutes.")
    if quality.get("haven_eval_binary_f1") is not None:
        print(f"Cross-check: `haven eval data/dev.jsonl` reports any-sabotage F1 {quality['haven_eval_binary_f1']:.3f}.")
    print("msgs/s is messages over CPU time (user + system) of the fastest pass, which other load on the machine "
          "disturbs less than wall time; 'vs haven' compares that column. haven's time is the whole `haven label` "
          "process (start-up, JSON in, JSON out); the Python tools' time is their scoring loop only, after "
          "loading and warm-up. Peak RSS is the whole process's (for the Python tools, with the corpus in memory).")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("speed")
    sp.add_argument("tool", choices=sorted(TOOLS))
    sp.add_argument("corpus")
    sp.add_argument("--warmup", type=int, default=1000, help="messages scored before timing (default 1000)")
    sp.add_argument("--batch", type=int, default=10_000, help="batch size for batch APIs (default 10000)")
    sp.add_argument("--repeat", type=int, default=1, help="timed passes; the fastest is reported (default 1)")
    sp.add_argument("--limit", type=int, default=0, help="time only the first LIMIT messages (for very slow tools)")
    sp.set_defaults(func=cmd_speed)
    q = sub.add_parser("quality")
    q.add_argument("--sabotage", required=True, help="comma-separated behaviour ids that make a message positive")
    q.add_argument("--train", default="data/train.jsonl")
    q.add_argument("--dev", default="data/dev.jsonl")
    q.add_argument("--haven", action="append", default=[], metavar="NAME=LABELS.jsonl", help="`haven label` output on dev")
    q.add_argument("--haven-eval", help="`haven eval --format json` output, for a cross-check")
    q.set_defaults(func=cmd_quality)
    h = sub.add_parser("haven-speed")
    h.add_argument("name")
    h.add_argument("messages", type=int)
    h.add_argument("reports", nargs="+", help="`/usr/bin/time -v -o` reports, one per pass")
    h.add_argument("--wall", action="store_true", help="rank by wall time (multi-threaded runs)")
    h.set_defaults(func=cmd_haven_speed)
    t = sub.add_parser("table")
    t.add_argument("results")
    t.set_defaults(func=cmd_table)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
