//! The rule engine: one behaviour, one file, like a linter.
//!
//! Each file under `rules/` declares a [`Rule`]: regex patterns written over
//! the normalised text (see [`crate::text`]) with `{class}` placeholders from
//! [`crate::lexicon`], the generic guards each pattern needs (not negated, not
//! reported speech, aimed at the partner…), an optional context check that
//! looks at the previous turn, and a gentler rewrite. Its `//!` doc comment is
//! the user documentation printed by `haven explain` (extracted at build
//! time).
//!
//! All patterns of all rules share one literal prefilter (see
//! [`prefilter`]): a message is scanned once for the literals the patterns
//! require, and only the patterns whose literals all occur are run to find
//! their spans.

use crate::lexicon;
use crate::taxonomy::Behaviour;
use crate::text::Normalized;
use regex::{Regex, RegexBuilder};
use serde::Serialize;
use std::cell::RefCell;
use std::sync::OnceLock;

mod accountability;
mod boundary;
mod curiosity;
mod danger;
mod defensiveness;
mod dismissal;
mod domination;
mod empathy;
mod encouragement;
mod judgment;
pub use judgment::{character_verdict_only, praise_name_only};
mod listening;
mod name_calling;
mod past;
mod prefilter;
mod pressure;
mod promise;
mod safety_talk;
mod sarcasm;
mod seek_help;
mod space;
mod suspicion;
mod threat;
mod warmth;

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// The registry: one line per behaviour, in the taxonomy's order.
pub fn all() -> &'static [&'static Rule] {
    static RULES: [&Rule; 22] = [
        &name_calling::RULE,
        &sarcasm::RULE,
        &defensiveness::RULE,
        &threat::RULE,
        &past::RULE,
        &domination::RULE,
        &judgment::RULE,
        &dismissal::RULE,
        &suspicion::RULE,
        &pressure::RULE,
        &safety_talk::RULE,
        &promise::RULE,
        &curiosity::RULE,
        &space::RULE,
        &encouragement::RULE,
        &boundary::RULE,
        &listening::RULE,
        &empathy::RULE,
        &warmth::RULE,
        &accountability::RULE,
        &seek_help::RULE,
        &danger::RULE,
    ];
    &RULES
}

/// The documentation of a behaviour's rule, as written in its file.
pub fn documentation(b: Behaviour) -> &'static str {
    rule_doc(b.id()).unwrap_or("")
}

/// Guards applied to a pattern's match before it becomes a finding.
pub mod guard {
    /// The match must not lie in a negation scope ("you're not stupid").
    pub const NOT_NEGATED: u8 = 1;
    /// The match must not be someone else's quoted or reported words.
    pub const NOT_REPORTED: u8 = 2;
    /// The message must not carry a joke or affection marker (lol, 😂, ❤️, jk).
    pub const NOT_JOKING: u8 = 4;
    /// The message must not be a question.
    pub const NOT_QUESTION: u8 = 8;
    /// A match flags the behaviour even when the model's probability is
    /// below its threshold: for `danger` phrases precise enough that recall
    /// must not depend on the model (its training data taught it to read
    /// "kill myself" as hyperbole unless something else is dangerous).
    pub const DECISIVE: u8 = 16;
    /// The message must not make the harm hang on something other than the
    /// partner ("I'll kill myself if I have to sit through another
    /// meeting", "die of embarrassment"): that is hyperbole.
    pub const NOT_HYPERBOLE: u8 = 32;
    /// The message must not laugh ("lol", "haha", 😂, "jk"). For danger,
    /// where a heart or a smile beside control or a weapon ("phone on the
    /// table face up. u know the rule 😘", "just cleaning it 🙂") sweetens
    /// it without making it a joke.
    pub const NOT_LAUGHING: u8 = 64;
    /// The default for sabotage: not negated, not reported.
    pub const SABOTAGE: u8 = NOT_NEGATED | NOT_REPORTED;
}

/// One pattern of a rule.
#[derive(Debug, Clone, Copy)]
pub struct Pat {
    /// Regex over the normalised text, with `{class}` placeholders. A group
    /// named `m` narrows the reported span.
    pub re: &'static str,
    pub confidence: f32,
    pub guards: u8,
}

/// Shorthand for declaring patterns.
pub const fn p(re: &'static str, confidence: f32, guards: u8) -> Pat {
    Pat { re, confidence, guards }
}

