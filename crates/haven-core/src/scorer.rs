//! The learned scorer: one logistic-regression head per behaviour over hashed
//! word and character n-grams of the normalised text, the rules' confidences,
//! message cues and the previous turn's labels, plus (when the model has one)
//! a small hidden layer shared by all heads over the dense features (the
//! sentence embedding, its window pooling, the previous turn's embedding,
//! rule confidences, context labels and cues), which lets
//! a head weigh meaning together with context ("a reply to a complaint that
//! sounds like an excuse") where a linear head can only add them up.
//!
//! Rules are precise on the forms they know; the scorer generalises to
//! paraphrase. The trainer (`crates/haven-train`, `cargo run -p haven-train`)
//! fits the heads on `data/train.jsonl` plus the external data, picks each
//! behaviour's threshold and decision mode by cross-validation on the
//! training set only, and writes `model/haven.model`, which is embedded in
//! the binary. Nothing is downloaded at run time.

use crate::rules::{Finding, Turn};
use crate::taxonomy::Behaviour;
use crate::text::{Normalized, TokenKind};

/// Hashed n-gram buckets.
pub const BUCKETS: usize = 1 << 16;
/// Dense features after the buckets: rule confidence per behaviour, previous
/// turn labels per behaviour, cues, the distilled sentence embedding, the
/// previous turn's embedding, the window pooling (high and low), bias.
pub const DENSE: usize = 22 + 22 + 12 + 4 * crate::embed::DIMS + 1;
/// Inputs of the hidden layer: the dense features without the bias.
pub const HIDDEN_IN: usize = DENSE - 1;
const EMB_AT: usize = BUCKETS + 22 + 22 + 12;
/// The previous turn's embedding: what the message answers ("a reply to a
/// complaint", "a reply to good news") beyond the labels that turn got.
const PREV_EMB_AT: usize = EMB_AT + crate::embed::DIMS;
/// The message's window pooling ([`crate::embed::Windows`]): its sharpest
/// short phrases, with their word order; `high`, then `low`.
const WINDOWS_AT: usize = PREV_EMB_AT + crate::embed::DIMS;
/// Embedding components are small (unit vector over 128 dims); scaled so that
/// AdaGrad weighs them against the sparse n-grams.
const EMB_SCALE: f32 = 4.0;
pub const DIM: usize = BUCKETS + DENSE;
const N: usize = 22;

/// How a behaviour's final decision combines rules and the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Mode {
    /// Rules alone decide.
    Rules = 0,
    /// The model alone decides (it sees the rule hits as features).
    Model = 1,
    /// Either a rule hit or the model.
    Either = 2,
}

impl Mode {
    /// The decision for one behaviour: from its rule hit, the model's
    /// probability and the behaviour's threshold.
    pub fn decide(self, rule: bool, prob: f32, threshold: f32) -> bool {
        match self {
            Mode::Rules => rule,
            Mode::Model => prob >= threshold,
            Mode::Either => rule || prob >= threshold,
        }
    }
}

/// Whether the model alone may flag behaviour `b` in `msg`, given whether
/// the message has a previous turn around it. Danger's threshold is set low
/// (recall first), and a message of three words or fewer with no
/// conversation around it ("on it", "which drawer") carries no threat,
/// control or self-harm the model could have read: only a rule may flag it.
/// In the training data, 1 of 932 danger messages is that short and has no
/// previous turn; said in a conversation, the same words may answer a
/// dangerous question, so there the model still decides.
pub fn model_may_flag(b: Behaviour, msg: &Normalized, has_context: bool) -> bool {
    b != Behaviour::Danger || has_context || msg.cues.words > 3
}

/// A sparse feature vector: (index, value) pairs.
#[derive(Debug, Default, Clone)]
pub struct Features {
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
}

impl Features {
    fn push(&mut self, i: usize, v: f32) {
        self.idx.push(i as u32);
        self.val.push(v);
    }
}

#[inline]
fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf29ce484222325u64 ^ seed;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[inline]
fn bucket(h: u64) -> usize {
    (h as usize ^ (h >> 29) as usize) & (BUCKETS - 1)
}

/// The unigram bucket of a normalised word.
pub fn word_bucket(word: &str) -> usize {
    bucket(fnv(1, word.as_bytes()))
}

/// The tokens the features read: words, emoji cues and `?`/`!`, without
/// other punctuation.
fn feature_tokens(msg: &Normalized) -> impl Iterator<Item = &crate::text::Token> {
    msg.tokens.iter().filter(|t| t.kind != TokenKind::Punct || matches!(&msg.text[t.norm.clone()], "?" | "!"))
}

