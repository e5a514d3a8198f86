//! # curiosity
//!
//! ## What it flags
//! Open, genuine questions about your partner's view, feelings or experience:
//! "what did you mean by that?", "how did that feel for you?", "help me
//! understand how you see it", "tell me more". Factual and logistic questions
//! ("what time's the train?") are not curiosity, and neither are loaded
//! questions ("how could you think that was fine?", which is `judgment`).
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
    context: None,
    rewrite: None,
};

/// A loaded or rhetorical question is not curiosity.
fn check(ctx: &Ctx, _span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    let loaded = [
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
    ];
    if loaded.iter().any(|w| t.contains(w)) {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

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
}
