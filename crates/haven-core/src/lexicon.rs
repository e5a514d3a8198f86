//! Word classes shared by the rules. A rule pattern writes `{insult_noun}`
//! instead of a list, so that every rule generalises the same way and a word
//! added here helps every pattern that uses its class.
//!
//! All entries are in normalised form (see [`crate::text`]): lowercase,
//! contractions expanded (`you are`, `do not`), shorthand expanded.

/// `(name, alternatives)`; alternatives are regex fragments joined with `|`.
const CLASSES: &[(&str, &str)] = &[
    // The partner as subject or object.
    ("you", r"you|you all|thou"),
    (
        "you_are",
        r"you are|you were|your|you re|you being|you have been|you have become|you seem|you act|you are acting|you sound|you look|you are being|you are just|you are really|you are literally|you are honestly|you are seriously|you really are|you truly are|you are such|you are always|you have always been",
    ),
    (
        "intens",
        r"so|such|really|very|fucking|fuckin|freaking|frickin|effing|bloody|damn|totally|completely|absolutely|utterly|literally|honestly|seriously|truly|just|a|an|the|such a|such an|a complete|a total|an absolute|the biggest|the most|the worst|one|some kind of|a real|a fucking|an utter|kind of|sort of|pretty|too|way too|like|actually|being|acting|acting like|being a|being an|fr|for real|lowkey|highkey|being such",
    ),
    // Nouns that insult a person.
    (
        "insult_noun",
        r"idiot|idiots|moron|morons|imbecile|fool|clown|loser|losers|jerk|asshole|arsehole|ass|arse|dick|dickhead|prick|bitch|cunt|twat|wanker|bastard|psycho|psychopath|lunatic|nutcase|freak|creep|pig|slob|child|baby|crybaby|brat|coward|wimp|pussy|joke|disgrace|disappointment|embarrassment|failure|waste of space|waste of time|waste|parasite|leech|liar|cheat|cheater|slut|whore|hoe|dumbass|dumbo|dummy|dork|nerd|muppet|numpty|tosser|git|pillock|plonker|clot|donkey|retard|simpleton|halfwit|nitwit|dimwit|airhead|bimbo|narcissist|sociopath|manchild|man child|deadbeat|bum|couch potato|doormat|snowflake|drama queen|nag|hag|cow|witch|shrew|tyrant|control freak|mess|train wreck|trainwreck|disaster|piece of shit|piece of work|piece of garbage|scum|scumbag|trash|garbage|rat|snake|sloth|toddler|infant|teenager|brick wall|brick|vegetable|headcase|head case|basket case|weirdo|sad case|sad sack|charity case|lost cause|idiot sandwich|numbskull|knucklehead|bonehead|blockhead|meathead|pinhead|sheep|puppet|leech",
    ),
    // Adjectives that insult a person (character, intellect, worth).
    (
        "insult_adj",
        r"stupid|dumb|dense|thick|slow|retarded|brainless|clueless|useless|worthless|pathetic|hopeless|incompetent|ignorant|moronic|idiotic|braindead|brain dead|disgusting|gross|repulsive|revolting|vile|ugly|fat|crazy|insane|nuts|mental|psycho|unhinged|deranged|delusional|hysterical|spineless|gutless|weak|embarrassing|a mess|lame|unlovable|broken|damaged|defective|trashy|classless|a nightmare|good for nothing|no good|a waste|dim|daft|simple minded|nasty|evil|heartless|a joke|laughable|a clown|an idiot|a moron|a loser|a failure|a disappointment|an embarrassment|a child|a baby|a disgrace|a nobody|nothing|trash|garbage|a waste of space",
    ),
    // Adjectives that criticise character (judgment rather than insult).
    (
        "flaw_adj",
        r"selfish|self centered|self centred|self absorbed|self obsessed|narcissistic|arrogant|entitled|spoiled|spoilt|ungrateful|inconsiderate|thoughtless|careless|irresponsible|unreliable|untrustworthy|dishonest|manipulative|fake|two faced|controlling|lazy|cold|distant|petty|bitter|jealous|possessive|obsessive|immature|childish|needy|clingy|insecure|stingy|cheap|greedy|rude|mean|hypocritical|a hypocrite|toxic|cruel|unbearable|insufferable|impossible|annoying|irritating|exhausting|draining|unreasonable|ridiculous|boring|miserable|negative|dramatic|a drama queen|always late|never there|never home|useless at|terrible at|bad at|hopeless at|incapable|so difficult|difficult|stubborn|a control freak|a slob|a liar|a cheat|a bully|a coward|the worst|a terrible|a horrible|an awful|a bad|a lousy|a crap|a shit|a useless|the problem|heartless|unfeeling|emotionless|a robot|lazy ass|disrespectful|condescending|patronizing|patronising|judgmental|critical|paranoid|obsessed|flaky|a flake|useless",
    ),
    // The adjectives among them that judge character on their own, with no
    // noun or belittling word: "you're so selfish" is judgment in the spec,
    // where "you're a selfish pig" and "you're so childish" are name-calling.
    (
        "character_adj",
        r"selfish|self centered|self centred|self absorbed|self obsessed|narcissistic|arrogant|entitled|ungrateful|inconsiderate|thoughtless|careless|irresponsible|unreliable|untrustworthy|dishonest|manipulative|controlling|lazy|cold|distant|petty|bitter|jealous|possessive|obsessive|needy|clingy|insecure|stingy|greedy|rude|mean|hypocritical|toxic|unbearable|insufferable|impossible|annoying|irritating|exhausting|draining|unreasonable|ridiculous|dramatic|difficult|stubborn|disrespectful|condescending|patronizing|patronising|judgmental|critical|paranoid|obsessed|flaky",
    ),
    // Nouns that praise a person: "you're a star" names no flaw.
    (
        "praise_noun",
        r"star|legend|hero|angel|gem|keeper|saint|champ|champion|rockstar|rock star|lifesaver|life saver|treasure|superstar|diamond|queen|king|warrior|sweetheart|darling|catch",
    ),
    // Global, always/never verdicts.
    (
        "always",
        r"always|never|constantly|every single time|every time|each time|all the time|forever|continually|consistently|again and again|over and over|every day|every night|every week|24/7|nonstop|non stop|not once|not even once|no matter what",
    ),
    // Feelings words (first-person disclosure).
    (
        "feeling",
        r"scared|afraid|frightened|terrified|anxious|nervous|unsafe|safe|unheard|ignored|invisible|dismissed|hurt|sad|lonely|alone|small|stupid|worthless|unloved|unwanted|unimportant|rejected|abandoned|humiliated|embarrassed|ashamed|attacked|judged|criticized|criticised|disrespected|betrayed|uneasy|tense|on edge|overwhelmed|anxious|insecure|jealous|vulnerable|exposed|pressured|trapped|controlled|cornered|belittled|dismissed|loved|seen|heard|cared for|respected|supported|valued|understood|calm|relieved|comfortable|close to you|connected|secure|special|appreciated|disconnected|distant|shut out|left out|frustrated|angry|upset|disappointed|confused|panicky|panicked|shaky|sick|nervous|hesitant|walking on eggshells|on eggshells|like a burden|like a failure|like an idiot|like nothing|like crap|like shit|awful|terrible|horrible|bad|hopeless|helpless|defeated|crushed|devastated|heartbroken|ignored|neglected|taken for granted|unappreciated|replaced|second best|second|last|forgotten|unsupported",
    ),
    // Relationship as object of a threat.
    (
        "us",
        r"we are done|we are over|we are through|it is over|this is over|we are finished|i am done|i am out|i am gone|i am leaving|i will leave|i will be gone|i am breaking up with you|i will break up with you|we will break up|we break up|i am out of here|you will never see me again|you will not see me again|i walk|i will walk|i will walk out|you lose me|you will lose me|i am moving out|i will move out|i will file|divorce|we are getting a divorce|i want a divorce|i will divorce you|do not bother coming back|do not come back|do not come home|do not bother coming home|pack your bags|pack your stuff|find somewhere else to live|sleep on the couch|you are on your own|forget about us|forget about the wedding|the wedding is off|the ring goes back|no more us|that is it for us|that is the end of us|this relationship is over|it is me or|you can choose|choose|you will regret it|you are going to regret it|you will be sorry|you will be single|you will be alone|i will find someone else|i will find someone who|i will go back to|i will call it quits|call it quits|end this|end it|end things|end us|i am ending this|i will end this|i will end things|say goodbye|kiss us goodbye|kiss this relationship goodbye|no sex|no more sex|no more kisses|no kisses|no cuddles|cut you off|you can forget|do not expect",
    ),
    // Verbs of exit ("I'm leaving", "we're done") used in threats.
    (
        "exit",
        r"leave you|leave|leaving|go|gone|done|over|through|finished|out|walk|walking out|break up|breaking up|divorce|dump you|dumping you|end it|end this|end us|end things|move out|moving out|kick you out|throw you out|lose me",
    ),
    // Second person possessive nouns about a partner's things, for suspicion.
    (
        "someone",
        r"him|her|them|that guy|that girl|that woman|that man|that dude|that chick|your ex|ur ex|your boss|your coworker|your co worker|your colleague|your friend|your work friend|your gym buddy|someone else|somebody else|some guy|some girl|some other guy|some other girl|another guy|another girl|another man|another woman|who ever|whoever",
    ),
    (
        "minimise",
        r"no big deal|not a big deal|not that big of a deal|not that big a deal|not that deep|not a huge deal|not the end of the world|not a problem|nothing|no reason|overreacting|over reacting|over thinking|overthinking|being dramatic|so dramatic|too sensitive|being sensitive|being silly|making a big deal|making such a big deal|making a scene|blowing it out of proportion|blowing this out of proportion|making a mountain out of a molehill|make a big deal|chill|relax|calm down|get over it|move on|let it go|drop it|whatever|imagining things|making things up|making it up|in your head|all in your head",
    ),
    // Time-demand words for pressure.
    (
        "now",
        r"now|right now|immediately|this minute|this second|asap|right this second|right this minute|this instant|straight away|tonight|today",
    ),
    // Terms of endearment.
    (
        "pet",
        r"babe|baby|bae|love|my love|honey|hon|hun|sweetie|sweetheart|darling|dear|dearest|sugar|boo|cutie|handsome|beautiful|gorgeous|angel|sunshine|pumpkin|lovebug|my heart|my everything|my king|my queen|my man|my girl|mi amor|amor|habibi|habibti|cariño|schatz|baba|jaan|jaanu|sweet pea|treasure|munchkin|love of my life|stud|hottie|sexy|cuddle bug|bub|bubba|babes|luv|lovely|my dear|petal|duck|pet|princess|prince|my person",
    ),
    // What a commitment names: "I'll pick you up", "will call at lunch".
    (
        "commit_verb",
        r"pick|call|book|pay|fix|clean|do|take|bring|get|buy|text|message|be (?:home|there|back|on time|ready)|come|make|cook|wash|handle|sort|finish|talk to|ask|tell|send|email|drop|grab|start|stop|set|schedule|cancel|return|look into|check|remember|walk|feed|meet you|sign|order|help|put|move|organi[sz]e|plan|arrange|reserve|write|read|find|clear|empty|mow|vacuum|replace|install|repair|renew|sign up|register|apply|visit|drive|collect|leave work|leave early|save|try|stay|spend|give|show|print|wrap|charge|change|fold|hoover|iron|load|unload|tidy|clean up|take care of|deal with|look at|sit down|turn off|quit|cut back|transfer|split|cover",
    ),
    // Third persons that make speech or an insult not about the partner.
    (
        "third",
        r"he|she|they|him|her|them|my boss|my mom|my dad|my sister|my brother|my friend|my coworker|my manager|my ex|that guy|that girl|the guy|the girl|this guy|this girl|the driver|the waiter|the customer|the client|my teacher|my professor|the kids|the kid|the dog|the cat|myself|i",
    ),
];

