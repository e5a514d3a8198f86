//! # empathy
//!
//! ## What it flags
//! Empathy and compassion for your partner's feelings: "I'm so sorry you had
//! to go through that", "that sounds exhausting", "of course you're upset",
//! including under negation ("you're not being dramatic, that was awful").
//!
//! ## Why it matters
//! Validation tells your partner their feelings are safe with you, which is
//! what lets them bring the next one.
//!
//! ## Example
//! > ugh that sounds exhausting, of course you're upset
//!
//! ## Say instead
//! Keep doing it; empathy first, solutions later (and only if asked).
//!
//! ## Crosswalk
//! EPITOME emotional reactions; SPAFF validation.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Empathy,
    patterns: &[
        p(
            r"(?P<m>(?:i am|i'm|so|really|very) (?:so |really |very |truly |deeply )?sorry (?:you|that you|to hear|for what you|about your|that happened|it happened|that (?:she|he|they|it|your)|for your|that was|you are going through|you had to|you have to))",
            0.85,
            NOT_REPORTED,
        ),
        // Sorry for what befell them, said without "that": "I'm sorry it's
        // aching", "I'm sorry he's not here to see it"; and sorry said to them
        // by name after their news ("Oh Geoffrey, I am so sorry").
        p(
            r"(?P<m>(?:i am|so|really|very) (?:so |really |very |truly )?sorry (?:(?:she|he|they) (?:is|was|are|were|has|had|did|does|will not|can not|could not|never|said|left|passed)|it (?:is|was|has been) (?:\S+ )?(?:aching|hurting|hurts|so hard|hard|rough|awful|painful|sore|so bad|that bad|like that)|it hurts|it sucks))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?:^|[.!?] )(?P<m>oh (?:no|\S+)[.,!]? (?:i am )?(?:so |really |very )?sorry)(?:[.!]?$| (?:love|babe|dear|hon|darling|x)[.!]?$)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:(?:that|this|it|she|he) (?:sounds|must be|must have been|must feel|seems|looks)|that (?:is|was)|(?:oh|ugh|aw|god|omg|wow),? (?:that|this) (?:is|was)) (?:so |really |very |incredibly |super |such |absolutely |genuinely |truly )*(?:hard|awful|rough|tough|exhausting|painful|scary|frightening|frustrating|stressful|horrible|terrible|difficult|overwhelming|lonely|upsetting|unfair|heartbreaking|brutal|a lot|draining|shit|crap|the worst|infuriating|hurtful|disappointing|maddening|miserable|devastating|awful for you|hard for you))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>of course you (?:are|were|feel|felt|would be|would feel|get|got) (?:\S+ )?(?:upset|hurt|sad|angry|mad|frustrated|worried|scared|disappointed|tired|stressed|nervous|anxious|annoyed|overwhelmed|exhausted|jealous|confused|crushed|gutted)|(?:it|that) makes (?:total |complete |perfect )?sense (?:that )?(?:you|why you)|(?:your|those|these) feelings (?:are|make) (?:valid|sense)|you (?:have|'ve) every right to (?:feel|be)|no wonder (?:you|u)|anyone would (?:feel|be))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>i can (?:see|imagine|understand|tell|only imagine) (?:how|why|that|what) (?:\S+ ){0,4}?(?:hard|much|hurt|upset|tired|scared|frustrat|stress|difficult|awful|feel|felt|mean)|(?:you are|you're|you were) not (?:being )?(?:dramatic|crazy|overreacting|over reacting|too sensitive|silly|stupid|wrong|unreasonable|alone|weak|a burden)(?: \S+){0,3}|(?:that is|that's|it is|it's) (?:completely |totally |so |really )?(?:understandable|valid|fair|normal) (?:to feel|that you|you feel)?)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:i am|i'm) (?:here for you|here with you|right here|with you)|(?:my )?heart (?:goes out|breaks|hurts) (?:to|for) you|sending (?:you )?(?:love|hugs|so much love)|(?:i feel|i felt) (?:so )?(?:bad|awful|terrible|sad) (?:for you|that you)|you (?:do not|don't|did not|didn't) deserve (?:that|this|any of (?:that|this))|(?:that|it) (?:is not|isn't|was not|wasn't) your fault|(?:oh|aw+|ah) (?:babe|love|honey|hun|sweetie|baby)(?:!|,|\.|$)|poor (?:you|baby|thing|love|darling))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>i (?:get|understand|see|can see) why (?:you|that|it|this)\b(?: [^ ]+){0,6}|(?:that|it) makes (?:total |complete |so much )?sense(?:,| that| why| you)|you (?:are|were) not (?:making a fuss|being silly|being stupid|being needy|being too much|asking too much)|you matter|thank you for (?:telling|trusting|sharing|being honest with) me|(?:i am |so |really )?glad you (?:told|trusted|came to|talked to|opened up to) me|(?:that is|that was|that's) the last thing i want(?:ed)? you to feel|are you (?:safe|ok|okay) (?:right now|now)?\?|(?:that is|that's|that was|what a|such a|so) (?:so |really |such a |a )?(?:humiliating|intrusive|gutting|cruel|heavy|harsh|rough|shitty|crappy|rubbish|sad|painful|embarrassing|unfair|scary|awful|horrible|terrible|lonely|hurtful|stressful|upsetting) (?:thing|day|week|situation|experience|to hear|to go through|for you)?)",
            0.75,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// "sorry you feel that way" is a pseudo-apology (dismissal); "sorry, but"
/// is defensiveness.
fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    // "that was a rubbish thing to say" judges one's own words: accountability.
    if t[span.clone()].starts_with("that was") && ["thing to say", "thing to do", "thing of me"].iter().any(|w| t.contains(w)) {
        return None;
    }
    // "oh well, sorry" shrugs; sympathy names them or says "oh no".
    // ("oh no" alone is surprise: at a date forgotten, before a question.)
    if let Some(rest) = t[span].strip_prefix("oh ") {
        if ["well", "ok", "okay", "fine", "whatever", "right", "sure"]
            .iter()
            .any(|w| rest.trim_start_matches(['.', ',', '!']).starts_with(w))
        {
            return None;
        }
    }
    if ["sorry you feel that way", "sorry you feel like that", "sorry if you", "sorry you are upset", "sorry you are offended", ":eyeroll:"]
        .iter()
        .any(|w| t.contains(w))
    {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_validation_and_compassion() {
        for t in [
            "I'm so sorry you had to go through that",
            "stay in bed then. I'm sorry it's hurting",
            "I'm sorry she said that to you",
            "oh maya. im so sorry",
            "Oh Dev, I am so sorry.",
            "ugh that sounds exhausting",
            "of course you're upset",
            "you're not being dramatic, that was awful",
            "I'm here for you",
            "I'm glad you told me. I'd never leave you guessing like that",
        ] {
            assert!(ids(t).contains(&"empathy"), "{t}");
        }
    }

    #[test]
    fn pseudo_apologies_are_not_empathy() {
        for t in [
            "sorry you feel that way",
            "that sounds good",
            "it is hard to find parking",
            "glad you liked the cake",
            "oh well, sorry",
            "oh I'm so sorry I didn't fold them your way",
            "sorry it took me so long",
            "oh god sorry. my phone died and i forgot to text",
            "oh no. is it today?",
            "oh no, I didn't realise it was that weekend",
            "sorry. that was a crappy thing to say",
        ] {
            assert!(!ids(t).contains(&"empathy"), "{t}");
        }
    }
}
