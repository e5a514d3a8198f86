//! # listening
//!
//! ## What it flags
//! Reflective listening: paraphrasing ("so what I'm hearing is…", "it sounds
//! like you felt left out"), checking understanding ("did I get that
//! right?"), and explicit attentive cues ("I'm listening, go on").
//!
//! ## Why it matters
//! Feeling heard is the precondition for feeling safe to open up. A
//! paraphrase proves you listened, and corrects misunderstandings early.
//!
//! ## Example
//! > so it sounds like you felt left out when I made plans without you?
//!
//! ## Say instead
//! Keep doing it: reflect first, respond second.
//!
//! ## Crosswalk
//! EPITOME interpretations; SPAFF validation.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Listening,
    patterns: &[
        p(
            r"(?P<m>(?:so )?what i am hearing (?:is|you say)|(?:so )?what i hear (?:is|you saying)|(?:so )?(?:it )?sounds like (?:you|it was|that was|that made you|what you)|(?:so )?if i (?:understand|get|hear|got) (?:you|this|it|that|what you are saying) (?:right|correctly)|(?:so )?you are saying (?:that )?|(?:so )?what you (?:mean|are saying|are telling me) is|(?:so )?you (?:mean|meant) (?:that )?(?:you|i|it|when))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:did|do|have) i (?:get|understand|got|hear) (?:that|it|you|this) (?:right|correctly)|(?:is that|is this) (?:right|what you mean|what you meant|how you feel|how you felt|it)(?:\?)|correct me if i am wrong|let me (?:make sure|see if|check) (?:i|that i) (?:understand|get|got|heard|understood))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>i am (?:listening|all ears|here,? (?:go on|i am listening|talk to me|tell me))|(?:go on|keep going|i am still here),? (?:i am listening|i am here|tell me)|(?:i am |i'm )?listening,? (?:go on|take your time|keep going)|i hear you|i (?:get|understand|see) (?:what you mean|where you are coming from|why you (?:felt|feel|were|are)|how you (?:felt|feel)|that you (?:felt|feel|were|are))|that makes sense,? (?:so|you))",
            0.75,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:so|ok so|okay so) (?:you|u) (?:felt|feel|were|are|wanted|want|needed|need|thought|think) (?:\S+ ){1,10})",
            0.6,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:^|[.!?] )(?:wait |oh |ok |okay |right |got it[.,]? |i hear that[.,]? |i hear you[.,]? )?so (?:it is|it's|this is|the|you|your|on top|sometimes|it felt|that|what|for you|basically|really)\b(?: [^ ]+){2,})",
            0.55,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:less|more|not so much) about (?:[^ ]+ ){1,6}(?:and|than|but) (?:more|less|really|about))", 0.7, NOT_REPORTED),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// "so you're saying it's my fault??" is a hostile paraphrase.
fn check(ctx: &Ctx, _span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    if ctx.msg.cues.eyeroll
        || [
            "my fault",
            "i am the problem",
            "i am a bad",
            "i am the bad",
            "wow",
            "great",
            "so i am",
            "ridiculous",
            "are you serious",
            "you always",
            "you never",
        ]
        .iter()
        .any(|w| t.contains(w))
    {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_reflecting_and_checking() {
        for t in [
            "so what I'm hearing is you need more help on weekdays",
            "it sounds like you felt left out",
            "did I get that right?",
            "I'm listening, go on",
            "let me make sure I understand",
        ] {
            assert!(ids(t).contains(&"listening"), "{t}");
        }
    }

    #[test]
    fn hostile_paraphrase_is_not_listening() {
        for t in ["so you're saying it's my fault??", "sounds like a you problem", "sounds good, see you at 6"] {
            assert!(!ids(t).contains(&"listening"), "{t}");
        }
    }
}