/// Write an embedding into `out` at `at`.
fn push_embedding(v: &[f32; crate::embed::DIMS], at: usize, out: &mut Features) {
    for (i, x) in v.iter().enumerate() {
        if *x != 0.0 {
            out.push(at + i, *x * EMB_SCALE);
        }
    }
}

/// The last message's embedding, kept for the next reply: in a
/// conversation each message is embedded once as itself and once as the
/// next reply's previous turn, and the second time can be a copy. Keyed by
/// the normalised text, so a stale entry is never used.
#[derive(Debug, Default)]
pub struct EmbeddingCache {
    text: String,
    embedding: Vec<f32>,
}

/// Extract the features of one message. `rule_conf[b]` is the best rule
/// confidence for behaviour `b` (0 when no rule fired); `prev` is the
/// previous turn from the other speaker (its labels and its text).
pub fn features(msg: &Normalized, rule_conf: &[f32; N], prev: Option<&Turn>, out: &mut Features) {
    features_cached(msg, rule_conf, prev, out, None);
}

/// [`features`], reading the previous turn's embedding from `cache` when it
/// holds it, and leaving this message's there for the next reply.
pub fn features_cached(
    msg: &Normalized,
    rule_conf: &[f32; N],
    prev: Option<&Turn>,
    out: &mut Features,
    cache: Option<&mut EmbeddingCache>,
) {
    out.idx.clear();
    out.val.clear();
    let kept: Vec<&crate::text::Token> = feature_tokens(msg).collect();
    let words: Vec<&str> = kept.iter().map(|t| &msg.text[t.norm.clone()]).collect();
    let scale = 1.0 / ((words.len() as f32) + 1.0).sqrt();
    let mut prev_w: &str = "<s>";
    for (w, t) in words.iter().zip(&kept) {
        let neg = t.negated;
        out.push(bucket(fnv(1, w.as_bytes())), scale);
        let bi = fnv(fnv(2, prev_w.as_bytes()), w.as_bytes());
        out.push(bucket(bi), scale);
        if neg {
            out.push(bucket(fnv(5, w.as_bytes())), scale);
        }
        prev_w = w;
        // Character 4-grams inside the word (with boundaries) carry typos and
        // inflections.
        let b = w.as_bytes();
        if b.len() >= 4 && b[0].is_ascii_alphabetic() {
            let mut padded = [b' '; 40];
            let n = b.len().min(38);
            padded[1..1 + n].copy_from_slice(&b[..n]);
            for g in padded[..n + 2].windows(4) {
                out.push(bucket(fnv(3, g)), scale * 0.5);
            }
        }
    }
    out.push(bucket(fnv(2, format!("{prev_w} </s>").as_bytes())), scale);
    // Trigrams of words for short fixed phrases.
    for t in words.windows(3) {
        let h = fnv(fnv(fnv(4, t[0].as_bytes()), t[1].as_bytes()), t[2].as_bytes());
        out.push(bucket(h), scale);
    }
    for (b, &c) in rule_conf.iter().enumerate() {
        if c > 0.0 {
            out.push(BUCKETS + b, c);
        }
    }
    for b in prev.map_or(&[][..], |p| p.labels.as_slice()) {
        out.push(BUCKETS + N + b.index(), 1.0);
    }
    let c = msg.cues;
    let cues = [
        c.eyeroll,
        c.heart,
        c.laugh,
        c.angry,
        c.sad,
        c.shouting(),
        c.is_question,
        c.exclamations > 1,
        c.elongations > 0,
        c.words <= 3,
        c.words > 25,
    ];
    for (i, on) in cues.iter().enumerate() {
        if *on {
            out.push(BUCKETS + 2 * N + i, 1.0);
        }
    }
    if let Some(table) = crate::embed::Embeddings::embedded() {
        let mut own = [0.0f32; crate::embed::DIMS];
        let mut windows = crate::embed::Windows::default();
        table.embed_with_windows(words.iter().copied(), &mut own, &mut windows);
        push_embedding(&own, EMB_AT, out);
        if let Some(p) = prev {
            let mut theirs = [0.0f32; crate::embed::DIMS];
            match cache.as_deref() {
                Some(c) if c.text == p.msg.text => theirs.copy_from_slice(&c.embedding),
                _ => table.embed(feature_tokens(&p.msg).map(|t| &p.msg.text[t.norm.clone()]), &mut theirs),
            }
            push_embedding(&theirs, PREV_EMB_AT, out);
        }
        push_embedding(&windows.high, WINDOWS_AT, out);
        push_embedding(&windows.low, WINDOWS_AT + crate::embed::DIMS, out);
        if let Some(c) = cache {
            c.text.clear();
            c.text.push_str(&msg.text);
            c.embedding.clear();
            c.embedding.extend_from_slice(&own);
        }
    }
    out.push(DIM - 1, 1.0);
}

