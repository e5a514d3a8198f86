//! The behaviour taxonomy of `shared/spec/behaviors.md`, as one table.
//!
//! Everything that lists, explains or reports behaviours reads [`Behaviour::info`];
//! nothing else carries titles or advice. The ids are a released contract and
//! never change.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Whether a behaviour erodes safety, builds it, or is a safety risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Danger,
    Sabotage,
    Builder,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Danger => "danger",
            Kind::Sabotage => "sabotage",
            Kind::Builder => "builder",
        }
    }
}

macro_rules! behaviours {
    ($($variant:ident = $id:literal, $kind:ident;)*) => {
        /// One behaviour of the taxonomy.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Behaviour { $($variant),* }

        impl Behaviour {
            /// Every behaviour, in the spec's order (sabotage, builders, danger).
            pub const ALL: [Behaviour; 22] = [$(Behaviour::$variant),*];

            /// The stable lowercase slug.
            pub fn id(self) -> &'static str {
                match self { $(Behaviour::$variant => $id),* }
            }

            pub fn kind(self) -> Kind {
                match self { $(Behaviour::$variant => Kind::$kind),* }
            }
        }

        impl FromStr for Behaviour {
            type Err = UnknownBehaviour;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($id => Ok(Behaviour::$variant),)* _ => Err(UnknownBehaviour(s.to_string())) }
            }
        }
    };
}

behaviours! {
    NameCalling = "name-calling", Sabotage;
    Sarcasm = "sarcasm", Sabotage;
    Defensiveness = "defensiveness", Sabotage;
    Threat = "threat", Sabotage;
    Past = "past", Sabotage;
    Domination = "domination", Sabotage;
    Judgment = "judgment", Sabotage;
    Dismissal = "dismissal", Sabotage;
    Suspicion = "suspicion", Sabotage;
    Pressure = "pressure", Sabotage;
    SafetyTalk = "safety-talk", Builder;
    Promise = "promise", Builder;
    Curiosity = "curiosity", Builder;
    Space = "space", Builder;
    Encouragement = "encouragement", Builder;
    Boundary = "boundary", Builder;
    Listening = "listening", Builder;
    Empathy = "empathy", Builder;
    Warmth = "warmth", Builder;
    Accountability = "accountability", Builder;
    SeekHelp = "seek-help", Builder;
    Danger = "danger", Danger;
}

/// An id that is not in the taxonomy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownBehaviour(pub String);

impl fmt::Display for UnknownBehaviour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown behaviour id `{}` (run `haven rules` for the list)", self.0)
    }
}

impl std::error::Error for UnknownBehaviour {}

impl fmt::Display for Behaviour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Behaviour {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Behaviour {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What a person needs to know about one behaviour.
#[derive(Debug, Clone, Copy)]
pub struct Info {
    pub title: &'static str,
    /// One paragraph: what it is and why it matters for emotional safety.
    pub why: &'static str,
    /// What to try instead (for builders: how to do more of it).
    pub instead: &'static str,
    /// Where published research names the same thing.
    pub crosswalk: &'static str,
}

impl Behaviour {
    /// Index in [`Behaviour::ALL`]; handy for fixed-size per-behaviour arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn is_sabotage(self) -> bool {
        self.kind() == Kind::Sabotage
    }

