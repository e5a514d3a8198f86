//! Static token embeddings for meaning beyond surface words.
//!
//! Distilled from all-MiniLM-L6-v2 (Apache-2.0) in the manner of model2vec:
//! every WordPiece token of the model's vocabulary was passed through the
//! transformer on its own, its output mean-pooled, reduced by PCA to
//! [`DIMS`] dimensions and weighted by rarity (`tools/distill.py`, run once;
//! its output `model/embeddings.bin` is embedded in the binary). A message
//! embedding is then the mean of its tokens' vectors: a few microseconds
//! instead of a transformer's milliseconds, and paraphrases ("you're
//! useless" / "you're good for nothing") land near each other.

// FxHash: WordPiece looks up every prefix of an unknown word, so hashing is
// most of its cost; the table is fixed, so SipHash's DoS resistance buys
// nothing.
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Dimensions of the distilled vectors.
pub const DIMS: usize = 128;
const MAGIC: &[u8; 8] = b"HAVENE01";
/// Tokens per window of [`Windows`].
pub const WINDOW: usize = 4;

/// The hierarchical pooling of SWEM (Shen et al., 2018): the sum of every
/// [`WINDOW`] consecutive tokens, then each dimension's maximum (`high`)
/// and minimum (`low`) over those windows, each scaled to unit length. The
/// mean blurs a short sharp phrase into a long message and forgets word
/// order; the windows keep both ("not that bad" is one window, not three
/// words spread over the message). A message shorter than a window is one
/// window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Windows {
    pub high: [f32; DIMS],
    pub low: [f32; DIMS],
}

impl Default for Windows {
    fn default() -> Windows {
        Windows { high: [0.0; DIMS], low: [0.0; DIMS] }
    }
}