/// Best rule confidence per behaviour.
pub fn rule_confidences(findings: &[Finding]) -> [f32; N] {
    let mut c = [0.0f32; N];
    for f in findings {
        let i = f.behaviour.index();
        c[i] = c[i].max(f.confidence);
    }
    c
}

/// Most hidden units a model file may hold.
pub const MAX_UNITS: usize = 256;
/// `haven-train`'s default width, scored on a fixed-width path.
pub const DEFAULT_UNITS: usize = 64;

/// The hidden layer shared by all heads: `h = relu(W x + b)` over the dense
/// features `x` ([`HIDDEN_IN`] of them), each head adding `v_b · h` to its
/// linear score.
#[derive(Debug, Clone, PartialEq)]
pub struct Hidden {
    /// Units.
    pub size: usize,
    /// Input-major [HIDDEN_IN][size]: one row per dense feature, so that the
    /// few non-zero inputs each touch one contiguous row.
    pub w: Vec<f32>,
    pub b: Vec<f32>,
    /// Unit-major [size][N]: each unit adds to all heads at once.
    pub v: Vec<f32>,
}

/// The hidden layer's inputs: the dense features of `f` (indices from
/// `BUCKETS` up to, not including, the bias), as (input index, value).
pub fn dense_inputs(f: &Features) -> impl Iterator<Item = (usize, f32)> + '_ {
    f.idx.iter().zip(&f.val).filter(|(i, _)| (BUCKETS..DIM - 1).contains(&(**i as usize))).map(|(i, v)| (*i as usize - BUCKETS, *v))
}

impl Hidden {
    /// The units' inputs before the ReLU, written into `a` (`size` long).
    pub fn pre_activations(&self, f: &Features, a: &mut [f32]) {
        a.copy_from_slice(&self.b);
        if self.size.is_multiple_of(DEFAULT_UNITS) {
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2, checked on the line above.
                unsafe { self.fixed_width_avx2(f, a) };
                return;
            }
            self.fixed_width(f, a);
            return;
        }
        for (i, x) in dense_inputs(f) {
            for (ah, w) in a.iter_mut().zip(&self.w[i * self.size..(i + 1) * self.size]) {
                *ah += w * x;
            }
        }
    }

    /// Pre-activations of a layer whose width is a multiple of the default
    /// width (one trained layer, or an ensemble's layers side by side), one
    /// block of [`DEFAULT_UNITS`] at a time with fixed-width rows and
    /// accumulators: the compiler keeps the sums in vector registers instead
    /// of reloading them per input.
    #[inline(always)]
    fn fixed_width(&self, f: &Features, a: &mut [f32]) {
        for (block, out) in a.chunks_exact_mut(DEFAULT_UNITS).enumerate() {
            let mut acc: [f32; DEFAULT_UNITS] = (&*out).try_into().expect("size checked");
            let at = block * DEFAULT_UNITS;
            for (i, x) in dense_inputs(f) {
                let start = i * self.size + at;
                let row: &[f32; DEFAULT_UNITS] = self.w[start..start + DEFAULT_UNITS].try_into().expect("blocks are DEFAULT_UNITS wide");
                for (ah, w) in acc.iter_mut().zip(row) {
                    *ah += w * x;
                }
            }
            out.copy_from_slice(&acc);
        }
    }

    /// [`Hidden::fixed_width`] compiled for AVX2: eight lanes instead of
    /// the baseline's four. The window pooling made the hidden layer's
    /// inputs dense (512 of them), so this loop is a fifth of a message's
    /// cost. Each unit still sums its inputs in the same order, with no
    /// fused multiply-add, so the result is bit for bit the baseline's.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn fixed_width_avx2(&self, f: &Features, a: &mut [f32]) {
        self.fixed_width(f, a)
    }

    /// Add every head's hidden-layer score to `z`.
    fn add(&self, f: &Features, z: &mut [f32; N]) {
        // On the stack: this runs once per message.
        let mut buf = [0.0f32; MAX_UNITS];
        let a = &mut buf[..self.size];
        self.pre_activations(f, a);
        for (h, &ah) in a.iter().enumerate() {
            if ah > 0.0 {
                let row: &[f32; N] = self.v[h * N..(h + 1) * N].try_into().expect("rows are N wide");
                for (zb, v) in z.iter_mut().zip(row) {
                    *zb += v * ah;
                }
            }
        }
    }
}

