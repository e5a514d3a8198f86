//! Analysis of one message in its conversational context: rules, then the
//! learned scorer, combined per behaviour as the trainer decided.

use crate::rules::{self, Ctx, Finding, Turn};
use crate::scorer::{self, Features, Model};
use crate::signals::{self, FollowThrough};
use crate::taxonomy::{Behaviour, Kind};
use crate::text::Normalized;
use serde::Serialize;

/// The result for one message.
#[derive(Debug, Clone, Serialize)]
pub struct MessageAnalysis {
    /// Behaviour ids present, sorted in taxonomy order (danger first when
    /// reported; see [`MessageAnalysis::ordered`]).
    pub labels: Vec<Behaviour>,
    pub findings: Vec<Finding>,
    /// Behaviours the analysis came near without flagging them: the model
    /// gave each at least [`NEAR`] ([`NEAR_BUILDER`] for most builders) of its threshold (behaviours the model
    /// decides only), or a phrase rule found it and the model overruled the
    /// rule ("I'll be home by midnight" reads as a promise to the rule even
    /// when the model, trained on authors who disagree about such plans,
    /// does not flag it). Conversation signals read them as weaker
    /// evidence beside the labels (a heated message in an escalation, a
    /// likely promise, a reply that engages with a bid; see `signals`);
    /// they are never reported as findings.
    #[serde(skip)]
    pub near: Vec<Behaviour>,
    /// `promise` was added as a report that a promise was kept
    /// ([`MessageAnalysis::add_kept_report`]). Conversation signals read
    /// the labels from before it ([`MessageAnalysis::signal_labels`]): the
    /// promise tracker finds such reports itself, and a report answers no
    /// bid.
    #[serde(skip)]
    pub kept_report: bool,
}

/// How near its threshold a probability must come for
/// [`MessageAnalysis::near`]: 0.35 of it. First chosen at one half on the
/// signal development sets labelled by a model that had not been trained
/// on them (escalation accuracy was the same from 0.3 to 0.6 of the
/// threshold); lowered to 0.35 in the fifteenth session, where on the five
/// signal development sets it raised bid turn, pause called and promise
/// outcome on some and lowered nothing (0.25 lowered escalation on one).
pub const NEAR: f32 = 0.35;

/// How near its threshold a builder's probability must come for
/// [`MessageAnalysis::near`] (not `promise` or `boundary`, which open
/// promises and pauses and keep [`NEAR`]): 0.15 of it. Signals read a near
/// builder only in a reply to a bid, as engaging with it; the replies
/// that turn toward news or a feeling are often warm in words the model
/// scores faintly ("No way!! Our little guy 🥹", "Enjoy it jare, you worked
/// for it"), while replies that turn away ("what do you want on the
/// pizza") score nothing. On the seven signal development sets, 0.15 raised
/// bid turn on four (signals-dev-4 .807 -> .832) and changed nothing else;
/// 0.1 lowered bid turn on one.
pub const NEAR_BUILDER: f32 = 0.15;

/// How near its threshold a sabotage probability must come for a faint
/// `danger` in a reply to stand beside it ([`DANGER_ALONE`]): half of it,
/// as first chosen for [`NEAR`].
pub const HEATED: f32 = 0.5;

/// In a reply (a message with a previous turn), below this probability the
/// model's `danger` with no danger phrase behind it stands only beside
/// sabotage the analysis found or came near ([`HEATED`]). Danger's threshold
/// is set very low (recall first), and the previous turn's words alone
/// lifted warm or plain replies over it ("Stay safe. Come home to me", "I
/// PASSED."): on the signal development sets and `data/dev.jsonl` danger
/// precision went from 0.30–0.64 to 0.38–0.78 for one of 74 danger messages
/// lost. A message on its own (a draft, a single line) keeps every faint
/// danger: applied there too, it cost 3 of 130 on `data/danger-dev` and 16
/// of 110 on `data/danger-heldout`. What is dropped is kept in
/// [`MessageAnalysis::near`].
pub const DANGER_ALONE: f32 = 0.3;

/// A message on its own (a draft, a single line) of fewer than this many
/// words (five or fewer), with no danger phrase in it, is not flagged
/// `danger` by the model alone. With danger's threshold at 0.025 the model read reminders of care
/// as control: "don't forget your keys" and "don't forget your passport"
/// drew the danger banner and crisis lines in `haven check`. The model's
/// own gate ([`scorer::model_may_flag`], which training shares) stops at
/// three words; this run-time floor of five changed no figure on
/// `danger-dev`, `danger-dev-2`, `danger-heldout`, `dev.jsonl` or
/// `heldout-2`, where six would have lost one danger message on
/// `danger-dev-2` and one on `danger-heldout`. A danger phrase in the
/// message ("what's ur phone password") still lets the model decide.
pub const DRAFT_DANGER_MIN_WORDS: u16 = 6;

