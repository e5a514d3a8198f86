//! Trains haven's learned scorer.
//!
//! ```text
//! cargo run --release -p haven-train -- [OPTIONS]
//! ```
//!
//! Options (see [`USAGE`]): `--data`, `--external`, `--no-external`, `--out`,
//! `--seed`, `--epochs`, `--lr`, `--l2`, `--hidden`, `--lr-hidden`, `--ensemble`,
//! `--danger-beta`, `--teacher`, `--teacher-weight`, `--augment`,
//! `--augment-weight`, `--gold-context`.
//!
//! Reads only training data: the team's `data/train.jsonl` and the external
//! sets' `train.jsonl` files (each scored only on the behaviours in its
//! `complete_for`, weighted by how closely its mapping matches). `data/dev.jsonl`
//! is never read, so `haven eval data/dev.jsonl` stays an honest held-out
//! score.
//!
//! It fits one logistic head per behaviour over the sparse features and a
//! hidden layer that all heads share over the dense ones (AdaGrad, L2), then
//! uses cross-validation that leaves each training author out in turn to pick the
//! decision threshold and whether rules, the model, or either decides: the
//! model is kept only where it raises the cross-validated F1. Deterministic
//! for a given seed.

use anyhow::{Context, Result};
use haven_core::rules::{self, Ctx, Turn};
use haven_core::scorer::{self, Features, Hidden, Mode, Model, DIM, HIDDEN_IN};
use haven_core::text::Normalized;
use haven_core::Behaviour;
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;

const N: usize = 22;

const USAGE: &str = "usage: haven-train [OPTIONS]

  --data FILE         team training data (default data/train.jsonl)
  --external DIR      external sets, each DIR/NAME/train.jsonl (default ../shared/data/external)
  --no-external       train on the team data only
  --out FILE          where to write the model (default crates/haven-core/model/haven.model)
  --seed N            shuffling and initialisation seed (default 7)
  --epochs N          passes over the data (default 10)
  --lr X              AdaGrad step of the linear heads (default 0.3)
  --l2 X              L2 shrinkage (default 1e-5)
  --hidden N          units of the shared hidden layer, 0 for linear heads only (default 64)
  --lr-hidden X       AdaGrad step of the hidden layer (default 0.05)
  --ngram-dropout P   chance that a hashed n-gram sits out one training step (default 0)
  --ensemble K        train K members from seeds N, N+1000, ... and average their scores (default 1)
  --danger-beta X     beta of the F-score that picks danger's threshold (default 4)
  --teacher FILE      a teacher's probabilities per team message, JSON Lines {\"id\", \"probs\": {behaviour: p}}
                      (tools/teacher.py); each head learns a mix of gold and teacher
  --teacher-weight X  the teacher's share of a team message's target (default 0.5)
  --augment FILE      variants of team messages {\"id\", \"origin\", \"text\"} (tools/teacher.py augment),
                      learned from the teacher's probabilities alone; needs --teacher
  --augment-weight X  weight of each variant (default 0.5)
  --gold-context      previous turns carry gold labels instead of predicted ones
  --rule-also-decides LIST
                      behaviours a phrase rule's hit flags even where cross-validation chose the
                      model alone, comma-separated ('' for none; default empathy,encouragement)
";
/// Folds for records whose id names no author: their conversations are
/// spread over this many folds.
const CONVERSATION_FOLDS: usize = 10;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    conversation: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    labels: Vec<String>,
    #[serde(default)]
    complete_for: Option<Vec<String>>,
    #[serde(default)]
    mapping: Option<String>,
    #[serde(default)]
    context: Option<Vec<ContextTurn>>,
}

#[derive(Deserialize)]
struct ContextTurn {
    speaker: Option<String>,
    text: String,
}

/// One training example, featurised.
struct Example {
    /// The record's id (team messages), to match a teacher's probabilities.
    id: String,
    feats: Features,
    gold: [bool; N],
    /// Which behaviours this example may teach (complete_for).
    scope: [bool; N],
    weight: f32,
    rule: [bool; N],
    /// Where the model alone may flag a behaviour.
    may_flag: [bool; N],
    /// Fold for cross-validation; None for external data (always trained on).
    fold: Option<usize>,
    /// Team messages only: the text, and the index of the other speaker's
    /// previous turn, to featurise again with predicted context labels.
    text: String,
    prev: Option<usize>,
    /// A teacher's probabilities (`--teacher`, `--augment`), learned beside
    /// or instead of the gold labels.
    soft: Option<[f32; N]>,
    /// A variant of a team message made for distillation (`--augment`):
    /// trained on, never scored.
    synthetic: bool,
}

