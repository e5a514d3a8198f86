//! # judgment
//!
//! ## What it flags
//! Criticism of your partner's character rather than one action: global
//! verdicts ("you never listen", "you always make everything about you"),
//! character labels ("you're so selfish"), loaded questions ("what is wrong
//! with you?", "how could anyone think that was fine?") and assumed bad
//! motives ("you did it on purpose"). A specific complaint about one action
//! ("you didn't call when you landed") is not judgment, and neither is a
//! positive "always" ("you always make me laugh").
//!
//! ## Why it matters
//! A complaint invites a fix; a criticism of character invites defence. It is
//! the first of Gottman's Four Horsemen and usually opens the spiral.
//!
//! ## Example
//! > you always make everything about you
//!
//! ## Say instead
//! > I felt left out at dinner when the talk stayed on your work. Could we
//! > make some room for my news too?
//!
//! ## Crosswalk
//! Four Horsemen: criticism; RMICS distress-maintaining attribution.

use super::prelude::*;
use crate::lexicon;
use regex::Regex;
use std::sync::OnceLock;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Judgment,
    patterns: &[
        p(r"(?P<m>{you_are} (?:{intens} ){0,3}{flaw_adj})", 0.85, SABOTAGE | NOT_JOKING),
        p(
            r"(?P<m>you (?:just |literally |seriously |really |honestly |basically )?(?:{always}) (?:\S+ ){0,5}?\S+)",
            0.75,
            SABOTAGE | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:what is|what the (?:hell|fuck) is|what is) (?:wrong|the matter) with you|what is your (?:problem|deal|issue)|what (?:kind|sort) of (?:a )?(?:person|partner|man|woman|boyfriend|girlfriend|husband|wife|mother|father|parent|human being) (?:are you|does|would|is))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>how (?:could|can|would) (?:you|anyone|anybody|someone|a person) (?:even |possibly |seriously )?(?:be so|think|do|say|forget|not|ever))",
            0.8,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:who|what (?:kind of )?(?:person|adult|grown man|grown woman)) (?:even |actually )?(?:does|forgets|says|acts like|behaves like) (?:that|this|something like that)|only you would|typical (?:you|of you)|classic you|so typical|that is so you)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>you (?:only|just) (?:ever )?(?:care|think) about (?:yourself|you|your)|you do not (?:even |actually |really |ever )?care about (?:anyone|anything|me|us|my|how|what)|everything (?:is|has to be) (?:always )?about you|it is always about you|you (?:clearly|obviously) (?:do not|don't) care)",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>you (?:did|do|said|say) (?:it|this|that) on purpose|you (?:just )?want(?:ed)? to (?:hurt|upset|embarrass|humiliate|punish|annoy|control) me|you (?:love|enjoy|like) (?:making me|seeing me|to see me) (?:suffer|miserable|upset|cry))",
            0.8,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>you are (?:the|a) (?:worst|most selfish|laziest|most useless|most inconsiderate|most annoying) (?:\S+ ){0,2}?(?:partner|boyfriend|girlfriend|husband|wife|listener|father|mother|dad|mom|person|human)|you are incapable of|you have no (?:respect|consideration|shame|decency|empathy|idea how to))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:there you go|here you go) again|(?:you|u) (?:do|did) this every (?:single )?time|every (?:single )?time (?:with you|you)|(?:you|u) (?:can not|can't) (?:even|ever) (?:\S+ ){1,3}(?:right|properly|once))",
            0.75,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:why|how come) (?:do|are|can) you (?:always|never|constantly)\b(?: \S+){1,6})", 0.8, NOT_REPORTED),
        p(
            r"(?P<m>(?:why|how) (?:are you|r you|can you be|would you be) (?:so|this|such a|always) (?:\S+ )?(?:{flaw_adj}|{insult_adj}))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:is it|is it really) (?:that|so|too) (?:hard|difficult|much to ask)|(?:how hard|how difficult) (?:is it|can it be)|would it kill you to)",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: Some(rewrite),
};

