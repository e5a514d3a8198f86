#!/usr/bin/env python3
"""Refresh the evaluation numbers in README.md from `haven eval` runs.

Usage: python3 scripts/readme_numbers.py  (after `cargo build --release`)
"""
import json, re, subprocess

def run(*args):
    return subprocess.run(["./target/release/haven", *args], check=True, capture_output=True, text=True).stdout

dev = run("eval", "data/dev.jsonl")
rules = json.loads(run("eval", "--rules-only", "data/dev.jsonl", "--format", "json"))
ext = []
for s in ["goemotions", "casino"]:
    r = json.loads(run("eval", f"../shared/data/external/{s}/dev.jsonl", "--format", "json"))
    per = ", ".join(f"{b['behaviour']} {b['f1']:.2f}" for b in r["behaviours"] if b["support"] > 0)
    ext.append(f"{s} macro F1 {r['macro_f1']:.3f} ({per})")
readme = open("README.md").read()
readme = re.sub(r"<!-- dev-eval -->.*?<!-- /dev-eval -->|<!-- dev-eval -->", "<!-- dev-eval -->\n```text\n" + dev + "```\n<!-- /dev-eval -->", readme, flags=re.S)
readme = re.sub(r"<!-- rules-macro -->[0-9.]*", f"<!-- rules-macro -->{rules['macro_f1']:.3f}", readme)
readme = re.sub(r"<!-- rules-binary -->[0-9.]*", f"<!-- rules-binary -->{rules['binary_f1']:.3f}", readme)
readme = re.sub(r"<!-- external -->.*?\.\n", "<!-- external -->" + "; ".join(ext) + ".\n", readme, flags=re.S)
open("README.md", "w").write(readme)
