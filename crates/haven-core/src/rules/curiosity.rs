//! # curiosity
//!
//! ## What it flags
//! Open, genuine questions about your partner's view, feelings or experience:
//! "what did you mean by that?", "how did that feel for you?", "help me
//! understand how you see it", "tell me more". Factual and logistic questions
//! ("what time's the train?") are not curiosity, and neither are loaded
//! questions ("how could you think that was fine?", which is `judgment`).
//!
//! A follow-up question on the news or feeling the partner just shared is
//! curiosity too, when it asks about the people or the event in it ("my
//! sister got engaged!!" → "how did he propose?"; "Kai lost his first tooth
//! today!!!" → "was he brave?").
//!
//! ## Why it matters
//! Curiosity replaces judgment with understanding and tells your partner that
//! their inner world is welcome.
//!
//! ## Example
//! > what was the hardest part of today for you?
//!
//! ## Say instead
//! Keep doing it: ask, then listen to the answer before replying.
//!
//! ## Crosswalk
//! EPITOME explorations; Perspective "curiosity".

use super::prelude::*;
use regex::Regex;
use std::sync::OnceLock;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Curiosity,
    patterns: &[
        p(
            r"(?P<m>(?:what|how) (?:do|did|does|would|are|were|was|is|has|had) (?:you|it|that|this|the \w+) (?:\S+ ){0,3}?(?:feel|felt|think|thought|mean|meant|see|want|need|like|experience|going for you|make you|seem to you|look to you|land|sit with you|affect|affected))",
            0.75,
            NOT_NEGATED | NOT_REPORTED,
        ),
        p(
            r"(?P<m>how (?:are|were|r) you (?:feeling|doing|holding up|coping|handling|going|finding)|how (?:is|was) (?:your|the) (?:day|trip|interview|appointment|meeting|work|shift|night|weekend|visit|class|exam|call|date|session|talk|first day|presentation|game|chat|lunch|dinner|evening|morning|run|flight)|how did (?:it|the \w+|your \w+) go)",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>what (?:was|is) (?:it|that|this) like (?:for you)?|what (?:was|is) (?:the )?(?:hardest|best|worst|scariest|most \w+) (?:part|thing|bit)|tell me (?:more|about it|about your|everything|what happened|how)|help me understand|i (?:want|would love|would like|'d love|really want) to (?:understand|know|hear) (?:how|what|why|more|your|about|where))",
            0.85,
            NOT_NEGATED | NOT_REPORTED,
        ),
        p(
            r"(?P<m>what (?:do|would|did) you (?:need|want|think|prefer|wish|hope|feel)(?: \S+){0,4}|what (?:made|makes) you (?:feel|think|say|want|decide)|what (?:is|was) going on (?:for|with|inside) you|what are you (?:thinking|feeling|worried|afraid|scared|nervous|excited|hoping)|what (?:matters|is important) (?:most )?to you|(?:is there|is) (?:anything|something) (?:on your mind|bothering you|you want to (?:talk|share))|how do you see (?:it|this|that|things|us)|(?:why|how come) do you (?:think|feel) (?:that|this|so|like))",
            0.8,
            NOT_NEGATED | NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:do|did|would) you (?:want|need|like) to talk (?:about it)?|(?:are|r) you (?:ok|okay|alright|all right)(?:\?| really)|what (?:happened|is wrong|is up|is going on)(?:\?)|i am (?:curious|wondering) (?:about |how |what |why )|(?:can|could|would) you (?:tell|explain|help) me (?:more|what|how|why))",
            0.65,
            NOT_NEGATED | NOT_REPORTED,
        ),
        p(
            r"(?P<m>what is (?:going on|happening) (?:with|in|for) (?:it|you|your|that|him|her)|what has (?:today|your day|it|the week|work) been like|what (?:would|could|might) help (?:you|u)|what does (?:[^ ]+ ){1,3}mean to you|can i ask (?:what|why|how)|where is your head at|what (?:pulls|draws|scares|worries|excites) you|what (?:has|have) been (?:happening|going on)|i (?:want|would (?:really )?(?:love|like)|'d (?:really )?(?:love|like)) to (?:understand|hear|know) (?:why|how|what|more|about))",
            0.75,
            NOT_NEGATED | NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: Some(context),
    rewrite: None,
};

/// A loaded or rhetorical question is not curiosity.
fn check(ctx: &Ctx, _span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    (!loaded(&ctx.msg.text)).then_some(conf)
}

fn loaded(t: &str) -> bool {
    [
        "always",
        "never",
        "the hell",
        "the fuck",
        "seriously",
        "wrong with you",
        "your problem",
        "how could you",
        "even think",
        ":eyeroll:",
        "stupid",
        "why would you",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// A question about the people or the event in the partner's news or
/// feeling, asked right after it. The previous turn shared something with
/// feeling (an exclamation, a heart, a laugh, a sad face, or safety talk)
/// and carried no sabotage; this message asks how he, she, they or it is,
/// was or did, or what they said.
fn context(ctx: &Ctx) -> Option<(std::ops::Range<usize>, f32)> {
    static FOLLOW_UP: OnceLock<Regex> = OnceLock::new();
    let prev = ctx.prev?;
    let c = &prev.msg.cues;
    let shared = !prev.has_sabotage() && (c.exclamations > 0 || c.heart || c.laugh || c.sad || prev.has(Behaviour::SafetyTalk));
    if !shared || ctx.msg.cues.questions == 0 || loaded(&ctx.msg.text) {
        return None;
    }
    let follow_up = FOLLOW_UP.get_or_init(|| {
        Regex::new(
            r"\b(?:how (?:is|was|did|does|are|were) (?:he|she|they|it)\b[^.!?]*\?|(?:is|was|are|were|did|does) (?:he|she|they) [^.!?]*\?|what did (?:he|she|they) (?:say|do|think|tell you)\b)",
        )
        .expect("valid follow-up regex")
    });
    follow_up.find(&ctx.msg.text).map(|m| (m.range(), 0.7))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{ids, ids_after};

    #[test]
    fn flags_open_questions_about_the_partner() {
        for t in [
            "what did you mean by that?",
            "how did that feel for you?",
            "help me understand how you see it",
            "tell me more",
            "how was the interview??",
            "what do you need from me right now?",
        ] {
            assert!(ids(t).contains(&"curiosity"), "{t}");
        }
    }

    #[test]
    fn logistic_and_loaded_questions_are_not_curiosity() {
        for t in ["what time's the train?", "how could you think that was fine?", "what the hell do you want now?", "did you buy milk?"] {
            assert!(!ids(t).contains(&"curiosity"), "{t}");
        }
    }

    #[test]
    fn a_follow_up_question_on_the_partners_news_is_curiosity() {
        assert!(ids_after("my sister got engaged!!", "omg how did he propose?").contains(&"curiosity"));
        assert!(ids_after("Kai lost his first tooth today!!! 🦷", "NO WAY 😭 was he brave?").contains(&"curiosity"));
        assert!(ids_after("Bella got picked for the swim team!!!", "how's she feeling about it?").contains(&"curiosity"));
        // Not after flat logistics, not without a question, not a loaded one.
        assert!(!ids_after("the plumber came at 3", "did he fix the tap?").contains(&"curiosity"));
        assert!(!ids_after("my sister got engaged!!", "he proposed at the zoo").contains(&"curiosity"));
        assert!(!ids_after("my sister got engaged!!", "is she seriously marrying him?").contains(&"curiosity"));
    }
}