fn ids(v: &[String]) -> Vec<Behaviour> {
    v.iter().filter_map(|s| s.parse().ok()).collect()
}

/// Features, rule hits, and where the model alone may flag a behaviour
/// ([`scorer::model_may_flag`]) of a message; `prev` (the other speaker's
/// previous turn) is the context the features see: its labels and text.
fn featurise(text: &str, prev: Option<&Turn>) -> (Features, [bool; N], [bool; N]) {
    let msg = Normalized::new(text);
    let findings = rules::run(&Ctx { raw: text, msg: &msg, prev });
    let conf = scorer::rule_confidences(&findings);
    let mut f = Features::default();
    scorer::features(&msg, &conf, prev, &mut f);
    let mut rule = [false; N];
    for (i, c) in conf.iter().enumerate() {
        rule[i] = *c > 0.0;
    }
    let may_flag = Behaviour::ALL.map(|b| scorer::model_may_flag(b, &msg, prev.is_some()));
    (f, rule, may_flag)
}

/// Cross-validation folds leave whole authors out: an id's prefix before
/// its first `-` (`t3-…`, `sd2-…`) names the author, and each author is one
/// fold, so thresholds are chosen for text by people the model has not
/// read, which is what the evaluation measures. Records with no such prefix
/// are folded by conversation.
fn author_key(id: Option<&str>, conv: &str) -> String {
    match id.and_then(|id| id.split_once('-')) {
        Some((author, _)) if !author.is_empty() => author.to_string(),
        _ => format!("#conversations-{}", fold_of(conv, CONVERSATION_FOLDS)),
    }
}

fn fold_of(conv: &str, k: usize) -> usize {
    let h = conv.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    (h % k as u64) as usize
}

/// The records of a JSON Lines file with their 1-based line numbers, blank
/// lines skipped; a line that does not parse is an error naming `path:line`.
fn read_jsonl<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<Vec<(usize, T)>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| Ok((n + 1, serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), n + 1))?)))
        .collect()
}

/// Reads the team's labelled messages; returns the number of folds (one per
/// author, see [`author_key`]).
fn load_team(path: &str, out: &mut Vec<Example>) -> Result<usize> {
    let mut folds: HashMap<String, usize> = HashMap::new();
    // (conversation, speaker, example index) of the latest message.
    let mut last: Option<(Option<String>, Option<String>, usize)> = None;
    let mut last_other: Option<usize> = None;
    for (line, r) in read_jsonl::<Record>(path.as_ref())? {
        let gold_ids = ids(&r.labels);
        // Context: the other speaker's latest turn in the same conversation.
        match &last {
            Some((c, s, i)) if r.conversation.is_some() && *c == r.conversation => {
                if *s != r.speaker {
                    last_other = Some(*i);
                }
            }
            _ => last_other = None,
        }
        let prev_turn = last_other.map(|i| turn(&out[i], gold_labels(&out[i].gold)));
        let (feats, rule, may_flag) = featurise(&r.text, prev_turn.as_ref());
        let mut gold = [false; N];
        for b in &gold_ids {
            gold[b.index()] = true;
        }
        // The 0-based line index names a conversation-less message's fold.
        let conv = r.conversation.clone().unwrap_or_else(|| format!("line{}", line - 1));
        out.push(Example {
            id: r.id.clone().unwrap_or_default(),
            feats,
            gold,
            scope: [true; N],
            weight: 1.0,
            rule,
            may_flag,
            fold: Some({
                let next = folds.len();
                *folds.entry(author_key(r.id.as_deref(), &conv)).or_insert(next)
            }),
            text: r.text,
            prev: last_other,
            soft: None,
            synthetic: false,
        });
        last = Some((r.conversation, r.speaker, out.len() - 1));
    }
    Ok(folds.len())
}

fn gold_labels(set: &[bool; N]) -> Vec<Behaviour> {
    Behaviour::ALL.iter().copied().filter(|b| set[b.index()]).collect()
}

/// A team example as the previous turn, carrying `labels`.
fn turn(e: &Example, labels: Vec<Behaviour>) -> Turn {
    // Speakers only need to differ from the message's own, which they do.
    Turn { speaker: Some("other".into()), msg: Normalized::new(&e.text), labels }
}