impl MessageAnalysis {
    pub fn has(&self, b: Behaviour) -> bool {
        self.labels.contains(&b)
    }

    pub fn has_danger(&self) -> bool {
        self.has(Behaviour::Danger)
    }

    pub fn has_sabotage(&self) -> bool {
        self.labels.iter().any(|b| b.is_sabotage())
    }

    /// Findings in reporting order: danger first, then sabotage, then
    /// builders; within a kind by position.
    pub fn ordered(&self) -> Vec<&Finding> {
        let mut v: Vec<&Finding> = self.findings.iter().collect();
        v.sort_by_key(|f| (f.behaviour.kind(), f.start, f.behaviour));
        v
    }

    /// Flags `promise` on a report that a promise was kept
    /// ([`FollowThrough`]). The words shown are the first sentence that
    /// reports a deed done, or the whole message when no sentence does on
    /// its own.
    pub fn add_kept_report(&mut self, text: &str) {
        let b = Behaviour::Promise;
        if self.has(b) {
            return;
        }
        let msg = Normalized::new(text);
        let mut sentences = msg.tokens.chunk_by(|a, z| a.sentence == z.sentence).map(|t| t[0].orig.start..t[t.len() - 1].orig.end);
        let whole = || {
            let start = text.len() - text.trim_start().len();
            start..text.trim_end().len().max(start)
        };
        let span = sentences.find(|s| signals::reports_done(&text[s.clone()])).unwrap_or_else(whole);
        let finding =
            Finding { behaviour: b, start: span.start, end: span.end, confidence: KEPT_REPORT, source: "follow-through", decisive: false };
        let at = self.findings.partition_point(|f| (f.behaviour, f.start) < (b, span.start));
        self.findings.insert(at, finding);
        let at = self.labels.partition_point(|l| *l < b);
        self.labels.insert(at, b);
        self.kept_report = true;
    }

    /// The labels conversation signals read: all of them, less a `promise`
    /// that only marks a kept report ([`MessageAnalysis::kept_report`]).
    pub fn signal_labels(&self) -> std::borrow::Cow<'_, [Behaviour]> {
        if self.kept_report {
            self.labels.iter().copied().filter(|b| *b != Behaviour::Promise).collect::<Vec<_>>().into()
        } else {
            self.labels.as_slice().into()
        }
    }
}

/// The confidence of a `promise` found as a report that a promise was kept
/// ([`MessageAnalysis::add_kept_report`]).
pub const KEPT_REPORT: f32 = 0.7;

/// Analyses messages. Cheap to create; reuses buffers between calls.
pub struct Analyzer {
    model: Option<&'static Model>,
    feats: Features,
    /// The last message's embedding, for the reply that follows it.
    embeddings: scorer::EmbeddingCache,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// Rules plus the embedded model (rules only if none was trained in).
    pub fn new() -> Self {
        Self::with_model(Model::embedded())
    }

    /// Rules only: for comparisons and for rule tests.
    pub fn rules_only() -> Self {
        Self::with_model(None)
    }

    pub fn with_model(model: Option<&'static Model>) -> Self {
        rules::warm_up();
        Analyzer { model, feats: Features::default(), embeddings: scorer::EmbeddingCache::default() }
    }

    pub fn has_model(&self) -> bool {
        self.model.is_some()
    }

    /// Analyse `text`, optionally as a reply to `prev` (the other partner's
    /// last turn).
    pub fn analyze(&mut self, text: &str, prev: Option<&Turn>) -> MessageAnalysis {
        let msg = Normalized::new(text);
        self.analyze_normalized(text, &msg, prev)
    }

