//! Bids for connection and how the partner turned: toward, away or against.

use super::*;

/// How a partner answered a bid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum TurnType {
    Toward,
    Away,
    Against,
}

impl TurnType {
    /// `toward`, `away` or `against`.
    pub fn as_str(self) -> &'static str {
        match self {
            TurnType::Toward => "toward",
            TurnType::Away => "away",
            TurnType::Against => "against",
        }
    }
}

/// A bid for connection and the partner's answer.
///
/// Rule: a message without sabotage (danger alone is a disclosure that may
/// offer a feeling: "everything feels pointless when you're not here")
/// that is not itself a
/// commitment (`promise` with commitment words such as "I'll") or a
/// pause/limit (`boundary`) is a bid when it
/// shares the speaker's own news, feeling or affection, read from its
/// clauses (sentences split at commas; questions and requests such as
/// "did…", "can you…" are skipped, and a clause addressed to the partner
/// counts only with a first-person word):
/// - news: "guess what/who", "omg", "officially", "big/good news"; a
///   first-person (or subject-less) event verb ("I found", "got put on",
///   "I passed", "climbed", "rejected from"), any "I …ed" with an
///   exclamation mark, something done to the speaker ("offered me", "put
///   me on sundays", "kept me up"), a decision ("I'm thinking of quitting",
///   "imma move"), "went really well", health news (doctor, hospital,
///   tests, results, a heart attack, a fall, "keeping her in"), "so fun",
///   "the best time";
/// - feeling: a feeling word (feel, felt, nervous, scared, worried, dread,
///   lonely, proud, hopeful, fried, drained, shattered, frightens me,
///   drowning, excited, struggling, cried…,
///   "rough day", "I've been …ing"), but not pride in the partner ("proud
///   of you"), or a `safety-talk` label; a clause about the partner counts
///   when its subject is impersonal ("everything feels pointless when
///   you're not here");
/// - news of the day: "today was brutal", "tonight was really fun", "work
///   has been…" (a statement, not a question);
/// - affection: "miss you", "missed hanging out with you", "I miss the
///   days…", "love you", "need you", "quiet without you", "good to see
///   you", "lovely to hear your voice", "thinking of you", "can't wait to see you", or `warmth` in a
///   message that is not only questions and does not thank or praise the
///   partner ("thanks", "you're…").
/// - or else news of others told with feeling: a clause with a
///   past-tense or reporting verb ("emailed", "said", "sent", "wants", "is
///   coming", "got engaged") in a message with
///   an exclamation mark, a laugh ("lol", "omg") or an emoji ("the venue
///   emailed!!", "THEY CALLED. second round next thursday!!!");
/// - or else the speaker's own statement of three words or more in a
///   message with an exclamation mark, a laugh, or a face, heart or
///   gesture emoji ("my presentation is today, wish me luck 😬"; not an
///   object emoji: "on my way 🚗").
///
/// Sentences end at `.`, `!`, `?`, a line break, or an emoji before a
/// space. Returning affection ("love you too", "me too", "same") and a
/// commitment ("I'll book it") are never bids themselves, but the other
/// clauses of their message may be ("miss you more. Kai lost his first
/// tooth today!!!"), by their words and not by the message's labels. A
/// message that answers the partner's open bid is a bid itself only by its
/// words, not by its labels nor by its excitement alone ("WAIT what!! I
/// knew they'd love you 🎉" turns toward the news); an exclamation counts
/// there only in a statement about the speaker alone ("also my sister's
/// pregnant!!"). A plain statement of the speaker's (three words or
/// more, not a question, without sabotage, a pause, a commitment ("I'll
/// call her": a `promise` label alone, often a report of something done,
/// does not count; nor does `danger` alone, flagged for recall) or a
/// builder that answers something) that no cue word makes a bid is
/// one when the partner's very next message answers it with empathy,
/// accountability or space (a feeling: "thank you. it really stung" →
/// "that's fair… that's on me"), encouragement, listening or curiosity
/// (news), warmth (affection), a promise that takes it up ("four ppl
/// staring at me while I forget my own name" → "tomorrow night I'll run
/// a mock panel with you"), or words that take it up (below), and no
/// sabotage: "She was up 4 times again. I've had maybe 3 hours" →
/// "That's brutal, I'm sorry", turned toward, even when
/// that answer also answers an earlier bid of theirs. Such a statement answered otherwise
/// is not counted as a bid at all, since nothing shows it was one, with
/// one exception: such a statement of five words or more with no label
/// but a builder's (not a promise: "I think we need to see someone. this
/// keeps happening" is `seek-help`)
/// that opens a topic (first in the conversation, after the speaker's own
/// message, two hours or more after the partner's last one, or after a
/// partner's message that asked nothing: "The twins both smiled at the
/// same time at lunch" after "ok", but not "It starts at 7 at Jo's" after
/// "what time is the party?") and that the
/// partner answers with a question or request about something else
/// ("Layoff rumors at work again. Trying not to spiral" → "did you book
/// Saturday's place?": it opens with "did/can/could/have/do/would/will
/// you" after at most one word and shares no content word with the
/// statement) was a bid, turned away; the same statement answered with
/// sabotage ("I've been offered a job in Bristol" → "And you're only
/// telling me now?") was a bid, turned against.
/// A statement of the speaker's own with sabotage in it (only sarcasm,
/// defensiveness, judgment or dredging up the past, told of themselves
/// and not aimed at the partner: "wow ok. i was tryna do something nice
/// for u", "but \"never\" stings a bit, I did them the last three times")
/// is a bid when the partner's next message answers it with a labelled
/// builder, turned toward ("sry that came out wrong. i was being a jerk");
/// a bare reaction or engagement in words does not show it, and nothing
/// turns it away or against, since an edge answered in kind is a quarrel,
/// not a bid ignored.
/// The partner's next message is the
/// response: `toward` if it carries a builder and no sabotage or danger
/// (a builder the model came within 0.15 of its threshold of labelling counts:
/// "That is the best news I've had all week" engages with the news even
/// when no builder is flagged; not when the reply opens by changing the
/// subject, "btw can you text your mom about thanksgiving", or asks about
/// something else, "Nice. Did you ask her about the truck?"), or if it
/// takes the bid up in words ([`Reply::engages`]: a reaction such as "no
/// wayyy", "oh thank god", "whoa"; asking after it, "how was that?",
/// "disaster how?", "u ok?"; a heart, tears or a cheer in three words
/// or more; the bid's own word again with an exclamation, "NINE! You
/// absolute warrior"), since the model often scores such replies far
/// below any builder's threshold,
/// `against` if it carries sabotage (even beside a builder), as the spec
/// defines it; `danger` alone does not decide the turn (it is surfaced on
/// its own, first, and a false alarm on "all good, just text me when you
/// leave" would otherwise turn the reply against the news),
/// `away` otherwise, or with no response when the partner never answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bid {
    pub bid: String,
    pub speaker: String,
    /// `news`, `feeling` or `affection`.
    pub kind: &'static str,
    pub response: Option<String>,
    pub turn: TurnType,
    #[serde(skip)]
    pub(super) pos: usize,
}

pub(super) struct OpenBid {
    pub(super) bid: Bid,
    pub(super) speaker: usize,
    /// The bid's content words ([`stems`]), for a reply that echoes them.
    pub(super) words: Vec<String>,
}

/// A statement no cue word made a bid, waiting for the partner's answer
/// to show whether it was one.
pub(super) struct Told {
    pub(super) open: OpenBid,
    /// The statement's content words, when it opened a topic with nothing
    /// but words (no label but a builder's): a partner who answers it with a question or
    /// request about something else has turned away from it.
    pub(super) topic: Option<Vec<String>>,
    /// The statement gives the partner room ("ok, take the time you
    /// need"): an apology after it owns up to something else.
    pub(super) gives_room: bool,
    /// Said with an edge (sabotage labelled): only a builder labelled in
    /// the answer shows it was a bid.
    pub(super) edged: bool,
}