/// Trained heads.
pub struct Model {
    /// The linear heads' weights, feature-major [DIM][behaviour], so that
    /// scoring all heads touches one cache line per feature instead of 22
    /// (the only copy: [`Model::weight`] and [`Model::to_bytes`] read it
    /// across).
    by_feature: Vec<f32>,
    pub hidden: Option<Hidden>,
    pub thresholds: [f32; N],
    pub modes: [Mode; N],
}

/// The linear heads' table, feature-major ([DIM][behaviour]), on huge pages:
/// `weight(b, i)` is behaviour `b`'s weight for feature `i`.
fn feature_major(weight: impl Fn(usize, usize) -> f32) -> Vec<f32> {
    let mut by_feature = crate::huge_pages::vec_with_capacity(N * DIM);
    by_feature.extend((0..DIM * N).map(|k| weight(k % N, k / N)));
    by_feature
}

/// The linear heads' scores: for each feature, its row of 22 weights times
/// its value, summed in feature order.
///
/// Never inlined: as part of a larger function its vectorisation depended
/// on unrelated code (one build of `probs` spilled and shuffled the 22 sums
/// on every row, 1.6x the instructions); compiled alone it keeps them in
/// vector registers.
#[inline(never)]
fn linear_scores(by_feature: &[f32], f: &Features) -> [f32; N] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked on the line above.
        return unsafe { linear_scores_avx2(by_feature, f) };
    }
    linear_scores_body(by_feature, f)
}

/// [`linear_scores`] compiled for AVX2; the same sums in the same order.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn linear_scores_avx2(by_feature: &[f32], f: &Features) -> [f32; N] {
    linear_scores_body(by_feature, f)
}

#[inline(always)]
fn linear_scores_body(by_feature: &[f32], f: &Features) -> [f32; N] {
    let mut z = [0.0f32; N];
    for (i, &v) in f.idx.iter().zip(&f.val) {
        // A fixed-size row: the compiler then vectorises the 22
        // multiply-adds (as a slice it sometimes did not, 10x slower).
        let start = *i as usize * N;
        let row: &[f32; N] = by_feature[start..start + N].try_into().expect("rows are N wide");
        for (zb, w) in z.iter_mut().zip(row) {
            *zb += w * v;
        }
    }
    z
}

/// A linear model. Files of an older feature layout (`HAVENM01`, `HAVENM02`:
/// no previous-turn embedding) do not load: retrain them.
const MAGIC: &[u8; 8] = b"HAVENM03";
/// A linear model plus a hidden layer.
const MAGIC_HIDDEN: &[u8; 8] = b"HAVENM04";

impl Model {
    pub fn new(weights: Vec<f32>, thresholds: [f32; N], modes: [Mode; N]) -> Model {
        Model::with_hidden(weights, None, thresholds, modes)
    }

    pub fn with_hidden(weights: Vec<f32>, hidden: Option<Hidden>, thresholds: [f32; N], modes: [Mode; N]) -> Model {
        Model { by_feature: feature_major(|b, i| weights[b * DIM + i]), hidden, thresholds, modes }
    }

    /// One model whose scores are the mean of the members' scores (logits):
    /// the linear heads' weights are averaged, and the hidden layers sit side
    /// by side, each unit's output weights divided by the member count. Every
    /// member must have the same hidden width; thresholds and modes are the
    /// first member's (the caller sets the ensemble's own).
    ///
    /// Why: members trained from different seeds disagree on unseen text
    /// (seed alone moves dev macro F1 by ±0.02); their mean is steadier. The
    /// linear cost is one model's; the hidden layer's is the members'.
    pub fn ensemble(members: &[Model]) -> Model {
        assert!(!members.is_empty(), "an ensemble needs a member");
        let k = members.len() as f32;
        let mut weights = vec![0.0f32; N * DIM];
        for m in members {
            for (j, sum) in weights.iter_mut().enumerate() {
                *sum += m.weight(j / DIM, j % DIM) / k;
            }
        }
        let hidden = members[0].hidden.as_ref().map(|first| {
            let (unit, size) = (first.size, first.size * members.len());
            let mut w = vec![0.0f32; HIDDEN_IN * size];
            let (mut b, mut v) = (Vec::with_capacity(size), Vec::with_capacity(size * N));
            for (j, m) in members.iter().enumerate() {
                let h = m.hidden.as_ref().filter(|h| h.size == unit).expect("members share one hidden width");
                for i in 0..HIDDEN_IN {
                    w[i * size + j * unit..i * size + (j + 1) * unit].copy_from_slice(&h.w[i * unit..(i + 1) * unit]);
                }
                b.extend_from_slice(&h.b);
                v.extend(h.v.iter().map(|x| x / k));
            }
            Hidden { size, w, b, v }
        });
        Model::with_hidden(weights, hidden, members[0].thresholds, members[0].modes)
    }

