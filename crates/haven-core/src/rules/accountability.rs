//! # accountability
//!
//! ## What it flags
//! Taking responsibility and apologising without a "but": "you're right, that
//! was on me", "I'm sorry I snapped at you", "my bad, I should have called".
//! A neutral explanation that keeps the responsibility ("sorry I forgot, I
//! didn't set a reminder") still counts. An apology with an excuse or
//! counter-blame is `defensiveness`; "sorry you feel that way" is
//! `dismissal`.
//!
//! ## Why it matters
//! Accountability is Gottman's antidote to defensiveness: owning even a small
//! part de-escalates and shows the relationship matters more than being
//! right.
//!
//! ## Example
//! > you're right, I was short with you this morning. I'm sorry.
//!
//! ## Say instead
//! Keep doing it; skip the "but".
//!
//! ## Crosswalk
//! Gottman's antidote to defensiveness.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Accountability,
    patterns: &[
        p(
            r"(?P<m>(?:you are|you're|ur|youre) (?:totally |completely |absolutely )?right,? (?:that|it|i|this|about)|(?:that|it|this) (?:was|is|one is) (?:totally |all |completely |entirely )?(?:on me|my fault|my bad|my mistake|my responsibility)|my bad|my fault|mea culpa)",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:(?:i am|i'm|im|so|really|very) )?(?:so |really |very |truly |deeply |terribly )?sorry(?: \S+){0,2}? (?:i|for|about|that i|for being|for what i|for not|for the way|for how)\b(?: \S+){0,8})",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>i (?:was|am|have been) (?:so |completely |totally )?(?:wrong|out of line|unfair|harsh|rude|a jerk|an idiot|an ass|selfish|short with you|snappy|mean|a dick|thoughtless|inconsiderate|defensive|a bit much|too harsh)|i (?:messed|screwed|fucked|mucked) (?:up|that up|this up|it up)|i apologi[sz]e|i owe you an apology|i take (?:full |complete )?responsibility|(?:i )?(?:own|owning) (?:it|that|this)|no excuse(?:s)?|(?:there is|there's) no excuse|i should (?:not |never )?have|i shouldn't have|i should not have|(?:i will|i'll|i am going to) do better|forgive me|(?:i hurt|i know i hurt) you|that (?:was|is) not (?:ok|okay|fair|right|cool) of me)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>^(?:sorry|i am sorry|so sorry|really sorry|i'm sorry|sorry babe|sorry love)(?: :sad:| :heart:|\.|!)?$)",
            0.6,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// An apology with a "but", an excuse or minimising is defensiveness only
/// (labelling rule 6); sympathy ("sorry to hear") is empathy.
fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    let after = &t[span.start..];
    let excuse = [
        " but ",
        " but,",
        "though",
        "you should have",
        "you could have",
        "if you had",
        "if you would",
        "not a big deal",
        "only because",
        "because you",
        "you made me",
        "you also",
        "you too",
        "at least i",
        "to be fair",
        "in my defense",
        "in my defence",
        "whatever",
    ];
    // "…, but that's not an excuse" owns it rather than excusing it.
    let owns_it = ["not an excuse", "no excuse", "that is on me", "my fault"].iter().any(|w| after.contains(w));
    if !owns_it && excuse.iter().any(|w| after.contains(w)) {
        return None;
    }
    if ["sorry you feel", "sorry if you", "sorry you are", "sorry to hear", "sorry for your loss", "sorry that happened", "sorry you had"]
        .iter()
        .any(|w| t.contains(w))
    {
        return None;
    }
    if ctx.msg.cues.eyeroll || (t.contains("fine") && t.contains("sorry") && ctx.msg.cues.shouting()) {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_ownership_without_excuses() {
        for t in [
            "you're right, that was on me",
            "I'm sorry I snapped at you",
            "sorry I forgot, I didn't set a reminder",
            "I messed up. no excuse.",
            "sorry",
        ] {
            assert!(ids(t).contains(&"accountability"), "{t}");
        }
    }

    #[test]
    fn apologies_with_excuses_or_sympathy_are_not_accountability() {
        for t in [
            "I'm sorry but you could have reminded me",
            "sorry you feel that way",
            "so sorry to hear about your dad",
            "fine, SORRY, can we drop it",
        ] {
            assert!(!ids(t).contains(&"accountability"), "{t}");
        }
    }
}
