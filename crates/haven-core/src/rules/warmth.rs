//! # warmth
//!
//! ## What it flags
//! Affection, missing, love, warm greetings and sign-offs with a pet name or a
//! heart ("good morning love", "welcome home! ❤️", "missed you today"),
//! flirting, fond memories, and affectionate teasing ("you dork lol love
//! you"). A plain greeting with no affection marker is not flagged.
//!
//! ## Why it matters
//! Small everyday bids of affection keep a couple connected; they are what a
//! relationship falls back on when things get hard.
//!
//! ## Example
//! > good morning sunshine ☀️ missed you last night
//!
//! ## Say instead
//! Keep doing it.
//!
//! ## Crosswalk
//! SPAFF affection.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Warmth,
    patterns: &[
        p(
            r"(?P<m>(?:i |i really |i just |i still )?(?:love|luv|adore) (?:you|u|ya|you so much|you more|you too|you to the moon)|love you|love ya|i love you|xoxo|xoxox|xxx|xx|(?:big )?(?:hugs|kisses|smooches|cuddles) (?:to you|for you|xx)?)",
            0.9,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:i )?miss(?:ed|ing)? (?:you|u|ya|your (?:face|voice|smile|hugs|laugh|cuddles))|(?:can not|cannot|can't) wait to see (?:you|u)|(?:thinking|thought) (?:of|about) you|wish you were here|counting (?:down )?the (?:days|hours|minutes)|(?:come|get) (?:here|home|back) (?:and |so i can )?(?:cuddle|kiss|hug|snuggle))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:good ?morning|morning|good ?night|night night|nighty night|sweet dreams|sleep well|sleep tight|hey|hi|hello|welcome (?:home|back)|see you (?:soon|tonight|later)|bye|night),? (?:my )?(?:{pet}|:heart:|handsome|beautiful|gorgeous))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>welcome (?:home|back)(?: \S+){0,2} ?(?:!|:heart:|:hug:)|(?:so|really) (?:glad|happy) (?:you are|you're) (?:home|back|here|mine)|(?:i am|i'm) (?:so )?(?:lucky|blessed|grateful) (?:to have you|i have you|to be with you|you are mine)|you (?:are|'re) my (?:favorite|favourite|person|everything|world|best friend|home|safe place|rock)|my (?:favorite|favourite) (?:person|human))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(r"(?P<m>(?::heart:|:hug:)(?: :heart:)*)", 0.6, NOT_REPORTED),
        // Thanks with a pet name ("thanks love", "thank you, darling"), and a
        // kiss signed at the end ("talk tomorrow x").
        p(r"(?P<m>(?:thanks|thank you|cheers|ta),? (?:my )?{pet})(?:[.!?,]|$| x$| :)", 0.75, NOT_REPORTED),
        p(r"\s(?P<m>x)$", 0.7, NOT_REPORTED),
        p(
            r"(?P<m>{you_are} (?:{intens} ){0,2}(?:cute|sweet|adorable|hot|sexy|handsome|beautiful|gorgeous|stunning|the cutest|a cutie|a snack|irresistible)|(?:you|u) look (?:so |really )?(?:good|hot|cute|beautiful|handsome|gorgeous|amazing|stunning))",
            0.8,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>remember (?:when|the time|that time|how) (?:we|our|you and i)|(?:our|that) (?:first date|first kiss|honeymoon|trip to \w+) (?:was|is)|best (?:day|night|weekend|trip) (?:ever|with you))",
            0.65,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:you|ya|u) (?:big |silly |little |adorable |absolute |total )?(?:dork|dummy|goof|goofball|nerd|weirdo|doofus|muppet|idiot|dweeb|cutie|dingus|sweetheart)(?: \S+){0,3}? (?:lol|:laugh:|:heart:|love you|:smile:))",
            0.8,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// Words after which a closing "x" names a letter or a number ("the answer
/// is x", "3 times x"), not a kiss.
const BEFORE_A_LETTER: &[&str] =
    &["is", "are", "was", "=", "of", "the", "a", "and", "or", "by", "times", "plus", "minus", "to", "at", "with", "for"];

/// Hearts in a hostile message (or "love you but…" threats) are not warmth.
fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    let m = &t[span.clone()];
    if ctx.msg.cues.eyeroll || ctx.msg.cues.angry || t.contains("if you loved me") || t.contains("if you really loved") {
        return None;
    }
    // "I love you but I'm done" still carries warmth; "love you" said as a
    // demand for reassurance is fine too. A lone heart on a sad message is
    // comfort, which we keep.
    if m.starts_with("remember") && (t.contains("again") || t.contains("same") || t.contains("forgot")) {
        return None;
    }
    // A kiss signs off after a whole phrase.
    if m == "x" && words_before(ctx, span.start, 1).next().is_some_and(|w| BEFORE_A_LETTER.contains(&w)) {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_affection() {
        for t in [
            "good morning love",
            "Good morning my darling. A window!",
            "welcome home! ❤️",
            "missed you today",
            "you're such a dork lol love you",
            "can't wait to see you tonight",
            "Good morning, darling. I have left your tablets on the counter.",
            "Good. Thank you, dear",
            "thanks love. lunch later?",
            "yeah no worries. talk tomorrow x",
            "aw you're sweet",
        ] {
            assert!(ids(t).contains(&"warmth"), "{t}");
        }
    }

    #[test]
    fn plain_greetings_are_not_warmth() {
        for t in [
            "good morning",
            "hi",
            "I don't miss you at all",
            "morning my boss wants the report",
            "thanks, love it",
            "she said thanks love and left",
            "the answer is x",
        ] {
            assert!(!ids(t).contains(&"warmth"), "{t}");
        }
    }
}
