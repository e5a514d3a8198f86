//! # pressure
//!
//! ## What it flags
//! Not giving space: demanding an immediate answer ("answer me NOW"),
//! repeated nudges ("why are you ignoring me??"), refusing to let a
//! conversation pause ("we're doing this now", "don't walk away from me"),
//! "no excuses". With the previous turn given, pushing right after your
//! partner asked for time is flagged too. A single ordinary follow-up is not.
//!
//! ## Why it matters
//! Safety needs space as much as closeness. Pressure floods the other person
//! and makes them want to withdraw further.
//!
//! ## Example
//! > why are you ignoring me?? answer me NOW
//!
//! ## Say instead
//! > I'd love to hear from you when you're free. No rush.
//!
//! ## Crosswalk
//! "give each other space" inverted.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Pressure,
    patterns: &[
        p(
            r"(?P<m>(?:answer|pick up|reply|respond|call me|call me back|text me back|text me|get back to me|talk to me|come home|come back|come here|decide|tell me)(?: the| your)?(?: phone| me)? (?:{now}|already|this instant)(?:!|\?|$| please)?)",
            0.7,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>answer me|answer the (?:fucking |damn )?(?:phone|question)|pick up (?:the|your) (?:fucking |damn )?phone|pick up!|why (?:are|r) you (?:ignoring|avoiding|ghosting) me|(?:stop|quit) ignoring me|(?:you can not|you can't|do not you dare|don't you dare) (?:just )?(?:ignore|avoid) me)",
            0.8,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:why|how come) (?:are you|r you|you are|have you) not (?:answering|replying|responding|picking up|texting back|calling back|answered|replied|responded)|(?:why|how come) (?:have not|haven't|did not|didn't) you (?:answer|reply|respond|text back|call back|picked up|pick up))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:hello|hellooo|helloo|hey|answer|yo|babe)(?:\?|!)(?: (?:hello|hey|answer|yo|\?|!))+|(?:\? ){2,}|(?:i am|i'm) (?:still )?waiting|still waiting|i need (?:an answer|you to answer|to know|you to decide|a yes or no|your answer) (?:{now}|already|today|tonight)?)",
            0.65,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>no excuses|(?:you have|you need|you got) to (?:come|be there|decide|answer|go|do it)(?: \S+){0,4} (?:no excuses|{now}|no matter what|whether you)|(?:we are|we're) (?:talking about|discussing|doing|settling|finishing) (?:this|it) (?:{now}|tonight)|(?:we are|we're) not done(?: talking)?|(?:i am|i'm) not done(?: talking)?(?: with you)?|(?:do not|don't) (?:you )?(?:dare )?(?:walk away|hang up|leave)(?: from me| on me)?|you are not (?:going|leaving) (?:anywhere )?until)",
            0.75,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:i have|i've|i have been|i've been|i) (?:called|texted|messaged|rang) you (?:\d+|five|ten|twenty|like \d+|so many|a hundred|fifty) times|(?:\d+|ten|twenty|fifty) (?:missed )?(?:calls|texts|messages)|(?:i will|i'll|i am going to) (?:keep|just keep) (?:calling|texting|messaging)(?: until)?)",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:you|u) (?:better|had better|'d better) (?:answer|call|text|reply|come|pick up|be home|get home|respond))",
            0.75,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:why do you|how much) (?:need|more) (?:so much |more )?(?:time|space)|how much (?:longer|more time) do you need|(?:it has been|it is been) (?:\d+|five|ten|twenty|thirty) (?:minutes|mins|hours)(?: already)?|(?:are you done|done sulking|done being mad) yet|(?:you have had|you've had) enough time)",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: None,
    context: Some(context),
    rewrite: Some(rewrite),
};

/// Pushing straight after the partner asked for a pause or for space.
fn context(ctx: &Ctx) -> Option<(std::ops::Range<usize>, f32)> {
    let prev = ctx.prev?;
    let asked = prev.has(Behaviour::Boundary)
        || prev.msg.text.contains("need space")
        || prev.msg.text.contains("need some space")
        || prev.msg.text.contains("need time")
        || prev.msg.text.contains("talk later")
        || prev.msg.text.contains("not now");
    if !asked {
        return None;
    }
    let t = &ctx.msg.text;
    let words: Vec<&str> = t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |phrase: &str| {
        let p: Vec<&str> = phrase.split(' ').collect();
        words.windows(p.len()).any(|w| w == p.as_slice())
    };
    let pushes = [
        "no",
        "now",
        "why",
        "we need to",
        "finish this",
        "talk about it",
        "answer",
        "can not wait",
        "not done",
        "right now",
        "just tell me",
    ]
    .iter()
    .any(|w| has(w));
    let accepts = [
        "ok",
        "okay",
        "sure",
        "yes",
        "take",
        "of course",
        "fine by me",
        "no problem",
        "no worries",
        "whenever",
        "later then",
        "tomorrow then",
    ]
    .iter()
    .any(|w| t.starts_with(w));
    (pushes && !accepts).then_some((0..t.len(), 0.6))
}

fn rewrite(ctx: &Ctx) -> String {
    let _ = ctx;
    "Leave room: \"I'd love to talk when you're ready. Let me know when works for you.\"".to_string()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{ids, ids_after};

    #[test]
    fn flags_demands_and_nudges() {
        for t in [
            "why are you ignoring me?? answer me NOW",
            "pick up the phone",
            "I've called you 12 times",
            "we're doing this right now",
            "don't walk away from me",
            "you have to come, no excuses",
        ] {
            assert!(ids(t).contains(&"pressure"), "{t}");
        }
    }

    #[test]
    fn ordinary_follow_ups_are_not_pressure() {
        for t in ["did you see my text?", "call me when you can", "no rush, answer whenever"] {
            assert!(!ids(t).contains(&"pressure"), "{t}");
        }
    }

    #[test]
    fn pushing_after_a_pause_request_is_pressure() {
        assert!(ids_after("I need some space tonight, let's talk tomorrow", "no, we need to talk about it now").contains(&"pressure"));
        assert!(!ids_after("I need some space tonight, let's talk tomorrow", "ok, tomorrow then ❤️").contains(&"pressure"));
    }
}
