//! # promise
//!
//! ## What it flags
//! A concrete commitment to your partner with a named action or time ("I'll
//! pick you up at six", "I promise I'll call the landlord tomorrow"),
//! including hedged ones ("I can't promise she'll agree but I'll ask her"),
//! and your own report that one was kept ("done, booked it like I said").
//! Plans that are not commitments ("gym at 6"), a bare "on it", requests for
//! a promise and the partner's confirmation are not flagged.
//!
//! ## Why it matters
//! Keeping small promises is how consistency, and with it trust, is built.
//!
//! ## Example
//! > I'll call the landlord first thing tomorrow, promise
//!
//! ## Say instead
//! Keep doing it: name what and when, and close the loop when it's done.
//!
//! ## Crosswalk
//! The source's "be consistent".

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Promise,
    patterns: &[
        p(
            r"(?P<m>i (?:will|am going to|promise (?:i will|to|that i will|you i will)?|swear i will|will make sure (?:to|i)|will definitely|will totally|will absolutely|can|could) (?:\S+ ){0,2}?{commit_verb}\b(?: \S+){0,10})",
            0.75,
            NOT_REPORTED | NOT_QUESTION,
        ),
        // Texting drops the subject: "ok will call at lunch", "Will do
        // before I crash". Only at the start of a sentence or after a
        // one-word reply, where "will" cannot have another subject.
        p(
            r"(?:^|[.!?,] )(?:(?:ok|okay|k|sure|yes|yep|yeah|ya|alright|fine|right|cool|aye|no worries|no problem|got it|noted)[,.!]? )?(?P<m>will (?:do\b|(?:definitely |def |deffo |totally )?{commit_verb}\b)(?: \S+){0,8})",
            0.7,
            NOT_REPORTED | NOT_QUESTION,
        ),
        p(
            r"(?P<m>i promise|i swear (?:i will|i am going to|to god i will)|you have my word|pinky promise|i give you my word|(?:i will|i'll) make it up to you|count on me|consider it done|i got you,? (?:i will|i'll))",
            0.8,
            NOT_REPORTED | NOT_QUESTION | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:done|booked|paid|fixed|called|sorted|cleaned|sent|ordered|picked (?:it |them )?up|finished|handled|cancelled|canceled|scheduled|bought|got it|did it)(?:\S* )?(?:\S+ ){0,6}?(?:like|as) (?:i )?(?:said|promised|i said|i promised)|as promised|like i (?:said|promised) i would|i kept my (?:promise|word)|told you i would)",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:just|already|finally) (?:booked|paid|called|did|finished|cleaned|fixed|sent|ordered|picked up|sorted|scheduled|cancelled|bought|emailed|rang|texted) (?:the |your |our |it|that|them|him|her)\S*(?: \S+){0,4})",
            0.55,
            NOT_REPORTED | NOT_QUESTION,
        ),
        p(
            r"(?P<m>(?:i will|i'll|i am going to|i'm going to) (?:\S+ ){0,6}?(?:by|before|at|tomorrow|tonight|today|this weekend|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|first thing|after work|next week|this week|every (?:day|night|week|morning)|from now on|in \w+ (?:minutes|hours|mins)))",
            0.6,
            NOT_REPORTED | NOT_QUESTION,
        ),
        p(r"(?P<m>(?:i will|i'll|i am going to) (?:never|not) (?:\S+ ){0,3}?(?:again|anymore|any more))", 0.6, NOT_REPORTED | NOT_QUESTION),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// Words that turn "I will …" into a threat, harm or sarcasm, anywhere in
/// the commitment's sentence.
const NOT_A_PROMISE: &[&str] = &[
    "kill",
    "hurt",
    "hit",
    "leave you",
    "break up",
    "divorce",
    "regret",
    "if you",
    "unless you",
    "or else",
    "or i",
    "never forgive",
    "find someone",
    "be sorry",
    "make you",
    "show you",
    "end it",
    "end this",
    "myself",
    "disappear",
    "sleep",
    "die",
];

/// Words that make "I will …" a guess, not a commitment, when they hedge
/// the commitment itself ("I'll probably order one", "maybe I'll call")
/// rather than another clause ("it's probably the belt I'll order one
/// tonight").
const A_GUESS: &[&str] =
    &["probably", "maybe", "might", "guess", "we will see", "not sure", "depends", "if i can", "if i have time", "if i remember", "try to"];

fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    let m = &t[span.clone()];
    // Only the commitment's own sentence can turn it into a threat or a
    // guess: "it's probably the belt. I'll order one tonight" still commits.
    let sentence = sentence_around(ctx, &span);
    // The commitment and the two words before it.
    let hedged = |w: &&str| m.contains(w) || words_before(ctx, span.start, 2).any(|l| l.contains(w));
    if (NOT_A_PROMISE.iter().any(|w| sentence.contains(w)) || A_GUESS.iter().any(hedged)) && !m.contains("promise") {
        return None;
    }
    // "I will be home late" is news, not a commitment.
    if m.contains("late") && !m.contains("not") {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_commitments_and_kept_reports() {
        for t in [
            "I'll pick you up at six",
            "I promise I'll call the landlord tomorrow",
            "done, booked it like I said",
            "I'll be home by 7, promise",
            "I won't be late again",
            "Ok. Will call at lunch",
            "Will do before I crash",
            "it's probably the belt. I'll order one tonight",
            "okay don't use it it's probably the belt I'll order one tonight",
        ] {
            assert!(ids(t).contains(&"promise"), "{t}");
        }
    }

    #[test]
    fn plans_and_requests_are_not_promises() {
        for t in [
            "gym at 6",
            "will you promise to call?",
            "I'll kill you if you spoil it 😂",
            "if you go I'm leaving",
            "on it",
            "she will call at lunch",
            "will you call at lunch?",
            "I'll probably order one tonight",
        ] {
            assert!(!ids(t).contains(&"promise"), "{t}");
        }
    }
}