fn load_external(path: &std::path::Path, out: &mut Vec<Example>) -> Result<usize> {
    let mut count = 0;
    for (_, r) in read_jsonl::<Record>(path)? {
        let scope_ids = ids(r.complete_for.as_deref().unwrap_or(&[]));
        let mut scope = [false; N];
        for b in &scope_ids {
            scope[b.index()] = true;
        }
        let weight = match r.mapping.as_deref() {
            Some("strong") => 1.0,
            Some("moderate") => 0.6,
            _ => 0.25,
        };
        // The last context turn by someone else, analysed by the rules.
        let prev = r.context.as_ref().and_then(|c| c.iter().rev().find(|t| t.speaker != r.speaker)).map(|t| {
            let msg = Normalized::new(&t.text);
            let mut labels: Vec<Behaviour> = rules::run(&Ctx { raw: &t.text, msg: &msg, prev: None }).iter().map(|f| f.behaviour).collect();
            labels.dedup();
            Turn { speaker: t.speaker.clone(), msg, labels }
        });
        let (feats, rule, may_flag) = featurise(&r.text, prev.as_ref());
        let mut gold = [false; N];
        for b in ids(&r.labels) {
            gold[b.index()] = true;
        }
        out.push(Example {
            id: String::new(),
            feats,
            gold,
            scope,
            weight,
            rule,
            may_flag,
            fold: None,
            text: String::new(),
            prev: None,
            soft: None,
            synthetic: false,
        });
        count += 1;
    }
    Ok(count)
}

/// Training hyper-parameters (defaults chosen by cross-validated F1).
struct Hyper {
    epochs: usize,
    lr: f32,
    l2: f32,
    /// β of the F-score that picks danger's threshold: recall first. 4
    /// since the twenty-third session: with the six later authors in the
    /// data, 3 chose 0.05 and 4 chose 0.025, which found more danger on
    /// every set no one trained on but one, with fewer false alarms in all
    /// (docs/history/detection.md, "Six more authors"); 5 chose a phrase rule or 0.01, with half again
    /// as many false alarms.
    danger_beta: f32,
    /// Units of the shared hidden layer (0: linear heads only).
    hidden: usize,
    /// AdaGrad step of the hidden layer.
    lr_hidden: f32,
    /// Probability that a hashed n-gram of an example is left out of one
    /// training step (inverted dropout: the kept ones are scaled up, so
    /// nothing changes at run time).
    ngram_dropout: f32,
    /// Members trained from different seeds and joined into one model
    /// ([`Model::ensemble`]); 1 trains a single model.
    ensemble: usize,
    /// Behaviours a phrase rule's hit also flags where cross-validation
    /// chose the model alone (`Mode::Model` becomes `Mode::Either`, same
    /// threshold): builders whose recall is their weak side on other
    /// authors' text. Chosen on the development sets, not by the
    /// cross-validation, which only sees the training authors
    /// (docs/history/detection.md).
    rule_also_decides: [bool; N],
    /// How much a team message's target is the teacher's probability
    /// rather than its gold label (`--teacher`).
    teacher_weight: f32,
}

/// The default of `--rule-also-decides`.
const RULE_ALSO_DECIDES: &str = "empathy,encouragement";

fn behaviour_set(list: &str) -> Result<[bool; N]> {
    let mut set = [false; N];
    for id in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let b: Behaviour = id.parse().map_err(|_| anyhow::anyhow!("unknown behaviour {id:?}"))?;
        set[b.index()] = true;
    }
    Ok(set)
}

/// A small deterministic generator for shuffling.
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in [0, 1), from the top 24 bits.
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// One AdaGrad step on weight `w` for the data gradient `grad`, with L2
/// shrinkage `l2`.
fn adagrad(w: &mut f32, g2: &mut f32, grad: f32, l2: f32, lr: f32) {
    let grad = grad + l2 * *w;
    *g2 += grad * grad;
    *w -= lr * grad / g2.sqrt();
}

