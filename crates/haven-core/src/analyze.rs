//! Analysis of one message in its conversational context: rules, then the
//! learned scorer, combined per behaviour as the trainer decided.

use crate::rules::{self, Ctx, Finding, Turn};
use crate::scorer::{self, Features, Model};
use crate::taxonomy::Behaviour;
use crate::text::Normalized;
use serde::Serialize;

/// The result for one message.
#[derive(Debug, Clone, Serialize)]
pub struct MessageAnalysis {
    /// Behaviour ids present, sorted in taxonomy order (danger first when
    /// reported; see [`MessageAnalysis::ordered`]).
    pub labels: Vec<Behaviour>,
    pub findings: Vec<Finding>,
}

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
}

/// Analyses messages. Cheap to create; reuses buffers between calls.
pub struct Analyzer {
    model: Option<&'static Model>,
    feats: Features,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// Rules plus the embedded model (rules only if none was trained in).
    pub fn new() -> Self {
        rules::warm_up();
        Analyzer { model: Model::embedded(), feats: Features::default() }
    }

    /// Rules only: for comparisons and for rule tests.
    pub fn rules_only() -> Self {
        rules::warm_up();
        Analyzer { model: None, feats: Features::default() }
    }

    pub fn with_model(model: Option<&'static Model>) -> Self {
        rules::warm_up();
        Analyzer { model, feats: Features::default() }
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
        if let Some(model) = self.model {
            let conf = scorer::rule_confidences(&findings);
            scorer::features(msg, &conf, prev, &mut self.feats);
            let mut keep = [false; 22];
            let probs = model.probs(&self.feats);
            for b in Behaviour::ALL {
                let i = b.index();
                let p = if scorer::model_may_flag(b, msg, prev.is_some()) { probs[i] } else { 0.0 };
                let by_rule = conf[i] > 0.0;
                keep[i] = model.modes[i].decide(by_rule, p, model.thresholds[i]);
                if keep[i] && !by_rule {
                    let span = strongest_sentence(msg, model, i);
                    findings.push(Finding { behaviour: b, start: span.start, end: span.end, confidence: p, source: "model" });
                }
            }
            findings.retain(|f| keep[f.behaviour.index()]);
            findings.sort_by(|a, b| a.behaviour.cmp(&b.behaviour).then(a.start.cmp(&b.start)));
        }
        let mut labels: Vec<Behaviour> = findings.iter().map(|f| f.behaviour).collect();
        labels.dedup();
        MessageAnalysis { labels, findings }
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
/// partner's last turn as context.
pub struct ConversationAnalyzer {
    analyzer: Analyzer,
    last: Option<Turn>,
    last_other: Option<Turn>,
}

impl ConversationAnalyzer {
    pub fn new(analyzer: Analyzer) -> Self {
        ConversationAnalyzer { analyzer, last: None, last_other: None }
    }

    /// Start a new conversation (forget the context).
    pub fn reset(&mut self) {
        self.last = None;
        self.last_other = None;
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
        let result = self.analyzer.analyze_normalized(text, &msg, self.last_other.as_ref());
        self.last = Some(Turn { speaker: speaker.map(str::to_string), msg, labels: result.labels.clone() });
        result
    }
}