    pub fn analyze_normalized(&mut self, text: &str, msg: &Normalized, prev: Option<&Turn>) -> MessageAnalysis {
        let ctx = Ctx { raw: text, msg, prev };
        let mut findings = rules::run(&ctx);
        let mut near = Vec::new();
        if let Some(model) = self.model {
            let conf = scorer::rule_confidences(&findings);
            // Behaviours a decisive pattern found: the model may not overrule them.
            let mut decisive = [false; 22];
            for f in findings.iter().filter(|f| f.decisive) {
                decisive[f.behaviour.index()] = true;
            }
            scorer::features_cached(msg, &conf, prev, &mut self.feats, Some(&mut self.embeddings));
            let mut keep = [false; 22];
            let probs = model.probs(&self.feats);
            for b in Behaviour::ALL {
                let i = b.index();
                let by_rule = conf[i] > 0.0;
                let short_draft = b == Behaviour::Danger && prev.is_none() && !by_rule && msg.cues.words < DRAFT_DANGER_MIN_WORDS;
                let p = if scorer::model_may_flag(b, msg, prev.is_some()) && !short_draft { probs[i] } else { 0.0 };
                keep[i] = decisive[i] || model.modes[i].decide(by_rule, p, model.thresholds[i]);
                let near_at =
                    if b.kind() == Kind::Builder && !matches!(b, Behaviour::Promise | Behaviour::Boundary) { NEAR_BUILDER } else { NEAR };
                let came_near = model.modes[i] != scorer::Mode::Rules && p >= near_at * model.thresholds[i];
                if !keep[i] && (came_near || by_rule) {
                    near.push(b);
                }
                if keep[i] && !by_rule {
                    let span = strongest_sentence(msg, model, i);
                    findings.push(Finding {
                        behaviour: b,
                        start: span.start,
                        end: span.end,
                        confidence: p,
                        source: "model",
                        decisive: false,
                    });
                }
            }
            // The spec reads a character adjective alone ("you're so
            // selfish") as judgment and keeps name-calling for insults; the
            // model, trained on authors who split on it, often says both.
            let (nc, j) = (Behaviour::NameCalling.index(), Behaviour::Judgment.index());
            if keep[nc] && conf[nc] == 0.0 && rules::character_verdict_only(&msg.text) {
                keep[nc] = false;
                near.push(Behaviour::NameCalling);
                if !keep[j] {
                    keep[j] = true;
                    near.retain(|&b| b != Behaviour::Judgment);
                    if conf[j] == 0.0 {
                        for f in findings.iter_mut().filter(|f| f.behaviour == Behaviour::NameCalling) {
                            f.behaviour = Behaviour::Judgment;
                        }
                    }
                }
            }
            // "you're a star": the spec's name-calling insults or belittles,
            // and a model that learned "you're a …" from insults flags
            // praise names too.
            if keep[nc] && conf[nc] == 0.0 && rules::praise_name_only(&msg.text) {
                keep[nc] = false;
                near.push(Behaviour::NameCalling);
            }
            let d = Behaviour::Danger.index();
            let heated = || {
                Behaviour::ALL
                    .iter()
                    .filter(|b| b.kind() == Kind::Sabotage)
                    .any(|b| keep[b.index()] || probs[b.index()] >= HEATED * model.thresholds[b.index()])
            };
            if keep[d] && prev.is_some() && conf[d] == 0.0 && probs[d] < DANGER_ALONE && !heated() {
                keep[d] = false;
                near.push(Behaviour::Danger);
            }
            findings.retain(|f| keep[f.behaviour.index()]);
            findings.sort_by(|a, b| a.behaviour.cmp(&b.behaviour).then(a.start.cmp(&b.start)));
        }
        let mut labels: Vec<Behaviour> = findings.iter().map(|f| f.behaviour).collect();
        labels.dedup();
        MessageAnalysis { labels, findings, near, kept_report: false }
    }
}

/// The sentence whose words weigh most for behaviour `b`: the model's
/// evidence, shown to the user as the span.
fn strongest_sentence(msg: &Normalized, model: &Model, b: usize) -> std::ops::Range<usize> {
    let mut best = (f32::MIN, 0..0);
    let mut i = 0;
    while i < msg.tokens.len() {
        let s = msg.tokens[i].sentence;
        let mut j = i;
        let mut score = 0.0;
        while j < msg.tokens.len() && msg.tokens[j].sentence == s {
            let w = &msg.text[msg.tokens[j].norm.clone()];
            score += model.weight(b, scorer::word_bucket(w));
            j += 1;
        }
        if score > best.0 {
            let start = msg.tokens[i].orig.start;
            let end = msg.tokens[j - 1].orig.end;
            best = (score, start..end);
        }
        i = j;
    }
    best.1
}

/// Analyses a conversation turn by turn, giving each message the other
/// partner's last turn as context, and flagging the reports that a promise
/// made earlier was kept ([`FollowThrough`]).
pub struct ConversationAnalyzer {
    analyzer: Analyzer,
    last: Option<Turn>,
    last_other: Option<Turn>,
    follow: FollowThrough,
}

impl ConversationAnalyzer {
    pub fn new(analyzer: Analyzer) -> Self {
        ConversationAnalyzer { analyzer, last: None, last_other: None, follow: FollowThrough::new() }
    }