    /// Probabilities of every behaviour at once.
    pub fn probs(&self, f: &Features) -> [f32; N] {
        let mut z = linear_scores(&self.by_feature, f);
        if let Some(h) = &self.hidden {
            h.add(f, &mut z);
        }
        z.map(|z| 1.0 / (1.0 + (-z).exp()))
    }

    /// Weight of a feature for a behaviour (for explaining model findings).
    pub fn weight(&self, b: usize, i: usize) -> f32 {
        self.by_feature[i * N + b]
    }

    /// Serialise: magic, thresholds, modes, then per behaviour a scale and
    /// i8-quantised weights; with a hidden layer, then its unit count (`u32`)
    /// and its `f32` weights `w`, `b`, `v` in the layout of [`Hidden`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + N * (8 + DIM));
        out.extend_from_slice(if self.hidden.is_some() { MAGIC_HIDDEN } else { MAGIC });
        for t in self.thresholds {
            out.extend_from_slice(&t.to_le_bytes());
        }
        for m in self.modes {
            out.push(m as u8);
        }
        for b in 0..N {
            let w: Vec<f32> = (0..DIM).map(|i| self.weight(b, i)).collect();
            let max = w.iter().fold(0.0f32, |m, x| m.max(x.abs())).max(1e-6);
            let scale = max / 127.0;
            out.extend_from_slice(&scale.to_le_bytes());
            out.extend(w.iter().map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8 as u8));
        }
        if let Some(h) = &self.hidden {
            out.extend_from_slice(&(h.size as u32).to_le_bytes());
            for x in h.w.iter().chain(&h.b).chain(&h.v) {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let has_hidden = bytes.starts_with(MAGIC_HIDDEN);
        let rest = if has_hidden { &bytes[8..] } else { bytes.strip_prefix(MAGIC.as_slice())? };
        let mut thresholds = [0.5f32; N];
        for (i, t) in thresholds.iter_mut().enumerate() {
            *t = f32::from_le_bytes(rest.get(i * 4..i * 4 + 4)?.try_into().ok()?);
        }
        let rest = &rest[N * 4..];
        let mut modes = [Mode::Rules; N];
        for (i, m) in modes.iter_mut().enumerate() {
            *m = match rest.get(i)? {
                0 => Mode::Rules,
                1 => Mode::Model,
                2 => Mode::Either,
                _ => return None,
            };
        }
        let mut rest = &rest[N..];
        // Each head's scale and i8 row, dequantised straight into the
        // feature-major table: a row-major copy on the way would double the
        // heads' memory while loading.
        let mut rows: Vec<(f32, &[u8])> = Vec::with_capacity(N);
        for _ in 0..N {
            let scale = f32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
            rows.push((scale, rest.get(4..4 + DIM)?));
            rest = &rest[4 + DIM..];
        }
        let by_feature = feature_major(|b, i| (rows[b].1[i] as i8) as f32 * rows[b].0);
        let hidden = if has_hidden {
            let size = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
            let floats: Vec<f32> = rest[4..].chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes"))).collect();
            if size == 0 || size > MAX_UNITS || rest.len() != 4 + 4 * size * (HIDDEN_IN + 1 + N) {
                return None;
            }
            let (w, rest) = floats.split_at(HIDDEN_IN * size);
            let (b, v) = rest.split_at(size);
            Some(Hidden { size, w: w.to_vec(), b: b.to_vec(), v: v.to_vec() })
        } else {
            if !rest.is_empty() {
                return None;
            }
            None
        };
        Some(Model { by_feature, hidden, thresholds, modes })
    }

    /// The model shipped with haven, if one was trained into the build.
    pub fn embedded() -> Option<&'static Model> {
        static M: std::sync::OnceLock<Option<Model>> = std::sync::OnceLock::new();
        M.get_or_init(|| Model::from_bytes(include_bytes!("../model/haven.model"))).as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A seeded xorshift stream for test weights.
    fn xorshift() -> impl FnMut() -> u64 {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
    }

    /// Seeded floats, uniform in [-0.5, 0.5).
    fn centred() -> impl FnMut() -> f32 {
        let mut seed = xorshift();
        move || (seed() >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    }

    /// A hidden layer of `size` units with weights drawn from `next`.
    fn random_hidden(size: usize, next: &mut impl FnMut() -> f32) -> Hidden {
        Hidden {
            size,
            w: (0..HIDDEN_IN * size).map(|_| next()).collect(),
            b: (0..size).map(|_| next()).collect(),
            v: (0..size * N).map(|_| next()).collect(),
        }
    }

    #[test]
    fn the_cached_previous_turn_gives_the_same_features_and_a_stale_one_is_not_used() {
        let turn = |text: &str| Turn { speaker: Some("A".into()), msg: Normalized::new(text), labels: vec![] };
        let (first, other) = (turn("I got the job!!"), turn("dinner at 8?"));
        let reply = Normalized::new("that's amazing, tell me everything");
        let mut cache = EmbeddingCache::default();
        let mut scratch = Features::default();
        // Analysing the first message leaves its embedding in the cache.
        features_cached(&first.msg, &[0.0; N], None, &mut scratch, Some(&mut cache));
        for prev in [&first, &other] {
            let (mut cached, mut plain) = (Features::default(), Features::default());
            let mut c = EmbeddingCache { text: cache.text.clone(), embedding: cache.embedding.clone() };
            features_cached(&reply, &[0.0; N], Some(prev), &mut cached, Some(&mut c));
            features(&reply, &[0.0; N], Some(prev), &mut plain);
            assert_eq!((&cached.idx, &cached.val), (&plain.idx, &plain.val), "previous turn {:?}", prev.msg.text);
            assert_eq!(c.text, reply.text, "the reply is cached for the next message");
        }
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn the_avx2_paths_give_the_baseline_bits() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let mut next = centred();
        let hidden = random_hidden(DEFAULT_UNITS, &mut next);
        let by_feature: Vec<f32> = (0..DIM * N).map(|_| next()).collect();
        let mut f = Features::default();
        for k in (0..DIM).step_by(97) {
            f.push(k, next());
        }
        let (mut base, mut wide) = (hidden.b.clone(), hidden.b.clone());
        hidden.fixed_width(&f, &mut base);
        // SAFETY: AVX2 checked at the top of the test.
        unsafe { hidden.fixed_width_avx2(&f, &mut wide) };
        assert!(base.iter().zip(&wide).all(|(x, y)| x.to_bits() == y.to_bits()));
        // SAFETY: as above.
        let (base, wide) = (linear_scores_body(&by_feature, &f), unsafe { linear_scores_avx2(&by_feature, &f) });
        assert!(base.iter().zip(&wide).all(|(x, y)| x.to_bits() == y.to_bits()));
    }

    fn random_model(next: &mut impl FnMut() -> f32) -> Model {
        let hidden = random_hidden(DEFAULT_UNITS, next);
        Model::with_hidden((0..N * DIM).map(|_| next()).collect(), Some(hidden), [0.5; N], [Mode::Model; N])
    }

    fn logits(p: [f32; N]) -> [f32; N] {
        p.map(|p| (p / (1.0 - p)).ln())
    }

    #[test]
    fn an_ensemble_scores_the_mean_of_its_members_logits() {
        let mut centred = centred();
        let mut next = || centred() * 0.2;
        let members: Vec<Model> = (0..3).map(|_| random_model(&mut next)).collect();
        let joined = Model::ensemble(&members);
        assert_eq!(joined.hidden.as_ref().map(|h| h.size), Some(3 * DEFAULT_UNITS));
        let mut f = Features::default();
        features(&Normalized::new("you never listen to me, I'm done 🙄"), &[0.7; N], None, &mut f);
        let want: Vec<f32> = (0..N).map(|b| members.iter().map(|m| logits(m.probs(&f))[b]).sum::<f32>() / 3.0).collect();
        let got = logits(joined.probs(&f));
        for b in 0..N {
            assert!((got[b] - want[b]).abs() < 1e-3, "behaviour {b}: {} against {}", got[b], want[b]);
        }
        // A member differs from the mean: the test can tell them apart.
        assert!((0..N).any(|b| (logits(members[0].probs(&f))[b] - want[b]).abs() > 1e-2));
    }

    #[test]
    fn a_wide_layer_is_scored_block_by_block_like_the_generic_loop() {
        let mut next = centred();
        let size = 2 * DEFAULT_UNITS;
        let hidden = random_hidden(size, &mut next);
        let mut f = Features::default();
        for k in (BUCKETS..DIM).step_by(7) {
            f.push(k, next());
        }
        let mut blocked = vec![0.0; size];
        hidden.pre_activations(&f, &mut blocked);
        let mut generic = hidden.b.clone();
        for (i, x) in dense_inputs(&f) {
            for (ah, w) in generic.iter_mut().zip(&hidden.w[i * size..(i + 1) * size]) {
                *ah += w * x;
            }
        }
        assert!(blocked.iter().zip(&generic).all(|(x, y)| x.to_bits() == y.to_bits()));
    }

    #[test]
    fn feature_major_rows_score_like_the_row_major_weights() {
        // Seeded weights, different per behaviour and feature.
        let mut seed = xorshift();
        let weights: Vec<f32> = (0..N * DIM).map(|_| (seed() % 2001) as f32 / 1000.0 - 1.0).collect();
        let model = Model::new(weights, [0.5; N], [Mode::Model; N]);
        let mut f = Features::default();
        features(&Normalized::new("you always do this, you're so selfish 🙄"), &[0.9; N], None, &mut f);
        let got = model.probs(&f);
        for (b, p) in got.iter().enumerate() {
            let z: f32 = f.idx.iter().zip(&f.val).fold(0.0, |z, (i, v)| z + model.weight(b, *i as usize) * v);
            assert_eq!(*p, 1.0 / (1.0 + (-z).exp()), "behaviour {b}: the same sums in the same order");
        }
    }

    #[test]
    fn features_are_deterministic_and_bounded() {
        let msg = Normalized::new("you never listen to me 🙄");
        let mut a = Features::default();
        let mut b = Features::default();
        features(&msg, &[0.0; N], None, &mut a);
        features(&msg, &[0.0; N], None, &mut b);
        assert_eq!(a.idx, b.idx);
        assert!(a.idx.iter().all(|&i| (i as usize) < DIM));
    }

    #[test]
    fn the_previous_turn_adds_its_labels_and_its_embedding() {
        let msg = Normalized::new("well you never pick up either");
        let prev =
            Turn { speaker: Some("A".into()), msg: Normalized::new("you didn't call when you landed"), labels: vec![Behaviour::Judgment] };
        let (mut alone, mut reply) = (Features::default(), Features::default());
        features(&msg, &[0.0; N], None, &mut alone);
        features(&msg, &[0.0; N], Some(&prev), &mut reply);
        let in_range = |f: &Features, r: std::ops::Range<usize>| f.idx.iter().filter(|&&i| r.contains(&(i as usize))).count();
        let prev_emb = PREV_EMB_AT..PREV_EMB_AT + crate::embed::DIMS;
        assert_eq!(in_range(&alone, prev_emb.clone()), 0, "no previous turn, no previous embedding");
        if crate::embed::Embeddings::embedded().is_some() {
            assert!(in_range(&reply, prev_emb) > 0);
        }
        assert!(reply.idx.contains(&((BUCKETS + N + Behaviour::Judgment.index()) as u32)), "the previous turn's label");
        // The message's own features do not change.
        let own = |f: &Features| f.idx.iter().copied().filter(|&i| (i as usize) < BUCKETS + N).collect::<Vec<_>>();
        assert_eq!(own(&alone), own(&reply));
    }

    #[test]
    fn the_window_pooling_is_the_message_own_and_in_its_block() {
        let Some(table) = crate::embed::Embeddings::embedded() else { return };
        let msg = Normalized::new("honestly you are so useless, i cannot believe you forgot again");
        let prev = Turn { speaker: Some("A".into()), msg: Normalized::new("sorry, long day"), labels: vec![] };
        let (mut alone, mut reply) = (Features::default(), Features::default());
        features(&msg, &[0.0; N], None, &mut alone);
        features(&msg, &[0.0; N], Some(&prev), &mut reply);
        let block = |f: &Features| -> Vec<(u32, f32)> {
            f.idx
                .iter()
                .zip(&f.val)
                .filter(|(i, _)| (WINDOWS_AT..WINDOWS_AT + 2 * crate::embed::DIMS).contains(&(**i as usize)))
                .map(|(i, v)| (*i, *v))
                .collect()
        };
        assert_eq!(block(&alone), block(&reply), "the previous turn does not move the message's windows");
        let mut mean = [0.0; crate::embed::DIMS];
        let mut windows = crate::embed::Windows::default();
        let words: Vec<&str> = feature_tokens(&msg).map(|t| &msg.text[t.norm.clone()]).collect();
        table.embed_with_windows(words.into_iter(), &mut mean, &mut windows);
        let expected: Vec<(u32, f32)> = windows
            .high
            .iter()
            .chain(&windows.low)
            .enumerate()
            .filter(|(_, x)| **x != 0.0)
            .map(|(i, x)| ((WINDOWS_AT + i) as u32, x * EMB_SCALE))
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(block(&alone), expected);
        assert_ne!(windows.high, mean, "a long message's sharpest windows are not its mean");
    }

    #[test]
    fn model_alone_flags_danger_in_a_few_words_only_in_context() {
        let short = Normalized::new("on it");
        let long = Normalized::new("you are not leaving this house tonight");
        assert!(!model_may_flag(Behaviour::Danger, &short, false));
        assert!(model_may_flag(Behaviour::Danger, &short, true), "in context the words may answer a dangerous question");
        assert!(model_may_flag(Behaviour::Danger, &long, false));
        assert!(model_may_flag(Behaviour::Warmth, &short, false), "other behaviours are not gated");
    }

    #[test]
    fn modes_decide_from_rule_probability_and_threshold() {
        assert!(Mode::Rules.decide(true, 0.0, 0.5));
        assert!(!Mode::Rules.decide(false, 0.9, 0.5), "rules mode ignores the model");
        assert!(Mode::Model.decide(false, 0.5, 0.5));
        assert!(!Mode::Model.decide(true, 0.4, 0.5), "model mode ignores the rule");
        assert!(Mode::Either.decide(true, 0.0, 0.5) && Mode::Either.decide(false, 0.6, 0.5));
        assert!(!Mode::Either.decide(false, 0.4, 0.5));
    }

    #[test]
    fn the_shipped_model_writes_back_its_own_bytes() {
        // Only the feature-major table is kept; serialising reads it across,
        // and must give the file it was loaded from, byte for byte.
        let bytes = include_bytes!("../model/haven.model");
        let model = Model::from_bytes(bytes).expect("shipped model");
        assert!(model.to_bytes() == bytes.as_slice());
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let mut weights = vec![0.0f32; N * DIM];
        weights[5] = 1.0;
        weights[DIM + 7] = -0.5;
        let m = Model::new(weights, [0.4; N], [Mode::Either; N]);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert!((back.weight(0, 5) - 1.0).abs() < 0.01);
        assert!((back.weight(1, 7) + 0.5).abs() < 0.01);
        assert_eq!(back.modes[3], Mode::Either);
        assert!(Model::from_bytes(b"garbage").is_none());
    }

    #[test]
    fn hidden_layer_scores_and_round_trips() {
        // One unit that reads the first rule-confidence input (name-calling)
        // and pushes head 3 up by 2 per unit of activation.
        let size = 2;
        let mut w = vec![0.0f32; HIDDEN_IN * size];
        w[0] = 1.0;
        let mut v = vec![0.0f32; size * N];
        v[3] = 2.0;
        let hidden = Hidden { size, w, b: vec![0.0, -1.0], v };
        let m = Model::with_hidden(vec![0.0; N * DIM], Some(hidden.clone()), [0.5; N], [Mode::Model; N]);
        let msg = Normalized::new("hello there");
        let mut f = Features::default();
        let mut conf = [0.0; N];
        features(&msg, &conf, None, &mut f);
        assert!((m.probs(&f)[3] - 0.5).abs() < 1e-6, "inactive unit adds nothing");
        conf[0] = 1.0;
        features(&msg, &conf, None, &mut f);
        let want = 1.0 / (1.0 + (-2.0f32).exp());
        assert!((m.probs(&f)[3] - want).abs() < 1e-6);
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.hidden.as_ref(), Some(&hidden));
        let mut bytes = m.to_bytes();
        bytes.pop();
        assert!(Model::from_bytes(&bytes).is_none(), "a truncated hidden layer is refused");
    }

    #[test]
    fn negation_feature_follows_the_word_it_marks() {
        // A leading punctuation token must not shift the negation marks onto
        // the wrong words.
        let a = Normalized::new("... you are not stupid");
        let b = Normalized::new("you are not stupid");
        let (mut fa, mut fb) = (Features::default(), Features::default());
        features(&a, &[0.0; N], None, &mut fa);
        features(&b, &[0.0; N], None, &mut fb);
        let negated = |f: &Features| {
            let mut v: Vec<u32> = f.idx.iter().copied().filter(|&i| (i as usize) < BUCKETS).collect();
            v.sort_unstable();
            v
        };
        let stupid_negated = bucket(fnv(5, b"stupid")) as u32;
        assert_eq!(negated(&fa).contains(&stupid_negated), negated(&fb).contains(&stupid_negated));
    }
}
