//! # domination
//!
//! ## What it flags
//! Controlling, commanding or a winner/loser stance: overruling ("because I
//! said so"), ending the discussion by decree ("end of discussion"),
//! declaring the other's view worthless ("you don't get a say", "nobody asked
//! you"). Withdrawing ("forget it") is `dismissal`; a pause that means to come
//! back is `boundary`.
//!
//! ## Why it matters
//! When one partner always wins, the other stops speaking up, and problems go
//! underground instead of getting solved.
//!
//! ## Example
//! > we're going to my parents for Christmas. end of discussion.
//!
//! ## Say instead
//! > I'd really like to spend Christmas with my parents. How do you feel
//! > about it?
//!
//! ## Crosswalk
//! SPAFF domineering.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Domination,
    patterns: &[
        p(
            r"(?P<m>because i said so|cause i said so|end of (?:discussion|story|conversation|debate|subject)|period\.? end of|and that is (?:final|that|the end of it)|that is final|this is final|my decision is final)",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:this|the|that) (?:discussion|conversation|argument|debate|topic|subject) is (?:over|closed|done|finished)|(?:i am|i'm) not (?:discussing|debating|arguing about|talking about) (?:this|it|that) (?:anymore|any more|again|further|with you))",
            0.85,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:not|non) (?:up for )?(?:debate|negotiable|discussion|up for discussion|open for discussion))", 0.8, NOT_REPORTED),
        p(
            r"(?P<m>you (?:do not|don't|will not|won't) (?:get|have) (?:a|any) (?:say|vote|choice|opinion)|you (?:have|get) no (?:say|choice|vote|right)|your (?:opinion|vote|feelings?) (?:does not|do not|don't) (?:count|matter)|nobody (?:asked|cares about) (?:you|your)|who asked you|did i ask (?:you|for your))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:i am|i'm) (?:right|always right|the one who decides|in charge|the boss|the man of|the head of)(?: and you know it)?|i know (?:better|best|what is best)(?: than you)?|i make the (?:decisions|rules|calls)|i decide (?:what|how|when|where|who)|my (?:house|money|rules),? my rules|my way or the highway)",
            0.8,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:do|you will do) (?:as|what) i (?:say|said|tell you)|(?:you will|you are going to|you're going to) do (?:it|this|that|as)|you will (?:go|come|stay|apologi[sz]e|call|do|wear|be there)|(?:i am|i'm) not asking(?: you)?,? i am telling you|i am telling you,? not asking)",
            0.8,
            NOT_REPORTED | NOT_QUESTION,
        ),
        p(
            r"(?P<m>(?:do not|don't) (?:you )?(?:argue|talk back|question me|argue with me)|stop (?:arguing|talking|interrupting)(?: with me)?|shut up|shut it|zip it|be quiet|not another word|(?:do not|don't) say another word)",
            0.7,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>you (?:do not|don't) know what you are talking about|you have no idea what you are talking about|you are wrong(?:,)? (?:and i am right|period|end of|deal with it)|admit (?:it|that) i am right|i win|i won|you lost|deal with it|accept it|get used to it|live with it|that is how it is going to be|that is how it is)",
            0.7,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:we are|i am) (?:going|doing|buying|spending|moving)\b(?: \S+){0,8} (?:whether you like it or not|like it or not|and that is that|no matter what you (?:say|think)))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>i (?:do not|don't) care what you (?:think|want|say|feel)|i (?:do not|don't) need your (?:permission|opinion|input))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:discussion|conversation|debate|argument|subject|topic) (?:over|done|closed|ended|finished)|no point (?:discussing|arguing|debating|talking about)|i have (?:made up my mind|decided)(?: already)?(?:[.,]| and)|(?:it is|its|it's) (?:done|decided|settled|final|happening)(?:[.!]|$)|you (?:do not|don't|will not|won't) get to (?:decide|choose|say|tell me|have an opinion)|i am not (?:explaining|repeating|saying) (?:it|this|myself|that) again|from now on you (?:will|are going to|ask|tell|send|come|do|call|check)|(?:that is|that's) the deal|end of(?:[.!]|$))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:you are|you're|ur) not (?:going|taking|doing|buying|getting|telling|wearing|quitting|leaving|seeing)\b(?: [^ ]+){0,5}?(?:[.!]|$)|(?:do not|don't) (?:you )?(?:call|text|see|talk to|go to|invite) (?:her|him|them|that|your)\b)",
            0.65,
            NOT_REPORTED | NOT_QUESTION,
        ),
        p(
            r"(?P<m>i (?:am|'m) (?:simply |just )?telling you|(?:i am|i'm) not having (?:you|it|that)|i have decided(?:[.!]|$)|(?:do not|don't) you dare|how many times do i have to (?:say|tell|ask)|i (?:am|'m) not asking (?:twice|again)|^absolutely not|(?:i do not|i don't) care[.!] (?:choose|do it|just)|(?:that is|that's) not up to you|because i say so)",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: None,
    context: None,
    rewrite: Some(rewrite),
};

fn rewrite(ctx: &Ctx) -> String {
    let _ = ctx;
    "Make it a shared decision: \"I feel strongly about this because [why]. What would work for you?\"".to_string()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_decrees_and_overruling() {
        for t in [
            "because I said so",
            "we're going to my parents. end of discussion.",
            "you don't get a say in this",
            "this conversation is over",
            "I'm right and you know it",
            "nobody asked you",
        ] {
            assert!(ids(t).contains(&"domination"), "{t}");
        }
    }

    #[test]
    fn shared_decisions_are_not_domination() {
        for t in
            ["I decided to take the job, what do you think?", "can we decide together?", "I'm not in charge of dinner tonight, you are"]
        {
            assert!(!ids(t).contains(&"domination"), "{t}");
        }
    }
}
