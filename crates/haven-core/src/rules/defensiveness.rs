//! # defensiveness
//!
//! ## What it flags
//! Warding off a complaint instead of hearing it: counter-blame ("well what
//! about you"), excuses, "it's not my fault", the innocent-victim stance ("I
//! can never do anything right for you"), and apologies that come with a "but".
//! With the previous turn given, a reply that answers a complaint with a
//! counter-complaint is flagged too. Plainly denying a false factual
//! accusation is not.
//!
//! ## Why it matters
//! Defensiveness feels like self-protection, but it tells your partner their
//! concern will not be heard, so they push harder and the conflict escalates.
//!
//! ## Example
//! > it's not my fault, you never reminded me
//!
//! ## Say instead
//! > You're right, I forgot. I'm sorry. I'll put it in my calendar.
//!
//! ## Crosswalk
//! Four Horsemen: defensiveness; SPAFF defensiveness.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Defensiveness,
    patterns: &[
        p(
            r"(?P<m>(?:it is|it was|that is|this is|that was|this was) not (?:really |even |exactly |entirely )?(?:my fault|on me|my problem|my responsibility|all my fault|just me))",
            0.85,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:what|how) about (?:you|when you|the time you|all the times you|your))", 0.75, NOT_REPORTED),
        p(
            r"(?P<m>(?:well|but|ok but|yeah but|and) you (?:also |too |literally )?(?:never|always|did|do|were|are|forgot|said|did not|do not|could have|should have|did the same|started))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>you are one to talk|look who is talking|pot calling the kettle|(?:you|u) do (?:it|that|the same)(?: thing)? (?:too|all the time|constantly)|you started (?:it|this)|you do the same thing)",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:i only|i just|i) (?:did|said|yelled|left|did it|said it|did that|said that|got mad|snapped|reacted) (?:it |that )?(?:because|since|cause) you)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>you (?:made|make|forced|force|pushed|push) me (?:do|say|act|react|yell|snap|lose|get (?:angry|mad|upset)|be (?:like|this|that)) )",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:why (?:are|r) you|stop) (?:always |constantly )?(?:attacking|blaming|picking on|criticizing|criticising|nagging|accusing) me|(?:do not|don't|stop) (?:put|putting|turn|turning|flip|flipping|blame|blaming) (?:this|it|everything)(?: around| round| back)? on me)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:why is|so) (?:it|everything) (?:always )?(?:is )?my fault|so now it is my fault|oh so it is my fault|(?:i am|i am) always the bad guy|why am i always the (?:bad guy|villain|problem)|always blame me)",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>i can (?:never|not) (?:do anything|do nothing|win|get anything|ever do anything) right|nothing i do is (?:ever )?(?:good enough|right|enough)|i can not win with you|i can never win|i can not do anything right|whatever i do it is (?:never|not) enough)",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:you|u) (?:never|did not|didn't) (?:told|tell|remind|reminded|ask|asked|say|said) me|you (?:should|could) have (?:reminded|told|asked|said|warned) me|how was i supposed to know|how (?:was|am) i (?:supposed|meant) to)",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:i am|i am) sorry,? but|sorry,? but|sorry (?:\w+ ){1,8}but (?:you|i was|i had|it is|it was|i did not|honestly|seriously)|i said (?:i am )?sorry,? what (?:else|more) do you want|i already (?:said|apologized|apologised))",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:at least i|i am not the one who|you are the one who|(?:i|i) work (?:all day|hard|so hard|12 hours|long hours)|i do everything (?:around here|in this house|for you)|do you (?:even )?know how (?:hard|much) i|after everything i do|i was (?:busy|tired|exhausted|working),? (?:ok|okay|alright)?))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:in my defen[cs]e|i had no choice|it is not like i|it was not that bad|it is not that bad|i was going to|i was about to|i did my best|i am doing my best|i am trying my best|give me a break|get off my back|leave me alone about))",
            0.55,
            NOT_REPORTED,
        ),
        p(r"(?P<m>(?:here we go again|not this again|we are doing this again))", 0.5, NOT_REPORTED),
        p(
            r"(?P<m>(?:then )?why (?:did not|didn't|don't|do not|couldn't|could not|won't|will not) you (?:just )?(?:do|pay|call|fix|book|clean|remind|say|tell|ask)|says the (?:man|woman|guy|girl|one|person|dude|lady) who|(?:that is|that's|this is) not fair|(?:it is )?not my fault|after (?:everything|all) i (?:have )?(?:done|do|did) for you|i was only (?:[^ ]+ ){0,3}(?:because|cause|cos) you|(?:did not|didn't) hear me (?:whining|complaining|moaning|nagging)|like you (?:have )?(?:ever|never) (?:[^ ]+ )?(?:remembered|done|do|did|forgot|cleaned|helped)|(?:oh please|puh lease),|you (?:keep|have) a (?:whole )?list|(?:you )?save every (?:mistake|thing)|i work (?:[0-9]+|forty|fifty|sixty|twelve|ten) (?:hours|hrs|hour))",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:it is|it's) not like (?:you|u) (?:never|don't|do not|haven't|have not|have never)|how is (?:this|that|it) (?:on me|my fault|my problem)|(?:you are|you're) the one (?:who|that)|if you had a problem|(?:do not|don't) (?:make|turn) this (?:about|on) me|what do you want me to do|(?:i am|i'm) the only one who|now (?:i am|i'm) the (?:villain|bad guy|problem|bad one)|(?:i am|i'm) the one who (?:gave|did|does|has|had|always)|(?:oh )?(?:here we go|there it is),? blame (?:the|me)|(?:always|constantly) on at me|what was i supposed to do|i was (?:busy|working|exhausted|tired),? (?:ok|okay|what|sorry)|i forgot,? (?:ok|okay|alright)(?:[,.!]|$))",
            0.7,
            NOT_REPORTED,
        ),
    ],
    check: None,
    context: Some(context),
    rewrite: Some(rewrite),
};

