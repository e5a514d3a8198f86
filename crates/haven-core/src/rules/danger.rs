//! # danger
//!
//! ## What it flags
//! Threats of physical harm ("I'll hurt you"), of self-harm ("I'll kill myself
//! if you leave"), veiled threats ("you know what happens when I get angry"),
//! and coercive control: monitoring (location, messages, passwords),
//! isolating (forbidding friends or family), controlling money, documents or
//! movement. Hyperbole with a joke marker ("I'll kill you if you spoil the
//! ending 😂") and describing how the partner's past behaviour felt are not
//! flagged. Recall matters most here: when in doubt, haven surfaces it.
//!
//! ## Why it matters
//! This is not a communication-style problem. It puts someone's safety at risk
//! and needs outside help now. haven always shows it first, with resources,
//! and never lets positive messages average it away.
//!
//! ## Example
//! > give me your phone password or else
//!
//! ## Say instead
//! If you feel you might hurt someone or yourself, stop and reach out for
//! help now (a crisis line, a doctor, emergency services). If you are on the
//! receiving end, you deserve to be safe: a domestic-abuse line can help you
//! think through options, confidentially.
//!
//! ## Crosswalk
//! Coercive control; intimate partner violence; suicide risk.

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Danger,
    patterns: &[
        // Physical harm.
        p(
            r"(?P<m>i (?:will|am going to|'ll|could|swear i will|should|want to|am gonna|will fucking|am about to) (?:\S+ )?(?:kill|hurt|hit|punch|slap|beat|strangle|choke|stab|shoot|smack|break your|smash your|end|murder|destroy|burn|bury|attack) (?:you|u|your|him|her|them)|(?:you will|you are going to|you'll) (?:get hurt|be hurt|pay for (?:this|it)|end up (?:hurt|dead|in hospital))|(?:i will|i'll) make (?:you|sure you) (?:pay|suffer|regret|bleed|disappear)|(?:watch|better watch) your back|you (?:will|'ll) see what happens|you know what happens when (?:i|you)|(?:do not|don't) make me (?:hurt|hit|do something|lose it|come over|come there)|something (?:bad )?(?:will|might|is going to|could) happen to (?:you|your|them|the kids)|(?:i know|i'll find out|i will find out) where you (?:live|are|work|sleep))",
            0.9,
            NOT_REPORTED | NOT_JOKING | NOT_NEGATED,
        ),
        // Self-harm and suicide.
        p(
            r"(?P<m>(?:kill|hurt|harm|cut|end) myself|(?:end|take) my (?:own )?life|end(?:ing)? it all|(?:i )?(?:want|wanna|going) to die|(?:i )?wish i (?:was|were) dead|suicid\w*|(?:no|not any) (?:reason|point) (?:to|in) (?:live|living|go on|going on|being here)|(?:better off|be better) (?:without me|dead|if i (?:was|were) gone|if i (?:was|were) not here)|(?:i will|i'll|i won't|i will not) (?:not |never )?be (?:here|around|alive) (?:tomorrow|anymore|much longer)|overdose|(?:swallow|take) (?:all )?(?:the|my|these|those) pills|jump off|(?:i )?(?:do not|don't) want to (?:be here|live|exist|wake up) (?:anymore|any more)?)",
            0.9,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Monitoring.
        p(
            r"(?P<m>(?:give|send|tell|text) me your (?:phone |email |insta |instagram |facebook |snap |icloud |bank )?(?:password|passcode|pin|login|code)|(?:share|turn on|send me|give me|keep) (?:your )?(?:live )?location(?: on)?(?: \S+){0,3} (?:always|all the time|every|24/7|at all times|or else|now)|(?:i|i've|i have) (?:checked|read|went through|gone through|looked through|tracked|installed|put|hacked|logged into) (?:your |a )?(?:phone|messages|texts|emails|email|dms|location|app|tracker|gps|tracking|spyware|laptop|account|browser history)|(?:i am|i'm) (?:tracking|watching|monitoring|following) (?:you|your)|send me (?:a )?(?:photo|pic|picture|video|selfie) (?:of where|to prove|so i know|every|right now to prove)|i (?:need|want|have) to know where you are (?:at all times|every|24/7|always|every second))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Isolating and controlling movement.
        p(
            r"(?P<m>(?:you are|you're|ur) not allowed (?:to )?(?:see|go|talk|leave|have|wear|work|use|spend|call|visit|hang|out|text|drive|meet)|(?:i|i) (?:forbid|will not let|won't let|do not let|don't let) you (?:see|go|talk|leave|have|wear|work|use|spend|call|visit|hang|out|text|drive|meet)|you (?:can not|cannot|can't) (?:see|go out with|talk to|visit|call|hang out with|leave the house|leave without) (?:your )?(?:friends|family|sister|brother|mom|mother|dad|father|parents|anyone|them|her|him|without)|you (?:do not|don't) need (?:your )?(?:friends|family|a job|money|your own money|a phone|anyone but me|anyone else)|(?:stop|quit) (?:seeing|talking to|visiting|calling) (?:your )?(?:friends|family|sister|brother|mom|mother|parents)(?: \S+){0,3} (?:or|if|,)|(?:you will|you'll) (?:not|never) (?:leave|see|go) (?:this house|the house|your family|them|anywhere))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Money and documents.
        p(
            r"(?P<m>(?:i|i've|i have) (?:took|taken|take|have|am keeping|will keep|hid|hidden|locked up|cancelled|canceled|cut off|froze|frozen) (?:your )?(?:keys|car keys|passport|card|cards|credit card|bank card|money|paycheck|wages|wallet|phone|documents|id|papers|allowance|access)|(?:no|not a) (?:cent|penny|dollar|pound|euro) (?:without|unless|until)|(?:ask|asking) (?:me |my )?(?:permission|for permission) (?:before|to|for)|(?:you|u) (?:get|will get) (?:an )?allowance|hand over your (?:paycheck|wages|card|salary|money))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Location and phone monitoring, in the words people use for it.
        p(
            r"(?P<m>(?:turn|put|switch|keep) (?:it|that|your (?:\S+ )?location|your (?:snap ?map|find my|tracking|gps|sharing)|the tracking|location sharing) (?:back )?on|why is your (?:snap ?map|location|find my|tracking|gps|location sharing) (?:off|turned off|disabled)|where you are (?:at all times|every (?:hour|minute|second)|24/7|all the time)|(?:i will|i'll) (?:know|find out|see) (?:if|when|where) you|(?:i am|i'm) timing you|(?:your|the) phone (?:on the table|stays with me|face up)|send (?:me )?(?:a |your )?(?:pic|photo|picture|selfie|video|screenshot) (?:of (?:the table|where|who|it)|every|so i|to prove))",
            0.8,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>(?:your|ur|the) (?:ig|insta|instagram|snap|snapchat|email|icloud|facebook|fb|banking|bank|phone|whatsapp|gmail|apple id) (?:password|passcode|login|pin)|(?:i have|i've got|i got|i know) your (?:password|passcode|login|pin|icloud)|(?:i )?logged (?:in|into|on to) your|(?:i )?(?:changed|reset) the (?:password|pin|login) (?:on|to|for)|(?:i )?(?:went|been going|go) through your|(?:i will|i'll|i am going to|i'm going to) be (?:checking|reading|going through|tracking|watching) your|(?:i )?(?:already )?(?:checked|read|searched|tracked) (?:your|ur) (?:emails?|bank|texts|messages|dms|phone|browser|history|receipts|car|bag|glovebox))",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Isolating from family and friends.
        p(
            r"(?P<m>you (?:are|were) not (?:going|seeing|visiting|telling|leaving|allowed)\b(?: \S+){0,4} (?:your |ur )?(?:sister|brother|mum|mom|mother|dad|father|parents|family|friends?|mates|girls|boys|cousin|aunt|grandma|this (?:house|apartment|flat|room)|anywhere|anyone|\w+'s)|(?:i do not|i don't) want you (?:seeing|talking to|hanging out with|texting|visiting) (?:\S+ ){0,2}?(?:anymore|again|any more)|(?:she|he|they) (?:is|are|was) (?:poison|toxic|a bad influence)|(?:turn|turns|turning|put|puts|fill|fills|filling) (?:you|your head|ideas in your head)\b(?: \S+){0,3}? (?:against me|rubbish|with rubbish|ideas|about me)|(?:do not|don't) (?:you )?(?:dare )?tell (?:anyone|anybody|your \w+)|tell (?:anyone|anybody) (?:about (?:us|this) )?and you)",
            0.8,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Controlling money, documents and movement.
        p(
            r"(?P<m>(?:send|transfer|move|moved|put) (?:it|the money|your money|your wages|your pay|everything) (?:to|into) my account|your (?:card|cards|passport|keys|car keys|wages|pay|salary|money) (?:stays|stay|is|are|goes|go) (?:with me|in the safe|in my)|you (?:will|'ll) (?:get|be given) (?:cash|money|an allowance)|(?:you will|you'll) ask me (?:when|before|for|if)|(?:i will|i'll) give you money (?:when|if)|you (?:do not|don't) need (?:your own|a) (?:account|card|money|car|phone)|i want (?:the car keys|your keys|your passport|your card|receipts)|(?:i have|i've got|i took|i'm keeping|i am keeping) your (?:passport|keys|car keys|card|id|documents)|(?:you do not|you don't) go anywhere without|(?:ask|asking|tell) me (?:before|first before) you go)",
            0.8,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Veiled threats and intimidation.
        p(
            r"(?P<m>(?:you will|you'll|you are going to) regret (?:it|this|that)|(?:do not|don't) (?:test|push|try) me|watch me|what i am capable of|what i'm capable of|i (?:do not|don't) know what i (?:will|'ll|would|might) do|remember what happened (?:last time|the last time|when)|see what happens when you get home|you know (?:i will|i would|what i will do|what i'll do)|(?:do not|don't) think i (?:will not|won't)|smash your (?:phone|face|stuff|car)|(?:i will|i'll) (?:smash|break|burn|destroy) (?:your|all your))",
            0.75,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Self-harm said in other words.
        p(
            r"(?P<m>(?:do|doing) something to myself|(?:swallow|take|taking) (?:every|all the|all my|all of the|everything in the) (?:pill|pills|tablets|meds|medicine)|everything in the medicine cabinet|(?:still |not )?be alive|(?:hurting|harming|cutting) myself|(?:i will|i'll|i swear i will|i swear i'll) end it\.? i mean it|not (?:wake|waking) up)",
            0.85,
            NOT_REPORTED | NOT_JOKING,
        ),
        p(
            r"(?P<m>accidents happen|you (?:will not|won't) (?:have to|want to) find out|you know how i get|(?:hate|shame) (?:for|if) (?:that|something|anything) (?:to )?happen|(?:you will|you'll) do (?:what|as) i say|i decide (?:how|what|where|who|when|if)|ask me (?:when|before|for|if) (?:you need )?(?:money|petrol|gas|cash|anything|the car)|(?:photo|picture|screenshot|receipt for) (?:of )?every (?:receipt|purchase|penny|thing)|(?:changed|reset) the (?:login|password|pin|passcode)|(?:location|tracking|tracker) stays (?:switched |turned )?on|(?:running|run) (?:them|it|plans|things) (?:past|by) me|put (?:her|him|them) on the phone|so i can (?:hear|see|check|know) where|moved your (?:wages|money|pay|salary)|i will give you money|(?:give|hand) me (?:your|ur) (?:phone|pin|password)|(?:pin|password|passcode)[.,] now)",
            0.75,
            NOT_REPORTED | NOT_JOKING,
        ),
        // Weapons as cues.
        p(r"(?P<m>:weapon:)", 0.6, NOT_REPORTED | NOT_JOKING),
    ],
    check: None,
    context: None,
    rewrite: Some(rewrite),
};

fn rewrite(ctx: &Ctx) -> String {
    let _ = ctx;
    "Please don't send this. If you feel you might hurt someone or yourself, reach out now: a crisis line or emergency services can help right away.".to_string()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_harm_self_harm_and_control() {
        for t in [
            "I'll hurt you",
            "I'll kill myself if you leave",
            "give me your phone password or else",
            "you're not allowed to see your friends",
            "you know what happens when I get angry",
            "I checked your messages while you slept",
            "I took your passport so you can't leave",
        ] {
            assert!(ids(t).contains(&"danger"), "{t}");
        }
    }

    #[test]
    fn hyperbole_and_reported_feelings_are_not_danger() {
        for t in [
            "I'll kill you if you spoil the ending 😂",
            "my sister said she'd kill me lol",
            "I'd never hurt you",
            "this traffic is killing me",
        ] {
            assert!(!ids(t).contains(&"danger"), "{t}");
        }
    }
}