impl OpenBid {
    /// Message `t` (the `idx`th, by speaker `sp`) as a bid of `kind`, not
    /// yet answered.
    fn new(t: &Turn, sp: usize, kind: &'static str, idx: usize) -> OpenBid {
        OpenBid {
            bid: Bid { bid: t.id.to_string(), speaker: t.speaker.to_string(), kind, response: None, turn: TurnType::Away, pos: idx },
            speaker: sp,
            words: stems(&fold(t.text)),
        }
    }
}

impl SignalTracker {
    /// `bid` answered by `reply`, turned `turn`: settled and handed out.
    fn answer_bid(&mut self, mut bid: Bid, reply: &Turn, turn: TurnType) {
        bid.response = Some(reply.id.to_string());
        bid.turn = turn;
        self.emit_bid(bid);
    }

    pub(super) fn bids_step(&mut self, idx: usize, sp: usize, t: &Turn, builder: bool, sabotage: bool, opens: bool) {
        let told = self.told.take();
        // A reply that only came near a builder and opens by changing the
        // subject ("btw can you text your mom…") or asks about something
        // else ("What do you want on the pizza") has left the bid.
        let labelled = t.labels.iter().any(|b| b.kind() == Kind::Builder);
        let builder = builder && (labelled || !changes_subject(t.text));
        // The reply's words, read once for every bid it may answer.
        let reply = std::cell::OnceCell::new();
        let reply = || reply.get_or_init(|| Reply::new(t.text));
        let mut answered = false;
        let mut still = VecDeque::new();
        while let Some(b) = self.bids.pop_front() {
            if b.speaker != sp {
                let turn = if sabotage {
                    TurnType::Against
                } else if (builder && (labelled || !reply().asks_elsewhere(&b.words))) || reply().engages(&b.words) {
                    TurnType::Toward
                } else {
                    TurnType::Away
                };
                answered = true;
                self.answer_bid(b.bid, t, turn);
            } else {
                still.push_back(b);
            }
        }
        self.bids = still;
        if sabotage {
            // A statement that opened a topic with nothing but words, met
            // with sabotage ("I've been offered a job in Bristol" → "And
            // you're only telling me now?"), was a bid, turned against.
            if let Some(Told { open, topic: Some(_), .. }) = told.filter(|b| b.open.speaker != sp) {
                self.answer_bid(open.bid, t, TurnType::Against);
            }
            // A feeling said with an edge ("wow ok. i was tryna do something
            // nice for u") is a bid only if the partner turns toward it.
            // Only an edge, not an attack, a threat or danger.
            let edge_only = t.labels.iter().all(|b| {
                b.kind() == Kind::Builder
                    || matches!(b, Behaviour::Past | Behaviour::Defensiveness | Behaviour::Judgment | Behaviour::Sarcasm)
            });
            if edge_only && tells_something(t) && speaks_of_self(t.text) {
                self.told = Some(Told { open: OpenBid::new(t, sp, "feeling", idx), topic: None, gives_room: false, edged: true });
            }
            return;
        }
        // The partner's statement that this message answers with empathy,
        // encouragement, listening, curiosity or warmth was a bid, turned
        // toward; one that opened a topic and is answered with a question or
        // request about something else was a bid, turned away.
        if let Some(Told { open: mut b, topic, gives_room, edged }) = told.filter(|b| b.open.speaker != sp) {
            // Affection in answer turns toward it too ("Lovely to hear
            // your voice" → "Night night, my love xx").
            let warm = || t.labels.contains(&Behaviour::Warmth).then_some("affection");
            // A promise in answer to news takes it up ("still kind of in
            // shock" → "we're celebrating tonight. I'll book Marcello's").
            let acts = || (!edged && t.labels.contains(&Behaviour::Promise)).then_some("news");
            let owns =
                || (!gives_room && t.labels.iter().any(|b| matches!(b, Behaviour::Accountability | Behaviour::Space))).then_some("feeling");
            let engaged = || (!edged && reply().engages(&b.words)).then_some("news");
            if let Some(kind) = answering_kind(t.labels).or_else(warm).or_else(acts).or_else(owns).or_else(engaged) {
                b.bid.kind = kind;
                self.answer_bid(b.bid, t, TurnType::Toward);
            } else if !builder && topic.is_some_and(|words| reply().asks_about_something_else(&words)) {
                self.answer_bid(b.bid, t, TurnType::Away);
            }
        }
        // An answer to the partner's bid is a bid itself only by its words.
        let kind = if answered { answer_bid_kind(t.text) } else { bid_kind(t.text, t.labels) };
        if kind.is_none() && tells_something(t) {
            let open = OpenBid::new(t, sp, "news", idx);
            // Five words or more: "leaving work now" → "can you grab nappies"
            // is a status and an errand, not a bid turned away.
            let says_enough = t.text.split_whitespace().count() >= 5;
            let topic = (opens
                && !answered
                && says_enough
                && t.labels.iter().all(|b| b.kind() == Kind::Builder && *b != Behaviour::Promise)
                && !asks(t.text))
            .then(|| open.words.clone());
            let gives_room = t.labels.contains(&Behaviour::Space);
            self.told = Some(Told { open, topic, gives_room, edged: false });
        }
        if let Some(kind) = kind {
            if self.bids.len() >= MAX_OPEN {
                let b = self.bids.pop_front().expect("non-empty");
                self.emit_bid(b.bid);
            }
            self.bids.push_back(OpenBid::new(t, sp, kind, idx));
        }
    }
}

/// A reply as the bids it may answer read it: folded, its content words
/// ([`stems`]), and what it shows whatever the bid was.
pub(super) struct Reply {
    lower: String,
    stems: Vec<String>,
    /// It changes the subject or opens with a request: "also…", "btw",
    /// "did you…" (see [`Reply::engages`]).
    moves_on: bool,
    /// A reaction, asking after what was told, or a feeling shown (see
    /// [`Reply::engages`]).
    takes_up: bool,
}

impl Reply {
    pub(super) fn new(text: &str) -> Reply {
        static REACTION: OnceLock<Regex> = OnceLock::new();
        static ASKS_AFTER: OnceLock<Regex> = OnceLock::new();
        static ELSEWHERE: OnceLock<Regex> = OnceLock::new();
        static OWN_NEWS: OnceLock<Regex> = OnceLock::new();
        const OWN_NEWS_CUES: &str =
            r"\b(guess (what|who)|big news|good news|great news|i have news|you won't believe)\b|^\W*(i|we) (just )?got\b";
        let lower = fold(text);
        let stems = stems(&lower);
        let words = lower.split_whitespace().count();
        let moves_on = words < 2
            || changes_subject(&lower)
            || opens_with_request(&lower)
            || re(&ELSEWHERE, r"(^|[.!?]\s+)\W*(also|anyway|anyways)\b|\b(btw|by the way)\b").is_match(&lower);
        let reaction = re(
            &REACTION,
            r"^\W*(no+ wa+y+|omg+|oh my (god|gosh|days|word)|oh no+|ah no+|a+w+|wo+w+|who+a+|woah+|ya+y+|woo+|wtf|(oh )?thank (god|goodness|heavens)|congrat[a-z]*|no+o+|holy|poor (you|thing|baby|love)|bless (you|him|her|them)|oh (babe|love|honey|hun|sweetheart|darling|mate))\b(?P<own>\W+(i just|guess|did (you|u) see)\b)?",
        );
        let asks_after = re(
            &ASKS_AFTER,
            r"\b((how (was|is|did|are|come|do you feel)|what happened|who|what did (he|she|they)|(are|r) (you|u) (ok|okay|alright)|tell me (everything|more|all))\b|how\?|why( [^ ?]+){0,2}\?|(you|u) (ok|okay|alright)\?)",
        );
        // Excitement about news of one's own is not about the partner's.
        let feeling =
            || words >= 3 && (text.chars().any(feeling_emoji) || exclaimed_first(&lower)) && !re(&OWN_NEWS, OWN_NEWS_CUES).is_match(&lower);
        // "omg I just saw the cutest dog" reacts to nothing the partner said.
        let takes_up = !moves_on
            && (reaction.captures(&lower).is_some_and(|c| c.name("own").is_none())
                || (asks_after.is_match(&lower) && (lower.contains('?') || lower.contains("tell me")))
                || feeling());
        Reply { lower, stems, moves_on, takes_up }
    }