/// Expand `{class}` placeholders and make word boundaries ASCII-only (so the
/// regex engine's DFA can run on any text).
pub fn expand(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 4);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        match CLASSES.iter().find(|(n, _)| *n == name) {
            Some((_, alts)) => {
                out.push_str(&rest[..open]);
                out.push_str("(?:");
                out.push_str(alts);
                out.push(')');
            }
            // Not a class: a regex repetition like {1,3}; keep it.
            None => out.push_str(&rest[..open + close + 1]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    // The normalised text is lowercase and space-separated: small ASCII
    // classes keep the automata small and the DFA fast.
    out.replace(r"\b", r"(?-u:\b)").replace(r"\S", "[^ ]").replace(r"\w", "[a-z0-9_']").replace(r"\d", "[0-9]").replace(r"\s", " ")
}

/// The alternatives of one class, for the scorer's features and tests.
pub fn class(name: &str) -> Option<&'static str> {
    CLASSES.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_classes_and_keeps_repetitions() {
        let e = expand(r"{you} (?:\w+ ){0,2}x");
        assert!(e.starts_with("(?:you|"));
        assert!(e.contains("{0,2}"));
        assert!(regex::Regex::new(&e).is_ok());
    }

    #[test]
    fn every_class_is_a_valid_regex() {
        for (name, _) in CLASSES {
            let e = expand(&format!("{{{name}}}"));
            assert!(regex::Regex::new(&e).is_ok(), "{name}");
        }
    }
}