/// A reply that meets a complaint with a counter-complaint or an excuse.
fn context(ctx: &Ctx) -> Option<(std::ops::Range<usize>, f32)> {
    let prev = ctx.prev?;
    let complaint = prev.has(Behaviour::Judgment)
        || prev.has(Behaviour::NameCalling)
        || prev.has(Behaviour::Sarcasm)
        || prev.msg.text.contains("you did not")
        || prev.msg.text.contains("you forgot")
        || prev.msg.text.contains("you never");
    if !complaint {
        return None;
    }
    let t = &ctx.msg.text;
    for start in [
        "well you",
        "you also",
        "and you",
        "but you",
        "you too",
        "at least i",
        "i was busy",
        "i was tired",
        "because you",
        "you always",
        "you never",
        "you are the one",
        "what about",
    ] {
        if let Some(i) = t.find(start) {
            if i <= 12 {
                return Some((i..(i + start.len()), 0.65));
            }
        }
    }
    None
}

fn rewrite(ctx: &Ctx) -> String {
    let _ = ctx;
    "Find the part you can own first: \"You're right that [what I did]. I'm sorry. Next time I'll [change].\" Then, separately and later, raise your own concern.".to_string()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{ids, ids_after};

    #[test]
    fn flags_counter_blame_and_excuses() {
        for t in [
            "it's not my fault, you never reminded me",
            "well what about you?",
            "I only yelled because you ignored me",
            "why are you always attacking me",
            "I can never do anything right for you",
            "sorry but you could have told me",
            "don't turn this round on me",
            "do NOT flip this back on me",
        ] {
            assert!(ids(t).contains(&"defensiveness"), "{t}");
        }
    }

    #[test]
    fn plain_denial_and_clean_apology_are_not_defensive() {
        for t in ["no, I wasn't at the bar, I was at work", "sorry I forgot, I didn't set a reminder", "you're right, that was on me"] {
            assert!(!ids(t).contains(&"defensiveness"), "{t}");
        }
    }

    #[test]
    fn a_counter_complaint_after_criticism_is_defensive() {
        assert!(
            ids_after("you're so selfish, you never help with dinner", "well you never do the laundry either").contains(&"defensiveness")
        );
        assert!(!ids_after("how was work?", "well you know, busy").contains(&"defensiveness"));
    }
}
