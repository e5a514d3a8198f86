//! # safety-talk
//!
//! ## What it flags
//! Naming what made you feel safe or unsafe with your partner ("when you
//! raised your voice I felt scared", "it made me feel safe when you…"), or
//! inviting that conversation ("can we talk about what happened last
//! night?", "is there anything that would help you feel safer with me?").
//!
//! ## Why it matters
//! Couples who can talk about safety learn what each needs, and vague tension
//! becomes something they can work on together.
//!
//! ## Example
//! > when you slammed the door I felt really scared
//!
//! ## Say instead
//! Keep doing it. Describe your own experience ("I felt…") rather than your
//! partner's intent.
//!
//! ## Crosswalk
//! The source's "create conversations around emotional safety".

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::SafetyTalk,
    patterns: &[
        p(
            r"(?P<m>(?:when|whenever|after|the way|how) you (?:\S+ ){1,12}?i (?:felt|feel|get|got|was|am|start|started|go) (?:so |really |very |kind of |a bit |a little |pretty |super |totally |like )*(?:{feeling}))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>i (?:felt|feel|get|got|was|am|start to feel|started to feel) (?:so |really |very |kind of |a bit |a little |pretty |super |totally )*(?:{feeling}) (?:\S+ ){0,3}?(?:when|whenever|after|because|the way|that) (?:you|we|i|it|u))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:it|that|this|your \w+|the \w+) (?:made|makes|make) me (?:feel )?(?:so |really |very |kind of |a bit |a little )*(?:{feeling}|feel (?:like|as if)))",
            0.8,
            NOT_REPORTED | NOT_QUESTION,
        ),
        p(
            r"(?P<m>i (?:do not|don't|did not|didn't|never) feel (?:\S+ )?(?:safe|heard|seen|comfortable|secure|respected|like i can|able to)|i (?:feel|felt) (?:safe|unsafe|secure|at home|at ease|calm|relaxed) (?:with|around|when|because) you|walking on eggshells|on eggshells)",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:can|could|would|should) we (?:please )?(?:talk|chat|sit down and talk) about (?:what happened|last night|earlier|this morning|yesterday|the other (?:day|night)|how (?:we|i|you)|what (?:you|i) said|us|the fight|the argument|our fight|that fight|what went wrong|how it felt|how that felt|how i felt|how you felt|what made|the way)|i (?:want|wanted|would like|need|needed) to talk (?:to you )?about (?:how (?:i|you) (?:felt|feel)|what happened|last night|the way|us|something that (?:hurt|upset|bothered|scared)))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:what|is there anything (?:that|i can do to)|anything i (?:can|could) do to) (?:would |could |does |did )?(?:help you |make you )?feel (?:safe|safer|more comfortable|more secure|better|ok|okay) (?:with|around|when|about)?|(?:do|did) you (?:feel|ever feel) (?:safe|unsafe|scared|afraid|comfortable|like you can) (?:with|around|when|to)|(?:does|did) (?:it|that|my \w+) (?:scare|frighten|upset|hurt) you)",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:i need|i want|i'd like|i would like) (?:you )?to (?:tell you|know|say) (?:how|that) (?:\S+ ){0,6}?(?:felt|feel|hurt|scared)|(?:your|the) (?:tone|voice|yelling|shouting|silence|anger|silent treatment) (?:made|makes|scared|scares|hurt|hurts|frightened|frightens) me)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>thank you for (?:making me feel|being so) (?:safe|calm|heard|gentle|patient)|i felt (?:so )?(?:safe|loved|cared for|seen|heard|respected|supported) when you)",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:it is|it's|that is|that's|you are|you're|this is) (?:really |honestly |kind of )?(?:scaring|frightening|freaking) me|i flinch|i (?:freeze|shut down|panic|go quiet)\b|(?:make|makes|made) me feel (?:less|more) (?:secure|safe|loved|wanted|connected)|i feel (?:safest|most safe|safe) (?:with|when)|(?:i felt|i feel) (?:really |so |kind of |a bit )?(?:blindsided|invisible|unheard|dismissed|belittled|humiliated|small|stupid|unsafe|on edge) (?:when|because|that|like|by|after)|is there anything i do that (?:makes|made) you feel|can we (?:please )?talk about (?:it|that|this|the [^ ]+ thing)(?:\?|$| tomorrow| tonight| later))",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// "I feel bad when the bus is late" is a feeling about a situation, not
/// about the relationship; keep those only when the partner is involved.
fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let m = &ctx.msg.text[span];
    let t = &ctx.msg.text;
    let about_us = m.contains("you")
        || m.contains(" we ")
        || m.contains(" us")
        || m.contains("eggshells")
        || m.contains("safe")
        || t.contains(" you ");
    about_us.then_some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_naming_safety_and_inviting_the_talk() {
        for t in [
            "when you raised your voice I felt scared",
            "I felt really small when you laughed at me",
            "can we talk about what happened last night?",
            "I feel like I'm walking on eggshells",
            "it made me feel so safe when you held my hand",
        ] {
            assert!(ids(t).contains(&"safety-talk"), "{t}");
        }
    }

    #[test]
    fn plain_feelings_about_things_are_not_safety_talk() {
        for t in ["I feel sick, must be the sushi", "I was tired when I got home", "can we talk about dinner plans?"] {
            assert!(!ids(t).contains(&"safety-talk"), "{t}");
        }
    }
}
