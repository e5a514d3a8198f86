//! # threat
//!
//! ## What it flags
//! Threats and ultimatums about the relationship ("do it or we're done", "one
//! more time and I'm out"), and withholding love or affection as leverage
//! ("no kisses until you apologise"). A calm, unconditional decision to end
//! the relationship, "I'm leaving" for the shop, and playful conditions with
//! a joke marker are not threats. Threats of harm are `danger`.
//!
//! ## Why it matters
//! An ultimatum turns a disagreement into a fight for survival. Your partner
//! learns that the relationship is conditional, and safety disappears.
//!
//! ## Example
//! > if you go to that party don't bother coming back
//!
//! ## Say instead
//! > I feel really uneasy about that party. Can we talk about what would help
//! > me feel OK with it?
//!
//! ## Crosswalk
//! SPAFF belligerence / domineering.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Threat,
    patterns: &[
        p(r"(?P<m>if you (?:\S+ ){1,10}?(?:,? )?(?:then )?(?:{us}))", 0.9, NOT_REPORTED | NOT_JOKING),
        p(r"(?P<m>(?:{us})(?: \S+){0,4} if you)", 0.85, NOT_REPORTED | NOT_JOKING),
        p(
            r"(?P<m>(?:or|or else|otherwise) (?:{us}|we are|i am|i will|i am going|you can|you will|you are going|find someone|i walk|do not))",
            0.8,
            NOT_REPORTED | NOT_JOKING | NOT_QUESTION,
        ),
        p(
            r"(?P<m>(?:one more|last|final) (?:time|chance|warning|strike|word|lie|excuse)\b(?: \S+){0,6}? (?:and|then|,) (?:i am|we are|i will|i walk|it is|you are|that is|i swear|we))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(r"(?P<m>(?:this is|that was|it is) your (?:last|final) (?:chance|warning))", 0.85, NOT_REPORTED | NOT_JOKING),
        p(
            r"(?P<m>(?:keep (?:it|this|that|doing that|doing this) up|do that again|do it again|try (?:it|that) again|say that again|do that one more time)(?:,)? and (?:{us}|i am|we are|i will|you will|see what|watch))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:it is|its) (?:either )?(?:me|them|him|her|us) or (?:me|them|him|her|your|the|that|us|this)|choose(?: between)? (?:me|them|her|him|us)|pick (?:one|me or)|me or (?:your|the|that|them|her|him))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:no|not|forget about|you can forget|say goodbye to|no more|do not expect any) (?:sex|kisses|kissing|cuddles|cuddling|affection|hugs|love|dinner|birthday|holiday|trip|wedding|ring|date nights?)\b(?: \S+){0,3}? (?:until|unless|till|if|from me|then))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:i will not|i am not going to|i won't|not going to) (?:talk|speak|text|sleep|touch|kiss|cuddle) (?:to |with )?(?:you )?(?:until|unless|till))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:you will|you are going to|you gonna) (?:regret (?:this|it|that)|be sorry|lose me|be alone|end up alone|never see me|wish you had|pay for this))",
            0.75,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:do not|don't) (?:bother|even think about) (?:coming|calling|texting|showing up|coming back|coming home)|(?:do not|don't) come (?:back|home|crying))",
            0.8,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:until|unless|till) you (?:\S+ ){1,8}(?:you can|you are|i am|i will|we are|do not|no|not|sleep))",
            0.6,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>try me|test me|see what happens|watch what happens|you have been warned|consider this a warning|consider yourself warned|mark my words|i am warning you|this is a warning)",
            0.7,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:i am|i will be) (?:so )?(?:done|out|gone|leaving|through|finished) (?:if|the moment|the second|the minute|as soon as) (?:you|this|that|it))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:i will|i am going to|i can) (?:easily )?(?:find|get) (?:someone|somebody) (?:else|better|who))",
            0.7,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(r"(?P<m>(?:i will|i am going to) (?:leave|dump|divorce|break up with) you)", 0.7, NOT_REPORTED | NOT_JOKING | NOT_NEGATED),
        p(
            r"(?P<m>(?:you can|go) (?:pack your (?:bags|stuff|things)|sleep on the (?:couch|sofa)|find (?:somewhere|someone) else))",
            0.75,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>keep (?:[^ ]+ ){1,5}?(?:and (?:see|watch|you|i|we)|see (?:what|how))|(?:see|watch) (?:what is left|what's left|how long i)|(?:or|and) i (?:stop|am out|walk|leave|go)\b|(?:do not|don't) expect me to (?:be|wait|come|stay|cook|care|talk|pick)|one more (?:weekend|night|day|time|lie|excuse|word|comment|remark|stunt) (?:[^ ]+ ){0,3}?(?:and|then) (?:i am|i'm|we are|we're|i will|i'll|you)|(?:i am|i'm) not coming back (?:till|until|unless)|you can do (?:christmas|it|this|the holidays|the wedding|the party|everything|the school run) (?:on your own|by yourself|alone)|(?:i am|i'm) saying choose|(?:^|[.!?] )choose[.!]?$)",
            0.75,
            NOT_REPORTED | NOT_JOKING,
        ),
    ],
    check: None,
    context: None,
    rewrite: Some(rewrite),
};

fn rewrite(ctx: &Ctx) -> String {
    let _ = ctx;
    "State the need without a countdown: \"This really matters to me because [why]. Can we find a way that works for both of us?\""
        .to_string()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_ultimatums_and_leverage() {
        for t in [
            "if you go to that party don't bother coming back",
            "do it or we're done",
            "one more time and I'm out",
            "keep this up and I'm leaving",
            "it's me or your mother",
            "no sex until you apologise",
            "I won't talk to you until you say sorry",
        ] {
            assert!(ids(t).contains(&"threat"), "{t}");
        }
    }

    #[test]
    fn not_threats() {
        for t in [
            "I'm leaving now, need anything from the shop?",
            "if you finish the pizza I'm leaving you lol 😂",
            "I've decided to end our relationship. I'm sorry.",
            "if you want, we can go tomorrow",
        ] {
            assert!(!ids(t).contains(&"threat"), "{t}");
        }
    }
}
