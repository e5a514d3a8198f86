#!/usr/bin/env python3
"""Validate /tmp/sd10/conversations.jsonl + gold.jsonl against the taxonomy spec.

Prints errors, warnings and counts. Exit status 1 when there are errors.
"""
import json, re, sys
from collections import Counter, defaultdict

SPEC = "/work/shared/spec/behaviors.md"
BASE = sys.argv[1] if len(sys.argv) > 1 else "/tmp/sd10"

# behaviour ids from the spec's tables, with their kind
ids = {}
kind = None
for line in open(SPEC, encoding="utf-8"):
    m = re.match(r"^## .*\(`kind = (\w+)`\)", line)
    if m:
        kind = m.group(1)
    elif line.startswith("## Danger"):
        kind = "danger"
    elif line.startswith("## ") and "kind" not in line and not line.startswith("## Danger"):
        kind = None
    m = re.match(r"^\| `([a-z-]+)` \|", line)
    if m and kind:
        ids[m.group(1)] = kind
SAB = {k for k, v in ids.items() if v == "sabotage"}
BLD = {k for k, v in ids.items() if v == "builder"}

errors, warnings = [], []
def err(s): errors.append(s)
def warn(s): warnings.append(s)

ID_RE = re.compile(r"^sd10-c(\d\d)-(\d\d)$")
CONV_RE = re.compile(r"^sd10-c(\d\d)$")
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

msgs, by_id, convs = [], {}, defaultdict(list)
for n, line in enumerate(open(f"{BASE}/conversations.jsonl", encoding="utf-8"), 1):
    try:
        m = json.loads(line)
    except Exception as e:
        err(f"conversations.jsonl:{n}: bad JSON: {e}")
        continue
    for k in ("id", "conversation", "speaker", "ts", "text", "labels"):
        if k not in m:
            err(f"{n}: missing field {k}")
    mid = m.get("id", "")
    mm = ID_RE.match(mid)
    if not mm:
        err(f"{mid}: bad id format")
    elif m.get("conversation") != mid.rsplit("-", 1)[0]:
        err(f"{mid}: conversation field {m.get('conversation')} does not match id")
    if not CONV_RE.match(m.get("conversation", "")):
        err(f"{mid}: bad conversation id")
    if mid in by_id:
        err(f"{mid}: duplicate id")
    if m.get("speaker") not in ("A", "B"):
        err(f"{mid}: bad speaker")
    if not TS_RE.match(m.get("ts", "")):
        err(f"{mid}: bad ts {m.get('ts')}")
    if not isinstance(m.get("labels"), list):
        err(f"{mid}: labels not a list")
    else:
        for l in m["labels"]:
            if l not in ids:
                err(f"{mid}: label {l!r} not in spec")
        if len(set(m["labels"])) != len(m["labels"]):
            err(f"{mid}: repeated label")
    if not m.get("text", "").strip():
        err(f"{mid}: empty text")
    msgs.append(m)
    by_id[mid] = m
    convs[m.get("conversation")].append(m)

pos = {}
for cid, ms in convs.items():
    for i, m in enumerate(ms):
        pos[m["id"]] = i
        if m["id"] != f"{cid}-{i + 1:02d}":
            err(f"{m['id']}: ids not consecutive within {cid}")
        if i and not (m["ts"] > ms[i - 1]["ts"]):
            err(f"{m['id']}: ts not strictly increasing")
    if not 18 <= len(ms) <= 24:
        err(f"{cid}: {len(ms)} messages (want 18-24)")
    if len({m["speaker"] for m in ms}) != 2:
        err(f"{cid}: needs both speakers")


def sab(m): return bool(set(m["labels"]) & SAB)
def bld(m): return bool(set(m["labels"]) & BLD)


def escalations(ms):
    wins = []
    for i in range(len(ms) - 3):
        idx = [j for j in range(i, i + 4) if sab(ms[j])]
        if len(idx) >= 3 and len({ms[j]["speaker"] for j in idx}) == 2:
            wins.append([i, i + 3])
    eps = []
    for s, e in wins:
        if eps and s <= eps[-1][1] + 1:
            eps[-1][1] = max(eps[-1][1], e)
        else:
            eps.append([s, e])
    res = []
    for s, e in eps:
        idx = [j for j in range(s, e + 1) if sab(ms[j])]
        res.append((idx[0], idx[-1]))
    return res


