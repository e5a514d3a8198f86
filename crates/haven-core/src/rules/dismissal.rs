//! # dismissal
//!
//! ## What it flags
//! Invalidating your partner's feelings ("you're overreacting", "it's not a
//! big deal", "calm down"), brushing them off ("whatever", "forget it, do what
//! you want"), pseudo-apologies ("sorry you feel that way"), and dismissing
//! help ("therapy is a waste of money"). With the previous turn given, a curt
//! "k" or "whatever" in reply to a shared feeling is flagged too; in reply
//! to a pause or a limit only "whatever" and its like are, since "ok" there
//! accepts it.
//!
//! ## Why it matters
//! When feelings are explained away, your partner learns that their inner
//! world does not matter to you, and stops sharing it.
//!
//! ## Example
//! > omg you're overreacting, it's not a big deal
//!
//! ## Say instead
//! > I can see this really upset you. Tell me more about it?
//!
//! ## Crosswalk
//! SPAFF stonewalling (partly); RMICS withdrawal.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Dismissal,
    patterns: &[
        p(
            r"(?P<m>{you_are} (?:{intens} ){0,3}(?:overreacting|over reacting|overthinking|over thinking|being dramatic|so dramatic|too dramatic|being (?:too |so )?(?:sensitive|emotional|silly|ridiculous|paranoid|hysterical)|too (?:sensitive|emotional)|imagining (?:things|it)|making (?:a |such a )?(?:big )?(?:deal|scene|fuss|drama)|blowing (?:this|it|things) (?:way )?out of proportion|making (?:things|stuff|this|it) up|making a mountain))",
            0.9,
            SABOTAGE,
        ),
        p(
            r"(?P<m>(?:it is|that is|this is|it was|that was|it is really) (?:not|no|nothing) (?:a |that |such a )?(?:big|huge|major) (?:deal|thing)|(?:not|no) (?:a )?big deal|not that (?:big of a |big a )?(?:deal|deep|serious|bad)|(?:it is|that is) nothing|not the end of the world|(?:it is|that is) (?:all )?in your head)",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:calm|settle|cool) (?:the fuck |tf )?down|chill (?:out|the fuck out)?|relax|get over it|get over yourself|move on|let it go|drop it|lighten up|toughen up|(?:stop|quit) (?:crying|whining|complaining|moaning|sulking|being (?:so )?(?:dramatic|emotional|sensitive|a baby|such a baby))|cry me a river|boo hoo|suck it up|deal with it|man up)",
            0.75,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:i am |i'm )?sorry (?:that )?you (?:feel|felt|are|were|got) (?:that way|like that|upset|hurt|offended|bothered)|sorry if you (?:feel|felt|were|got)|fine,? (?:i am )?sorry,? (?:ok|okay|can we|happy|now|jeez|god)|ok(?:ay)? sorry,? (?:jeez|god|geez|happy|can we drop))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:^|[.!,] )(?:whatever|w/e|fine\. whatever|sure\. whatever|ok whatever|k whatever)(?:[.!]|$|,)|(?:forget|never mind|nevermind) (?:it|i said anything)(?:,? (?:do|whatever))?|do (?:what|whatever) you want|(?:i do not|i don't|idc|who) (?:even )?cares?|so what|not my problem|your problem|sounds like a you problem|that is on you|whatever makes you happy|think what you want)",
            0.65,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:it was|it is|that is|that was) (?:just|only) a joke|can not (?:even )?take a joke|(?:it is|you are) (?:just )?(?:tired|hormonal|pmsing|on your period)|you will (?:be fine|get over it|live|survive)|(?:people|everyone) (?:have|has) it (?:worse|way worse)|at least (?:you|it) (?:still |did not |was not |is not )?\w+|other people have (?:real|actual) problems)",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:therapy|counseling|counselling|therapists?) (?:is|are) (?:a )?(?:waste|bullshit|stupid|pointless|for crazy|a scam|useless|nonsense)|we (?:do not|don't) need (?:a )?(?:therapy|therapist|counseling|counselling|counselor|counsellor))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:you|u) (?:need|have) to (?:just )?(?:get over|let (?:it|this) go|move on|stop (?:being|feeling))|just (?:ignore it|get over it|move on|stop thinking about it|let it go|forget about it)|(?:stop|quit) (?:making|turning) (?:everything|this|it) (?:into )?(?:a |such a )?(?:big )?(?:deal|drama|about you))",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: None,
    context: Some(context),
    rewrite: Some(rewrite),
};

/// A curt brush-off in answer to a feeling or a plea.
fn context(ctx: &Ctx) -> Option<(std::ops::Range<usize>, f32)> {
    let prev = ctx.prev?;
    let feeling =
        prev.has(Behaviour::SafetyTalk) || prev.msg.cues.sad || prev.msg.text.contains("i feel") || prev.msg.text.contains("i felt");
    if !feeling && !prev.has(Behaviour::Boundary) {
        return None;
    }
    let t = ctx.msg.text.trim_end_matches(['.', ' ', '!']);
    // "ok" to a pause or a limit accepts it; to a shared feeling it brushes
    // the feeling off.
    if !feeling && matches!(t, "ok" | "k" | "okay" | "fine" | "sure" | "cool" | "ok then") {
        return None;
    }
    matches!(
        t,
        "ok" | "k"
            | "fine"
            | "whatever"
            | "cool"
            | "sure"
            | "ok and"
            | "and"
            | "so"
            | "ok ?"
            | "and ?"
            | "so ?"
            | "noted"
            | "lol"
            | "wow"
            | "ok then"
    )
    .then_some((0..ctx.msg.text.len(), 0.6))
}

fn rewrite(ctx: &Ctx) -> String {
    let _ = ctx;
    "Acknowledge the feeling first: \"I can see this really matters to you. Tell me more?\"".to_string()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{ids, ids_after};

    #[test]
    fn flags_invalidation_and_brush_offs() {
        for t in [
            "omg you're overreacting, it's not a big deal",
            "calm down",
            "fine. whatever.",
            "ok whatever!",
            "sorry you feel that way",
            "fine, SORRY, can we drop it",
            "forget it, do what you want",
            "just get over it",
        ] {
            assert!(ids(t).contains(&"dismissal"), "{t}");
        }
    }

    #[test]
    fn validation_is_not_dismissal() {
        for t in ["you're not overreacting, that was awful", "it's a big deal to me", "no worries, it's fine!"] {
            assert!(!ids(t).contains(&"dismissal"), "{t}");
        }
    }

    #[test]
    fn curt_reply_to_a_feeling_is_dismissal() {
        assert!(ids_after("I felt really alone at the party tonight", "k").contains(&"dismissal"));
        assert!(!ids_after("want pizza tonight?", "k").contains(&"dismissal"));
    }

    #[test]
    fn ok_to_a_pause_accepts_it() {
        let pause = "I need 20 minutes before I say something I regret. let's pick this up at 7:15";
        assert!(!ids_after(pause, "ok").contains(&"dismissal"));
        assert!(ids_after(pause, "whatever").contains(&"dismissal"));
        assert!(ids_after("I feel like you never listen to me", "ok").contains(&"dismissal"));
    }
}