/// What a rule sees.
pub struct Ctx<'a> {
    pub raw: &'a str,
    pub msg: &'a Normalized,
    /// The previous message of the conversation, if it came from the other
    /// speaker (the turn this message answers).
    pub prev: Option<&'a Turn>,
}

/// A previous turn, already analysed.
#[derive(Debug, Clone, Default)]
pub struct Turn {
    pub speaker: Option<String>,
    pub msg: Normalized,
    pub labels: Vec<Behaviour>,
}

impl Turn {
    pub fn has(&self, b: Behaviour) -> bool {
        self.labels.contains(&b)
    }

    pub fn has_sabotage(&self) -> bool {
        self.labels.iter().any(|b| b.is_sabotage())
    }
}

/// A behaviour found in a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub behaviour: Behaviour,
    /// Byte offsets into the original message.
    pub start: usize,
    pub end: usize,
    pub confidence: f32,
    /// Which evidence produced it: "rule", "context", "model" or
    /// "follow-through" (a report that a promise was kept, see
    /// `MessageAnalysis::add_kept_report`).
    pub source: &'static str,
    /// Found by a pattern marked [`guard::DECISIVE`]: the model may not
    /// overrule it.
    #[serde(skip)]
    pub decisive: bool,
}

/// Adjusts or vetoes a pattern match: (context, normalised span, confidence).
pub type CheckFn = fn(&Ctx, std::ops::Range<usize>, f32) -> Option<f32>;
/// Finds a behaviour from the previous turn: returns normalised span and confidence.
pub type ContextFn = fn(&Ctx) -> Option<(std::ops::Range<usize>, f32)>;

/// One behaviour's detector.
pub struct Rule {
    pub behaviour: Behaviour,
    pub patterns: &'static [Pat],
    /// Extra veto or boost on a pattern match: return the adjusted confidence,
    /// or `None` to drop it. Receives the normalised byte range of the match.
    pub check: Option<CheckFn>,
    /// Detection that needs the previous turn (defensiveness answering a
    /// complaint, a reply to a bid…). Returns normalised span and confidence.
    pub context: Option<ContextFn>,
    /// A gentler way to say the message (sabotage and danger only).
    pub rewrite: Option<fn(&Ctx) -> String>,
}

struct Compiled {
    prefilter: prefilter::Prefilter,
    sources: Vec<String>,
    /// Each pattern's regex, compiled the first time the prefilter lets it
    /// run: a message runs about two of the 218, so a one-shot `haven check`
    /// compiles a handful instead of all (compiling every regex was 45% of
    /// start-up).
    regexes: Vec<OnceLock<CompiledPattern>>,
    /// For each pattern: (rule index, pattern index).
    owner: Vec<(usize, usize)>,
}

/// One compiled pattern.
struct CompiledPattern {
    regex: Regex,
    /// The group `m` is the whole pattern (`(?P<m>…)` and nothing around
    /// it): the finding's span is then the match's span without the
    /// surrounding boundary's whitespace, which the regex's DFAs find on
    /// their own. Asking for the group instead runs a capture engine over
    /// the pattern's NFA, which for the big word lists is cold in cache on
    /// nearly every draft: the longest part of the slowest checks.
    whole_is_m: bool,
}

impl Compiled {
    fn pattern(&self, idx: usize) -> &CompiledPattern {
        self.regexes[idx].get_or_init(|| {
            let s = &self.sources[idx];
            // Generous automaton limits: a lazy DFA that runs out of cache
            // falls back to a much slower engine.
            let regex = RegexBuilder::new(s)
                .size_limit(64 << 20)
                .dfa_size_limit(16 << 20)
                .build()
                .unwrap_or_else(|e| panic!("bad rule pattern {s}: {e}"));
            let (ri, pi) = self.owner[idx];
            CompiledPattern { regex, whole_is_m: whole_is_m(&lexicon::expand(all()[ri].patterns[pi].re)) }
        })
    }
}

/// Whether `pattern` (placeholders expanded) is the group `m` and nothing
/// else.
fn whole_is_m(pattern: &str) -> bool {
    let hir = regex_syntax::Parser::new().parse(pattern).unwrap_or_else(|e| panic!("bad rule pattern {pattern}: {e}"));
    matches!(hir.kind(), regex_syntax::hir::HirKind::Capture(c) if c.name.as_deref() == Some("m"))
}

fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let mut sources = Vec::new();
        let mut owner = Vec::new();
        for (ri, rule) in all().iter().enumerate() {
            for (pi, pat) in rule.patterns.iter().enumerate() {
                sources.push(lexicon::expand(&format!(r"(?:^|\b|\s)(?:{})(?:\b|$|\s)", pat.re)));
                owner.push((ri, pi));
            }
        }
        let prefilter = prefilter::Prefilter::new(&sources);
        let regexes = sources.iter().map(|_| OnceLock::new()).collect();
        Compiled { prefilter, sources, regexes, owner }
    })
}

/// Build the prefilter (so that its start-up cost is not paid by the first
/// message). Regexes compile when first needed; see [`compile_all`].
pub fn warm_up() {
    compiled();
}

/// Compile every pattern now: for a long-running server, so that no request
/// pays for compiling a regex, and for tests, so that a bad pattern fails.
pub fn compile_all() {
    let c = compiled();
    for i in 0..c.regexes.len() {
        c.pattern(i);
    }
}

fn joking(msg: &Normalized) -> bool {
    laughing(msg) || msg.cues.heart || msg.text.contains(":smile:")
}

fn laughing(msg: &Normalized) -> bool {
    msg.cues.laugh || msg.text.contains("just kidding")
}

/// Harm said of something other than the partner: "if I have to sit
/// through another meeting", "if I hear that song again", "one more
/// email", "of embarrassment".
fn hyperbole(msg: &Normalized) -> bool {
    const MARKERS: &[&str] = &[
        "if i have to",
        "if i hear",
        "if i see",
        "if i get",
        "if i do not get",
        "if this",
        "if that",
        "if they",
        "if it",
        "if he",
        "if she",
        "one more",
        "another one",
        "of embarrassment",
        "of boredom",
    ];
    MARKERS.iter().any(|m| msg.text.contains(m))
}

fn passes_guards(ctx: &Ctx, guards: u8, span: &std::ops::Range<usize>) -> bool {
    use guard::*;
    // Negation is judged at the match's first word: a negator inside the
    // pattern ("you never listen") is part of what it means to match.
    if guards & NOT_NEGATED != 0 && ctx.msg.negated_at(span.start) {
        return false;
    }
    if guards & NOT_REPORTED != 0 && ctx.msg.reported_at(span.start) {
        return false;
    }
    if guards & NOT_JOKING != 0 && joking(ctx.msg) {
        return false;
    }
    if guards & NOT_LAUGHING != 0 && laughing(ctx.msg) {
        return false;
    }
    if guards & NOT_QUESTION != 0 && ctx.msg.cues.is_question {
        return false;
    }
    if guards & NOT_HYPERBOLE != 0 && hyperbole(ctx.msg) {
        return false;
    }
    true
}

/// Run every rule on one message. Findings are sorted by behaviour, one per
/// behaviour and span; spans are byte offsets into `ctx.raw`.
pub fn run(ctx: &Ctx) -> Vec<Finding> {
    thread_local! {
        static SCRATCH: RefCell<prefilter::Scratch> = RefCell::default();
    }
    let c = compiled();
    let mut out: Vec<Finding> = Vec::new();
    let rules = all();
    SCRATCH.with_borrow_mut(|s| {
        c.prefilter.candidates(&ctx.msg.text, s);
        for &idx in &s.candidates {
            run_pattern(c, ctx, idx as usize, &mut out);
        }
    });
    for rule in rules {
        if let Some(context) = rule.context {
            if let Some((span, conf)) = context(ctx) {
                push(&mut out, ctx, rule.behaviour, span, conf, "context", false);
            }
        }
    }
    out.sort_by(|a, b| a.behaviour.cmp(&b.behaviour).then(a.start.cmp(&b.start)));
    out
}

/// Find the matches of pattern `idx` and push those that pass its guards.
fn run_pattern(c: &Compiled, ctx: &Ctx, idx: usize, out: &mut Vec<Finding>) {
    let (ri, pi) = c.owner[idx];
    let rule = all()[ri];
    let pat = rule.patterns[pi];
    for span in matches(c.pattern(idx), &ctx.msg.text) {
        if span.is_empty() || !passes_guards(ctx, pat.guards, &span) {
            continue;
        }
        let conf = match rule.check {
            Some(check) => check(ctx, span.clone(), pat.confidence),
            None => Some(pat.confidence),
        };
        if let Some(conf) = conf {
            push(out, ctx, rule.behaviour, span, conf, "rule", pat.guards & guard::DECISIVE != 0);
        }
    }
}

