//! # sarcasm
//!
//! ## What it flags
//! Mocking, sarcastic or contemptuous remarks: praise that means the opposite
//! ("oh great, another brilliant plan"), thanks for what was not done ("wow,
//! thanks for finally showing up"), mock titles ("genius", "your majesty"),
//! and eye-rolls aimed at the partner. An eye-roll at a situation, or playful
//! banter with no complaint, is not flagged.
//!
//! ## Why it matters
//! Contempt is the strongest single predictor of divorce in Gottman's research.
//! Sarcasm says "I look down on you" while leaving no room to answer it.
//!
//! ## Example
//! > oh wow, thanks for *finally* showing up 🙄
//!
//! ## Say instead
//! > I was hurt that you were late without a text. Next time could you let me
//! > know when you're running behind?
//!
//! ## Crosswalk
//! SPAFF contempt; Four Horsemen: contempt.

use super::prelude::*;
use crate::text::Normalized;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Sarcasm,
    patterns: &[
        p(
            r"(?P<m>oh (?:great|wonderful|perfect|fantastic|brilliant|lovely|joy|goody|awesome|nice|good|sure|really|wow|please|look|how nice|how sweet|how thoughtful|how convenient|what a surprise|of course))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:wow|oh|gee|well),? (?:thanks|thank you|thx) (?:so much |a lot )?(?:for (?:finally|nothing|the help|helping|noticing|asking|remembering|that)|a lot|so much))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>thanks for (?:finally|nothing|absolutely nothing|the help,? i guess)|thanks a lot(?: for nothing)?(?: :eyeroll:)?|thanks for nothing)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:sure|yes|yeah|oh yes|oh yeah|right|ok),? (?:because|cause|cuz) you (?:are|were|have|always|never|totally|so|really|clearly|obviously))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:yeah|yes) right|sure you (?:did|do|are|will|were)|whatever you say|if you say so|of course you did)",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:nice|good|great|well done|way to go|real smooth|smooth move|nice going|good going|nice one|good one|bravo|congrats|congratulations)(?:,? (?:genius|einstein|sherlock|captain obvious|hero|champ|smart guy|smart ass|smartass|mr perfect|miss perfect|your highness|your majesty|princess|buddy|pal)))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:genius|einstein|sherlock|captain obvious|mr perfect|miss perfect|mister perfect|your highness|your majesty|his majesty|her majesty|the great one|saint \w+|mother teresa|mr know it all|miss know it all|know it all))",
            0.6,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:look|look at) who (?:finally |has |is |decided |remembered )*(?:decided|remembered|woke up|showed up|is up|is awake|is home|is here|graced|bothered|deigned|managed|crawled))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:so |how )?(?:nice|kind|good|generous|sweet|thoughtful|considerate|big) of you to (?:finally |actually |even )?\w+)",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:glad|nice|good|great) (?:that )?you (?:could |finally |actually )*(?:join us|make it|grace us|show up|showed up|remembered|decided to|found the time|bothered))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:what a|big|huge|color me|colour me|such a|wow what a) surprise|shocking|shocker|who would have thought|who could have guessed|imagine that|quelle surprise|colour me shocked|color me shocked)",
            0.65,
            NOT_REPORTED,
        ),
        p(r"(?P<m>must be nice|(?:it )?must be (?:so )?nice to)", 0.75, NOT_REPORTED),
        p(
            r"(?P<m>(?:real|very|so|how) (?:mature|grown up|adult|classy|helpful|useful|smart|clever|original|thoughtful|considerate|romantic|responsible))(?: (?:of you|there|:eyeroll:|:smirk:|:clap:))?(?:[.!]|$)",
            0.6,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(r"(?P<m>(?:love|loving) that for (?:me|us|you)|(?:love|loving) how you|i just love (?:it )?(?:how|when) you)", 0.7, NOT_REPORTED),
        p(
            r"(?P<m>(?:great|nice|awesome|amazing|brilliant|perfect|wonderful|fantastic|lovely|thanks|thank you|cool|sure|good job|well done|so helpful|very helpful|love it|cute)(?: \w+){0,6} (?::eyeroll:|:smirk:|:clap: :clap:))",
            0.85,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?::eyeroll:|:smirk:))", 0.45, NOT_REPORTED),
        p(
            r"(?P<m>(?:another|yet another) (?:brilliant|genius|great|wonderful|amazing|fantastic|stellar|bright|perfect) (?:idea|plan|decision|move|choice|suggestion))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:wow|oh wow),? you (?:actually|finally|really) (?:did|remembered|managed|cleaned|showed|answered|replied|called|texted|noticed|listened|helped))",
            0.8,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:because|cause) that (?:went|worked out) so well (?:last time)?)", 0.9, NOT_REPORTED),
        p(
            r"(?P<m>(?:sorry|so sorry) (?:to|for) (?:bother|bothering|interrupt|interrupting|inconvenience|inconveniencing) (?:you|your (?:highness|majesty|busy)))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:take|took) your sweet time|no rush,? (?:really|seriously)|(?:do not|don't) strain yourself|(?:do not|don't) hurt yourself|i will alert the media|alert the media|someone give (?:you|this man|this woman) a medal|gold star|give you a medal|want a medal|want a cookie|want a trophy)",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:oh )?poor (?:you|baby|thing|little you)(?:[,.!]? (?:always|must be|so hard|the victim|maybe|stop|how awful|it must)))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:mr|mister|miss|little miss|ms|captain|saint|sir|lady) (?:reasonable|perfect|right|always right|know it all|nice guy|popular|busy|important|responsible|sensible|calm|innocent|sunshine|organised|organized|punctual|helpful|sensitive|logic|drama|generous|thoughtful|patience|hardworking|feelings))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:slow clap|(?::clap: ?){2,}|fascinating|riveting|how original|how shocking|what a shock|real (?:nice|mature|smooth|classy|cute)|(?:really|very|so) mature|brilliant (?:comeback|idea|plan|move)|always the victim|(?:good|nice|great) to know(?:[.!]|$)))",
            0.75,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>[.!?] (?:cool|nice|great|lovely|perfect|wonderful|fantastic|awesome|noted|classy|cute|sweet|love that)[.!]*$)",
            0.6,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:please|do) (?:tell me|remind me|explain) (?:again|more) (?:how|about)|(?:only|just) took you (?:[^ ]+ ){0,2}(?:days|hours|weeks|months|years|minutes)|(?:doing|done) (?:a )?(?:great|fantastic|wonderful|brilliant|amazing) job (?:of|at) (?:making|ruining|ignoring|proving|being))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>^(?:sure|right|yeah|ok|oh right|oh sure)[.,!]? (?:because|cause|just like|like)\b|silly me|how convenient|love the (?:priorities|effort|enthusiasm|support|attitude)|(?:very|so) on brand|truly (?:heroic|inspiring|impressive|groundbreaking)|famously|(?:a|give you a|deserve a|want a|get a) (?:medal|trophy|prize|cookie|gold star)|(?:really|so) feeling the love|(?:thanks|thank you) for the support|we are doing (?:ultimatums|this) now|(?:wow|oh)[^.!?]{0,40}(?:incredible|amazing|heroic|impressive|inspiring)[.!]?$)",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: Some(rewrite),
};

fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    let m = &t[span.clone()];
    // A bare eye-roll only counts when aimed at the partner in a complaint.
    if m == ":eyeroll:" || m == ":smirk:" {
        let aimed = t.contains("you")
            && (t.contains("again")
                || t.contains("always")
                || t.contains("never")
                || t.contains("sure")
                || t.contains("whatever")
                || t.contains("of course")
                || t.contains("great")
                || t.contains("thanks")
                || t.contains("nice")
                || t.contains("wow"));
        return aimed.then_some(0.6);
    }
    // Sincere enthusiasm: hearts or praise words without complaint cues.
    if ctx.msg.cues.heart && !t.contains(":eyeroll:") && !t.contains(":smirk:") {
        return None;
    }
    // A title said in celebration is praise: "YESSS my genius 🎉", "You
    // absolute genius, so proud of you", "told u ur a genius". Mocking
    // titles come with the complaint ("you had the car last, genius").
    let before = &t[..span.start];
    if TITLES.contains(&m) && (before.ends_with("my ") || celebrating(ctx.msg)) && !complaining(t) {
        return None;
    }
    // A medal the speaker claims, or one earned for putting up with them,
    // is a joke about themselves: "Bathroom done. I expect a medal",
    // "thirty years putting up with me, you deserve a medal".
    if m.contains("medal") || m.contains("trophy") || m.contains("gold star") {
        let own = words_before(ctx, span.start, 3).any(|w| w == "i");
        if own || t.contains("up with me") {
            return None;
        }
    }
    // "oh great, the bus is late": sarcasm at a situation, not the partner.
    if m.starts_with("oh ") && !t.contains("you") && !t.contains(":eyeroll:") {
        return (conf * 0.6 >= 0.4).then_some(0.4);
    }
    Some(conf)
}

