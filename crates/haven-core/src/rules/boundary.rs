//! # boundary
//!
//! ## What it flags
//! Calling a pause in a heated exchange with an intent to come back ("let's
//! pause and talk tonight when we're calmer", "I need ten minutes, then I
//! want to finish this"), or stating a limit respectfully, even firmly ("please
//! don't call me that", "I decide who I see on my weekends"). Only a pause
//! counts as a pause called in the conversation signals.
//!
//! ## Why it matters
//! When heart rate climbs past about 100 bpm, people flood and stop hearing
//! each other. A break of twenty minutes or more, with a promise to return,
//! keeps the conversation safe to come back to.
//!
//! ## Example
//! > I'm getting overwhelmed. can we take 20 min and pick this up after dinner?
//!
//! ## Say instead
//! Keep doing it: name when you'll come back, and come back.
//!
//! ## Crosswalk
//! "respect each other's boundaries"; Gottman's self-soothing break.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Boundary,
    patterns: &[
        p(
            r"(?P<m>(?:let us|lets|can we|could we|we should|maybe we should|i think we should|we need to|i want to|i need to|i would like to|i'd like to|i am going to|i'm going to) (?:please )?(?:take |have |hit )?(?:a |an |some |ten |five |twenty |\d+ )?(?:pause|break|breather|step back|time out|timeout|minutes?|mins?|hour|cool down|cool off|breathe|press pause|pause this|step away|table this|park this|sleep on it))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:let us|lets|can we|could we|we can|we will|i will|i'll|i want to|i promise to|we should) (?:please )?(?:talk|continue|pick (?:this|it) (?:back )?up|come back to (?:this|it)|finish (?:this|talking)|discuss (?:this|it)|revisit (?:this|it)|sort (?:this|it) out|circle back) (?:\S+ ){0,3}?(?:later|tomorrow|tonight|in the morning|after|when (?:we|i|you)|once (?:we|i|you)|in (?:\S+ )?(?:minutes|mins|hours|an hour|a bit|a while|a few)|this evening|after dinner|after work|at \d))",
            0.8,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>i need (?:some |a few |ten |five |twenty |thirty |\d+ |a little |a bit of |a )?(?:minutes|mins|min|time|space|minute|moment|sec|second|break|breather|walk|hour),?(?: \S+){0,3} (?:to (?:cool|calm|breathe|think|process|collect|clear)|before|then|and then|but (?:i|we)|alone|first)|i need (?:to (?:cool|calm) (?:down|off)|to step (?:away|out|back)|a (?:break|breather|time out))|(?:i am|i'm) (?:getting|too|feeling) (?:overwhelmed|flooded|heated|worked up|angry|upset|triggered)(?: \S+){0,3} (?:to (?:talk|think|do this|continue)|right now|so i|can we|let us|lets))",
            0.8,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:i do not|i don't) want to (?:fight|argue|say something i|yell|keep fighting|keep arguing)|before (?:i|we) say (?:something|things) (?:i|we) (?:will |'ll |might )?regret)",
            0.7,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>please (?:do not|don't|stop) (?:yell|yelling|shout|shouting|call me|calling me|talk to me like|talking to me like|raise your voice|speak to me like|swear at me|go through|read my|touch my)|(?:i will not|i won't|i am not going to|i'm not going to) (?:be (?:spoken|talked|yelled|shouted) (?:to|at)|accept being|tolerate being|let you (?:talk|speak|yell))|(?:it is|that is|it's|that's) not (?:ok|okay|acceptable|fine) (?:for you )?to (?:call|yell|speak|talk|shout|read|go through|swear)|i (?:decide|get to decide|choose|get to choose) (?:who|what|when|how|where)|(?:i am|i'm) not (?:ok|okay|comfortable) with (?:that|you|being|this|how))",
            0.75,
            NOT_REPORTED,
        ),
        p(
            r"(?P<m>(?:i need|give me|i am taking|i'm taking|taking) (?:half an hour|an hour|a (?:few )?(?:minutes?|mins?|sec|second|moment)|[0-9]+ ?(?:min|mins|minutes|m)|ten|five|fifteen|twenty|thirty) (?:[^ ]+ ){0,4}?(?:to (?:cool|calm|breathe|think|reset)|then|and then|before|alone)|(?:i am|i'm) (?:stopping|stepping out|stepping away|going for a walk|taking a walk) (?:for|now|here|until)|(?:i am|i'm) not (?:going to )?(?:keep going|argue|arguing|talk about this|do this|doing this|doing insults|continue|yell) (?:[^ ]+ ){0,3}?(?:while|if|when|right now|tonight)|we can (?:talk|do this|pick this up|finish this) when|can i (?:call|text|come back to) (?:you|u) (?:in|after|later|tonight|tomorrow)|(?:let us|can we|we can|shall we) (?:sit down|talk|do this|pick this up|come back to it) (?:on )?(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|tomorrow|tonight|after|later|properly|when)|(?:that is|that's) my (?:limit|line|boundary)|(?:i am|i'm) not asking (?:permission|for permission)|you (?:do not|don't) get to (?:decree|decide for me|tell me who|tell me what))",
            0.7,
            NOT_REPORTED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// A "break" from the relationship is not a pause in a conversation; neither
/// is a coffee break.
fn check(ctx: &Ctx, _span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    if [
        "break up",
        "take a break from us",
        "break from us",
        "break from this relationship",
        "lunch break",
        "coffee break",
        "spring break",
        "forever",
        "never talk",
    ]
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
    fn flags_pauses_and_respectful_limits() {
        for t in [
            "let's pause and talk tonight when we're calmer",
            "I need ten minutes, then I want to finish this",
            "can we take 20 min and pick this up after dinner?",
            "please don't call me that",
            "I decide who I see on my weekends",
        ] {
            assert!(ids(t).contains(&"boundary"), "{t}");
        }
    }

    #[test]
    fn breaks_that_are_not_pauses() {
        for t in ["on my lunch break, call you in 5", "maybe we should take a break from us", "I'll call you later"] {
            assert!(!ids(t).contains(&"boundary"), "{t}");
        }
    }
}