/// The spans of a pattern's findings in `text`: each match's group `m`
/// (the whole match when it has none), without surrounding whitespace.
fn matches<'r, 't>(p: &'r CompiledPattern, text: &'t str) -> Spans<'r, 't> {
    if p.whole_is_m {
        Spans::Whole(p.regex.find_iter(text), text)
    } else {
        Spans::Group(p.regex.captures_iter(text), text)
    }
}

enum Spans<'r, 't> {
    Whole(regex::Matches<'r, 't>, &'t str),
    Group(regex::CaptureMatches<'r, 't>, &'t str),
}

impl Iterator for Spans<'_, '_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Spans::Whole(it, text) => it.next().map(|m| trim_span(text, m.range())),
            Spans::Group(it, text) => it.next().map(|caps| {
                let m = caps.name("m").unwrap_or_else(|| caps.get(0).expect("group 0"));
                trim_span(text, m.range())
            }),
        }
    }
}

fn trim_span(text: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..r.end - trail
}

fn push(
    out: &mut Vec<Finding>,
    ctx: &Ctx,
    behaviour: Behaviour,
    norm: std::ops::Range<usize>,
    confidence: f32,
    source: &'static str,
    decisive: bool,
) {
    let orig = ctx.msg.orig_span(norm);
    // Merge with an overlapping finding of the same behaviour.
    if let Some(f) = out.iter_mut().find(|f| f.behaviour == behaviour && f.start < orig.end && orig.start < f.end) {
        f.start = f.start.min(orig.start);
        f.end = f.end.max(orig.end);
        f.confidence = f.confidence.max(confidence);
        f.decisive |= decisive;
        return;
    }
    out.push(Finding { behaviour, start: orig.start, end: orig.end, confidence, source, decisive });
}

/// The rewrite a rule suggests for a message.
pub fn rewrite(b: Behaviour, ctx: &Ctx) -> Option<String> {
    all().iter().find(|r| r.behaviour == b).and_then(|r| r.rewrite).map(|f| f(ctx))
}

/// Helpers shared by the rule files.
pub(crate) mod prelude {
    pub use super::guard::*;
    pub use super::{complaint_clause, p, sentence_around, words_before, Ctx, Rule};
    pub use crate::taxonomy::Behaviour;
}

/// The last `n` words of the normalised message before byte `at`, nearest
/// first: who or what a matched phrase hangs on ("I feel like an idiot",
/// "I expect a medal").
pub fn words_before<'a>(ctx: &Ctx<'a>, at: usize, n: usize) -> impl Iterator<Item = &'a str> {
    ctx.msg.text[..at].split_whitespace().rev().take(n)
}

/// The sentences of the normalised message that hold the byte range
/// `span`, by the normaliser's own sentence split.
pub fn sentence_around<'a>(ctx: &Ctx<'a>, span: &std::ops::Range<usize>) -> &'a str {
    let (text, tokens) = (&ctx.msg.text, &ctx.msg.tokens);
    let sentence_at = |at: usize| tokens.iter().find(|t| t.norm.end > at).map(|t| t.sentence);
    let (Some(first), Some(last)) = (sentence_at(span.start), sentence_at(span.end.saturating_sub(1))) else {
        return text;
    };
    let start = tokens.iter().find(|t| t.sentence == first).map_or(0, |t| t.norm.start);
    let end = tokens.iter().rfind(|t| t.sentence == last).map_or(text.len(), |t| t.norm.end);
    &text[start..end]
}

