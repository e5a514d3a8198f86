//! # suspicion
//!
//! ## What it flags
//! Distrust and interrogation: demanding to know who your partner was
//! texting, insinuating they are hiding something ("what are you hiding?", "I
//! bet you were with him again"), accusing them of lying or cheating,
//! checking up on them. An ordinary question about a person ("who was at the
//! party?") is not flagged. Monitoring their phone or location is `danger`.
//!
//! ## Why it matters
//! Being treated as a suspect makes honesty feel dangerous and is one of the
//! clearest signs of an unsafe relationship.
//!
//! ## Example
//! > who were you texting at 2am?? what are you hiding
//!
//! ## Say instead
//! > I felt insecure when I saw you texting late. Can we talk about it?
//!
//! ## Crosswalk
//! "signs of an unsafe relationship".

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Suspicion,
    patterns: &[
        p(
            r"(?P<m>who (?:the fuck |the hell |tf )?(?:are|were|r|is|was) (?:you|he|she|that|this|it) (?:texting|talking to|talking with|messaging|snapping|snapchatting|dming|calling|on the phone with|with|seeing|out with|hanging out with|meeting)|who is (?:he|she|this (?:guy|girl|woman|man|person))|who was that (?:guy|girl|woman|man|person|on the phone|texting)?)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>what (?:are|were) you (?:hiding|not telling me|keeping from me|really doing|actually doing|up to)|(?:are|were) you hiding (?:something|anything|someone)|why (?:are|were) you (?:being )?(?:so )?(?:secretive|sneaky|shady|weird about your phone|hiding your phone))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>i (?:bet|just know|know|knew|can tell|could tell|swear) you (?:were|are|was|have been) (?:with|seeing|lying|cheating|talking to|texting|hiding|flirting|sleeping))",
            0.9,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:are|were|r) you (?:cheating|lying|seeing someone|seeing somebody|sleeping with|hooking up|flirting|talking to (?:him|her|them|your ex|someone else))|you are (?:cheating|lying to me|hiding something|seeing someone))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>where (?:the (?:hell|fuck) )?(?:were|are) you (?:really|actually|last night|all night|all day|until|at \d|at this hour)|why (?:were|are) you (?:home )?(?:so late|out so late|not home)|where were you(?:\?|$))",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:why did you|did you) (?:delete|erase|clear|hide|archive) (?:your |the |those |that |our )?(?:messages|texts|chat|history|conversation|messages|dms|photos)|why is your phone (?:always )?(?:face down|locked|on silent|off)|why (?:did|do) you (?:like|follow|comment on|heart) (?:her|his|their|that)|who (?:liked|is liking|keeps liking|keeps texting|keeps calling))",
            0.85,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:i do not|i don't|i can not|i can't|how can i|how am i supposed to) (?:even )?trust you|(?:how do i|how would i) know you (?:are not|were not|are|were|did not|didn't)|prove (?:it|that you)|(?:do not|don't) (?:you )?(?:dare )?lie to me|stop lying)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:something is|something seems|something feels) (?:going on|off|fishy|not right)|(?:funny|interesting|convenient) (?:how|that|timing)|(?:you|u) smell (?:like|of) (?:perfume|cologne|someone)|whose (?:jacket|perfume|hair|number|car|shirt|lipstick|earring|hoodie) (?:is|was) (?:that|this|in))",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:are|were) you (?:still )?(?:talking|texting|messaging|speaking) (?:to|with) (?:him|her|them|your ex|that)|(?:is|was) (?:he|she|your ex) (?:there|with you|texting you|calling you)|why (?:is|was|does) (?:he|she|your ex) (?:keep )?(?:texting|calling|messaging|liking) you)",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:show|let me see|give me|send me) (?:me )?(?:the|your) (?:messages|texts|chats|chat|conversation|phone|dms|screenshots?)|(?:let me|i want to|i need to) (?:see|check|look at|go through) your (?:phone|messages|texts|dms))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:you (?:sure|swear) (?:that is|it was|you were|it is)|just (?:a|your) (?:friend|coworker|colleague)(?: huh| right|\?|$)|a friend huh|(?:yeah|sure) (?:just )?(?:a )?friends?(?:\?|$)))",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>who (?:was it|was that|is it|is texting|texts|keeps texting|is calling|called you|is that|were you (?:with|talking to|on the phone with)|is he|is she|is j|is [a-z]+\?)|what (?:was|is) (?:that|it|in it|he|she) (?:for|about)\b|what did you (?:delete|hide|erase|do with)|(?:why|how come) (?:is there|was there|did you|do you|were you) (?:a |an |so )?(?:charge|gap|withdrawal|receipt|deleted?|hide|hiding|lock|change your password|hotel|shifty|sneaky|quiet|defensive about))",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:you are|you're|ur|u r) (?:so |being )?(?:shifty|sneaky|shady|secretive|hiding (?:something|stuff|things))|(?:do not|don't) play dumb|that is exactly what (?:someone|a cheater|a liar|you) would say|i (?:do not|don't|can not|can't) (?:know if i can )?believe (?:a word|you|anything)|(?:i know|i can tell) (?:you are|you're) (?:lying|hiding)|what else (?:are you|have you been) (?:hiding|lying))",
            0.8,
            NOT_REPORTED,
        ),
    ],
    check: None,
    context: None,
    rewrite: Some(rewrite),
};

fn rewrite(ctx: &Ctx) -> String {
    let _ = ctx;
    "Share the worry as yours and ask openly: \"I felt insecure when [what I saw]. Can we talk about it?\"".to_string()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_interrogation() {
        for t in [
            "who were you texting at 2am??",
            "what are you hiding",
            "I bet you were with him again",
            "why did you delete your messages",
            "I don't trust you",
            "just a friend huh?",
        ] {
            assert!(ids(t).contains(&"suspicion"), "{t}");
        }
    }

    #[test]
    fn ordinary_questions_are_not_suspicion() {
        for t in ["who was at the party?", "what time are you home?", "I trust you completely", "did you text your mom back?"] {
            assert!(!ids(t).contains(&"suspicion"), "{t}");
        }
    }
}