/// Words that make an always/never sentence a compliment, not a verdict.
const POSITIVE_AFTER_ALWAYS: &[&str] = &[
    "laugh",
    "smile",
    "happy",
    "best",
    "love",
    "cheer",
    "support",
    "there for me",
    "know how",
    "know what",
    "get me",
    "feel good",
    "feel better",
    "feel loved",
    "feel safe",
    "feel special",
    "beautiful",
    "amazing",
    "sweet",
    "kind",
    "thoughtful",
    "on my side",
    "have my back",
    "fail to",
    "gave up on me",
    "give up",
    "believe",
    "forget my birthday",
    "let me down",
    "look good",
    "look great",
    "make time",
    "make it work",
    "figure it out",
    "help me",
    "bring",
    "surprise",
    "say the right",
    "make me",
    "been there",
    "had my back",
    "been so",
    "stop loving",
];

fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    let m = &t[span.clone()];
    let is_always = m.starts_with("you")
        && ["always", "never", "constantly", "every", "all the time", "each time", "forever", "not once"].iter().any(|w| m.contains(w));
    if is_always {
        let rest = &t[span.start..];
        if POSITIVE_AFTER_ALWAYS.iter().any(|w| rest.contains(w)) || ctx.msg.cues.heart {
            return None;
        }
        // "you never have to apologise", "you never know": idioms, not verdicts.
        if [
            "never know",
            "never have to",
            "never need to",
            "always welcome",
            "always can",
            "always have me",
            "always be",
            "always been",
            "never alone",
        ]
        .iter()
        .any(|w| rest.contains(w))
        {
            return None;
        }
    }
    Some(conf)
}

fn rewrite(ctx: &Ctx) -> String {
    let t = &ctx.msg.text;
    // "you never X" / "you always X" → an I-statement about one occasion.
    for (word, lead) in [("you never ", "I feel hurt when you don't "), ("you always ", "I feel frustrated when you ")] {
        if let Some(i) = t.find(word) {
            let vp: String = t[i + word.len()..].split(['.', '!', '?', ',', ':']).next().unwrap_or("").trim().to_string();
            if !vp.is_empty() && vp.split(' ').count() <= 8 {
                return format!("{lead}{vp}. Could we talk about what would help?");
            }
        }
    }
    match complaint_clause(ctx, &[], &[]) {
        Some(c) => format!("I feel upset that {c}. Could we talk about what would help?"),
        None => "Describe one specific event and your feeling: \"I feel [feeling] when [this happened]; could we [request]?\"".to_string(),
    }
}

/// Whether the message's only verdict on the partner is a character
/// adjective ("you're so selfish", "ur being ridiculous", "god you're
/// exhausting"), with no insult word and no noun after "you're" ("you're a
/// selfish pig", "ur a paranoid wreck"). The spec gives "you're so selfish"
/// as `judgment` and keeps `name-calling` for insults and belittling, so the
/// analysis reads the model's name-calling on such a message as judgment.
pub fn character_verdict_only(text: &str) -> bool {
    static VERDICT: OnceLock<Regex> = OnceLock::new();
    static INSULT: OnceLock<Regex> = OnceLock::new();
    let verdict = VERDICT.get_or_init(|| {
        let adverbs = "so|really|very|fucking|freaking|bloody|honestly|literally|just|seriously|truly|actually|being|kinda|kind of|pretty|too|always|a bit|unbelievably|incredibly|such";
        Regex::new(&lexicon::expand(&format!(r"\b{{you_are}}(?: (?:{adverbs}))* {{character_adj}}\b"))).expect("valid verdict regex")
    });
    let insult = INSULT.get_or_init(|| {
        Regex::new(&lexicon::expand(
            r"\b(?:{insult_noun}|{insult_adj}|childish|immature|grow up)\b|\b{you_are}(?: (?:so|such|just|literally|honestly|really))* (?:a|an|the|one)\b",
        ))
        .expect("valid insult regex")
    });
    verdict.is_match(text) && !insult.is_match(text)
}