    pub fn info(self) -> Info {
        use Behaviour::*;
        let (title, why, instead, crosswalk) = match self {
            NameCalling => (
                "Name-calling",
                "Insulting, demeaning or belittling your partner as a person. An insult attacks who they are rather than what happened, so it leaves nothing to fix and teaches them that being open with you is risky.",
                "Name the action and how it affected you, not the person: \"I felt hurt when the bill was late again; can we set a reminder together?\"",
                "SPAFF contempt / belligerence; RMICS psychological abuse",
            ),
            Sarcasm => (
                "Sarcasm and contempt",
                "Mocking, sarcastic or contemptuous remarks say the opposite of what is meant in order to wound. Contempt is the strongest single predictor of divorce in Gottman's research: it tells your partner you look down on them.",
                "Say the real complaint plainly and kindly: \"I was hurt that you were late; I'd like a text when you're running behind.\"",
                "SPAFF contempt; Four Horsemen: contempt",
            ),
            Defensiveness => (
                "Defensiveness",
                "Warding off a complaint with counter-blame, excuses or an innocent-victim stance. It feels like self-protection, but it tells your partner their concern will not be heard, so the conflict escalates.",
                "Find the part you can own, even a small one: \"You're right that I forgot. I'm sorry; I'll set a reminder.\"",
                "Four Horsemen: defensiveness; SPAFF defensiveness",
            ),
            Threat => (
                "Threats and ultimatums",
                "Threatening the relationship, or withholding love as leverage, turns a disagreement into a fight for survival. Your partner learns the relationship is conditional, and safety disappears.",
                "State what you need and why it matters, without a countdown: \"This matters a lot to me. Can we find a way that works for both of us?\"",
                "SPAFF belligerence / domineering",
            ),
            Past => (
                "Dredging up the past",
                "Bringing old mistakes into a current disagreement as a weapon (kitchen-sinking) makes the problem feel unsolvable and tells your partner nothing is ever forgiven.",
                "Stay with the one issue in front of you: \"Right now I'm upset about tonight. Can we talk about that?\"",
                "RMICS hostility (kitchen-sinking)",
            ),
            Domination => (
                "Domination",
                "Commanding, overruling or ending the discussion by decree makes one partner the winner and the other the loser. The loser stops speaking up, and problems go underground.",
                "Make it a shared decision: \"I feel strongly about this. What would work for you?\"",
                "SPAFF domineering",
            ),
            Judgment => (
                "Criticism and judgment",
                "Criticising your partner's character rather than one action, global \"always/never\" verdicts, and assuming the worst motive turn a complaint into an attack on who they are.",
                "Use a gentle start-up about one specific event: \"I feel … when … ; could we …?\"",
                "Four Horsemen: criticism; RMICS distress-maintaining attribution",
            ),
            Dismissal => (
                "Dismissal",
                "Invalidating feelings (\"you're overreacting\"), brushing off, fixing or explaining away tells your partner their inner world does not matter to you, so they stop sharing it.",
                "Acknowledge the feeling before anything else: \"I can see this really upset you. Tell me more.\"",
                "SPAFF stonewalling (partly); RMICS withdrawal",
            ),
            Suspicion => (
                "Suspicion and interrogation",
                "Interrogating and expecting the worst of your partner's words and actions is a sign of an unsafe relationship: it puts them on trial and makes honesty feel dangerous.",
                "Share the worry as yours, and ask openly: \"I felt insecure tonight. Can we talk about it?\"",
                "signs of an unsafe relationship",
            ),
            Pressure => (
                "Pressure",
                "Pushing past stated limits, demanding immediate answers or smothering leaves no room to breathe. Safety needs space as much as closeness.",
                "Say what you need and leave room: \"I'd love to hear from you when you're free; no rush.\"",
                "\"give each other space\" inverted",
            ),
            SafetyTalk => (
                "Talking about safety",
                "Naming what made you feel safe or unsafe, or inviting that conversation, is how a couple learns what each needs. It turns vague tension into something you can work on together.",
                "Keep it about your experience: \"When … I felt …; it would help me if …\"",
                "the source's \"create conversations around emotional safety\"",
            ),
            Promise => (
                "Promises and follow-through",
                "Making concrete commitments, and reporting that they were kept, builds consistency: your partner learns your word can be relied on.",
                "Make promises specific (what, when) and close the loop when they are done.",
                "\"be consistent\"",
            ),
            Curiosity => (
                "Curiosity",
                "Open, genuine questions about your partner's view replace judgment with understanding and tell them their inner world is welcome.",
                "Ask open questions: \"What was that like for you?\", \"Help me understand how you see it.\"",
                "EPITOME explorations; Perspective \"curiosity\"",
            ),
            Space => (
                "Giving space",
                "Offering or respecting time and autonomy shows trust and lets each partner come back by choice rather than by pressure.",
                "\"Take the time you need; I'm here when you're ready.\"",
                "\"give each other space\"",
            ),
            Encouragement => (
                "Encouragement",
                "Celebrating, complimenting and cheering your partner on builds the reservoir of goodwill that carries a couple through conflict.",
                "Be specific about what you admire: \"I'm proud of how you handled that meeting.\"",
                "SPAFF enthusiasm / validation",
            ),
            Boundary => (
                "Pause and boundaries",
                "Calling a pause in a heated exchange with an intent to come back, or stating a limit respectfully, prevents flooding and keeps the conversation safe to return to.",
                "\"I'm getting overwhelmed. Can we pause for twenty minutes and come back to this?\"",
                "\"respect each other's boundaries\"; Gottman's self-soothing break",
            ),
            Listening => (
                "Attentive listening",
                "Paraphrasing, checking understanding and attentive cues show your partner they were heard, the precondition for being open.",
                "Reflect back before responding: \"So what I'm hearing is …; did I get that right?\"",
                "EPITOME interpretations; SPAFF validation",
            ),
            Empathy => (
                "Empathy",
                "Validating and showing compassion for your partner's feelings tells them it is safe to bring those feelings to you.",
                "\"That sounds really hard. Of course you're upset.\"",
                "EPITOME emotional reactions; SPAFF validation",
            ),
            Warmth => (
                "Warmth and affection",
                "Warm greetings, affection and saying you missed each other are the small bids that keep connection alive day to day.",
                "Greet and welcome each other warmly, especially after time apart.",
                "SPAFF affection",
            ),
            Accountability => (
                "Accountability",
                "Taking responsibility and apologising without a \"but\" is the antidote to defensiveness: it de-escalates and shows the relationship matters more than being right.",
                "\"You're right, that was on me. I'm sorry.\"",
                "Gottman's antidote to defensiveness",
            ),
            SeekHelp => (
                "Seeking help",
                "Proposing outside help (a couples therapist, a counsellor, a trusted third person) is a sign of commitment, not failure.",
                "\"Would you be open to seeing a couples counsellor together?\"",
                "the source's \"seek therapy\"",
            ),
            Danger => (
                "Danger",
                "Threats of physical harm, of self-harm, or coercive control (monitoring, isolating, controlling money or movement) are not a communication style problem. They put someone's safety at risk and need outside help now.",
                "Reach out for help: contact a domestic-violence or crisis line, or emergency services if anyone is in immediate danger.",
                "coercive control; intimate partner violence",
            ),
        };
        Info { title, why, instead, crosswalk }
    }
}

/// Help resources shown whenever `danger` (or threats) appear. Kept generic
/// and local: haven never looks anything up online.
pub const RESOURCES: &[(&str, &str)] = &[
    ("Immediate danger", "call your local emergency number (112 in the EU, 911 in the US, 999 in the UK)."),
    ("Domestic abuse (US)", "National Domestic Violence Hotline: 1-800-799-7233, or text START to 88788."),
    ("Domestic abuse (UK)", "National Domestic Abuse Helpline: 0808 2000 247 (24 hours)."),
    ("Suicide or self-harm", "988 Suicide & Crisis Lifeline (US, call or text 988); Samaritans 116 123 (UK and Ireland); findahelpline.com lists lines in other countries."),
    ("Couples therapy", "a licensed couples therapist (for example Gottman-trained or EFT) can help when patterns repeat; your doctor can refer you."),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_matches_the_spec_counts() {
        let count = |k| Behaviour::ALL.iter().filter(|b| b.kind() == k).count();
        assert_eq!(count(Kind::Sabotage), 10);
        assert_eq!(count(Kind::Builder), 11);
        assert_eq!(count(Kind::Danger), 1);
    }

    #[test]
    fn ids_round_trip_and_index_matches_position() {
        for (i, b) in Behaviour::ALL.iter().enumerate() {
            assert_eq!(b.index(), i);
            assert_eq!(b.id().parse::<Behaviour>().unwrap(), *b);
            assert!(!b.info().why.is_empty());
        }
        assert!("sarcastic".parse::<Behaviour>().is_err());
    }
}
