//! Labelling a stream of messages on all cores, with exactly the result of
//! labelling them one by one.
//!
//! A message's context is the latest turn of the other partner in the same
//! conversation, *with that turn's labels*, so labels form a chain through
//! the stream and cannot simply be computed independently. [`BatchLabeller`]
//! cuts a batch into chunks and labels them in parallel, starting each chunk
//! from a speculative context (the context turn labelled with a short chain
//! of its own contexts). Then one sequential pass walks the batch in order
//! and re-labels the messages whose context turn's true labels differ from
//! the ones the speculation used. Labels depend on the context turn only
//! through its text, speaker and labels, so after this pass every result is
//! the one [`ConversationAnalyzer`](crate::analyze::ConversationAnalyzer)
//! would give; in practice the speculation is almost always right and the
//! pass re-labels a handful of messages per batch.

use crate::analyze::{Analyzer, MessageAnalysis};
use crate::rules::Turn;
use crate::signals::FollowThrough;
use crate::taxonomy::Behaviour;
use crate::text::Normalized;
use rayon::prelude::*;

/// One message of the stream. Messages with the same `conversation` in a row
/// form one conversation (a message without one stands alone); `speaker`
/// decides whose turn is the context (without one, the previous message is).
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub conversation: Option<&'a str>,
    pub speaker: Option<&'a str>,
    pub text: &'a str,
}

/// How far back a chunk's first messages reconstruct their context's own
/// context when speculating: deeper costs more, shallower re-labels more.
const SPECULATION_DEPTH: usize = 2;

/// Where a message's context turn is: carried over from the previous batch,
/// or a message of this batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Carried(usize),
    Item(usize),
}

/// The context state between messages, as `ConversationAnalyzer` keeps it,
/// but by position.
#[derive(Debug, Clone, Default)]
struct Cursor {
    conversation: Option<String>,
    /// The latest message of the conversation and its speaker.
    last: Option<(Source, Option<String>)>,
    /// The latest turn by someone other than `last`'s speaker: the context.
    last_other: Option<Source>,
}

impl Cursor {
    /// Moves past `item`; returns its context.
    fn step(&mut self, at: Source, item: &Item) -> Option<Source> {
        if item.conversation.is_none() || item.conversation != self.conversation.as_deref() {
            self.last = None;
            self.last_other = None;
        }
        if self.conversation.as_deref() != item.conversation {
            self.conversation = item.conversation.map(str::to_string);
        }
        match (&self.last, item.speaker) {
            (Some((_, last_speaker)), Some(sp)) => {
                if last_speaker.as_deref() != Some(sp) {
                    self.last_other = self.last.take().map(|(s, _)| s);
                }
            }
            (_, None) => self.last_other = self.last.take().map(|(s, _)| s),
            (None, Some(_)) => {}
        }
        let context = self.last_other;
        self.last = Some((at, item.speaker.map(str::to_string)));
        context
    }
}

/// Labels batches of a stream in parallel; the context carries from one
/// batch to the next, so a stream may be fed in any batch sizes.
pub struct BatchLabeller {
    make: std::sync::Arc<dyn Fn() -> Analyzer + Send + Sync>,
    analyzer: Analyzer,
    cursor: Cursor,
    /// Reports that a promise was kept, found in order after the labels,
    /// and the conversation they are read in.
    follow: FollowThrough,
    follow_conversation: Option<String>,
    /// The turns the cursor points at, from the previous batch.
    carried: Vec<Turn>,
    /// Messages re-labelled by the sequential pass (for tests and stats).
    pub relabelled: usize,
    depth: usize,
    /// The smallest chunk a thread takes (tests use 1: every message
    /// starts a chunk and speculates).
    min_chunk: usize,
}

impl BatchLabeller {
    /// `make` builds one analyzer per worker thread (for example
    /// `Analyzer::new` or `Analyzer::rules_only`).
    pub fn new(make: impl Fn() -> Analyzer + Send + Sync + 'static) -> Self {
        BatchLabeller {
            analyzer: make(),
            make: std::sync::Arc::new(make),
            cursor: Cursor::default(),
            follow: FollowThrough::new(),
            follow_conversation: None,
            carried: Vec::new(),
            relabelled: 0,
            depth: SPECULATION_DEPTH,
            min_chunk: 64,
        }
    }