    fn shares(&self, words: &[String]) -> bool {
        self.stems.iter().any(|w| words.contains(w))
    }

    /// A reply that asks the partner about something else, a task or a
    /// plan, instead of taking up what they just told: "did you call the
    /// venue about the deposit?", "Can you fetch Kiara at 5?", "babe did
    /// you book Saturday's place". It opens with the question or request
    /// (after at most one word: a name, "babe", "ok") and shares no content
    /// word with the statement (`topic`, its [`stems`]), so "the knee's at
    /// me again" → "did the knee cream help?" is not one.
    pub(super) fn asks_about_something_else(&self, topic: &[String]) -> bool {
        opens_with_request(&self.lower) && !self.shares(topic)
    }

    /// A reply that takes up a bid in words even when no builder was found
    /// in it: it opens with a reaction ("no wayyy", "OMG", "oh no", "whoa",
    /// "thank god", "congrats", "aw"), asks after what was told ("how was
    /// that?", "disaster how?", "u ok?", "what happened?", "tell me
    /// everything"), shows a feeling with a face or heart emoji in three
    /// words or more ("not too much at all 🙈 I had the best time too"; not
    /// when the reply brings news of its own: "guess what, I got the
    /// job!!! 🎉" after "home in 20 ❤️"), or repeats a word of the bid
    /// (`bid_words`, its [`stems`]) with an exclamation ("NINE! You
    /// absolute warrior"), or opens with a short exclamation of its own
    /// ("Lovely! Bring some in", "Oh, what joy!"). Not a reply that changes
    /// the subject ("lol why. also do u still have my charger", "did you
    /// get the bird seed?") or a bare acknowledgement ("nice", "good",
    /// "😂").
    pub(super) fn engages(&self, bid_words: &[String]) -> bool {
        self.takes_up || (!self.moves_on && self.lower.contains('!') && self.shares(bid_words))
    }

    /// A question or request about something other than the bid: one that
    /// opens with it after at most one word ("Nice. Did you ask her about
    /// the truck?", "What do you want on the pizza") and shares no content
    /// word with the bid (`bid_words`, its [`stems`]).
    fn asks_elsewhere(&self, bid_words: &[String]) -> bool {
        static R: OnceLock<Regex> = OnceLock::new();
        re(&R, r"^\W*([a-z']+[,.!]?\s+)?(did|do|does|can|could|would|will|have|has|is|are|what|which|where|when|pls|please)\b")
            .is_match(&self.lower)
            && !self.shares(bid_words)
    }
}

/// Opens with a question or request to the partner, after at most one
/// word: "did you…", "ok can u…", "babe would you…".
fn opens_with_request(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^\W*([a-z']+[,.!]?\s+)?(did|can|could|have|do|would|will|pls|please) (you|u|ya|yow|ye)\b").is_match(lower)
}

/// The reply opens with a short exclamation of its own, four words at
/// most before its "!": "Lovely! Bring some in", "WHAT!!! Orla!!!!!",
/// "Oh, what joy!", "My daughter!!!".
fn exclaimed_first(lower: &str) -> bool {
    lower.split_once('!').is_some_and(|(head, _)| !head.contains(['.', '?', '\n']) && (1..=4).contains(&head.split_whitespace().count()))
}

/// An emoji that shows a feeling for the partner or their news: a heart,
/// tears, a hug, applause, a cheer or a face beyond a smile ("🥹", "😱"),
/// but not a laugh, a smile, a smirk, an eye-roll or a thumbs-up, which
/// as often close a reply that moves on ("ok 🙂 can you bring my hoodie",
/// "sink's still full 🙃", "tell me tonight 👍").
fn feeling_emoji(c: char) -> bool {
    match crate::text::emoji_cue(c) {
        Some(cue) => matches!(cue, "heart" | "sad" | "clap" | "hug" | "cheer" | "pray") && c != '\u{1F44D}',
        None => affect_emoji(c),
    }
}

/// The speaker tells of themselves, not of the partner: "i was tryna do
/// something nice for u", "I'm actually really anxious about it", not
/// "you're overreacting, like always" or "ur a selfish prick".
fn speaks_of_self(text: &str) -> bool {
    static SELF: OnceLock<Regex> = OnceLock::new();
    static AT_YOU: OnceLock<Regex> = OnceLock::new();
    re(&SELF, r"(?i)\b(i|i'm|im|i've|ive|i'd|my|me|mine)\b").is_match(text)
        && !re(&AT_YOU, r"(?i)\b(you|u|ya)('re| are| r| were| was| always| never| just| don't| dont| didn't| can't| need| have to)\b|\b(ur|you're|youre)\b").is_match(text)
}

/// A question or request, with or without its question mark: "how long
/// is your brother staying", "can you grab milk".
pub(super) fn asks(text: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?i)^\W*(did|do|does|can|could|would|will|are|is|was|were|have|has|why|what|when|where|who|how)\b").is_match(text)
}

/// The kind of bid the partner's statement was, read from an answer that
/// turns toward it: empathy answers a feeling; encouragement, listening and
/// curiosity answer news. `None` when the answer carries none of them.
pub(super) fn answering_kind(labels: &[Behaviour]) -> Option<&'static str> {
    if labels.contains(&Behaviour::Empathy) {
        Some("feeling")
    } else if labels.iter().any(|b| matches!(b, Behaviour::Encouragement | Behaviour::Listening | Behaviour::Curiosity)) {
        Some("news")
    } else {
        None
    }
}

/// A statement of three words or more that asks nothing, commits to
/// nothing, answers nothing with a builder and calls no pause: what a
/// partner may take as news or a feeling although no cue word says so
/// ("She was up 4 times again. I've had maybe 3 hours"). Sabotage in it is
/// for the caller to weigh: a feeling said with an edge is a bid only when
/// the partner turns toward it.
pub(super) fn tells_something(t: &Turn) -> bool {
    !t.text.trim_end().ends_with('?')
        && t.text.split_whitespace().count() >= 3
        && !t.labels.iter().any(|b| *b == Behaviour::Boundary || (*b == Behaviour::Promise && commitment_cue(&fold(t.text))))
        && answering_kind(t.labels).is_none()
}

/// The kind of bid a message makes, if any (see [`Bid`]).
pub fn bid_kind(text: &str, labels: &[Behaviour]) -> Option<&'static str> {
    bid_kind_of(text, labels, false)
}

/// The kind of bid a message that answers the partner's bid makes besides:
/// by its words only, and not by its excitement alone ("WAIT what!! I
/// knew they'd love you 🎉" turns toward the news; it shares none).
pub(super) fn answer_bid_kind(text: &str) -> Option<&'static str> {
    bid_kind_of(text, &[], true)
}

