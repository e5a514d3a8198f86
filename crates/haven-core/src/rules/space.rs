//! # space
//!
//! ## What it flags
//! Offering or respecting your partner's time and autonomy: "take all the time
//! you need", "no pressure, whenever you're ready", "go, have fun with your
//! friends", and accepting a pause ("ok, tomorrow then").
//!
//! ## Why it matters
//! Space shows trust. A partner who is free to step away can come back by
//! choice rather than under pressure.
//!
//! ## Example
//! > no rush at all, text me whenever you're ready ❤️
//!
//! ## Say instead
//! Keep doing it.
//!
//! ## Crosswalk
//! The source's "give each other space".

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Space,
    patterns: &[
        p(
            r"(?P<m>take (?:all )?(?:the |your |as much |some )?(?:time|space|room)(?: you need| you want| you like)?|(?:no|zero) (?:pressure|rush|hurry|stress)(?: at all)?|whenever you (?:are|feel|re) ready|when you are ready|(?:in|on) your own time|at your own pace|there is no rush|(?:there is )?no need to (?:rush|hurry|reply|answer|respond|explain))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:go|enjoy|have fun|have a (?:good|great|lovely|nice|fun) (?:time|night|evening|weekend|trip))(?:,)? (?:with|at|on) (?:your |the )?(?:friends|mates|girls|boys|lads|party|night out|trip|family|sister|brother|mom|dad|colleagues|team|gang|crew|game|concert|festival)|(?:have|enjoy) (?:your|a) (?:night|evening|weekend|day|trip|time) (?:out|off|away|with)|you (?:deserve|need) (?:a|some) (?:night|evening|break|time|day) (?:out|off|for yourself|to yourself|with))",
            0.8,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>i (?:will|'ll|can|am going to) give you (?:some |all the |the )?(?:space|time|room)|(?:i will|i'll) (?:leave you (?:be|alone)|back off|let you (?:be|rest|sleep|think))|(?:i understand|i get it|that is fine|that's fine|that is ok|totally fine|of course|no problem|no worries|fair enough|sure)(?:,)? (?:you need|take|take your|you can have) (?:some |a |your )?(?:space|time|break|rest|night|minute|moment))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:ok|okay|sure|of course|no worries|no problem|fair enough|that is fine|sounds good|alright)(?:,)? (?:tomorrow|later|another time|in the morning|after|whenever|tonight|this weekend)(?: \S+){0,2} (?:then|works|is fine|it is|sounds good|is good)|(?:text|call|message|find) me when(?:ever)? you (?:can|are ready|want|feel like it|are free|have a minute|are done)|i am (?:here|around) (?:when|whenever|if) you (?:are ready|want|need))",
            0.75,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:it is|that is|that's|its) (?:totally |completely |entirely )?(?:your|up to you)(?: call| choice| decision)?|(?:do|go with) what(?:ever)? (?:feels|is) right for you|you (?:do not|don't) (?:have to|need to|owe me) (?:explain|reply|answer|decide|an explanation|anything)(?: \S+){0,3})",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// "do what you want" said in anger is dismissal, not space.
fn check(ctx: &Ctx, _span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    if ctx.msg.cues.eyeroll
        || ctx.msg.cues.angry
        || ["whatever", "i do not care", "fine then", "clearly", "as usual", "obviously"].iter().any(|w| t.contains(w))
    {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_offering_space() {
        for t in [
            "take all the time you need",
            "no pressure, whenever you're ready",
            "go, have fun with your friends!",
            "ok, tomorrow then",
            "text me whenever you're ready ❤️",
        ] {
            assert!(ids(t).contains(&"space"), "{t}");
        }
    }

    #[test]
    fn angry_permission_is_not_space() {
        for t in ["whatever, it's your call 🙄", "I need space", "where are you?"] {
            assert!(!ids(t).contains(&"space"), "{t}");
        }
    }
}