/// Fit all heads at once with AdaGrad on the examples selected by `use_ex`:
/// each head's linear weights ([N][DIM]), and the hidden layer they share
/// (trained by the heads' summed gradients). Each head learns only from the
/// examples in its scope, with its positives weighted up. The model it
/// returns carries placeholder thresholds and modes: cross-validation
/// chooses those.
fn fit(examples: &[Example], use_ex: &(dyn Fn(&Example) -> bool + Sync), seed: u64, hp: &Hyper) -> Model {
    let mut w = vec![0.0f32; N * DIM];
    let mut g2 = vec![1e-6f32; N * DIM];
    let mut order: Vec<usize> = (0..examples.len()).filter(|&i| use_ex(&examples[i])).collect();
    let mut pos_w = [1.0f32; N];
    for (b, pw) in pos_w.iter_mut().enumerate() {
        let scoped = order.iter().filter(|&&i| examples[i].scope[b]).count() as f32;
        let pos = order.iter().filter(|&&i| examples[i].scope[b] && examples[i].gold[b]).count().max(1) as f32;
        // Balance classes partially: positives are rare.
        *pw = ((scoped - pos).max(1.0) / pos).sqrt().min(4.0);
    }
    let mut rng = XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let size = hp.hidden;
    // Glorot-uniform inputs and a small positive bias so that units start
    // alive; the output weights start at zero, so the linear heads lead.
    let mut hidden = (size > 0).then(|| {
        let r = (6.0 / (HIDDEN_IN + size) as f32).sqrt();
        let w = (0..HIDDEN_IN * size).map(|_| (rng.unit() * 2.0 - 1.0) * r).collect();
        Hidden { size, w, b: vec![0.01; size], v: vec![0.0; size * N] }
    });
    let (mut gw, mut gbias, mut gv) = (vec![1e-6f32; HIDDEN_IN * size], vec![1e-6f32; size], vec![1e-6f32; size * N]);
    let (lr, l2, lr_h) = (hp.lr, hp.l2, hp.lr_hidden);
    for _epoch in 0..hp.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let keep = 1.0 - hp.ngram_dropout;
        let mut dropped = Features::default();
        for &i in &order {
            let e = &examples[i];
            // Word dropout (as in deep averaging networks): without some of
            // its n-grams a message must be recognised from the rest, the
            // embedding and the rules, so no head leans on one author's
            // favourite phrase.
            let feats = if hp.ngram_dropout > 0.0 {
                dropped.idx.clear();
                dropped.val.clear();
                for (&k, &v) in e.feats.idx.iter().zip(&e.feats.val) {
                    if (k as usize) >= scorer::BUCKETS {
                        dropped.idx.push(k);
                        dropped.val.push(v);
                    } else if rng.unit() < keep {
                        dropped.idx.push(k);
                        dropped.val.push(v / keep);
                    }
                }
                &dropped
            } else {
                &e.feats
            };
            let x: Vec<(usize, f32)> = if hidden.is_some() { scorer::dense_inputs(feats).collect() } else { Vec::new() };
            let mut pre = vec![0.0f32; size];
            if let Some(h) = &hidden {
                h.pre_activations(feats, &mut pre);
            }
            let mut dact = vec![0.0f32; size];
            for b in (0..N).filter(|&b| e.scope[b]) {
                let (wb, gb) = (&mut w[b * DIM..(b + 1) * DIM], &mut g2[b * DIM..(b + 1) * DIM]);
                let mut z: f32 = feats.idx.iter().zip(&feats.val).map(|(k, v)| wb[*k as usize] * v).sum();
                if let Some(h) = &hidden {
                    z += pre.iter().enumerate().filter(|(_, a)| **a > 0.0).map(|(u, a)| h.v[u * N + b] * a).sum::<f32>();
                }
                let p = 1.0 / (1.0 + (-z).exp());
                let y = target(e, b, hp.teacher_weight);
                // Positives weighted up in proportion to how positive the
                // target is; exactly pos_w or 1 for a gold 1 or 0.
                let g = (p - y) * (y * pos_w[b] + (1.0 - y)) * e.weight;
                for (k, v) in feats.idx.iter().zip(&feats.val) {
                    let k = *k as usize;
                    adagrad(&mut wb[k], &mut gb[k], g * v, l2, lr);
                }
                if let Some(h) = hidden.as_mut() {
                    for (u, &a) in pre.iter().enumerate().filter(|(_, a)| **a > 0.0) {
                        let vi = u * N + b;
                        dact[u] += g * h.v[vi];
                        adagrad(&mut h.v[vi], &mut gv[vi], g * a, l2, lr_h);
                    }
                }
            }
            if let Some(h) = hidden.as_mut() {
                for u in (0..size).filter(|&u| pre[u] > 0.0 && dact[u] != 0.0) {
                    adagrad(&mut h.b[u], &mut gbias[u], dact[u], 0.0, lr_h);
                    for &(k, xv) in &x {
                        let wi = k * size + u;
                        adagrad(&mut h.w[wi], &mut gw[wi], dact[u] * xv, l2, lr_h);
                    }
                }
            }
        }
    }
    Model::with_hidden(w, hidden, [0.5; N], [Mode::Model; N])
}

/// What head `b` learns from `e`: its gold label, mixed with a teacher's
/// probability by `teacher_weight` where there is one; a synthetic
/// variant has only the teacher's.
fn target(e: &Example, b: usize, teacher_weight: f32) -> f32 {
    let gold = if e.gold[b] { 1.0 } else { 0.0 };
    match e.soft {
        Some(soft) if e.synthetic => soft[b],
        Some(soft) => (1.0 - teacher_weight) * gold + teacher_weight * soft[b],
        None => gold,
    }
}