/// Mock titles that are also plain praise when celebrating.
const TITLES: &[&str] = &["genius", "einstein", "the great one"];

/// The message celebrates: cheering emoji, pride, congratulations, an
/// elongated "yes", "omg", or two exclamation marks.
fn celebrating(msg: &Normalized) -> bool {
    const CHEERS: &[&str] = &[":cheer:", "proud of", "congrat", "omg", "yess", "yay", "woo", "i knew it", "told you", "knew you"];
    msg.cues.exclamations >= 2 || CHEERS.iter().any(|c| msg.text.contains(c))
}

/// The message also complains: the words that turn praise into mockery.
fn complaining(t: &str) -> bool {
    const COMPLAINTS: &[&str] = &[
        "again",
        "forgot",
        "as always",
        "as usual",
        "another",
        "learn to",
        "managed to",
        ":eyeroll:",
        "why",
        "how is",
        "last time",
        "you had",
    ];
    COMPLAINTS.iter().any(|c| t.contains(c))
}

fn rewrite(ctx: &Ctx) -> String {
    // Sarcastic praise inverts its clause, so only a clause that states the
    // problem itself is reused.
    match complaint_clause(
        ctx,
        &["finally", "thanks", "remembered", "managed"],
        &["not", "didn't", "don't", "never", "late", "forgot", "left", "ignored", "again"],
    ) {
        Some(c) => format!("I was hurt that {c}. Could we talk about it?"),
        None => "Say the real complaint plainly: \"I was hurt by what happened. Could we talk about it?\"".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_mocking_remarks() {
        for t in [
            "oh wow, thanks for *finally* showing up 🙄",
            "sure, because you're ALWAYS on time",
            "oh great, another brilliant plan",
            "nice going, genius",
            "look who finally decided to wake up",
            "must be nice to sleep till noon",
            "oh brilliant, you forgot the milk AGAIN. genius.",
            "you had the car last, genius",
            "you want a medal for emptying the dishwasher?",
        ] {
            assert!(ids(t).contains(&"sarcasm"), "{t}");
        }
    }

    #[test]
    fn sincere_praise_and_situations_are_not_sarcasm() {
        for t in [
            "thank you so much for dinner ❤️",
            "great job today, proud of you",
            "ugh the train is late again 🙄",
            "good night",
            "WHAT!!! Years of getting up at 5 to write and look!!! You absolute genius",
            "good luck tomorrow my genius, u got this 💪",
            "Bathroom done. Even the grout. I expect a medal",
            "Thirty years putting up with me, you deserve a medal",
        ] {
            assert!(!ids(t).contains(&"sarcasm"), "{t}");
        }
    }

    #[test]
    fn insinuation_is_suspicion_not_sarcasm() {
        // "Funny how…" does not say the opposite of what it means: it hints.
        for t in ["funny how you never mentioned her", "interesting that your phone was off all night"] {
            let found = ids(t);
            assert!(found.contains(&"suspicion") && !found.contains(&"sarcasm"), "{t}: {found:?}");
        }
        // "as usual" after a verdict adds "always" to it: judgment, not irony.
        let verdict = ids("and you're being selfish. as usual");
        assert!(verdict.contains(&"judgment") && !verdict.contains(&"sarcasm"), "{verdict:?}");
    }
}