gold = {}
for n, line in enumerate(open(f"{BASE}/gold.jsonl", encoding="utf-8"), 1):
    try:
        g = json.loads(line)
    except Exception as e:
        err(f"gold.jsonl:{n}: bad JSON: {e}")
        continue
    cid = g.get("conversation")
    if cid in gold:
        err(f"gold: duplicate {cid}")
    if cid not in convs:
        err(f"gold: unknown conversation {cid}")
        continue
    gold[cid] = g
for cid in convs:
    if cid not in gold:
        err(f"gold: missing {cid}")

cnt = Counter()
turns, outcomes, honour = Counter(), Counter(), Counter()
esc_called = Counter()


def own(cid, mid, what):
    if mid not in by_id:
        err(f"{cid}: {what} {mid} does not exist")
        return False
    if by_id[mid]["conversation"] != cid:
        err(f"{cid}: {what} {mid} belongs to another conversation")
        return False
    return True


for cid, g in gold.items():
    ms = convs[cid]
    s = g.get("signals", {})
    for k in ("escalations", "pauses", "bids", "promises"):
        if not isinstance(s.get(k), list):
            err(f"{cid}: signals.{k} missing")
            s[k] = []
    # bids
    bid_ids, resp_ids = set(), set()
    for b in s["bids"]:
        t = b.get("turn")
        turns[t] += 1
        if t not in ("toward", "away", "against"):
            err(f"{cid}: bad turn {t}")
        if not own(cid, b.get("bid"), "bid"):
            continue
        bm = by_id[b["bid"]]
        bid_ids.add(bm["id"])
        nxt = next((x for x in ms[pos[bm["id"]] + 1:] if x["speaker"] != bm["speaker"]), None)
        r = b.get("response")
        if r is None:
            if t != "away":
                err(f"{cid}: unanswered bid {bm['id']} must be away")
            if nxt is not None:
                err(f"{cid}: bid {bm['id']} has a partner reply {nxt['id']} but response null")
            continue
        if not own(cid, r, "response"):
            continue
        rm = by_id[r]
        resp_ids.add(r)
        if rm["speaker"] == bm["speaker"]:
            err(f"{cid}: response {r} by the bidder")
        if pos[r] <= pos[bm["id"]]:
            err(f"{cid}: response {r} not after bid")
        if nxt is not None and nxt["id"] != r:
            err(f"{cid}: response {r} is not the partner's next message {nxt['id']}")
        want = "against" if sab(rm) else "toward" if bld(rm) else "away"
        if sab(rm) and bld(rm):
            err(f"{cid}: response {r} carries both builder and sabotage (ambiguous turn)")
        if t != want:
            err(f"{cid}: bid {bm['id']} turn {t} but response {r} labels {rm['labels']} say {want}")
    if len(bid_ids) != len(s["bids"]):
        err(f"{cid}: duplicate bid")
    # heuristic: a warm message that opens the chat or follows a long gap is
    # normally an affection bid; flag it when it is not tracked
    import datetime as _dt
    def _t(x): return _dt.datetime.fromisoformat(x["ts"].replace("Z", "+00:00"))
    for i, m in enumerate(ms):
        if "warmth" in m["labels"] and m["id"] not in bid_ids and m["id"] not in resp_ids:
            if i == 0 or (_t(m) - _t(ms[i - 1])).total_seconds() >= 5400:
                warn(f"{m['id']}: opening warm message is not tracked as a bid: {m['text'][:60]}")
    # promises
    tracked, ev_kept = set(), {}
    for p in s["promises"]:
        o = p.get("outcome")
        outcomes[o] += 1
        if o not in ("kept", "broken", "open"):
            err(f"{cid}: bad outcome {o}")
        if not own(cid, p.get("promise"), "promise"):
            continue
        pm = by_id[p["promise"]]
        tracked.add(pm["id"])
        if "promise" not in pm["labels"]:
            err(f"{cid}: tracked promise {pm['id']} lacks the promise label")
        e = p.get("evidence")
        if o == "open":
            if e is not None:
                err(f"{cid}: open promise {pm['id']} has evidence")
            continue
        if e is None:
            err(f"{cid}: {o} promise {pm['id']} needs evidence")
            continue
        if not own(cid, e, "evidence"):
            continue
        if pos[e] <= pos[pm["id"]]:
            err(f"{cid}: evidence {e} not after promise {pm['id']}")
        if o == "kept":
            ev_kept[e] = pm
    for m in ms:
        if "promise" in m["labels"] and m["id"] not in tracked:
            pm = ev_kept.get(m["id"])
            if pm is None:
                err(f"{m['id']}: promise-labelled message is neither a tracked promise nor a done report")
            elif pm["speaker"] != m["speaker"]:
                err(f"{m['id']}: done report by someone other than the promiser")
    # pauses
    for p in s["pauses"]:
        h = p.get("honoured")
        honour[str(h).lower() if h is not None else "null"] += 1
        if not own(cid, p.get("message"), "pause"):
            continue
        pm = by_id[p["message"]]
        if "boundary" not in pm["labels"]:
            err(f"{cid}: pause {pm['id']} lacks boundary label")
        want = None
        for x in ms[pos[pm["id"]] + 1:]:
            if x["speaker"] != pm["speaker"] and sab(x):
                want = False
                break
            if x["speaker"] == pm["speaker"]:
                want = True
                break
        if h != want:
            err(f"{cid}: pause {pm['id']} honoured={h} but messages say {want}")
    # escalations
    pidx = [pos[p["message"]] for p in s["pauses"] if p.get("message") in pos]
    exp = []
    for a, b in escalations(ms):
        exp.append({"start": ms[a]["id"], "end": ms[b]["id"],
                    "pause_called": any(a <= q <= b + 2 for q in pidx)})
    if exp != s["escalations"]:
        err(f"{cid}: escalations {s['escalations']} but labels give {exp}")
    for e in s["escalations"]:
        esc_called[e.get("pause_called")] += 1
    cnt["escalations"] += len(s["escalations"])
    cnt["pauses"] += len(s["pauses"])
    cnt["bids"] += len(s["bids"])
    cnt["promises"] += len(s["promises"])