pub(super) fn bid_kind_of(text: &str, labels: &[Behaviour], answering: bool) -> Option<&'static str> {
    static NEWS: OnceLock<Regex> = OnceLock::new();
    static EVENT: OnceLock<Regex> = OnceLock::new();
    static FEEL: OnceLock<Regex> = OnceLock::new();
    static FIRST: OnceLock<Regex> = OnceLock::new();
    static SECOND: OnceLock<Regex> = OnceLock::new();
    static AFFECTION: OnceLock<Regex> = OnceLock::new();
    static RETURNING: OnceLock<Regex> = OnceLock::new();
    static PRAISE: OnceLock<Regex> = OnceLock::new();
    let lower = fold(text);
    // Danger with no sabotage beside it is a disclosure ("everything feels
    // pointless when you're not here"), which may still offer a feeling;
    // threats and control come with sabotage.
    if labels.iter().any(|b| b.kind() == Kind::Sabotage || *b == Behaviour::Boundary) {
        return None;
    }
    // Returned affection ("love you too") and a commitment ("I'll book it")
    // are not bids, but they do not silence the rest of the message: "miss
    // you more. Kai lost his first tooth!!" still shares news. Such a
    // message is a bid only by the words of its other clauses, never by its
    // labels, which the returned affection or the promise may have earned.
    let returning = re(
        &RETURNING,
        r"\b(love|miss|missed|adore) (you|u) (too|more|back|as well)\b|(^|[.!?,]\s*)\W*(and )?(me|you|u) too\b|^\W*(same|likewise)\b",
    );
    let committing = labels.contains(&Behaviour::Promise) && commitment_cue(&lower);
    let labels = if committing || returning.is_match(&lower) { &[] } else { labels };
    let news = re(
        &NEWS,
        r"\b(guess (what|who)|you won't believe|you will never guess|big news|good news|great news|bad news|i have news|omg|officially)\b",
    );
    let first = re(&FIRST, r"\b(i|i'm|im|i've|i'd|me|my|we|we're|we've|us|our)\b");
    let second = re(&SECOND, r"\b(you|your|you're|u|ur)\b");
    // Own events: a first-person (or subject-less) past-tense verb, being
    // given or refused something, health news, or an exclamation about a
    // thing that is not the partner.
    let event = re(
        &EVENT,
        r"(^(also |and |plus |oh and |so )?|\b(i|we)( just| finally| [a-z]+ly| lowkey| kinda| sorta)? )(just |finally |also )?(got|won|passed|made|finished|found|booked|bought|sold|saw|met|heard|aced|nailed|landed|signed|put|had|ran|quit|bombed|climbed|started|moved|lost|failed|crushed|sent|gave|ate|rang|called|spoke|talked|arrived|messed up|broke|fell|crashed)\b|\b(i|we) (just |finally |[a-z]+ly |lowkey |kinda |sorta )?[a-z]{3,}ed\b.*!|\bwent (really |so |super |pretty )?(well|great|badly)\b|\b(offered|told|gave|asked|promoted|hired|fired|invited|accepted|rejected|kept|woke|put|moved|scheduled|switched|dumped|yelled at|snapped at) (me|us)\b|\b(i'm|im|i am|i think i'm|i think im|i'm thinking of|i might|i think i might|i wanna|imma|i'm gonna|im gonna) (quit|quitting|leave|leaving|move|moving|apply|applying|start|starting|sign up|signing up|go back|going back)\b|\b(rejected|promoted|laid off|got the job|got in)\b|\b(doctor|hospital|er|a&e|ambulance|tests?|results|bloods|scan|x-ray|mri|biopsy|diagnosis|diagnosed|heart attack|stroke|stent|stitches|admitted|discharged|had a fall|keeping (him|her|them|me|us) in)\b|\b(so fun|the best time|incredible|can't wait|can start)\b",
    );
    let feel = re(
        &FEEL,
        r"\b(feel|feels|felt|feeling|nervous|scared|worried|worried sick|excited|dread|dreading|lonely|proud|hopeful|stressed|fried|drained|wiped|zombie|shaking|freaking out|cried|crying|struggling|emotional|invisible|looking forward|tired|exhausted|sad|anxious|overwhelmed|happy|upset|frustrated|homesick|down|bummed|sentimental|heartbroken|gutted|relieved|thrilled|miserable|hurt|jealous|insecure|guilty|ashamed|embarrassed|terrified|panicking|grateful|want to quit|wrecked me|slept like garbage|what a day|wrecked|shattered|knackered|running on empty|dead on my feet|frightened|frightens me|scares me|terrifies me|petrified|drowning|falling apart|losing it|can't cope|not coping|at the end of my rope|breaking down|numb)\b|\b(rough|bad|hard|long|awful|terrible|great|best|heavy|tough|hectic|brutal|stressful|shit|crap) (day|night|week|month|shift)\b|\bi've been [a-z]+ing\b|\b(i'm|im|i am) not (ok|okay|alright|fine)\b|\bcan't (breathe|stop (smiling|crying|shaking))\b|\bthought of (you|u|your)\b",
    );
    // Clauses (sentences split at commas) that are not questions or requests.
    let sentences: Vec<String> = sentences(&lower)
        .iter()
        .flat_map(|s| s.split(", ").map(str::to_string).collect::<Vec<_>>())
        .filter(|s| !(asks(s) || returning.is_match(s) || (committing && commitment_cue(s))))
        .collect();
    if sentences.iter().any(|s| news.is_match(s)) {
        return Some("news");
    }
    let own = |s: &str| first.is_match(s) || !second.is_match(s);
    // Pride in the partner is praise, not a feeling of one's own.
    static PROUD: OnceLock<Regex> = OnceLock::new();
    let proud = re(&PROUD, r"\bproud of (you|u)\b");
    let praises = |s: &str| proud.is_match(s);
    if sentences.iter().any(|s| own(s) && event.is_match(s)) {
        return Some("news");
    }
    // A clause about the partner is the speaker's feeling only when its
    // subject is impersonal: "everything feels pointless when you're not
    // here", "it still felt like you were on his side" (but not "so happy
    // for you" or "you must be so tired").
    static IMPERSONAL: OnceLock<Regex> = OnceLock::new();
    let impersonal = re(
        &IMPERSONAL,
        r"^\W*(and |but |so |honestly |tbh )?(it|everything|nothing|this|that|the \w+|today|tonight)( \S+){0,2} (feel|feels|felt|hurt|hurts)\b",
    );
    // The subject dropped, as texts drop it: the feeling comes before any
    // "you" and after no one else ("low key nervous about meeting your
    // friends tmrw"; not "she's nervous about meeting you" or "so happy
    // for you").
    static OTHER: OnceLock<Regex> = OnceLock::new();
    let other = re(&OTHER, r"\b(he|she|they|it|he's|she's|they're|it's|his|her|their)\b");
    let dropped = |s: &str| {
        feel.find(s).is_some_and(|m| {
            second.find(s).is_none_or(|y| y.start() > m.end())
                && !other.is_match(&s[..m.start()])
                && !s[m.end()..].trim_start().starts_with("for ")
        })
    };
    let own_feeling = |s: &str| (own(s) && feel.is_match(s)) || dropped(s) || impersonal.is_match(s);
    if labels.contains(&Behaviour::SafetyTalk) || sentences.iter().any(|s| own_feeling(s) && !praises(s)) {
        return Some("feeling");
    }
    // How one's day or time went is news of one's own ("today was brutal",
    // "tonight was really fun", "work has been a lot").
    static DAY: OnceLock<Regex> = OnceLock::new();
    let day = re(
        &DAY,
        r"^\W*(\w+ )?((today|tonight|last night|yesterday|this morning|this week|the weekend|work|the day|the shift|my day|my shift|class|lab|the trip)( has| really| honestly)? (was|been|felt)\b|(that|dinner|the date|the party|the wedding)( has| really| honestly)? (was|been) (so |really |honestly |actually )?(the best|amazing|incredible|so fun|lovely|perfect|special|magical|awesome|wonderful|brutal|awful|horrible|a nightmare)\b)",
    );
    if sentences.iter().any(|s| !s.contains('?') && day.is_match(s)) {
        return Some("news");
    }
    let affection = re(
        &AFFECTION,
        r"\b(miss(ed)? (you|u|your)|miss(ed)? ([a-z']+ ){1,3}(with|w/?) (you|u)\b|miss (the days|when we|us|our)\b|(without|need|needed) (you|u)\b|(good|nice|lovely|great) to (see|hear|have) (you|u|your)\b|love (you|u)|thinking (of|about) (you|u)|can't wait to see (you|u)|wish you were here)\b",
    );
    // Someone else's love ("they'll love you") is praise or news, not the
    // speaker's affection.
    static OTHERS_LOVE: OnceLock<Regex> = OnceLock::new();
    let others_love = re(
        &OTHERS_LOVE,
        r"\b(they|he|she|they'd|he'd|she'd|they'll|he'll|she'll|everyone|everybody|people|would|will|gonna) ([a-z]+ )?love (you|u)\b",
    );
    if sentences.iter().any(|s| affection.is_match(s) && !others_love.is_match(s)) {
        return Some("affection");
    }
    // Warmth counts unless it thanks or praises the partner, or only asks.
    let praise = re(&PRAISE, r"^\W*(thank|thanks|thx|ty\b|you're|you are|you were|you look|you did|you've|you have)");
    let stmt = statements(&lower);
    if labels.contains(&Behaviour::Warmth) && stmt.chars().any(char::is_alphabetic) && !praise.is_match(&stmt) && !thanks_cue(&stmt) {
        return Some("affection");
    }
    // Last: someone else's doings, told with feeling: a past-tense or reporting
    // verb in an exclamation, or with a laugh or an emoji ("the venue
    // emailed!!", "examiner said my parking was adequate lmao").
    static TOLD: OnceLock<Regex> = OnceLock::new();
    static CHARGED: OnceLock<Regex> = OnceLock::new();
    let told = re(
        &TOLD,
        r"\b([a-z]{3,}ed|got|sent|said|says|gave|made|went|came|saw|told|took|found|won|lost|broke|fell|wants|loves|hates|is coming|are coming|is visiting|is moving|got engaged|is pregnant|is getting married)\b",
    );
    let charged = re(&CHARGED, r"!|\b(lol|lmao+|omg|haha+|wow)\b").is_match(&lower) || lower.chars().any(pictograph);
    if charged && sentences.iter().any(|s| told.is_match(s)) {
        return Some("news");
    }
    // Or the speaker's own statement of three words or more, told with
    // feeling: an exclamation, a laugh, or a face, heart or gesture emoji
    // ("my presentation is today, wish me luck 😬"). An object emoji is
    // not a feeling ("on my way 🚗").
    static LAUGH: OnceLock<Regex> = OnceLock::new();
    let felt = lower.contains('!') || re(&LAUGH, r"\b(lol|lmao+|omg|haha+)\b").is_match(&lower) || lower.chars().any(affect_emoji);
    // In a reply to the partner's bid, the statement must be only about the
    // speaker ("also my sister's pregnant!!"), not also about the partner
    // ("I knew they'd love you").
    let about_me = |s: &str| if answering { first.is_match(s) && !second.is_match(s) } else { own(s) };
    if felt && sentences.iter().any(|s| about_me(s) && s.split_whitespace().count() >= 3) {
        return Some("news");
    }
    None
}