/// A teacher's probabilities per id: JSON Lines of `{"id", "probs": {behaviour: p}}`.
fn load_probs(path: &str) -> Result<HashMap<String, [f32; N]>> {
    #[derive(Deserialize)]
    struct Line {
        id: String,
        probs: HashMap<String, f32>,
    }
    let mut out = HashMap::new();
    for (n, l) in read_jsonl::<Line>(path.as_ref())? {
        let mut p = [0.0f32; N];
        for (id, v) in l.probs {
            let b: Behaviour = id.parse().map_err(|_| anyhow::anyhow!("{path}:{n}: unknown behaviour {id}"))?;
            p[b.index()] = v;
        }
        out.insert(l.id, p);
    }
    Ok(out)
}

/// Variants of team messages for distillation (`--augment`): JSON Lines of
/// `{"id", "origin", "text"}`, each trained on with its teacher's
/// probabilities, in its origin's fold and with its origin's previous turn.
fn load_synthetic(path: &str, teacher: &HashMap<String, [f32; N]>, team: usize, weight: f32, out: &mut Vec<Example>) -> Result<usize> {
    #[derive(Deserialize)]
    struct Line {
        id: String,
        origin: String,
        text: String,
    }
    let by_id: HashMap<String, usize> = out[..team].iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    let mut count = 0;
    for (n, l) in read_jsonl::<Line>(path.as_ref())? {
        let &o = by_id.get(&l.origin).with_context(|| format!("{path}:{n}: origin {} is not a team message", l.origin))?;
        let soft = *teacher.get(&l.id).with_context(|| format!("{path}:{n}: the teacher has no probabilities for {}", l.id))?;
        let prev = out[o].prev.map(|p| turn(&out[p], gold_labels(&out[p].gold)));
        let (feats, rule, may_flag) = featurise(&l.text, prev.as_ref());
        out.push(Example {
            feats,
            gold: soft.map(|p| p >= 0.5),
            scope: [true; N],
            weight,
            rule,
            may_flag,
            fold: out[o].fold,
            text: l.text,
            prev: out[o].prev,
            soft: Some(soft),
            synthetic: true,
            id: l.id,
        });
        count += 1;
    }
    Ok(count)
}

/// [`fit`] once per ensemble member (seeds `seed`, `seed + 1000`, ...), the
/// members joined into one model (one member joins into itself).
fn fit_ensemble(examples: &[Example], use_ex: &(dyn Fn(&Example) -> bool + Sync), seed: u64, hp: &Hyper) -> Model {
    let members: Vec<Model> = (0..hp.ensemble as u64).map(|j| fit(examples, use_ex, seed + 1000 * j, hp)).collect();
    Model::ensemble(&members)
}

fn f_beta(tp: u32, fp: u32, fn_: u32, beta: f32) -> f32 {
    let b2 = beta * beta;
    let num = (1.0 + b2) * tp as f32;
    let den = num + b2 * fn_ as f32 + fp as f32;
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// What cross-validation chose per behaviour, with the out-of-fold
/// probabilities it chose from.
struct Chosen {
    oof: Vec<[f32; N]>,
    thresholds: [f32; N],
    modes: [Mode; N],
    /// Per behaviour: (rules-only F, chosen F), cross-validated.
    summary: HashMap<usize, (f32, f32)>,
}

impl Chosen {
    fn decide(&self, b: usize, prob: f32, rule: bool) -> bool {
        self.modes[b].decide(rule, prob, self.thresholds[b])
    }
}

/// Where the previous turn's labels come from while training.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PrevLabels {
    /// The gold labels of the training data.
    Gold,
    /// The cross-validated model's own predictions, as at run time.
    Predicted,
}

