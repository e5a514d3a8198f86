//! # name-calling
//!
//! ## What it flags
//! Insulting, demeaning or belittling your partner as a person: calling them a
//! name ("idiot", "loser"), a demeaning adjective aimed at them ("you're
//! pathetic"), or a put-down of their worth ("grow up", "you can't do anything
//! right"). Not flagged: negated ("you're not stupid"), about someone else
//! ("my boss called me an idiot"), self-talk ("I'm such an idiot"),
//! affectionate teasing ("you dork lol love you"), or a praise name with no
//! insult beside it ("you're a star"), even when the model leans that way.
//!
//! ## Why it matters
//! An insult attacks who your partner is rather than what happened. It leaves
//! nothing to fix and teaches them that being open with you is risky.
//!
//! ## Example
//! > you're honestly such an idiot, you forgot the tickets AGAIN
//!
//! ## Say instead
//! > I'm really frustrated that the tickets got left behind. Can we figure out
//! > a way to not miss them next time?
//!
//! ## Crosswalk
//! SPAFF contempt / belligerence; RMICS psychological abuse.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::NameCalling,
    patterns: &[
        p(r"(?P<m>{you_are} (?:{intens} ){0,3}(?:{insult_noun}|{insult_adj}))", 0.9, SABOTAGE | NOT_JOKING),
        p(
            r"(?P<m>you (?:{intens} ){0,3}(?:stupid |dumb |fucking |little |lazy |ugly |fat |pathetic |useless |selfish |absolute |complete |total |silly )*{insult_noun})",
            0.9,
            SABOTAGE | NOT_JOKING,
        ),
        p(
            r"(?:^|[,.!?] )(?P<m>(?:{intens} )?(?:stupid |dumb |fucking |useless |pathetic |selfish |lazy |absolute |complete )*{insult_noun})(?:[,.!?]|$)",
            0.7,
            SABOTAGE | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:grow up|get a brain|get a life|get a grip|man up|pathetic|useless|unbelievable|disgusting))(?:[.!]|$)",
            0.6,
            SABOTAGE | NOT_JOKING,
        ),
        p(r"(?P<m>you can not (?:even )?do (?:anything|one thing|a single thing|nothing) right)", 0.85, SABOTAGE),
        p(
            r"(?P<m>(?:are you|r you) (?:{intens} )*(?:stupid|dumb|an idiot|a moron|brain dead|braindead|deaf|blind|slow|mental|insane|crazy|thick|simple|retarded))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>how (?:stupid|dumb|thick|dense|pathetic|useless) (?:are you|can you be|can one person be|is that))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:nobody|no one|no other (?:man|woman|guy|girl)) (?:else )?(?:would|will|could) (?:ever )?(?:want|love|put up with|date|marry|stand) you)",
            0.85,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:what|such) (?:a|an) (?:{intens} )?(?:{insult_noun}))(?:[.!]|$)", 0.55, SABOTAGE | NOT_JOKING),
        p(
            r"(?P<m>(?:shut up|shut the fuck up|screw you|fuck you|fuck off|piss off|go to hell|get lost),? (?:{intens} )?(?:{insult_noun}))",
            0.9,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:your|you have (?:a|the)) (?:tiny |small |pea sized |little )?brain)", 0.55, SABOTAGE | NOT_JOKING),
        p(
            r"(?P<m>you are (?:nothing|a nobody|worth nothing|not worth (?:it|anything|shit)|beneath me|an embarrassment to))",
            0.85,
            SABOTAGE,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: Some(rewrite),
};

/// Drop matches whose subject is really the speaker or a third person.
fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    // "I feel like an idiot", "he is such a jerk": the bare-noun pattern can
    // fire on these; require the partner to be the target.
    if words_before(ctx, span.start, 3)
        .any(|w| matches!(w, "i" | "am" | "me" | "myself" | "he" | "she" | "they" | "him" | "her" | "is" | "like"))
        && !ctx.msg.text[span.clone()].starts_with("you")
    {
        return None;
    }
    Some(conf)
}

fn rewrite(ctx: &Ctx) -> String {
    match complaint_clause(ctx, &[], &[]) {
        Some(c) => format!("I'm really frustrated that {c}. Can we work out together how to avoid it next time?"),
        None => "I'm really frustrated right now. Can we talk about what happened and how to fix it?".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{ids, span};
    use crate::taxonomy::Behaviour;

    #[test]
    fn flags_insults_aimed_at_the_partner() {
        for t in [
            "you're honestly such an idiot",
            "ur so dumb omg",
            "you absolute clown",
            "shut up, idiot",
            "are you stupid??",
            "nobody else would put up with you",
            "you can't do anything right",
        ] {
            assert!(ids(t).contains(&"name-calling"), "{t}");
        }
    }

    #[test]
    fn near_misses_are_not_flagged() {
        for t in [
            "you're not stupid, you're tired",
            "my boss called me an idiot today",
            "I'm such an idiot, forgot my keys",
            "you're such a dork lol love you",
            "he is an idiot",
            "I feel like an idiot",
        ] {
            assert!(!ids(t).contains(&"name-calling"), "{t}");
        }
    }

    #[test]
    fn rewrite_keeps_the_complaint_and_drops_the_insult() {
        use crate::rules::{rewrite, Ctx};
        use crate::text::Normalized;
        let text = "you're honestly such an idiot, you forgot the tickets AGAIN";
        let msg = Normalized::new(text);
        let r = rewrite(Behaviour::NameCalling, &Ctx { raw: text, msg: &msg, prev: None }).unwrap();
        assert_eq!(r, "I'm really frustrated that you forgot the tickets again. Can we work out together how to avoid it next time?");
    }

    #[test]
    fn span_covers_the_insult() {
        assert_eq!(span("ugh you’re sooo STUPID sometimes", Behaviour::NameCalling).unwrap(), "you’re sooo STUPID");
    }
}