    /// Labels `items`, in order, on the current rayon thread pool.
    pub fn label(&mut self, items: &[Item]) -> Vec<MessageAnalysis> {
        let n = items.len();
        if n == 0 {
            return Vec::new();
        }
        // Each message's context, sequentially: cheap, and it fixes the
        // chain's shape; only labels are left to speculate.
        let contexts: Vec<Option<Source>> = items.iter().enumerate().map(|(i, it)| self.cursor.step(Source::Item(i), it)).collect();

        let threads = rayon::current_num_threads().max(1);
        let chunk = n.div_ceil(threads * 4).max(self.min_chunk);
        let carried = &self.carried;
        let make = &*self.make;
        let depth = self.depth;
        let spans: Vec<(usize, usize)> = (0..n).step_by(chunk).map(|s| (s, (s + chunk).min(n))).collect();
        let parts: Vec<Vec<(MessageAnalysis, Option<Vec<Behaviour>>)>> =
            spans.par_iter().map_init(make, |analyzer, &(s, e)| label_chunk(analyzer, items, &contexts, carried, s, e, depth)).collect();
        let mut results: Vec<MessageAnalysis> = Vec::with_capacity(n);
        let mut used: Vec<Option<Vec<Behaviour>>> = Vec::with_capacity(n);
        for part in parts {
            for (r, u) in part {
                results.push(r);
                used.push(u);
            }
        }

        // The sequential pass: where the context turn's true labels differ
        // from the ones used, label again with the true context.
        for i in 0..n {
            let Some(src) = contexts[i] else { continue };
            let true_labels = match src {
                Source::Carried(k) => &self.carried[k].labels,
                Source::Item(c) => &results[c].labels,
            };
            if used[i].as_ref() == Some(true_labels) {
                continue;
            }
            let turn = match src {
                Source::Carried(k) => self.carried[k].clone(),
                Source::Item(c) => turn_of(&items[c], results[c].labels.clone()),
            };
            results[i] = self.analyzer.analyze(items[i].text, Some(&turn));
            self.relabelled += 1;
        }

        // Carry the turns the cursor still points at into the next batch.
        let mut next = Vec::new();
        let mut carry = |src: Source| -> Source {
            let turn = match src {
                Source::Carried(k) => self.carried[k].clone(),
                Source::Item(c) => turn_of(&items[c], results[c].labels.clone()),
            };
            next.push(turn);
            Source::Carried(next.len() - 1)
        };
        self.cursor.last_other = self.cursor.last_other.map(&mut carry);
        if let Some((src, speaker)) = self.cursor.last.take() {
            self.cursor.last = Some((carry(src), speaker));
        }
        self.carried = next;

        // Kept reports last, as `ConversationAnalyzer` finds them: context
        // turns carry the labels before them.
        for (item, r) in items.iter().zip(results.iter_mut()) {
            if item.conversation.is_none() || item.conversation != self.follow_conversation.as_deref() {
                self.follow.reset();
                self.follow_conversation = item.conversation.map(str::to_string);
            }
            if self.follow.push(item.speaker, item.text, &r.labels, &r.near) {
                r.add_kept_report(item.text);
            }
        }
        results
    }
}

fn turn_of(item: &Item, labels: Vec<Behaviour>) -> Turn {
    Turn { speaker: item.speaker.map(str::to_string), msg: Normalized::new(item.text), labels }
}

/// Labels `items[s..e]` in order. A context inside the chunk is exact as far
/// as the chunk's own results are; one before it is reconstructed. Returns
/// each result with the context labels it used.
fn label_chunk(
    analyzer: &mut Analyzer,
    items: &[Item],
    contexts: &[Option<Source>],
    carried: &[Turn],
    s: usize,
    e: usize,
    depth: usize,
) -> Vec<(MessageAnalysis, Option<Vec<Behaviour>>)> {
    let mut out: Vec<(MessageAnalysis, Option<Vec<Behaviour>>)> = Vec::with_capacity(e - s);
    // The chunk's messages as turns, normalised once.
    let mut turns: Vec<Turn> = Vec::with_capacity(e - s);
    for i in s..e {
        let speculated;
        let turn: Option<&Turn> = match contexts[i] {
            None => None,
            Some(Source::Carried(k)) => Some(&carried[k]),
            Some(Source::Item(c)) if c >= s => Some(&turns[c - s]),
            Some(Source::Item(c)) => {
                speculated = speculate(analyzer, items, contexts, carried, c, depth);
                Some(&speculated)
            }
        };
        let msg = Normalized::new(items[i].text);
        let r = analyzer.analyze_normalized(items[i].text, &msg, turn);
        let used = turn.map(|t| t.labels.clone());
        turns.push(Turn { speaker: items[i].speaker.map(str::to_string), msg, labels: r.labels.clone() });
        out.push((r, used));
    }
    out
}