/// The specific complaint inside a message, for concrete rewrites: the first
/// clause about something the partner did ("you forgot the tickets again"),
/// without insults, verdict words or emoji. "you never X" becomes "you
/// don't X" and "you always X" becomes "you X". Clauses with a word of `skip`
/// are passed over, and when `require` is not empty a clause needs one of its
/// words. `None` when the message has no such clause.
pub fn complaint_clause(ctx: &Ctx, skip: &[&str], require: &[&str]) -> Option<String> {
    static ATTACK: OnceLock<Regex> = OnceLock::new();
    let attack = ATTACK.get_or_init(|| {
        Regex::new(&lexicon::expand(r"\b(?:{insult_noun}|{insult_adj}|{flaw_adj}|what is wrong with you)\b")).expect("valid attack regex")
    });
    let text = &ctx.msg.text;
    for clause in text.split(['.', ',', '!', '?', ';', ':']) {
        let mut words: Vec<&str> = clause.split_whitespace().filter(|w| !w.starts_with(':')).collect();
        while matches!(
            words.first(),
            Some(&("and" | "but" | "so" | "oh" | "wow" | "well" | "like" | "because" | "then" | "just" | "seriously"))
        ) {
            words.remove(0);
        }
        if words.first() != Some(&"you") || words.len() < 3 {
            continue;
        }
        let joined = words.join(" ");
        let padded = format!(" {joined} ");
        if attack.is_match(&joined)
            || skip.iter().any(|w| padded.contains(&format!(" {w} ")))
            || (!require.is_empty() && !require.iter().any(|w| padded.contains(&format!(" {w} "))))
        {
            continue;
        }
        let out = joined
            .replacen("you never ", "you don't ", 1)
            .replacen("you always ", "you ", 1)
            .replacen("you constantly ", "you ", 1)
            .replace(" do not ", " don't ")
            .replace(" did not ", " didn't ");
        return Some(out);
    }
    None
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Run every rule on one message without context; return behaviour ids.
    pub fn ids(text: &str) -> Vec<&'static str> {
        let msg = Normalized::new(text);
        let ctx = Ctx { raw: text, msg: &msg, prev: None };
        let mut v: Vec<_> = run(&ctx).iter().map(|f| f.behaviour.id()).collect();
        v.dedup();
        v
    }

    /// The first finding of `b` as the flagged original text.
    pub fn span(text: &str, b: Behaviour) -> Option<String> {
        let msg = Normalized::new(text);
        let ctx = Ctx { raw: text, msg: &msg, prev: None };
        run(&ctx).into_iter().find(|f| f.behaviour == b).map(|f| text[f.start..f.end].to_string())
    }

    /// Behaviours of `text` as a reply to `prev` (spoken by the other partner).
    pub fn ids_after(prev: &str, text: &str) -> Vec<&'static str> {
        let pmsg = Normalized::new(prev);
        let pctx = Ctx { raw: prev, msg: &pmsg, prev: None };
        let mut labels: Vec<Behaviour> = run(&pctx).iter().map(|f| f.behaviour).collect();
        labels.dedup();
        let turn = Turn { speaker: Some("A".into()), msg: pmsg.clone(), labels };
        let msg = Normalized::new(text);
        let ctx = Ctx { raw: text, msg: &msg, prev: Some(&turn) };
        let mut v: Vec<_> = run(&ctx).iter().map(|f| f.behaviour.id()).collect();
        v.dedup();
        v
    }

    /// Every training and dev message, normalised as the rules see it.
    fn data_texts() -> Vec<String> {
        let mut texts = Vec::new();
        for file in ["train.jsonl", "dev.jsonl"] {
            let path = format!("{}/../../data/{file}", env!("CARGO_MANIFEST_DIR"));
            let data = std::fs::read_to_string(path).unwrap_or_default();
            for line in data.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                texts.push(Normalized::new(v["text"].as_str().unwrap()).text);
            }
        }
        texts
    }

    #[test]
    fn whole_is_m_reads_the_pattern_structure() {
        assert!(whole_is_m(r"(?P<m>you (?:are|were) (?:rude|mean))"));
        assert!(!whole_is_m(r"(?:^|[,.!?] )(?P<m>stupid)"));
        assert!(!whole_is_m(r"(?P<m>what a (?:idiot|jerk))(?:[.!]|$)"));
        assert!(!whole_is_m(r"you are (?:rude|mean)"));
    }

    /// A pattern that is its group `m` finds the same spans from its
    /// matches as from the group, on every training and dev message the
    /// prefilter lets it run on; nearly every pattern is written so.
    #[test]
    fn match_spans_equal_group_spans() {
        let c = compiled();
        let whole = (0..c.sources.len()).filter(|&i| c.pattern(i).whole_is_m).count();
        eprintln!("{whole} of {} patterns are their group m", c.sources.len());
        assert!(whole * 10 > c.sources.len() * 9, "{whole} of {} patterns are their group m", c.sources.len());
        let mut s = prefilter::Scratch::default();
        let mut compared = 0;
        for t in data_texts() {
            c.prefilter.candidates(&t, &mut s);
            for &i in &s.candidates {
                let p = c.pattern(i as usize);
                if !p.whole_is_m {
                    continue;
                }
                let by_group: Vec<_> =
                    p.regex.captures_iter(&t).map(|caps| trim_span(&t, caps.name("m").expect("group m").range())).collect();
                assert_eq!(matches(p, &t).collect::<Vec<_>>(), by_group, "pattern {i} on {t:?}");
                compared += by_group.len();
            }
        }
        assert!(compared > 10_000, "only {compared} matches compared");
    }

    /// The prefilter keeps every pattern that matches, on every training and
    /// dev message (normalised, as the rules see them), on each message
    /// joined to the next, and on every message's tail from each word on.
    #[test]
    fn prefilter_never_drops_a_match() {
        let c = compiled();
        let set = regex::RegexSetBuilder::new(&c.sources).size_limit(256 << 20).dfa_size_limit(256 << 20).build().unwrap();
        let mut s = prefilter::Scratch::default();
        let texts = data_texts();
        let mut variants: Vec<String> = texts.windows(2).map(|w| format!("{} {}", w[0], w[1])).collect();
        for t in &texts {
            variants.extend(t.match_indices(' ').map(|(i, _)| t[i + 1..].to_string()));
        }
        let (mut total, mut matched) = (0usize, 0usize);
        for (i, text) in texts.iter().chain(&variants).enumerate() {
            c.prefilter.candidates(text, &mut s);
            let want: Vec<u32> = set.matches(text).iter().map(|i| i as u32).collect();
            for w in &want {
                assert!(s.candidates.contains(w), "pattern {w} dropped for {text:?}");
            }
            if i < texts.len() {
                total += s.candidates.len();
                matched += want.len();
            }
        }
        let n = texts.len() as f64;
        eprintln!(
            "prefilter: {} literals, {:.2} candidates and {:.2} matches per message; {} texts checked",
            c.prefilter.literal_count(),
            total as f64 / n,
            matched as f64 / n,
            texts.len() + variants.len()
        );
    }

    /// Every pattern's source with its lexicon classes expanded, and the
    /// behaviour it belongs to: what the normaliser-agreement tests read.
    fn pattern_sources() -> impl Iterator<Item = (Behaviour, String)> {
        all().iter().flat_map(|r| r.patterns.iter().map(|p| (r.behaviour, lexicon::expand(p.re))))
    }

    /// The normaliser attaches sentence punctuation to the word before it
    /// ("whatever.", "morning, darling"), so a pattern that expects a space
    /// before a full stop, comma, "!" or "?" can never match there.
    #[test]
    fn no_pattern_expects_a_space_before_sentence_punctuation() {
        let spaced = regex::Regex::new(r" (?:,|\\[.!?]|\[[.!?,]|!)").unwrap();
        for (behaviour, source) in pattern_sources() {
            assert!(!spaced.is_match(&source), "{behaviour}: {source}");
        }
        let msg = Normalized::new("Good morning, darling. Whatever!");
        assert_eq!(msg.text, "good morning, darling. whatever!");
    }

    #[test]
    fn every_contraction_in_a_pattern_also_has_its_normalised_form() {
        // The normaliser expands contractions ("it's been" reads "it is
        // been"), so a pattern with only the short form never matches.
        let word = regex::Regex::new(r"[a-z]+'[a-z]+").unwrap();
        for (behaviour, source) in pattern_sources() {
            for m in word.find_iter(&source) {
                let expanded = Normalized::new(m.as_str()).text;
                assert!(expanded == m.as_str() || source.contains(&expanded), "{behaviour}: {} without {expanded}", m.as_str());
            }
        }
    }

    #[test]
    fn no_pattern_expects_a_currency_sign_the_normaliser_rewrites() {
        // The normaliser writes £, € and $ as "$ ", apart from the amount.
        let glued = regex::Regex::new(r"\\\$(?:\)\?)?\\d|[£€]").unwrap();
        for (behaviour, source) in pattern_sources() {
            assert!(!glued.is_match(&source), "{behaviour}: {source}");
        }
        assert_eq!(Normalized::new("£60 or €5 or $7").text, "$ 60 or $ 5 or $ 7");
    }

    #[test]
    fn every_pattern_compiles_and_every_rule_is_documented() {
        compile_all();
        for (i, r) in all().iter().enumerate() {
            assert_eq!(r.behaviour, Behaviour::ALL[i], "registry order");
            let doc = documentation(r.behaviour);
            for section in ["## What it flags", "## Why it matters", "## Example", "## Say instead"] {
                assert!(doc.contains(section), "{} lacks {section}", r.behaviour);
            }
            if r.behaviour.is_sabotage() || r.behaviour == Behaviour::Danger {
                assert!(r.rewrite.is_some(), "{} has no rewrite", r.behaviour);
            }
        }
    }
}
