//! # encouragement
//!
//! ## What it flags
//! Celebrating, complimenting and cheering your partner on: praise of an
//! achievement, effort, ability or character ("I'm so proud of you", "you
//! nailed that interview"), cheering ("you've got this"), thanks that value
//! what they did ("thank you for cooking, it was amazing"), and reassurance
//! that denies an insult ("you're not a failure"). A plain "thanks" is not
//! flagged; neither is sarcastic praise.
//!
//! ## Why it matters
//! Appreciation fills the reservoir of goodwill that carries a couple through
//! conflict; Gottman's stable couples show about five positives per negative.
//!
//! ## Example
//! > you nailed that interview!! so proud of you 🎉
//!
//! ## Say instead
//! Keep doing it, and be specific about what you admire.
//!
//! ## Crosswalk
//! SPAFF enthusiasm / validation.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Encouragement,
    patterns: &[
        p(
            r"(?P<m>(?:i am|i'm|we are|so|really|very|super|incredibly) (?:so |really |very |super |incredibly |beyond |extremely )*proud (?:of you|of u)|proud of you)",
            0.95,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>you (?:totally |absolutely |really |so |fully )?(?:nailed|killed|crushed|smashed|rocked|aced|owned|slayed|smashed|nailed) (?:it|that|this|the \w+|your \w+)|you (?:have |'ve )?got this|you (?:can|will|are going to) (?:totally |definitely |so )?(?:do|crush|nail|ace|smash|handle) (?:it|this|that)|(?:go|go get) (?:get )?(?:em|them|it)|(?:i|i) (?:(?:have )?always |totally |fully )?believe(?:d)? in you|rooting for you|cheering for you|you deserve (?:it|this|that|all|every|the best))",
            0.9,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:so |really |very )?(?:good|great|amazing|awesome|excellent|fantastic|brilliant|incredible) (?:job|work|effort)|well done|way to go|congrat(?:ulation)?s|congrats|bravo|you did (?:so |really )?(?:great|amazing|well|good|it|awesome|brilliantly)|so (?:happy|excited|thrilled|stoked) for you|that is (?:amazing|awesome|incredible|huge|fantastic|brilliant|wonderful|so exciting|great news))",
            0.75,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>{you_are} (?:{intens} ){0,3}(?:amazing|awesome|brilliant|incredible|the best|smart|talented|strong|brave|kind|thoughtful|capable|a rockstar|a legend|a star|a natural|funny|hilarious|a genius|wonderful|fantastic|so good at|great at|amazing at|doing (?:great|amazing|so well|well|awesome|everything right)|killing it|a great (?:\S+ )?(?:dad|mom|partner|father|mother|cook|listener|friend|boyfriend|girlfriend|husband|wife)|an amazing (?:\S+ )?(?:dad|mom|partner|father|mother|cook|listener|friend|boyfriend|girlfriend|husband|wife)|the best (?:\S+ )?(?:dad|mom|partner|father|mother|cook|listener|friend|boyfriend|girlfriend|husband|wife|thing)|so patient|so good|so generous|so hardworking|hard working|resilient|inspiring|my hero))",
            0.8,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:thank you|thanks|thx|ty) (?:so much |a lot |again |for everything |babe |love )?(?:for|4) (?:\S+ ){1,10}|(?:i )?(?:really |truly |so )?appreciate (?:you|that|it|how|what|everything|all|the way|your)|you always (?:know how|make me|manage|find (?:a way|the (?:right|best|perfect) )|have my|show up|help|get me)|you never fail to)",
            0.6,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>{you_are} not (?:a |an )?(?:failure|loser|idiot|stupid|useless|worthless|a disappointment|disappointment|a burden|burden|bad (?:mom|dad|person|partner)|lazy|weak|crazy|too much|broken|alone in this))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>you should be (?:so |really |very )?proud|(?:we|we will|we'll|we are going to) (?:get|got|make it) through (?:this|it|that|worse|the)|(?:we got|we have got|we've got|we have gotten) through (?:worse|so much|a lot|the|your|it)|you (?:are|were) the (?:most|least|best|kindest|strongest|bravest|smartest) [^ ]+(?: [^ ]+)? (?:i know|i have ever|ever|in the world|person)|you worked (?:so hard|your (?:ass|butt|arse) off|really hard|incredibly hard)|you (?:would|'d|will) be (?:incredible|amazing|great|brilliant|fantastic|perfect|so good) (?:at|as)|(?:best|greatest) [^ ]+ (?:i have|i've) ever|you have (?:more than )?earned (?:it|this)|(?:you are|you're) a (?:lifesaver|legend|star|hero|genius|natural|rockstar|champ)|i am (?:behind|with) you (?:100|all the way|whatever)|(?:that is|that's) (?:a )?(?:great|brilliant|amazing|fantastic|lovely|really lovely|really good) (?:idea|plan|news|work|job)|you (?:could|should) (?:do this|sell|open|start) (?:professionally|these|a))",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// Praise with an eye-roll or smirk is sarcasm, not encouragement; "thanks
/// for nothing" is not thanks.
fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    let m = &t[span];
    if ctx.msg.cues.eyeroll
        || t.contains(":smirk:")
        || t.contains("finally")
        || t.contains("for nothing")
        || t.contains("genius")
        || t.contains("another brilliant")
    {
        return None;
    }
    if (m.starts_with("thank") || m.starts_with("thx") || m.starts_with("ty")) && (t.contains("but") || t.contains("i guess")) {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_praise_and_cheering() {
        for t in [
            "you nailed that interview!! so proud of you 🎉",
            "you've got this",
            "thank you for cooking tonight, it was amazing",
            "you're not a failure",
            "you're an amazing dad",
        ] {
            assert!(ids(t).contains(&"encouragement"), "{t}");
        }
    }

    #[test]
    fn sarcastic_praise_and_plain_thanks_are_not_encouragement() {
        for t in [
            "great job 🙄",
            "thanks",
            "wow thanks for finally showing up",
            "nice going, genius",
            "you always find something to nag me about",
        ] {
            assert!(!ids(t).contains(&"encouragement"), "{t}");
        }
    }
}