    /// Start a new conversation (forget the context).
    pub fn reset(&mut self) {
        self.last = None;
        self.last_other = None;
        self.follow.reset();
    }

    /// Analyse the next message. With no speaker, the previous message is the
    /// context.
    pub fn push(&mut self, speaker: Option<&str>, text: &str) -> MessageAnalysis {
        // The context is the latest turn by someone else.
        if let (Some(last), Some(sp)) = (&self.last, speaker) {
            if last.speaker.as_deref() != Some(sp) {
                self.last_other = self.last.take();
            }
        } else if speaker.is_none() {
            self.last_other = self.last.take();
        }
        let msg = Normalized::new(text);
        let mut result = self.analyzer.analyze_normalized(text, &msg, self.last_other.as_ref());
        // The context turn carries the message's own labels; a kept report
        // is found after, from the promises before it.
        self.last = Some(Turn { speaker: speaker.map(str::to_string), msg, labels: result.labels.clone() });
        if self.follow.push(speaker, text, &result.labels, &result.near) {
            result.add_kept_report(text);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_that_a_promise_was_kept_is_a_promise() {
        // Rules only: the report itself names no commitment, so only the
        // promise before it makes it one.
        let mut conv = ConversationAnalyzer::new(Analyzer::rules_only());
        assert!(conv.push(Some("A"), "I will grab milk on the way home").has(Behaviour::Promise));
        assert!(!conv.push(Some("B"), "ok thanks").has(Behaviour::Promise));
        let report = "back. got the milk too";
        let r = conv.push(Some("A"), report);
        assert!(r.has(Behaviour::Promise));
        let f = r.findings.iter().find(|f| f.behaviour == Behaviour::Promise).expect("a finding");
        assert_eq!((&report[f.start..f.end], f.source), ("back.", "follow-through"));
        // Signals read the labels from before it: their tracker finds the report itself.
        assert!(!r.signal_labels().contains(&Behaviour::Promise));
        // The same words with no promise open, or from the partner, are not.
        assert!(!conv.push(Some("A"), report).has(Behaviour::Promise));
        conv.reset();
        conv.push(Some("A"), "I will grab milk on the way home");
        assert!(!conv.push(Some("B"), report).has(Behaviour::Promise));
        conv.reset();
        assert!(!conv.push(Some("A"), report).has(Behaviour::Promise));
    }

    fn dev_texts() -> Vec<String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/dev.jsonl");
        std::fs::read_to_string(path)
            .expect("data/dev.jsonl")
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["text"].as_str().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn a_faint_danger_in_a_reply_needs_sabotage_beside_it() {
        let mut analyzer = Analyzer::new();
        if !analyzer.has_model() {
            return;
        }
        // The model puts a faint danger on warm thanks. On its own the
        // message keeps it (recall first); as a reply, it is only near.
        let text = "thank you. I know standing up to her costs you something";
        assert!(analyzer.analyze(text, None).has(Behaviour::Danger));
        let mut conversation = ConversationAnalyzer::new(Analyzer::new());
        conversation
            .push(Some("A"), "You made it because you refused to give up. Even when you were sick during exams you kept reading. I saw it");
        let thanks = conversation.push(Some("B"), text);
        assert!(!thanks.has(Behaviour::Danger) && thanks.near.contains(&Behaviour::Danger), "{thanks:?}");
        assert!(thanks.has(Behaviour::Encouragement), "{thanks:?}");
        // Danger a phrase rule found, or that comes with a threat, stays.
        assert!(conversation.push(Some("A"), "turn your location back on").has(Behaviour::Danger));
        let leverage = conversation.push(Some("B"), "if you go to your sister's this weekend i honestly don't know what i'll do to myself");
        assert!(leverage.has(Behaviour::Danger), "{leverage:?}");
    }

    #[test]
    fn a_character_adjective_alone_is_judgment_not_name_calling() {
        let mut analyzer = Analyzer::new();
        if !analyzer.has_model() {
            return;
        }
        // The model says name-calling on each of these; the spec says judgment.
        for t in ["ur so lazy i swear to god", "you're impossible", "you're so selfish sometimes"] {
            let a = analyzer.analyze(t, None);
            assert!(!a.has(Behaviour::NameCalling) && a.has(Behaviour::Judgment), "{t}: {a:?}");
            assert!(a.near.contains(&Behaviour::NameCalling) && !a.near.contains(&Behaviour::Judgment), "{t}: {a:?}");
            assert!(a.findings.iter().all(|f| f.start < f.end && f.end <= t.len()), "{t}: {a:?}");
        }
        // An insult or a noun beside the adjective stays name-calling.
        for t in ["you're a selfish pig", "ur so lazy, you useless idiot"] {
            assert!(analyzer.analyze(t, None).has(Behaviour::NameCalling), "{t}");
        }
    }

    #[test]
    fn a_praise_name_is_not_name_calling() {
        let mut analyzer = Analyzer::new();
        if !analyzer.has_model() {
            return;
        }
        // As a reply to this offer, the model alone says name-calling; it praises.
        let mut conversation = ConversationAnalyzer::new(Analyzer::new());
        conversation.push(Some("A"), "classic. want me to pick you up from Croydon?");
        let a = conversation.push(Some("B"), "you'd do that? you're a star");
        assert!(!a.has(Behaviour::NameCalling) && a.near.contains(&Behaviour::NameCalling), "{a:?}");
        assert!(analyzer.analyze("you're a star, you idiot", None).has(Behaviour::NameCalling));
    }

    #[test]
    fn a_sympathy_or_praise_phrase_flags_even_where_the_model_scores_low() {
        let mut analyzer = Analyzer::new();
        let Some(model) = scorer::Model::embedded() else {
            return;
        };
        for b in [Behaviour::Empathy, Behaviour::Encouragement] {
            assert_eq!(model.modes[b.index()], scorer::Mode::Either, "{b}");
        }
        // The model alone reads this as below empathy's threshold (the
        // shipped model scores it so; "u poor thing. was it the titration
        // one" and "poor thing, was it the late bus again" were the
        // examples until the twenty-second and twenty-third sessions'
        // models read them as sympathy on their own).
        let text = "poor thing, was it the train again";
        let msg = Normalized::new(text);
        let conf = scorer::rule_confidences(&rules::run(&Ctx { raw: text, msg: &msg, prev: None }));
        let mut feats = scorer::Features::default();
        scorer::features(&msg, &conf, None, &mut feats);
        let e = Behaviour::Empathy.index();
        assert!(conf[e] > 0.0 && model.probs(&feats)[e] < model.thresholds[e]);
        assert!(analyzer.analyze(text, None).has(Behaviour::Empathy));
    }

    #[test]
    fn a_short_reminder_on_its_own_is_not_danger_for_the_model_alone() {
        let mut analyzer = Analyzer::new();
        if !analyzer.has_model() {
            return;
        }
        // The shipped model scores these over danger's threshold on their
        // own; five words or fewer with no danger phrase and no context, so
        // the model alone may not flag them.
        for t in ["don't forget your keys", "dont forget your passport!"] {
            assert!(!analyzer.analyze(t, None).has(Behaviour::Danger), "{t}");
        }
        // A danger phrase lets the model decide; a decisive one flags it.
        assert!(analyzer.analyze("who said u could dye ur hair", None).has(Behaviour::Danger));
    }

    #[test]
    fn a_decisive_danger_phrase_is_not_overruled_by_the_model() {
        let mut analyzer = Analyzer::new();
        for t in ["swallowed all my pills. bye", "who said u could dye ur hair", "got my dads shotgun out the shed. for now"] {
            let a = analyzer.analyze(t, None);
            assert!(a.has(Behaviour::Danger), "{t}: {a:?}");
        }
    }

    #[test]
    fn near_behaviours_are_unflagged_and_need_the_model() {
        let texts = dev_texts();
        let mut rules = Analyzer::rules_only();
        assert!(texts.iter().all(|t| rules.analyze(t, None).near.is_empty()), "rules alone have no probabilities to come near");
        let mut analyzer = Analyzer::new();
        if !analyzer.has_model() {
            return;
        }
        let mut near = 0;
        for t in &texts {
            let a = analyzer.analyze(t, None);
            assert!(a.near.iter().all(|b| !a.has(*b)), "{t}: near and flagged");
            near += usize::from(a.near.iter().any(|b| b.is_sabotage()));
        }
        // Some messages come near without being flagged; far fewer than all.
        assert!(near > 0 && near < texts.len() / 4, "{near} of {}", texts.len());
    }

    #[test]
    fn a_rule_finding_the_model_overrules_is_near() {
        let mut rules = Analyzer::rules_only();
        let mut analyzer = Analyzer::new();
        if !analyzer.has_model() {
            return;
        }
        let mut overruled = 0;
        for t in dev_texts() {
            let by_rule = rules.analyze(&t, None).labels;
            let a = analyzer.analyze(&t, None);
            for b in by_rule {
                assert!(a.has(b) || a.near.contains(&b), "{t}: the rule's {b:?} is neither flagged nor near");
                overruled += usize::from(!a.has(b));
            }
        }
        assert!(overruled > 0, "the model overrules some rule findings on the dev set");
    }
}
