//! # past
//!
//! ## What it flags
//! Dredging up old mistakes or history as a weapon in the current
//! disagreement: "just like last Christmas", "you did the exact same thing at
//! my sister's wedding", "remember when you…" said accusingly. Fond memories
//! ("remember when we danced in the rain ❤️") and "we got through worse" are
//! not flagged.
//!
//! ## Why it matters
//! Kitchen-sinking makes today's problem feel unsolvable and tells your
//! partner that nothing is ever forgiven, so there is no point in repairing.
//!
//! ## Example
//! > you did the exact same thing at my sister's wedding
//!
//! ## Say instead
//! > Tonight really hurt. Can we talk about tonight?
//!
//! ## Crosswalk
//! RMICS hostility (kitchen-sinking).

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Past,
    patterns: &[
        p(
            r"(?P<m>(?:just |exactly )?like (?:last|that|the last|the other) (?:time|christmas|year|summer|winter|weekend|birthday|new year|new years|thanksgiving|easter|month|week|night|holiday|vacation|trip|party|wedding|anniversary|time you))",
            0.8,
            NOT_REPORTED,
        ),
        p(r"(?P<m>remember (?:when|the time|that time|how) you)", 0.6, NOT_REPORTED),
        p(
            r"(?P<m>(?:the )?(?:exact )?same (?:thing|shit|crap|stunt|bullshit|mistake|way) (?:you did|you pulled|as|like|that you|again|at|on|last))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>you did (?:the )?(?:exact )?same (?:thing|shit|crap)?|you pulled (?:this|that|the same) (?:at|on|last|before|with))",
            0.75,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:this|it) is (?:just )?like (?:when|the time|last|that time|what happened))", 0.75, NOT_REPORTED),
        p(
            r"(?P<m>(?:after|considering|given) (?:what|everything|all) you (?:did|put me through|have done|pulled)|(?:i have|i) (?:never|not) (?:forgotten|forgot|forgiven) (?:what|how|when|that|the time)|i will never forget (?:what|how|when|the time)|you never (?:apologi[sz]ed|said sorry) for)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:\d+|two|three|four|five|six|ten|couple of|few) (?:years|months|weeks) ago you|back in (?:\d{4}|college|uni|school|the day|january|february|march|april|may|june|july|august|september|october|november|december) you|since (?:the|that|last) (?:incident|time|wedding|christmas|party|trip|affair|thing with))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:you said|you promised|you swore) (?:that|the same|this) (?:last time|before|last year|last month|last week|too)|heard that before|heard it before|not the first time|(?:this|it) is not the first time|history (?:is )?repeating|here we go again with)",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:like|as) you did (?:with|at|on|last|when|to|in|before)|(?:just )?like you always did|(?:just )?like your ex|still not over (?:what|how|the time))",
            0.65,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:should i|shall i|do i need to|want me to) (?:remind you|bring up|mention) (?:about |of )?(?:the|what|how|that|when))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:same|exactly|just|like|same story|same excuse|same thing) (?:like |as |with )?(?:[^ ]+ ){0,4}?(?:last (?:year|month|week|time|summer|spring|winter|autumn|fall|christmas|weekend|night)|years? ago|months? ago|christmas|birthday|bday|valentines|halloween|new year|thanksgiving|easter|wedding|engagement|graduation|funeral|party|trip|holiday|vacation|honeymoon|uni|college|school play|in (?:19|20)[0-9][0-9]|in (?:january|february|march|april|may|june|july|august|september|october|november|december)))",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:this|that|it) is (?:exactly |just |precisely )?(?:what (?:happened|you did|you said|you pulled)|the same (?:as|thing|story)|like (?:the|your|my|when|last|at|with)))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>you (?:also |already )?did (?:this|that|the same(?: thing)?|it) (?:with|at|on|in|last|before|to|when|again)|(?:same|again) as (?:the|your|my|last|at|with|when|christmas|before)\b)",
            0.7,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: Some(rewrite),
};

/// Memories shared with affection are warmth, not a weapon.
fn check(ctx: &Ctx, _span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let c = ctx.msg.cues;
    if (c.heart || c.laugh) && !c.angry && !c.eyeroll {
        return None;
    }
    let t = &ctx.msg.text;
    let hostile =
        ["again", "always", "never", "same", "every", "typical", "ruined", "forgot", "embarrass", "lied", "fault", "sick of", "tired of"]
            .iter()
            .any(|w| t.contains(w));
    Some(if hostile { conf.max(0.75) } else { conf })
}

fn rewrite(ctx: &Ctx) -> String {
    // The history is the weapon; the clause worth keeping is today's.
    match complaint_clause(ctx, &["same", "last", "remember", "like", "again", "before", "ago", "time", "when"], &[]) {
        Some(c) => format!("Right now I'm upset that {c}. Can we talk about this one?"),
        None => "Stay with the one issue in front of you: \"Right now I'm upset about what happened today. Can we talk about that?\""
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_history_used_as_a_weapon() {
        for t in [
            "you did the exact same thing at my sister's wedding",
            "just like last Christmas",
            "remember when you forgot my birthday? same thing again",
            "after everything you put me through?",
        ] {
            assert!(ids(t).contains(&"past"), "{t}");
        }
    }

    #[test]
    fn fond_memories_are_not_past() {
        for t in [
            "remember when we danced in the kitchen ❤️",
            "remember when you got lost in Rome lol 😂",
            "we got through worse, we'll get through this",
        ] {
            assert!(!ids(t).contains(&"past"), "{t}");
        }
    }
}