/// Out-of-fold probabilities on the team data (the first `team` examples),
/// then per behaviour the decision mode and threshold with the best
/// cross-validated F1 (F3 for danger, where recall matters most).
fn cross_validate(examples: &[Example], team: usize, folds: usize, seed: u64, hp: &Hyper) -> Chosen {
    // Out-of-fold probabilities on the team data.
    let mut oof = vec![[0.0f32; N]; examples.len()];
    // Folds are independent: one per core.
    let per_fold: Vec<Vec<(usize, [f32; N])>> = (0..folds)
        .into_par_iter()
        .map(|fold| {
            let model = fit_ensemble(examples, &|e: &Example| e.fold != Some(fold), seed + fold as u64, hp);
            eprintln!("fold {}/{folds} done", fold + 1);
            examples.iter().enumerate().filter(|(_, e)| e.fold == Some(fold)).map(|(i, e)| (i, model.probs(&e.feats))).collect()
        })
        .collect();
    for (i, p) in per_fold.into_iter().flatten() {
        // As at run time: where the model may not flag alone, it does not.
        oof[i] = std::array::from_fn(|b| if examples[i].may_flag[b] { p[b] } else { 0.0 });
    }

    let mut thresholds = [0.5f32; N];
    let mut modes = [Mode::Rules; N];
    let mut summary = HashMap::new();
    for b in 0..N {
        let beta = if b == Behaviour::Danger.index() { hp.danger_beta } else { 1.0 };
        let counts = |pred: &dyn Fn(usize) -> bool| {
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for (i, e) in examples[..team].iter().enumerate() {
                match (e.gold[b], pred(i)) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    _ => {}
                }
            }
            (tp, fp, fn_)
        };
        let score = |pred: &dyn Fn(usize) -> bool| {
            let (tp, fp, fn_) = counts(pred);
            f_beta(tp, fp, fn_, beta)
        };
        let rules_f = score(&|i| examples[i].rule[b]);
        let mut best = (rules_f, Mode::Rules, 0.5f32);
        // Fine steps near zero too: danger trades precision for recall.
        let grid = [0.005f32, 0.01, 0.015].into_iter().chain((1..40).map(|s| s as f32 * 0.025));
        for t in grid {
            let m = score(&|i| oof[i][b] >= t);
            if m > best.0 + 0.005 {
                best = (m, Mode::Model, t);
            }
            let e = score(&|i| oof[i][b] >= t || examples[i].rule[b]);
            if e > best.0 + 0.005 {
                best = (e, Mode::Either, t);
            }
        }
        if hp.rule_also_decides[b] && best.1 == Mode::Model {
            best.1 = Mode::Either;
        }
        modes[b] = best.1;
        thresholds[b] = best.2;
        summary.insert(b, (rules_f, best.0));
        let (tp, fp, fn_) = counts(&|i| best.1.decide(examples[i].rule[b], oof[i][b], best.2));
        let (p, r) = (tp as f32 / (tp + fp).max(1) as f32, tp as f32 / (tp + fn_).max(1) as f32);
        eprintln!(
            "{:<15} rules F{beta} {:.3} -> {:?} at {:.3}: {:.3} (P {p:.3} R {r:.3})",
            Behaviour::ALL[b].id(),
            rules_f,
            best.1,
            best.2,
            best.0
        );
    }

    Chosen { oof, thresholds, modes, summary }
}