/// The message opens by changing the subject: "btw", "anyway", "random
/// but", "on another note".
pub(super) fn changes_subject(text: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)^\W*(btw|by the way|anyway|anyways|anyhow|random but|randomly|unrelated|totally unrelated|on another note|changing the subject|in other news|oh also|also,? (did|can|could|have|do) (you|u))\b",
    )
    .is_match(text)
}

/// An emoji or pictograph, of any meaning.
pub(super) fn pictograph(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

/// An emoji that shows a feeling: a face, a heart or a gesture (any that
/// carries a cue in [`emoji_cue`], and every face).
pub(super) fn affect_emoji(c: char) -> bool {
    emoji_cue(c).is_some()
        || matches!(c, '\u{1F600}'..='\u{1F64F}' | '\u{1F910}'..='\u{1F92F}' | '\u{1F970}'..='\u{1F97F}' | '\u{1FAE0}'..='\u{1FAEF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::test_support::run;
    use Behaviour::*;

    #[test]
    fn bids_with_the_subject_dropped_or_the_day_told_are_found() {
        for (text, kind) in [
            ("ok so low key nervous about meeting your friends tmrw ngl", "feeling"),
            ("Leafs blew a 3 goal lead. I'm not ok", "feeling"),
            ("Thank you for saying that. It's been a heavy week", "feeling"),
            ("Dish fixed. Also saw a bat-eared fox by the kraal at sunrise", "news"),
            ("Last night was really nice", "news"),
            ("that was the best first date I've had", "news"),
        ] {
            assert_eq!(bid_kind(text, &[]), Some(kind), "{text}");
        }
        for text in ["she's so nervous about meeting you", "so happy for you", "that was a cheap shot", "you must be so tired"] {
            assert_eq!(bid_kind(text, &[]), None, "{text}");
        }
    }

    #[test]
    fn a_near_builder_that_changes_the_subject_turns_away() {
        let turn = |reply: &str, labels: &[Behaviour]| {
            let mut t = SignalTracker::new();
            let near = [Empathy];
            t.push(&Turn {
                id: "1",
                speaker: "A",
                time: None,
                end: None,
                text: "that was horrible. the nurse wouldn't tell me anything",
                labels: &[],
                near: &[],
            });
            t.push(&Turn { id: "2", speaker: "B", time: None, end: None, text: reply, labels, near: &near });
            t.finish().bids.first().map(|b| b.turn)
        };
        assert_eq!(turn("btw can you text your mom about thanksgiving", &[]), Some(TurnType::Away));
        assert_eq!(turn("that sounds awful, I'm so sorry love", &[]), Some(TurnType::Toward));
        // A builder the model did label still turns toward.
        assert_eq!(turn("anyway, I'm here and I'm listening", &[Listening]), Some(TurnType::Toward));
        // Nor does one that asks about something else.
        assert_eq!(turn("Nice. Did you ask her about borrowing the truck?", &[]), Some(TurnType::Away));
        assert_eq!(turn("What do you want on the pizza", &[]), Some(TurnType::Away));
        assert_eq!(turn("what did the nurse say in the end?", &[]), Some(TurnType::Toward), "shares a word: asks after it");
        assert!(changes_subject("Random but did you see the bins?"));
        assert!(!changes_subject("by the time you read this I'll be home"));
    }

    #[test]
    fn exhaustion_fear_and_health_news_are_bids() {
        for (text, kind) in [
            ("my dad had a fall this morning, they're keeping him in overnight", Some("news")),
            ("they think it was a mild heart attack", Some("news")),
            ("honestly I'm shattered, the kids were up all night", Some("feeling")),
            ("it frightens me when you drive after a double shift", Some("feeling")),
            ("I'm drowning at work right now", Some("feeling")),
            ("ok. I'll ring the surgery in the morning", None),
        ] {
            assert_eq!(bid_kind(text, &[]), kind, "{text}");
        }
    }

    #[test]
    fn bids_toward_away_against_and_unanswered() {
        let s = run(&[
            ("A", 0.0, "I got the job!", &[]),
            ("B", 1.0, "I'm so proud of you", &[Encouragement]),
            ("A", 2.0, "I'm so tired today", &[]),
            ("B", 3.0, "what's for dinner", &[]),
            ("B", 4.0, "guess what, my sister called", &[]),
            ("A", 5.0, "whatever, nobody cares", &[Dismissal]),
            ("A", 6.0, "missed you ❤️", &[Warmth]),
        ]);
        let got: Vec<(&str, Option<&str>, TurnType, &str)> =
            s.bids.iter().map(|b| (b.bid.as_str(), b.response.as_deref(), b.turn, b.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("m1", Some("m2"), TurnType::Toward, "news"),
                ("m3", Some("m4"), TurnType::Away, "feeling"),
                ("m5", Some("m6"), TurnType::Against, "news"),
                ("m7", None, TurnType::Away, "affection"),
            ]
        );
        assert_eq!(s.turning_toward_rate("A"), Some(1.0 / 3.0));
    }

    #[test]
    fn a_statement_answered_with_a_builder_was_a_bid() {
        let s = run(&[
            ("A", 0.0, "She was up 4 times again. I've had maybe 3 hours", &[]),
            ("B", 1.0, "oh no, that sounds exhausting", &[Empathy]),
            ("A", 2.0, "The car is at the garage until friday", &[]),
            ("B", 3.0, "ok", &[]),
            ("B", 4.0, "Are you coming to the thing tonight?", &[]),
            ("A", 5.0, "good question, tell me more", &[Curiosity]),
            ("A", 6.0, "The guy kept calling me chief all day", &[]),
            ("B", 7.0, "wait what, chief? tell me everything", &[Curiosity]),
            ("B", 8.0, "Work is fine I guess", &[]),
            ("A", 9.0, "shut up, nobody asked", &[Dismissal]),
            ("A", 10.0, "It rained the whole way to work", &[]),
            ("B", 11.0, "aw, my poor drowned rat", &[Warmth]),
        ]);
        let got: Vec<(&str, Option<&str>, TurnType, &str)> =
            s.bids.iter().map(|b| (b.bid.as_str(), b.response.as_deref(), b.turn, b.kind)).collect();
        // The garage (answered "ok") and the question are not bids:
        // nothing in their words says so, and no builder took them as one.
        // The statement that opens a topic after the speaker's own message
        // and is met with sabotage was one, turned against. Affection in
        // answer takes one, and is a bid of its own.
        assert_eq!(
            got,
            vec![
                ("m1", Some("m2"), TurnType::Toward, "feeling"),
                ("m7", Some("m8"), TurnType::Toward, "news"),
                ("m9", Some("m10"), TurnType::Against, "news"),
                ("m11", Some("m12"), TurnType::Toward, "affection"),
                ("m12", None, TurnType::Away, "affection")
            ]
        );
    }

    #[test]
    fn danger_alone_may_offer_a_feeling_but_not_beside_sabotage() {
        let text = "I don't know. everything feels pointless when you're not here";
        assert_eq!(bid_kind(text, &[Danger]), Some("feeling"));
        assert_eq!(bid_kind(text, &[Danger, Domination]), None);
    }

    #[test]
    fn a_statement_after_the_speakers_own_bid_is_answered_too() {
        // The reply answers the news and the plain statement that came
        // right before it, both from the same partner.
        let s = run(&[
            ("A", 0.0, "ok that actually made me smile 🥲", &[]),
            ("A", 1.0, "grandma loved you. she said you were very polite", &[]),
            ("B", 2.0, "she's iconic. thanks for letting me be there", &[Warmth]),
        ]);
        let got: Vec<(&str, Option<&str>, TurnType)> = s.bids.iter().map(|b| (b.bid.as_str(), b.response.as_deref(), b.turn)).collect();
        assert_eq!(got, vec![("m1", Some("m3"), TurnType::Toward), ("m2", Some("m3"), TurnType::Toward)]);
    }

    #[test]
    fn a_reply_near_a_builder_turns_toward_a_bid() {
        let turn_of = |labels: &[Behaviour], near: &[Behaviour]| {
            let mut t = SignalTracker::new();
            t.push(&Turn { id: "m1", speaker: "A", time: None, end: None, text: "I got the job!", labels: &[], near: &[] });
            t.push(&Turn { id: "m2", speaker: "B", time: None, end: None, text: "best news all week", labels, near });
            let s = t.finish();
            assert_eq!(s.bids.len(), 1);
            (s.bids[0].turn, s.ratio.positive)
        };
        assert_eq!(turn_of(&[], &[]), (TurnType::Away, 0));
        assert_eq!(turn_of(&[], &[Encouragement]), (TurnType::Toward, 0), "near, not a label: the ratio does not count it");
        assert_eq!(turn_of(&[Sarcasm], &[Encouragement]), (TurnType::Against, 0));
        assert_eq!(turn_of(&[], &[Judgment]), (TurnType::Away, 0), "near sabotage does not turn against");
    }

    #[test]
    fn things_done_to_the_speaker_and_decisions_are_news() {
        assert_eq!(bid_kind("the landlord moved me to the small flat upstairs", &[]), Some("news"));
        assert_eq!(bid_kind("the neighbours' party woke me at 3", &[]), Some("news"));
        assert_eq!(bid_kind("honestly I'm thinking of quitting the choir", &[]), Some("news"));
        assert_eq!(bid_kind("imma apply for the Lisbon job", &[]), Some("news"));
        // A request or a question about the partner's plans is not.
        assert_eq!(bid_kind("can you move me off the rota", &[]), None);
        assert_eq!(bid_kind("are you quitting the choir?", &[]), None);
    }

    #[test]
    fn affection_without_the_words_love_or_miss_you() {
        for text in [
            "the house is so empty without you",
            "I really need you tonight",
            "I miss the days when you sang in the car",
            "so good to see you today",
        ] {
            assert_eq!(bid_kind(text, &[]), Some("affection"), "{text}");
        }
        assert_eq!(bid_kind("my cousin is coming to stay next week!!", &[]), Some("news"));
    }

    #[test]
    fn others_news_is_a_bid_when_told_with_feeling() {
        assert_eq!(bid_kind("the venue emailed!! they have june 14 free 😍", &[]), Some("news"));
        assert_eq!(bid_kind("examiner said my parking was \"adequate\" lmaooo", &[]), Some("news"));
        assert_eq!(bid_kind("Leo's temp is 39.2. gave him calpol, he's finally asleep on me", &[]), Some("news"), "subject-less event");
        // Told flatly, or only asked, it is logistics.
        assert_eq!(bid_kind("the venue emailed about the deposit", &[]), None);
        assert_eq!(bid_kind("did the venue email you?!", &[]), None);
    }

    #[test]
    fn a_topic_opened_and_answered_with_an_errand_was_a_bid_turned_away() {
        let knee = "The knee's at me again. Couldn't get out of the car after Mass";
        let s = run(&[("B", 0.0, knee, &[]), ("A", 3.0, "Did you get the messages from Tesco?", &[])]);
        assert_eq!(s.bids.len(), 1);
        assert_eq!((s.bids[0].bid.as_str(), s.bids[0].response.as_deref(), s.bids[0].turn), ("m1", Some("m2"), TurnType::Away));
        // After one word (a name, a pet name) and after the speaker's own message.
        let dad = "My dad actually said he liked my wedding speech draft";
        let s = run(&[("A", 0.0, "morning", &[]), ("A", 1.0, dad, &[]), ("B", 9.0, "babe did you call the venue about the deposit?", &[])]);
        assert_eq!(s.bids.iter().map(|b| (b.bid.as_str(), b.turn)).collect::<Vec<_>>(), [("m2", TurnType::Away)]);
        // Hours after the partner last spoke, the statement opens a topic again.
        let worry = "Layoff rumors at work again. Trying not to spiral";
        let s = run(&[("B", 0.0, "ok see you later", &[]), ("A", 300.0, worry, &[]), ("B", 305.0, "can you book Saturday's place?", &[])]);
        assert_eq!(s.bids.len(), 1);
    }

    #[test]
    fn a_reply_that_takes_up_the_bid_in_words_turns_toward_it_without_a_builder() {
        let news = "PITCH DONE. they want a second meeting!!!";
        let turn_of = |reply: &str| {
            let s = run(&[("A", 0.0, news, &[]), ("B", 1.0, reply, &[])]);
            s.bids.iter().filter(|b| b.bid == "m1").map(|b| b.turn).collect::<Vec<_>>()
        };
        for reply in [
            "no wayyy 🎉 tell me everything",
            "OH THANK GOD. I'M COMING IN FROM THE SHED",
            "whoa. how was that?",
            "disaster how?",
            "not too much at all 🙈 I had the best time too",
            "A SECOND MEETING! You absolute legend",
            "WHAT!!! Years of getting up at 5 and look!!!",
            "Oh, what joy! I can tell you're over the moon",
        ] {
            assert_eq!(turn_of(reply), [TurnType::Toward], "{reply}");
        }
        // Near misses: a bare acknowledgement, a laugh, a reaction to one's
        // own news, a question about something else, a complaint asked as
        // "why", a thumbs-up that defers.
        for reply in [
            "nice",
            "haha ok 😂",
            "omg I just saw the cutest dog at the park",
            "thank god. did you get any lunch? we're out of bread btw",
            "lol why. also do u still have my charger",
            "Why didn't you reply last night?",
            "At the match with the lads, tell me tonight 👍",
            "ok 🙂 can you bring my grey hoodie",
            "guess what, I got the job!!! 🎉",
            "Morning! can you move your car, I'm blocked in",
            "Guess what! Mum's coming Sunday",
        ] {
            assert_eq!(turn_of(reply), [TurnType::Away], "{reply}");
        }
        // A plain statement taken up so is a bid turned toward; answered
        // with a bare acknowledgement, it shows none.
        let plain = "Margaret telephoned. Oliver has been chosen to read a poem at the school assembly on Friday.";
        let s = run(&[("A", 0.0, plain, &[]), ("B", 1.0, "How marvellous! You must be bursting 🥹", &[])]);
        assert_eq!(s.bids.iter().filter(|b| b.bid == "m1").map(|b| b.turn).collect::<Vec<_>>(), [TurnType::Toward]);
        let s = run(&[("B", 0.0, "how was your day", &[]), ("A", 1.0, plain, &[]), ("B", 2.0, "good", &[])]);
        assert!(s.bids.is_empty(), "{:?}", s.bids);
    }

    #[test]
    fn an_apology_or_room_given_in_answer_to_a_hurt_turns_toward_it() {
        for (reply, labels) in [
            ("that's fair. I'm not sure I ever told you about the weekend. that's on me", &[Accountability][..]),
            ("tell me about it if you want. or not. either's fine", &[Space][..]),
        ] {
            let s = run(&[("B", 0.0, "how are you", &[]), ("A", 1.0, "thank you. it really stung", &[]), ("B", 2.0, reply, labels)]);
            assert_eq!(s.bids.iter().map(|b| (b.bid.as_str(), b.turn)).collect::<Vec<_>>(), [("m2", TurnType::Toward)], "{reply}");
        }
        // Room given in answer to a pause is no hurt: the apology after it
        // owns up to the quarrel before.
        let s = run(&[
            ("A", 0.0, "I'm getting overwhelmed. can we take 20 min and pick this up after?", &[Boundary]),
            ("B", 1.0, "ok, take the time you need", &[Space]),
            ("A", 30.0, "you're right, I was on my phone. I'm sorry", &[Accountability]),
        ]);
        assert!(s.bids.is_empty(), "{:?}", s.bids);
    }

    #[test]
    fn a_statement_flagged_danger_or_promise_alone_can_still_be_a_bid() {
        // The model's danger threshold is set for recall, and a report of
        // something done is flagged `promise`: neither makes the statement
        // less of a bid when the partner answers it with empathy or praise.
        let tired = "She was up 4 times again. I've had maybe 3 hours";
        let s = run(&[("A", 0.0, tired, &[Danger]), ("B", 1.0, "That's brutal, I'm sorry", &[Empathy])]);
        assert_eq!(s.bids.iter().map(|b| b.turn).collect::<Vec<_>>(), [TurnType::Toward]);
        let drove = "Talked to your mama. Knee's swollen, she's seeing Dr. Hale Thursday";
        let s = run(&[("A", 0.0, drove, &[Promise]), ("B", 1.0, "Bill you're an angel. Thank you for calling her", &[Encouragement])]);
        assert_eq!(s.bids.iter().map(|b| b.turn).collect::<Vec<_>>(), [TurnType::Toward]);
        // A commitment is still no bid.
        let s = run(&[("A", 0.0, "I'll call your mama tomorrow", &[Promise]), ("B", 1.0, "you're an angel", &[Encouragement])]);
        assert!(s.bids.is_empty(), "{:?}", s.bids);
        // Sabotage aimed at the partner still is not a bid.
        let s = run(&[("A", 0.0, "you never let me sleep", &[Judgment]), ("B", 1.0, "I'm sorry, that's on me", &[Accountability])]);
        assert!(s.bids.is_empty(), "{:?}", s.bids);
    }

    #[test]
    fn a_feeling_said_with_an_edge_is_a_bid_when_the_partner_turns_toward_it() {
        let turns = |msgs: &[(&str, f64, &str, &[Behaviour])]| run(msgs).bids.iter().map(|b| (b.bid.clone(), b.turn)).collect::<Vec<_>>();
        for (edged, label, answer, answered) in [
            ("wow ok. i was tryna do something nice for u", Defensiveness, "sry that came out wrong. i was being a jerk", Accountability),
            ("but \"never\" stings a bit, I did them the last three times", Past, "fair. \"never\" was unfair, sorry", Accountability),
            (
                "wow ok. I'm actually really anxious about it but cool",
                Sarcasm,
                "sorry, that was flippant. what's making it feel so big?",
                Curiosity,
            ),
        ] {
            let toward = turns(&[("A", 0.0, edged, &[label]), ("B", 1.0, answer, &[answered])]);
            assert_eq!(toward, [("m1".to_string(), TurnType::Toward)], "{edged}");
            // Only a builder in the answer shows it: a bare reaction or an
            // edge back does not.
            assert!(turns(&[("A", 0.0, edged, &[label]), ("B", 1.0, "wow ok", &[])]).is_empty(), "{edged}");
            assert!(turns(&[("A", 0.0, edged, &[label]), ("B", 1.0, "here we go again", &[Sarcasm])]).is_empty(), "{edged}");
        }
        // Not an attack on the partner, a threat or danger, whatever the answer.
        for (said, labels) in [
            ("you're overreacting, like always", &[Dismissal, Judgment][..]),
            ("ur a selfish prick and I'm done", &[NameCalling]),
            ("if you leave me I'll hurt myself. I mean it", &[Threat, Danger]),
        ] {
            let bids = turns(&[("A", 0.0, said, labels), ("B", 1.0, "I'm worried about you. I'm here", &[Empathy])]);
            assert!(!bids.iter().any(|(id, _)| id == "m1"), "{said}: {bids:?}");
        }
    }

    #[test]
    fn a_statement_after_a_message_that_asked_nothing_opens_a_topic() {
        let twins = "The twins both smiled at the same time at lunch and your mum nearly fainted";
        let errand = "did you get the vitamin D drops from the pharmacy?";
        let s = run(&[("B", 0.0, "ok", &[]), ("A", 1.0, twins, &[]), ("B", 2.0, errand, &[])]);
        assert_eq!(s.bids.iter().map(|b| (b.bid.as_str(), b.turn)).collect::<Vec<_>>(), [("m2", TurnType::Away)]);
        // An answer to the partner's question opens nothing.
        let s = run(&[
            ("B", 0.0, "what time is the party?", &[]),
            ("A", 1.0, "It starts at 7 at Jo's place tomorrow", &[]),
            ("B", 2.0, "can you pick up wine?", &[]),
        ]);
        assert!(s.bids.is_empty(), "{:?}", s.bids);
    }

    #[test]
    fn a_topic_opened_with_a_builder_and_met_with_sabotage_was_a_bid_turned_against() {
        let ask = "I think we need to see someone. this keeps happening and I don't like who we are right now";
        let s = run(&[("A", 0.0, ask, &[SeekHelp]), ("B", 1.0, "fine. book it if you want", &[Dismissal])]);
        assert_eq!(s.bids.iter().map(|b| (b.bid.as_str(), b.turn)).collect::<Vec<_>>(), [("m1", TurnType::Against)]);
        // A commitment that opens a topic is no bid, whatever the answer.
        let s = run(&[("A", 0.0, "I'll sort the car insurance out this week", &[Promise]), ("B", 1.0, "sure you will", &[Sarcasm])]);
        assert!(s.bids.is_empty(), "{:?}", s.bids);
    }

    #[test]
    fn a_topic_opened_and_met_with_sabotage_was_a_bid_turned_against() {
        let news = "I've been offered a job in Bristol and I'm seriously thinking about taking it.";
        let s = run(&[("A", 0.0, news, &[]), ("B", 2.0, "Bristol? And you're only telling me now?", &[Judgment])]);
        assert_eq!(s.bids.len(), 1);
        assert_eq!((s.bids[0].bid.as_str(), s.bids[0].response.as_deref(), s.bids[0].turn), ("m1", Some("m2"), TurnType::Against));
        // A statement that answers the partner's message opens no topic:
        // sabotage after it is a quarrel, not a bid turned against.
        let s = run(&[("B", 0.0, "why are you home so late", &[]), ("A", 1.0, news, &[]), ("B", 2.0, "unbelievable", &[Judgment])]);
        assert!(s.bids.is_empty());
    }

    #[test]
    fn a_topic_opened_and_answered_with_a_promise_was_a_bid_turned_toward() {
        let news = "The landlord wants to put the rent up by two hundred";
        let s = run(&[("A", 0.0, news, &[]), ("B", 2.0, "I'll ring him tomorrow and sort it", &[Promise])]);
        assert_eq!(s.bids.iter().map(|b| (b.bid.as_str(), b.turn)).collect::<Vec<_>>(), [("m1", TurnType::Toward)]);
        // A statement that answers the partner's question opens no topic,
        // but a promise that takes it up turns toward it all the same, as
        // empathy would ("four ppl staring at me while I forget my own
        // name" → "tomorrow night I'll run a mock panel with you").
        let asked = |reply: &str, labels: &'static [Behaviour]| {
            run(&[("B", 0.0, "what did the landlord say", &[]), ("A", 1.0, news, &[]), ("B", 2.0, reply, labels)])
        };
        let s = asked("I'll ring him tomorrow", &[Promise]);
        assert_eq!(s.bids.iter().map(|b| (b.bid.as_str(), b.turn)).collect::<Vec<_>>(), [("m2", TurnType::Toward)]);
        // Answered with nothing that takes it up, it shows no bid.
        let s = asked("ok", &[]);
        assert!(s.bids.is_empty(), "{:?}", s.bids);
    }

    #[test]
    fn errands_that_take_up_the_statement_or_answer_a_reply_are_not_turning_away() {
        let knee = "The knee's at me again. Couldn't get out of the car after Mass";
        // The question takes up what was told.
        let s = run(&[("B", 0.0, knee, &[]), ("A", 3.0, "did the knee cream not help?", &[])]);
        assert!(s.bids.is_empty());
        // The statement answers the partner's message just before it.
        let s = run(&[("A", 0.0, "how was mass", &[]), ("B", 2.0, knee, &[]), ("A", 3.0, "Did you get the messages from Tesco?", &[])]);
        assert!(s.bids.is_empty());
        // A status too short to be news, a question without its mark, a
        // reply that only comments.
        for (said, reply) in [
            ("leaving work now", "can you grab nappies"),
            ("how long is your brother staying exactly", "did you ask him?"),
            ("My dad actually said he liked my wedding speech draft", "lol ok"),
        ] {
            let s = run(&[("A", 0.0, said, &[]), ("B", 2.0, reply, &[])]);
            assert!(s.bids.is_empty(), "{said} → {reply}");
        }
    }

    #[test]
    fn danger_alone_does_not_turn_a_reply_against_a_bid() {
        let s = run(&[("A", 0.0, "I got the job!!", &[]), ("B", 1.0, "all good, just text me when you leave", &[Danger])]);
        assert_eq!(s.bids[0].turn, TurnType::Away);
        let s = run(&[("A", 0.0, "I got the job!!", &[]), ("B", 1.0, "you're not taking it. I decide", &[Danger, Domination])]);
        assert_eq!(s.bids[0].turn, TurnType::Against);
    }

    #[test]
    fn returned_affection_and_commitments_leave_the_rest_of_the_message() {
        assert_eq!(bid_kind("miss you more. Kai lost his first tooth today!!! 🦷", &[Warmth]), Some("news"));
        assert_eq!(bid_kind("love you too. sorry about this morning, I was scared about today", &[Warmth]), Some("feeling"));
        assert_eq!(bid_kind("love you too ❤️ sleep well", &[Warmth]), None, "the warmth label was earned by the returned affection");
        assert_eq!(bid_kind("I'll call you at 9, promise. I'm so nervous about tomorrow", &[Promise]), Some("feeling"));
        assert_eq!(bid_kind("I'll call you at 9, promise ❤️", &[Promise, Warmth]), None);
    }

    #[test]
    fn own_statements_told_with_feeling_are_bids() {
        assert_eq!(bid_kind("also my presentation is today, wish me luck 😬", &[]), Some("news"));
        assert_eq!(bid_kind("THEY CALLED. second round next thursday!!!", &[]), Some("news"), "the charge may sit in another sentence");
        assert_eq!(bid_kind("ngl I lowkey aced my bio final", &[]), Some("news"), "an adverb between the subject and the verb");
        // A flat report of one's own errand is not (measured: 25 bids no author marked for one they did).
        assert_eq!(bid_kind("I emailed the admissions office anyway", &[]), None);
        assert_eq!(bid_kind("I emailed the admissions office!!", &[]), Some("news"));
        // An object emoji is not a feeling, and a short reply is not news.
        assert_eq!(bid_kind("on my way 🚗", &[]), None);
        assert_eq!(bid_kind("ok!", &[]), None);
        // Excitement answering the partner's news turns toward it; it is not news of its own.
        let cheer = "WAIT what!! babe that's huge, I knew they'd love you 🎉";
        assert_eq!(answer_bid_kind(cheer), None);
        assert_eq!(answer_bid_kind("so happy for you!! I passed my driving test too"), Some("news"));
    }

    #[test]
    fn a_clause_about_the_partner_is_a_feeling_with_an_impersonal_subject() {
        assert_eq!(bid_kind("everything feels pointless when you're not here", &[]), Some("feeling"));
        assert_eq!(bid_kind("it still felt like you were on his side", &[]), Some("feeling"));
        assert_eq!(bid_kind("you must be so tired", &[]), None);
        assert_eq!(bid_kind("are you nervous", &[]), None);
    }

    #[test]
    fn how_the_day_went_and_widened_affection() {
        assert_eq!(bid_kind("hey are you home yet? today was brutal", &[]), Some("news"));
        assert_eq!(bid_kind("tonight was really fun", &[]), Some("news"));
        assert_eq!(bid_kind("work is at 9 tomorrow", &[]), None, "a plan");
        assert_eq!(bid_kind("today was ok?", &[]), None, "a question");
        assert_eq!(bid_kind("Lovely to hear your voice", &[]), Some("affection"));
        // A reply to the partner's bid that adds news of the speaker's own.
        assert_eq!(answer_bid_kind("also my sister's pregnant!! I'm going to be an uncle"), Some("news"));
        assert_eq!(answer_bid_kind("so happy for you!! can't believe it"), None);
    }

    #[test]
    fn an_emoji_before_a_space_ends_a_sentence() {
        assert_eq!(sentences("morning love ☀️ boiler kept you up again?"), ["morning love ☀️", "boiler kept you up again?"]);
        assert_eq!(sentences("yay 🎉🎉 so proud"), ["yay 🎉🎉", "so proud"]);
        assert_eq!(sentences("done ✅"), ["done ✅"]);
    }

    #[test]
    fn bids_follow_the_conventions() {
        assert_eq!(bid_kind("love you too", &[Warmth]), None, "returned affection");
        assert_eq!(bid_kind("thank you ❤️", &[Warmth]), None, "thanks");
        assert_eq!(bid_kind("you're the best", &[Warmth]), None, "praise");
        assert_eq!(bid_kind("I'm so proud of you", &[Encouragement]), None, "pride in the partner");
        assert_eq!(bid_kind("also I'm kind of proud of us tbh", &[]), Some("feeling"));
        assert_eq!(bid_kind("what time's the train?", &[]), None, "question");
        assert_eq!(bid_kind("can you grab oat milk on your way home", &[]), None, "request");
        assert_eq!(bid_kind("I'll book the table", &[Promise]), None, "commitment");
        assert_eq!(bid_kind("so I found the car. 2019 outback, 14k", &[]), Some("news"));
        assert_eq!(bid_kind("dad's in the ER again, they think it's his heart", &[]), Some("news"));
        assert_eq!(bid_kind("kinda nervous for thursday honestly", &[]), Some("feeling"));
        assert_eq!(bid_kind("relax? I've been worried sick", &[]), Some("feeling"));
        assert_eq!(bid_kind("thinking of you ❤️", &[]), Some("affection"));
    }
}