danger_convs = sorted({m["conversation"] for m in msgs if "danger" in m["labels"]})
if len(danger_convs) != 3:
    err(f"danger appears in {len(danger_convs)} conversations (want exactly 3): {danger_convs}")

lab = Counter(l for m in msgs for l in m["labels"])
for l in ids:
    if lab[l] < 15:
        warn(f"label {l} appears only {lab[l]} times (target >= 15)")

out = []
out.append(f"spec ids: {len(ids)} ({len(SAB)} sabotage, {len(BLD)} builder, danger)")
out.append(f"conversations: {len(convs)}  messages: {len(msgs)}  "
           f"(min {min(len(v) for v in convs.values())}, max {max(len(v) for v in convs.values())})")
unl = sum(1 for m in msgs if not m["labels"])
out.append(f"unlabelled: {unl} ({unl / len(msgs):.1%})  multi-label: {sum(1 for m in msgs if len(m['labels']) > 1)}")
out.append("per-label counts:")
for k in sorted(ids, key=lambda k: (ids[k], k)):
    out.append(f"  {ids[k]:9s} {k:15s} {lab[k]}")
out.append(f"bids: {cnt['bids']}  " + "  ".join(f"{k}={turns[k]} ({turns[k] / max(1, cnt['bids']):.0%})" for k in ("toward", "away", "against"))
           + f"  unanswered={sum(1 for g in gold.values() for b in g['signals']['bids'] if b['response'] is None)}")
out.append(f"promises: {cnt['promises']}  " + "  ".join(f"{k}={outcomes[k]}" for k in ("kept", "broken", "open")))
out.append(f"escalations: {cnt['escalations']}  pause_called true={esc_called[True]} false={esc_called[False]}  "
           f"in {sum(1 for g in gold.values() if g['signals']['escalations'])} conversations")
out.append(f"pauses: {cnt['pauses']}  honoured true={honour['true']} false={honour['false']} null={honour['null']}")
out.append(f"danger conversations: {danger_convs}")
out.append(f"warnings: {len(warnings)}")
for w in warnings:
    out.append("  WARN " + w)
out.append(f"errors: {len(errors)}")
for e in errors:
    out.append("  ERR " + e)
print("\n".join(out))
sys.exit(1 if errors else 0)