/// Does the message call the partner only something that praises them
/// ("you're a star. your medal is lasagne", "you are an absolute legend"),
/// with no insult beside it? The spec's name-calling insults or belittles;
/// a model that learned "you're a …" from insults flags praise too.
pub fn praise_name_only(text: &str) -> bool {
    static PRAISE: OnceLock<Regex> = OnceLock::new();
    static INSULT: OnceLock<Regex> = OnceLock::new();
    let praise = PRAISE.get_or_init(|| {
        let before = "such|an absolute|a total|an actual|a real|my|the|a|an|absolute|total|actual|real|literally|honestly|just";
        Regex::new(&lexicon::expand(&format!(r"\b{{you_are}}(?: (?:{before}))* {{praise_noun}}\b"))).expect("valid praise regex")
    });
    let insult =
        INSULT.get_or_init(|| Regex::new(&lexicon::expand(r"\b(?:{insult_noun}|{insult_adj}|{flaw_adj})\b")).expect("valid insult regex"));
    praise.is_match(text) && !insult.is_match(text)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn praise_names_are_not_insults() {
        for t in ["you are a star. your medal is lasagne", "you are an absolute legend", "you would do that? you are a star"] {
            assert!(super::praise_name_only(t), "{t}");
        }
        for t in ["you are a star, you idiot", "you are a real star at being lazy", "what a star", "he is a legend"] {
            assert!(!super::praise_name_only(t), "{t}");
        }
    }

    #[test]
    fn flags_global_verdicts_and_character_attacks() {
        for t in [
            "you always make everything about you",
            "you never listen to me",
            "you're so selfish",
            "what is wrong with you?",
            "how could anyone think that was fine?",
            "you did that on purpose",
            "typical you",
        ] {
            assert!(ids(t).contains(&"judgment"), "{t}");
        }
    }

    #[test]
    fn specific_complaints_and_positive_always_are_not_judgment() {
        for t in [
            "you didn't call when you landed",
            "you always know how to cheer me up",
            "you always make me laugh",
            "I never said you were lazy",
            "you never have to apologise for crying",
        ] {
            assert!(!ids(t).contains(&"judgment"), "{t}");
        }
    }

    #[test]
    fn a_character_adjective_alone_is_a_verdict_an_insult_or_noun_is_not() {
        use super::character_verdict_only;
        use crate::text::Normalized;
        let only = |t: &str| character_verdict_only(&Normalized::new(t).text);
        for t in [
            "you're so selfish sometimes",
            "ur so lazy i swear to god",
            "you're being paranoid",
            "god you're exhausting",
            "wow. u are so arrogant",
        ] {
            assert!(only(t), "{t}");
        }
        for t in [
            "you're a selfish pig",
            "ur a paranoid wreck",
            "you're so selfish, you stupid idiot",
            "you're being so childish",
            "you're pathetic",
            "you never listen to me",
            "my boss is so lazy",
        ] {
            assert!(!only(t), "{t}");
        }
    }

    #[test]
    fn meta_negation_still_judges() {
        assert!(ids("I'm not saying you're selfish, but you never think of me").contains(&"judgment"));
    }

    #[test]
    fn rewrite_turns_never_into_an_i_statement() {
        use crate::rules::{rewrite, Ctx};
        use crate::taxonomy::Behaviour;
        use crate::text::Normalized;
        let text = "you never listen to me";
        let msg = Normalized::new(text);
        let r = rewrite(Behaviour::Judgment, &Ctx { raw: text, msg: &msg, prev: None }).unwrap();
        assert_eq!(r, "I feel hurt when you don't listen to me. Could we talk about what would help?");
    }
}