/// Message `c` as a context turn, labelled with its own context
/// reconstructed `depth` turns back (none beyond).
fn speculate(analyzer: &mut Analyzer, items: &[Item], contexts: &[Option<Source>], carried: &[Turn], c: usize, depth: usize) -> Turn {
    let prev = match contexts[c] {
        Some(Source::Carried(k)) => Some(carried[k].clone()),
        Some(Source::Item(p)) if depth > 0 => Some(speculate(analyzer, items, contexts, carried, p, depth - 1)),
        _ => None,
    };
    let labels = analyzer.analyze(items[c].text, prev.as_ref()).labels;
    turn_of(&items[c], labels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::ConversationAnalyzer;
    use proptest::prelude::*;

    const TEXTS: &[&str] = &[
        "you never listen to me",
        "that's not my fault, you started it",
        "I got the job!!",
        "omg congrats, I'm so proud of you ❤️",
        "can we take a break and talk tonight at 8?",
        "whatever. fine.",
        "I promise I'll call after work",
        "ok",
        "wow thanks a lot 🙄",
        "what happened today? tell me",
        "if you go out tonight don't bother coming back",
        "I'm sorry, that was unfair of me",
        // Kept reports: labelled `promise` only after an open promise.
        "Called. All sorted for Sunday",
        "back. got the milk too",
    ];

    fn sequential(items: &[Item]) -> Vec<MessageAnalysis> {
        // The reference: ConversationAnalyzer with a reset at every change of
        // conversation, as `haven label` has always done.
        let mut conv = ConversationAnalyzer::new(Analyzer::new());
        let mut current: Option<&str> = None;
        items
            .iter()
            .map(|it| {
                if it.conversation.is_none() || it.conversation != current {
                    conv.reset();
                }
                current = it.conversation;
                conv.push(it.speaker, it.text)
            })
            .collect()
    }

    fn same(a: &[MessageAnalysis], b: &[MessageAnalysis]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.labels == y.labels
                    && x.findings.len() == y.findings.len()
                    && x.findings.iter().zip(&y.findings).all(|(f, g)| {
                        (f.behaviour, f.start, f.end) == (g.behaviour, g.start, g.end) && f.confidence.to_bits() == g.confidence.to_bits()
                    })
            })
    }

    prop_compose! {
        fn stream()(picks in prop::collection::vec((0..3usize, 0..4usize, 0..TEXTS.len()), 0..400)) -> Vec<(Option<String>, Option<String>, &'static str)> {
            picks.into_iter().map(|(c, sp, t)| {
                let conversation = (c > 0).then(|| format!("c{c}"));
                let speaker = (sp < 3).then(|| ["A", "B", "C"][sp].to_string());
                (conversation, speaker, TEXTS[t])
            }).collect()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Any stream, cut into any batches, on several threads: the same
        /// results as labelling one message after another.
        #[test]
        fn parallel_labelling_equals_sequential(msgs in stream(), cut in 1usize..150, depth in 0usize..3) {
            let items: Vec<Item> = msgs.iter().map(|(c, s, t)| Item { conversation: c.as_deref(), speaker: s.as_deref(), text: t }).collect();
            let expected = sequential(&items);
            let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
            let mut batch = BatchLabeller::new(Analyzer::new);
            // Depth 0 speculates badly on purpose, so the sequential pass has
            // work to do.
            batch.depth = depth;
            batch.min_chunk = if depth == 0 { 1 } else { 64 };
            let got: Vec<MessageAnalysis> = pool.install(|| items.chunks(cut).flat_map(|b| batch.label(b)).collect());
            prop_assert!(same(&got, &expected));
        }
    }

    /// The team's dev conversations (context-dependent labels in real
    /// wording), with every message its own chunk and speculation off, so
    /// that the sequential pass must repair: the results still equal
    /// labelling in order.
    #[test]
    fn real_conversations_with_bad_speculation_are_repaired() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/dev.jsonl");
        let records: Vec<serde_json::Value> =
            std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let items: Vec<Item> = records
            .iter()
            .map(|r| Item { conversation: r["conversation"].as_str(), speaker: r["speaker"].as_str(), text: r["text"].as_str().unwrap() })
            .collect();
        let expected = sequential(&items);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(8).build().unwrap();
        let mut batch = BatchLabeller::new(Analyzer::new);
        batch.depth = 0;
        batch.min_chunk = 1;
        let got: Vec<MessageAnalysis> = pool.install(|| items.chunks(500).flat_map(|b| batch.label(b)).collect());
        assert!(same(&got, &expected));
        eprintln!("relabelled {}", batch.relabelled);
        assert!(batch.relabelled > 0, "the sequential pass was never exercised");
    }

    #[test]
    fn a_long_two_person_conversation_is_exact_and_rarely_relabelled() {
        let items: Vec<Item> = (0..5000)
            .map(|i| Item {
                conversation: Some("c"),
                speaker: Some(if i % 3 == 0 { "A" } else { "B" }),
                text: TEXTS[(i * 7 + i / 5) % TEXTS.len()],
            })
            .collect();
        let expected = sequential(&items);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        let mut batch = BatchLabeller::new(Analyzer::new);
        let got = pool.install(|| batch.label(&items));
        assert!(same(&got, &expected));
        // 16 chunks: at most a few re-labels at each boundary.
        assert!(batch.relabelled < 16 * 4, "relabelled {}", batch.relabelled);
    }
}