/// Scale `v` to unit length (left as is when zero).
fn unit(v: &mut [f32; DIMS]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

/// `sum += x`, element by element.
#[inline(always)]
fn add(sum: &mut [f32; DIMS], x: &[f32; DIMS]) {
    for (s, x) in sum.iter_mut().zip(x) {
        *s += x;
    }
}

/// Move the window one token on: `sum += added - dropped`, and keep each
/// dimension's highest and lowest sum. Each dimension's arithmetic is the
/// same on every path, so the AVX2 build gives the same bits; it is 8 lanes
/// wide where the baseline's `f32::max` loop ran one element at a time
/// (a sixth of a 300-character check's instructions).
fn slide(sum: &mut [f32; DIMS], high: &mut [f32; DIMS], low: &mut [f32; DIMS], added: &[f32; DIMS], dropped: &[f32; DIMS]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked on the line above.
        return unsafe { slide_avx2(sum, high, low, added, dropped) };
    }
    slide_body(sum, high, low, added, dropped)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn slide_avx2(sum: &mut [f32; DIMS], high: &mut [f32; DIMS], low: &mut [f32; DIMS], added: &[f32; DIMS], dropped: &[f32; DIMS]) {
    slide_body(sum, high, low, added, dropped)
}

#[inline(always)]
fn slide_body(sum: &mut [f32; DIMS], high: &mut [f32; DIMS], low: &mut [f32; DIMS], added: &[f32; DIMS], dropped: &[f32; DIMS]) {
    for i in 0..DIMS {
        let s = sum[i] + (added[i] - dropped[i]);
        sum[i] = s;
        // Selects, not `f32::max`: the sums are never NaN, so these agree
        // with it (up to the sign of a zero, which `unit` keeps at zero),
        // and they compile to vector max and min.
        high[i] = if s > high[i] { s } else { high[i] };
        low[i] = if s < low[i] { s } else { low[i] };
    }
}

/// The distilled table: a WordPiece vocabulary and one vector per token.
pub struct Embeddings {
    vocab: HashMap<String, u32>,
    vectors: Vec<f32>,
}

impl Embeddings {
    /// Parse the binary format written by `tools/distill.py`: magic, `u32`
    /// token count, `u32` dims, per-dimension `f32` scales, then per token a
    /// `u8` length, its UTF-8 bytes and `dims` `i8` values.
    pub fn from_bytes(bytes: &[u8]) -> Option<Embeddings> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let count = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?) as usize;
        let dims = u32::from_le_bytes(rest.get(4..8)?.try_into().ok()?) as usize;
        if dims != DIMS {
            return None;
        }
        let mut pos = 8;
        let mut scales = [0f32; DIMS];
        for s in scales.iter_mut() {
            *s = f32::from_le_bytes(rest.get(pos..pos + 4)?.try_into().ok()?);
            pos += 4;
        }
        let mut vocab = HashMap::with_capacity_and_hasher(count, Default::default());
        let mut vectors = crate::huge_pages::vec_with_capacity(count * DIMS);
        for i in 0..count {
            let len = *rest.get(pos)? as usize;
            let tok = std::str::from_utf8(rest.get(pos + 1..pos + 1 + len)?).ok()?;
            pos += 1 + len;
            let q = rest.get(pos..pos + DIMS)?;
            vectors.extend(q.iter().zip(&scales).map(|(&x, s)| (x as i8) as f32 * s));
            pos += DIMS;
            vocab.insert(tok.to_string(), i as u32);
        }
        (pos == rest.len()).then_some(Embeddings { vocab, vectors })
    }

    /// The table shipped with haven, when one was distilled into the build.
    pub fn embedded() -> Option<&'static Embeddings> {
        static E: OnceLock<Option<Embeddings>> = OnceLock::new();
        E.get_or_init(|| Embeddings::from_bytes(include_bytes!("../model/embeddings.bin"))).as_ref()
    }

    fn id(&self, piece: &str) -> Option<u32> {
        self.vocab.get(piece).copied()
    }

    /// WordPiece: greedy longest match, continuation pieces prefixed `##`.
    fn pieces(&self, word: &str, out: &mut Vec<u32>) {
        if let Some(id) = self.id(word) {
            out.push(id);
            return;
        }
        let mut start = 0;
        let mut found = Vec::new();
        let mut buf = String::with_capacity(word.len() + 2);
        while start < word.len() {
            let mut end = word.len();
            let mut hit = None;
            while end > start {
                if !word.is_char_boundary(end) {
                    end -= 1;
                    continue;
                }
                buf.clear();
                if start > 0 {
                    buf.push_str("##");
                }
                buf.push_str(&word[start..end]);
                if let Some(id) = self.id(&buf) {
                    hit = Some(id);
                    break;
                }
                end -= 1;
            }
            match hit {
                Some(id) => {
                    found.push(id);
                    start = end;
                }
                // Like BERT: an unknown word contributes nothing.
                None => return,
            }
        }
        out.extend(found);
    }

    /// The message's WordPiece ids. `words` are normalised words; emoji
    /// cues arrive as `:name:` and are read as their meaning.
    fn ids<'a>(&self, words: impl Iterator<Item = &'a str>, ids: &mut Vec<u32>) {
        for w in words {
            let w = match w {
                ":heart:" => "love",
                ":eyeroll:" => "annoyed",
                ":laugh:" => "haha",
                ":sad:" => "sad",
                ":angry:" => "angry",
                ":smile:" => "smile",
                ":hug:" => "hug",
                ":cheer:" => "celebrate",
                ":weapon:" => "knife",
                ":smirk:" => "smirk",
                other if other.starts_with(':') => continue,
                other => other,
            };
            for part in w.split(|c: char| !c.is_alphanumeric()).filter(|p| !p.is_empty()) {
                self.pieces(part, ids);
            }
            if w.chars().all(|c| !c.is_alphanumeric()) {
                self.pieces(w, ids);
            }
        }
    }

    fn vector(&self, id: u32) -> &[f32; DIMS] {
        self.vectors[id as usize * DIMS..(id as usize + 1) * DIMS].try_into().expect("rows are DIMS wide")
    }

    /// The mean of the message's token vectors, unit length (zero when no
    /// token is known).
    pub fn embed<'a>(&self, words: impl Iterator<Item = &'a str>, out: &mut [f32; DIMS]) {
        let mut ids = Vec::with_capacity(32);
        self.ids(words, &mut ids);
        self.mean(&ids, out);
    }

    /// [`Embeddings::embed`], and the message's [`Windows`].
    pub fn embed_with_windows<'a>(&self, words: impl Iterator<Item = &'a str>, out: &mut [f32; DIMS], windows: &mut Windows) {
        let mut ids = Vec::with_capacity(32);
        self.ids(words, &mut ids);
        self.mean(&ids, out);
        *windows = Windows::default();
        if ids.is_empty() {
            return;
        }
        let n = WINDOW.min(ids.len());
        let mut sum = [0.0f32; DIMS];
        for &id in &ids[..n] {
            add(&mut sum, self.vector(id));
        }
        let Windows { high, low } = windows;
        (*high, *low) = (sum, sum);
        for i in n..ids.len() {
            slide(&mut sum, high, low, self.vector(ids[i]), self.vector(ids[i - n]));
        }
        unit(high);
        unit(low);
    }

    fn mean(&self, ids: &[u32], out: &mut [f32; DIMS]) {
        *out = [0.0; DIMS];
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2, checked on the line above.
            unsafe { self.add_rows_avx2(ids, out) };
            unit(out);
            return;
        }
        self.add_rows(ids, out);
        unit(out);
    }

    /// `out += row` for each id's row, in order.
    #[inline(always)]
    fn add_rows(&self, ids: &[u32], out: &mut [f32; DIMS]) {
        for id in ids {
            add(out, self.vector(*id));
        }
    }

    /// [`Embeddings::add_rows`] compiled for AVX2: the same sums in the same
    /// order, 8 lanes wide.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn add_rows_avx2(&self, ids: &[u32], out: &mut [f32; DIMS]) {
        self.add_rows(ids, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Embeddings {
        // Three tokens in two dimensions' worth of signal.
        let mut b = MAGIC.to_vec();
        b.extend(3u32.to_le_bytes());
        b.extend((DIMS as u32).to_le_bytes());
        for _ in 0..DIMS {
            b.extend(0.01f32.to_le_bytes());
        }
        for (tok, d) in [("play", 0usize), ("##ing", 1), ("love", 2)] {
            b.push(tok.len() as u8);
            b.extend(tok.as_bytes());
            let mut v = [0u8; DIMS];
            v[d] = 100;
            b.extend(v);
        }
        Embeddings::from_bytes(&b).unwrap()
    }

    /// The shipped table's first rows, as the AVX2 paths read them.
    #[test]
    #[cfg(target_arch = "x86_64")]
    fn the_avx2_paths_give_the_baseline_bits() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let t = Embeddings::embedded().expect("embedded table");
        let ids: Vec<u32> = (0..40).map(|i| i * 97 + 5).collect();
        let (mut base, mut wide) = ([0.0f32; DIMS], [0.0f32; DIMS]);
        t.add_rows(&ids, &mut base);
        unsafe { t.add_rows_avx2(&ids, &mut wide) };
        assert_eq!(base.map(f32::to_bits), wide.map(f32::to_bits));
        let (mut sb, mut hb, mut lb) = (base, base, base);
        let (mut sw, mut hw, mut lw) = (base, base, base);
        for w in ids.windows(2) {
            slide_body(&mut sb, &mut hb, &mut lb, t.vector(w[1]), t.vector(w[0]));
            unsafe { slide_avx2(&mut sw, &mut hw, &mut lw, t.vector(w[1]), t.vector(w[0])) };
        }
        assert_eq!([sb, hb, lb].map(|v| v.map(f32::to_bits)), [sw, hw, lw].map(|v| v.map(f32::to_bits)));
        assert_ne!(hb, lb, "the windows moved");
    }

    #[test]
    fn wordpiece_splits_and_means() {
        let e = table();
        let mut v = [0.0; DIMS];
        e.embed(["playing"].into_iter(), &mut v);
        assert!((v[0] - v[1]).abs() < 1e-6 && v[0] > 0.7);
        e.embed([":heart:"].into_iter(), &mut v);
        assert!((v[2] - 1.0).abs() < 1e-6);
        e.embed(["zzz"].into_iter(), &mut v);
        assert!(v.iter().all(|x| *x == 0.0));
    }

    #[test]
    fn window_pooling_keeps_a_short_phrase_that_the_mean_dilutes() {
        let e = table();
        let (mut mean, mut w) = ([0.0; DIMS], Windows::default());
        // One "love" among many "play": the mean barely shows it; the best
        // window holds it once in WINDOW tokens.
        let plays = ["play"; WINDOW + 1];
        let words: Vec<&str> = plays.iter().copied().chain(["love"]).chain(plays.iter().copied()).collect();
        e.embed_with_windows(words.iter().copied(), &mut mean, &mut w);
        let mut plain = [0.0; DIMS];
        e.embed(words.iter().copied(), &mut plain);
        assert_eq!(mean, plain, "the mean is the same as embed's");
        let share = |v: &[f32; DIMS]| v[2] / v[0];
        assert!((share(&mean) - 1.0 / (2 * plays.len()) as f32).abs() < 1e-5, "{}", share(&mean));
        // Each dimension's maximum over windows: "play" from a window of
        // plays only, "love" from a window holding it once.
        assert!((share(&w.high) - 1.0 / WINDOW as f32).abs() < 1e-5, "{}", share(&w.high));
        // The minimum: "love" is absent from the first window, and "play"
        // weakest where "love" took a place.
        assert_eq!(w.low[2], 0.0);
        assert!(w.low[0] > 0.0);
        for v in [&w.high, &w.low] {
            let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-5);
        }
        // Shorter than a window: the one window is the whole message.
        e.embed_with_windows(["love", "playing"].into_iter(), &mut mean, &mut w);
        assert_eq!((mean, mean), (w.high, w.low));
        e.embed_with_windows(["zzz"].into_iter(), &mut mean, &mut w);
        assert_eq!(w, Windows::default());
    }

    #[test]
    fn rejects_bad_tables() {
        assert!(Embeddings::from_bytes(b"nope").is_none());
        let mut b = MAGIC.to_vec();
        b.extend(1u32.to_le_bytes());
        b.extend(3u32.to_le_bytes());
        assert!(Embeddings::from_bytes(&b).is_none());
    }
}