fn main() -> Result<()> {
    let mut data = "data/train.jsonl".to_string();
    let mut external = "../shared/data/external".to_string();
    let mut out = "crates/haven-core/model/haven.model".to_string();
    let mut seed = 7u64;
    let mut hp = Hyper {
        epochs: 10,
        lr: 0.3,
        l2: 1e-5,
        danger_beta: 4.0,
        hidden: 64,
        lr_hidden: 0.05,
        ngram_dropout: 0.0,
        ensemble: 1,
        rule_also_decides: behaviour_set(RULE_ALSO_DECIDES)?,
        teacher_weight: 0.5,
    };
    let (mut teacher, mut augment, mut augment_weight) = (None::<String>, None::<String>, 0.5f32);
    let mut prev_labels_from = PrevLabels::Predicted;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().context("--data needs a path")?,
            "--external" => external = args.next().context("--external needs a path")?,
            "--out" => out = args.next().context("--out needs a path")?,
            "--seed" => seed = args.next().context("--seed needs a number")?.parse()?,
            "--no-external" => external.clear(),
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(());
            }
            "--gold-context" => prev_labels_from = PrevLabels::Gold,
            "--epochs" => hp.epochs = args.next().context("--epochs needs a number")?.parse()?,
            "--lr" => hp.lr = args.next().context("--lr needs a number")?.parse()?,
            "--l2" => hp.l2 = args.next().context("--l2 needs a number")?.parse()?,
            "--hidden" => {
                hp.hidden = args.next().context("--hidden needs a number")?.parse()?;
                anyhow::ensure!(hp.hidden <= scorer::MAX_UNITS, "--hidden: at most {} units", scorer::MAX_UNITS);
            }
            "--lr-hidden" => hp.lr_hidden = args.next().context("--lr-hidden needs a number")?.parse()?,
            "--ngram-dropout" => {
                hp.ngram_dropout = args.next().context("--ngram-dropout needs a number")?.parse()?;
                anyhow::ensure!((0.0..1.0).contains(&hp.ngram_dropout), "--ngram-dropout: a probability below 1");
            }
            "--ensemble" => hp.ensemble = args.next().context("--ensemble needs a number")?.parse()?,
            "--danger-beta" => hp.danger_beta = args.next().context("--danger-beta needs a number")?.parse()?,
            "--rule-also-decides" => hp.rule_also_decides = behaviour_set(&args.next().context("--rule-also-decides needs a list")?)?,
            "--teacher" => teacher = Some(args.next().context("--teacher needs a path")?),
            "--teacher-weight" => hp.teacher_weight = args.next().context("--teacher-weight needs a number")?.parse()?,
            "--augment" => augment = Some(args.next().context("--augment needs a path")?),
            "--augment-weight" => augment_weight = args.next().context("--augment-weight needs a number")?.parse()?,
            other => anyhow::bail!("unknown argument {other}\n\n{USAGE}"),
        }
    }
    let most = scorer::MAX_UNITS / hp.hidden.max(1);
    anyhow::ensure!((1..=most).contains(&hp.ensemble), "--ensemble: 1 to {most} members of {} hidden units", hp.hidden);
    let mut examples = Vec::new();
    let folds = load_team(&data, &mut examples)?;
    eprintln!("{} team messages by {folds} authors (one cross-validation fold each)", examples.len());
    let team = examples.len();
    let mut ext = 0;
    if !external.is_empty() {
        for set in ["goemotions", "mustard", "casino"] {
            let p = std::path::Path::new(&external).join(set).join("train.jsonl");
            if p.exists() {
                ext += load_external(&p, &mut examples)?;
            }
        }
    }
    let probs = teacher.as_deref().map(load_probs).transpose()?;
    if let Some(probs) = &probs {
        for e in &mut examples[..team] {
            e.soft = Some(*probs.get(&e.id).with_context(|| format!("the teacher has no probabilities for {}", e.id))?);
        }
    }
    let mut synthetic = 0;
    if let Some(path) = &augment {
        let probs = probs.as_ref().context("--augment needs --teacher")?;
        synthetic = load_synthetic(path, probs, team, augment_weight, &mut examples)?;
    }
    eprintln!("training on {team} team messages, {ext} external messages and {synthetic} synthetic variants");

    let mut chosen = cross_validate(&examples, team, folds, seed, &hp);
    if prev_labels_from == PrevLabels::Predicted {
        // At run time the previous turn's labels are the analyzer's own
        // predictions, not gold: featurise every team message again with
        // its previous turn labelled as the cross-validated model labels it,
        // so that the heads learn how far to trust those labels.
        let predicted: Vec<Vec<Behaviour>> = (0..team)
            .map(|i| {
                Behaviour::ALL
                    .iter()
                    .copied()
                    .filter(|b| chosen.decide(b.index(), chosen.oof[i][b.index()], examples[i].rule[b.index()]))
                    .collect()
            })
            .collect();
        let refeaturise: Vec<usize> = (0..examples.len()).filter(|&i| i < team || examples[i].synthetic).collect();
        for i in refeaturise {
            let prev = examples[i].prev.map(|p| turn(&examples[p], predicted[p].clone()));
            let (feats, rule, may_flag) = featurise(&examples[i].text, prev.as_ref());
            examples[i].feats = feats;
            examples[i].rule = rule;
            examples[i].may_flag = may_flag;
        }
        eprintln!("second pass: previous turns carry predicted labels");
        chosen = cross_validate(&examples, team, folds, seed, &hp);
    }
    let Chosen { thresholds, modes, summary, .. } = chosen;

    // Final heads on all training data.
    let mut model = fit_ensemble(&examples, &|_| true, seed, &hp);
    (model.thresholds, model.modes) = (thresholds, modes);
    std::fs::write(&out, model.to_bytes()).with_context(|| format!("writing {out}"))?;
    let mean_rules: f32 = summary.values().map(|v| v.0).sum::<f32>() / N as f32;
    let mean_best: f32 = summary.values().map(|v| v.1).sum::<f32>() / N as f32;
    eprintln!("cross-validated mean F1: rules {mean_rules:.3}, chosen {mean_best:.3}; wrote {out}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_author_is_the_id_prefix_and_unprefixed_records_fold_by_conversation() {
        assert_eq!(author_key(Some("t3-c01-02"), "t3-c01"), "t3");
        assert_eq!(author_key(Some("sd2-c04-11"), "sd2-c04"), "sd2");
        let a = author_key(Some("42"), "kitchen");
        assert!(a.starts_with("#conversations-"), "{a}");
        assert_eq!(a, author_key(None, "kitchen"), "same conversation, same fold");
        assert_eq!(author_key(Some("-x"), "c"), author_key(None, "c"), "an empty prefix names no author");
    }

    fn example(gold: &[Behaviour], soft: Option<[f32; N]>, synthetic: bool) -> Example {
        let mut g = [false; N];
        for b in gold {
            g[b.index()] = true;
        }
        Example {
            id: String::new(),
            feats: Features::default(),
            gold: g,
            scope: [true; N],
            weight: 1.0,
            rule: [false; N],
            may_flag: [true; N],
            fold: Some(0),
            text: String::new(),
            prev: None,
            soft,
            synthetic,
        }
    }

    #[test]
    fn a_teacher_mixes_into_gold_and_alone_teaches_a_variant() {
        let (s, d) = (Behaviour::Sarcasm.index(), Behaviour::Danger.index());
        let mut soft = [0.0f32; N];
        soft[s] = 0.8;
        soft[d] = 0.2;
        let gold_only = example(&[Behaviour::Sarcasm], None, false);
        assert_eq!((target(&gold_only, s, 0.5), target(&gold_only, d, 0.5)), (1.0, 0.0));
        let mixed = example(&[Behaviour::Sarcasm], Some(soft), false);
        assert!((target(&mixed, s, 0.5) - 0.9).abs() < 1e-6);
        assert!((target(&mixed, d, 0.25) - 0.05).abs() < 1e-6);
        let variant = example(&[Behaviour::Sarcasm], Some(soft), true);
        assert!((target(&variant, s, 0.0) - 0.8).abs() < 1e-6, "a variant has no gold of its own");
    }

    #[test]
    fn teacher_files_name_the_line_of_an_unknown_behaviour() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("probs.jsonl");
        std::fs::write(
            &path,
            "{\"id\": \"t1-c1-01\", \"probs\": {\"sarcasm\": 0.7}}\n\n{\"id\": \"t1-c1-02\", \"probs\": {\"rudeness\": 0.7}}\n",
        )
        .unwrap();
        let err = load_probs(path.to_str().unwrap()).unwrap_err().to_string();
        assert!(err.ends_with("probs.jsonl:3: unknown behaviour rudeness"), "{err}");
        std::fs::write(&path, "{\"id\": \"t1-c1-01\", \"probs\": {\"sarcasm\": 0.7}}\n").unwrap();
        let probs = load_probs(path.to_str().unwrap()).unwrap();
        assert_eq!(probs["t1-c1-01"][Behaviour::Sarcasm.index()], 0.7);
    }

    #[test]
    fn a_variant_takes_its_origins_fold_and_context_and_must_name_a_team_message() {
        let dir = tempfile::tempdir().unwrap();
        let mut examples = vec![example(&[], None, false), example(&[Behaviour::Sarcasm], None, false)];
        examples[0].id = "t1-c1-01".into();
        examples[0].text = "are you coming tonight?".into();
        examples[1].id = "t1-c1-02".into();
        examples[1].text = "oh sure, because you always show up".into();
        examples[1].fold = Some(3);
        examples[1].prev = Some(0);
        let mut soft = [0.0f32; N];
        soft[Behaviour::Sarcasm.index()] = 0.6;
        let teacher: HashMap<String, [f32; N]> = [("t1-c1-02~0".to_string(), soft)].into();
        let path = dir.path().join("variants.jsonl");
        std::fs::write(&path, "{\"id\": \"t1-c1-02~0\", \"origin\": \"t1-c1-02\", \"text\": \"sure, you always show up\"}\n").unwrap();
        assert_eq!(load_synthetic(path.to_str().unwrap(), &teacher, 2, 0.5, &mut examples).unwrap(), 1);
        let v = &examples[2];
        assert!(v.synthetic && v.soft == Some(soft) && v.gold[Behaviour::Sarcasm.index()]);
        assert_eq!(
            (v.fold, v.prev, v.weight),
            (Some(3), Some(0), 0.5),
            "its origin's fold, so cross-validation never trains on a held-out author's variant"
        );
        std::fs::write(&path, "{\"id\": \"x~0\", \"origin\": \"t9-c1-01\", \"text\": \"hi\"}\n").unwrap();
        let err = format!("{:#}", load_synthetic(path.to_str().unwrap(), &teacher, 2, 0.5, &mut examples).unwrap_err());
        assert!(err.contains("variants.jsonl:1: origin t9-c1-01 is not a team message"), "{err}");
    }

    #[test]
    fn rule_also_decides_reads_behaviour_ids() {
        let set = behaviour_set(RULE_ALSO_DECIDES).unwrap();
        assert!(set[Behaviour::Empathy.index()] && set[Behaviour::Encouragement.index()]);
        assert_eq!(set.iter().filter(|&&b| b).count(), 2);
        assert_eq!(behaviour_set("").unwrap(), [false; N]);
        assert!(behaviour_set("empathy, kindness").is_err());
    }
}
