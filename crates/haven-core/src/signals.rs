//! Conversation-level signals, computed streaming over one conversation:
//! escalation episodes, pauses honoured, bids and responses, promises and
//! follow-through, balance, the safety index and the positive-to-negative
//! ratio (`shared/spec/behaviors.md`, "Conversation-level signals").
//!
//! Feed a [`SignalTracker`] one [`Turn`] at a time (the message's id, speaker,
//! time, text and its labels from the analyzer or from gold data) and call
//! [`SignalTracker::finish`] at the end. The tracker keeps a four-message
//! window, the open items it still has to resolve (at most [`MAX_OPEN`]
//! bids, pauses and promises each, none older than [`MAX_AGE`] messages),
//! running totals ([`Totals`]) and one safety point per speaker and day.
//! The finished items (episodes, pauses, bids, promises) are kept for
//! `finish` unless the caller takes them as they settle with
//! [`SignalTracker::take_settled`], in message order: then memory stays flat
//! however long the conversation.
//!
//! Every rule is stated on the item it produces; the report's "how this is
//! computed" section repeats them.

use crate::taxonomy::{Behaviour, Kind};
use crate::text::emoji_cue;
use regex::Regex;
use serde::Serialize;
use std::collections::VecDeque;
use std::sync::OnceLock;

/// The most open bids, pauses or promises kept at once; the oldest is
/// resolved (bid: away, pause: null, promise: open) when a new one would
/// exceed it.
pub const MAX_OPEN: usize = 64;

/// How many messages a bid, pause or promise stays open: one still open
/// this many messages after it was made is resolved as if the conversation
/// ended there (bid: away without a response, pause: null, promise: open).
/// Real follow-ups come within minutes or days, hundreds of messages at
/// most; the bound lets a streaming consumer write items out in order.
pub const MAX_AGE: usize = 10_000;

/// Seconds after a promise from which the partner's first reply that
/// thanks for it thanks for the deed rather than the offer.
const THANKS_LATER: f64 = 1800.0;

/// Gottman's ratio of positive to negative interactions during conflict in
/// couples who stayed together.
pub const STABLE_RATIO: f64 = 5.0;
/// The ratio that characterised couples who later split.
pub const SPLIT_RATIO: f64 = 0.8;

/// Each signal's rule in one sentence, for reports' "how this is computed"
/// section (the item types' doc comments give the full rule).
pub const RULES: &[(&str, &str)] = &[
    ("Safety index", "Per partner and day: 100 × (builders + 1) / (builders + 2 × sabotage + 2), rounded; 50 means nothing either way. Any danger that day sets it to 0, whatever the positives. The weekly index (Monday to Sunday) applies the same formula to the week's sums, with the same floor."),
    ("Positive : negative", "Builder labels against sabotage and danger labels, overall and inside escalation episodes, beside Gottman's 5:1 (couples who stayed together) and 0.8:1 (couples who split)."),
    ("Escalation", "At least 3 of some 4 consecutive messages are heated, from both partners: each carries sabotage, or came within 0.35 of the model's threshold of it (or a phrase rule found it and the model overruled it), and at least 2 carry it (danger alone does not count, and a partner facing the other's danger counts only with sabotage labelled, not near); overlapping windows make one episode from its first to its last heated message. The pause point is the message that made it an escalation; a pause was called if a pause message falls inside it or within two messages after it."),
    ("Pause", "A boundary message (or one the model came within 0.35 of its threshold of labelling so) that names a pause (pause, break, step away, give me 15, for a bit, when I'm back, talk/call you later or at 9, calm, \"let's leave it until tomorrow\", \"sleep on it\", \"we'll talk properly at lunch\", \"I'm getting heated\", \"not over text\"…); the resume time is read from the text, the latest if several (\"in 20 minutes\", \"give me 15\", \"back in 20\", \"at 9\", \"tonight\", \"tomorrow\"). It lasts until the earlier of that time and the pausing partner's next message; honoured when the other partner sends no sabotage inside it; unknown if the conversation ends inside it. A respectful limit (\"please don't call me that\") is not a pause."),
    ("Bid", "The speaker's own news (\"guess what\", \"I got the job!\", \"I found the car\", \"tests came back\", \"they put me on sundays\", \"I'm thinking of quitting\"), feeling (\"I'm so stressed\", \"I felt lonely\", \"I'm not ok\", \"low key nervous about meeting your friends\" with the subject dropped, safety talk), unprompted affection (\"miss you\", \"quiet without you\", warmth), others' news told with feeling (\"the venue emailed!!\"), how the day went (\"today was brutal\", \"last night was really nice\", \"that was the best first date\") or any statement of one's own told with feeling (an exclamation, a laugh, a face or heart emoji: \"my presentation is today, wish me luck 😬\"), without sabotage; not questions, requests, commitments, pauses, thanks, praise of the partner or returned affection (\"love you too\"), though the rest of such a message can be (\"miss you more. Kai lost his first tooth!!\"). A plain statement with no such word (\"She was up 4 times again. I've had maybe 3 hours\") is a bid when the partner's next message answers it with empathy, encouragement, listening, curiosity or warmth, and no sabotage (even when that message also answers an earlier bid of theirs): turned toward. The partner's next message turns toward it (a builder only, or one the model came within 0.15 of its threshold of labelling or a phrase rule found), against it (any sabotage) or away (anything else, or no answer)."),
    ("Promise", "A promise message (or one the model came within 0.35 of its threshold of labelling so, or that a phrase rule found a promise in when the model overruled it) that commits (\"I'll…\", \"Ok. Will call at lunch\", \"leave the bins to me\", \"I'm making soup tonight\", \"be there in 30\"), read sentence by sentence (\"Done at half two. I'll collect it Wednesday\" reports one deed and promises another). Kept when the committer reports it done (a later promise message, \"done\", \"as promised\", a sentence opening with a deed done or an arrival, the subject dropped: \"Booked.\", \"Back.\", \"Got the corner booth\", \"Both delivered\", or a done-verb of their own naming the same thing, not \"she called me\") or the partner names the deed (\"you got the chicken\", a done-verb naming the same thing) or finds its result (\"kitchen's spotless\") or thanks for it (not for a word or a feeling: \"thank you for telling me\"; not in their first reply unless it comes half an hour or more later); broken when the partner complains it was not done (\"you said\", \"you did say\", \"what happened to\", \"still haven't\", \"the bins are still by the garage\" naming the same thing, \"forgot again\", \"you didn't\" + the same thing) or, for a promise that named a time, that the time is gone (\"it's been 50 minutes\", \"so much for the midnight alarm\"); otherwise open. Evidence goes to the speaker's own open promise before the partner's, then to the one sharing most content words (ties: the oldest); a message that reports the speaker's own and complains of the partner's (\"you said…\") settles both."),
    ("Balance", "Turns, words and questions (messages with \"?\") per partner; mean response time when times are known; interruptions when a transcript turn starts before the other's ended."),
];

/// One message as the tracker sees it.
#[derive(Debug, Clone, Copy)]
pub struct Turn<'a> {
    /// The message id (the input's `id`, or its 1-based position).
    pub id: &'a str,
    /// Who sent it.
    pub speaker: &'a str,
    /// Seconds on the speaker's local clock (see [`parse_time`]), or seconds
    /// from the start of a recording; `None` when the source has no time.
    pub time: Option<f64>,
    /// End of the utterance in the same unit (transcripts), if known.
    pub end: Option<f64>,
    /// The message text (pause calls, resume times, bids and promise
    /// follow-ups are read from it).
    pub text: &'a str,
    /// Behaviours found in the message.
    pub labels: &'a [Behaviour],
    /// Behaviours the analysis came near without labelling them
    /// (`MessageAnalysis::near`: 0.35 of the model's threshold, 0.15 for
    /// builders other than promise and boundary, or a phrase
    /// rule's finding the model overruled); empty for gold labels. A near
    /// sabotage makes a message heated ([`Escalation`]), a near `promise`
    /// counts as one for promises ([`Promise`]) and a near builder turns
    /// toward a bid ([`Bid`]); the ratio and the safety index never read
    /// them.
    pub near: &'a [Behaviour],
}

impl Turn<'_> {
    /// Labelled `b`, or came near it ([`Turn::near`]): what counts as a
    /// `boundary` message for pauses and a `promise` message for promises
    /// (their text cues still decide). Not for bids, the ratio or the
    /// safety index, which read labels only.
    fn labelled_or_near(&self, b: Behaviour) -> bool {
        self.labels.contains(&b) || self.near.contains(&b)
    }
}

/// An escalation episode.
///
/// Rule: a window of 4 consecutive messages (fewer at the start of the
/// conversation) in which at least 3 messages are heated, at least 2 of
/// them carry a sabotage label, and the heated messages come from both
/// speakers qualifies; overlapping qualifying windows form one episode. A
/// message is heated when it carries a sabotage label or when the analysis
/// came near one ([`Turn::near`]): a detector that misses one
/// sabotage message in three would otherwise miss most quarrels, and the
/// two labelled messages keep a run of near misses from making one alone.
/// With gold labels this is the spec's rule (3 of 4 carry sabotage).
/// `danger` is not sabotage here, so one-sided coercion never makes an
/// episode; nor does it with the other speaker's heat only near a label
/// in a window where the coercing speaker's messages carry `danger` (a
/// partner pushing back, "I'm not lying. I'm scared when you talk like
/// that", is not quarrelling). `start` is the first heated message of the first qualifying
/// window, `end` the last heated message of the last one. `escalated_by`
/// is the speaker of `start`; `pause_point` is the message that first made
/// the window qualify (a pause before or at it would have helped).
/// `pause_called` is true when a pause call (see
/// [`Pause`]) occurs from `start` up to two messages after `end`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Escalation {
    pub start: String,
    pub end: String,
    pub escalated_by: String,
    pub pause_point: String,
    pub pause_called: bool,
    /// Messages from `start` to `end`, inclusive.
    pub messages: usize,
    /// Builder labels inside the episode.
    pub positive: u32,
    /// Sabotage labels inside the episode.
    pub negative: u32,
    #[serde(skip)]
    start_idx: usize,
    #[serde(skip)]
    end_idx: usize,
}

impl Escalation {
    /// Position (0-based) of the first and last message in the conversation.
    pub fn range(&self) -> (usize, usize) {
        (self.start_idx, self.end_idx)
    }
}

/// A pause called with a `boundary` message.
///
/// Rule: a message is a pause call when it carries `boundary` (or the
/// analysis came near labelling it so, as for promises) and its text
/// names a pause (pause/pausing, break, breather, minute(s), hour, calm,
/// cool down, step(ping) away, stop before, come back, "when I'm back",
/// "come find you", "for a bit", "give me 15", pick this up, time out,
/// after dinner, or talk/finish/sort/"call you" … later/tonight/tomorrow/
/// after/at 9/when within the sentence), or defers the talk or names the
/// need to stop ("let's leave it until tomorrow", "sleep on it", "we'll
/// talk properly at lunch", "I'll text you later", "I'm getting heated",
/// "going for a walk", "give me tonight", "I'm not doing this over text",
/// "let's talk once she's asleep, 10:30");
/// a limit without one ("please don't talk to me like that") is not, and
/// neither is a talk with someone else ("I'll talk to him tonight"). The
/// resume time is read from the text when given ("in 20 minutes", "give me
/// 15", "back in 20", "ten min", "an hour", "at 9", "at 9:30pm", "tonight"
/// = 19:00 or an hour on if later, "tomorrow" = 08:00 the next day); of
/// several durations the latest counts ("I need a min… I'll call u in like
/// 30" is half an hour), and "a minute" alone is an idiom that names none. It is honoured
/// when the other speaker sends no sabotage (or danger) before the resume
/// time, or, without one, before the pausing partner speaks again; the
/// first message at or after the resume time, or from the pausing partner,
/// settles it as honoured. `honoured` is `None` when the conversation ends
/// inside the pause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pause {
    pub message: String,
    pub speaker: String,
    /// Resume time in the input's unit, when the text gives one.
    pub resume: Option<f64>,
    pub honoured: Option<bool>,
    /// The message that settled it.
    pub evidence: Option<String>,
    #[serde(skip)]
    pos: usize,
}

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
///   tests, results), "so fun", "the best time";
/// - feeling: a feeling word (feel, felt, nervous, scared, worried, dread,
///   lonely, proud, hopeful, fried, drained, excited, struggling, cried…,
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
/// more, not a question, without sabotage, danger, a pause, a commitment
/// or a builder that answers something) that no cue word makes a bid is
/// one when the partner's very next message answers it with empathy
/// (a feeling), encouragement, listening or curiosity (news) or warmth
/// (affection), and no sabotage: "She was up 4 times again. I've had
/// maybe 3 hours" → "That's brutal, I'm sorry", turned toward, even when
/// that answer also answers an earlier bid of theirs. Such a statement answered otherwise
/// is not counted as a bid at all, since nothing shows it was one.
/// The partner's next message is the
/// response: `toward` if it carries a builder and no sabotage or danger
/// (a builder the model came within 0.15 of its threshold of labelling counts:
/// "That is the best news I've had all week" engages with the news even
/// when no builder is flagged),
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
    pos: usize,
}

/// What became of a promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Kept,
    Broken,
    Open,
}

impl Outcome {
    /// `kept`, `broken` or `open`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Kept => "kept",
            Outcome::Broken => "broken",
            Outcome::Open => "open",
        }
    }
}

/// A promise and its follow-through.
///
/// Rule: a message carrying `promise` (or that the analysis came near
/// labelling so, [`Turn::near`]) that commits to something ("I'll",
/// "I will", "I'm going to", "promise", "let me", "I can", "leave the
/// bins to me", "consider it done", a sentence
/// opening with "will" as texting drops the subject ("Ok. Will call at
/// lunch")…, or a plan in
/// the present tense with a time: "I'm making soup tonight", "be there in
/// 30", "doing it right now") opens one. A
/// `promise` message that makes no new commitment, or any message with a
/// report cue ("done", "as promised", "like I said", "told you I'd",
/// "calling now"…; not "once it's done", which looks ahead), or a
/// sentence that opens with a deed done or an arrival, the subject dropped
/// as texts drop it ("Booked. Friday 7:15", "Back. Rice, eggs and the good
/// soy sauce", "Got the corner booth"), or with the thing done and its
/// participle ("Both delivered", "PE kit dropped off"), is the committer's report that it
/// was kept. Commitments and reports are read
/// sentence by sentence, and clause by clause (at commas): "Done at half
/// two. I'll collect it Wednesday" reports one deed and opens a new
/// promise, and in "done, I'll book the 9:30" the "done" agrees. Each
/// later message may settle one open promise:
/// - `broken` when the partner (not the committer) complains: "you said",
///   "you did say", "you told me you'd", "you promised", "you were meant
///   to", "still haven't/isn't", "forgot again", "never did",
///   "supposed to", "what happened to", "I thought you were going to", or,
///   sharing a content word with the promise, "you didn't", "you forgot",
///   "so no…", "where's…", "still not/no…", "the bins are still by the
///   garage"; or, for a promise
///   that named a time ("at 9", "in 20 minutes", "tonight", "be there in
///   30"), counts the time gone by or mocks the missed time ("it's been 50
///   minutes", "so much for the midnight alarm", "guess 11 meant
///   midnight");
/// - `kept` by the committer's report (above), or a done-verb ("booked",
///   "called", "sent", "paid", "got", "told", "submitted"…) sharing a
///   content word with the promise and not done by someone else ("she
///   just called me", "Maura rang"); never by a message that says the deed
///   is still undone ("I haven't called yet", "didn't get to it");
/// - `kept` by the partner when they name the committer's deed ("you got
///   the chicken AND the rice"; not "you've got this") or find its
///   result ("kitchen's spotless", "the tap is fixed") or a done-verb sharing a content word with
///   the promise, or, after their first reply (which thanks for the
///   offer, not the deed) or half an hour or more after the promise when
///   times are known, thank for it ("thank you for…", but not for a word
///   or a feeling: "thank you for telling me", "thanks for listening"), or thank or praise
///   it in a message sharing a content word. The partner's own doings ("I've got back to back
///   meetings") settle nothing.
///
/// A commitment that names fewer than two content words ("Will do before
/// I crash") takes those of the partner's message just before it, the
/// request it answers. Content words are stems of words of three letters or more, minus
/// function and cue words, with common irregular past tenses mapped to
/// their base ("paid" → "pay") and verbs of one errand to one word
/// ("grab", "pick up", "collect" → fetch; "ring", "phone" → call); when
/// the deed is due is not what it is ("after work", "around 5:30", "first
/// thing tomorrow", "on Friday" name no content word). Among several open promises the speaker's
/// own come first, then the one sharing most content words (ties: the
/// oldest); a message that reports the speaker's own and complains of the
/// partner's with a strong cue settles both ("home. the recycling's still
/// here. you said you'd do both"). Otherwise it stays `open`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Promise {
    pub promise: String,
    pub speaker: String,
    pub outcome: Outcome,
    pub evidence: Option<String>,
    #[serde(skip)]
    stems: Vec<String>,
    #[serde(skip)]
    partner_replies: u32,
    /// When it was made, if the source has times.
    #[serde(skip)]
    made_at: Option<f64>,
    /// The promise names a time ("at 9", "by lunch", "in 30", "tonight").
    #[serde(skip)]
    timed: bool,
    #[serde(skip)]
    pos: usize,
}

/// Turns, words, questions and timing for one speaker.
///
/// Rule: a question is a message containing `?`. A response time is the
/// time from the other speaker's last message to this speaker's first
/// message after it. An interruption is a message that starts before the
/// other speaker's previous utterance ended (transcripts with end times).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Balance {
    pub speaker: String,
    pub turns: u64,
    pub words: u64,
    pub questions: u64,
    pub interruptions: u64,
    pub responses: u64,
    /// Mean response time in seconds, when times are known.
    pub mean_response_s: Option<f64>,
    pub builders: u64,
    pub sabotage: u64,
    pub danger: u64,
    #[serde(skip)]
    response_total: f64,
}

/// The safety index of one speaker on one day.
///
/// Rule: with B builder labels, S sabotage labels and D danger labels in
/// the speaker's messages that day, `index = round(100 × (B + 1) / (B + 2S
/// + 2))`: 50 for a day with neither, sabotage weighing twice a builder; any
/// danger (D > 0) sets the day's index to 0, whatever the builders (a hard
/// floor that positives never lift). Without times, all messages fall on
/// one day, `day` = None.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyPoint {
    pub speaker: String,
    /// `YYYY-MM-DD` on the speaker's clock, or "day N" offsets for
    /// recordings; `None` when the source has no times.
    pub day: Option<String>,
    pub index: u8,
    pub builders: u32,
    pub sabotage: u32,
    pub danger: u32,
    /// Days since 1970-01-01 on the speaker's clock (for the weekly index).
    #[serde(skip)]
    day_number: Option<i64>,
}

/// The safety index of one speaker over one week.
///
/// Rule: the same formula as [`SafetyPoint`] over the week's summed labels
/// (so any danger that week sets it to 0); weeks run Monday to Sunday on the
/// speaker's clock and are named by their Monday. Only for conversations
/// with calendar times: recordings and exports without times have none.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafetyWeek {
    pub speaker: String,
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    pub index: u8,
    pub builders: u32,
    pub sabotage: u32,
    pub danger: u32,
}

/// Daily points summed into weeks, in week order, speakers in order of
/// first appearance within a week as in the daily points.
fn weekly(days: &[SafetyPoint]) -> Vec<SafetyWeek> {
    // 1970-01-01 was a Thursday: day + 3 counts from a Monday.
    let mut weeks: std::collections::BTreeMap<(i64, &str), (u32, u32, u32)> = std::collections::BTreeMap::new();
    for p in days {
        let Some(d) = p.day_number else { continue };
        let acc = weeks.entry(((d + 3).div_euclid(7), p.speaker.as_str())).or_default();
        acc.0 += p.builders;
        acc.1 += p.sabotage;
        acc.2 += p.danger;
    }
    weeks
        .into_iter()
        .map(|((w, speaker), (b, s, d))| SafetyWeek {
            speaker: speaker.to_string(),
            week: civil_date(w * 7 - 3),
            index: safety_index(b, s, d),
            builders: b,
            sabotage: s,
            danger: d,
        })
        .collect()
}

/// The safety index formula (see [`SafetyPoint`]).
pub fn safety_index(builders: u32, sabotage: u32, danger: u32) -> u8 {
    if danger > 0 {
        return 0;
    }
    let b = f64::from(builders);
    let s = f64::from(sabotage);
    (100.0 * (b + 1.0) / (b + 2.0 * s + 2.0)).round() as u8
}

/// Builders : sabotage, shown against 5:1 and 0.8:1.
///
/// Rule: `positive` counts builder labels, `negative` sabotage and danger
/// labels; `ratio` = positive / negative (`None` when there is no negative).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub positive: u32,
    pub negative: u32,
    pub ratio: Option<f64>,
}

impl Ratio {
    fn new(positive: u32, negative: u32) -> Self {
        Ratio { positive, negative, ratio: (negative > 0).then(|| f64::from(positive) / f64::from(negative)) }
    }

    /// Where the ratio sits: `"at or above 5:1"`, `"between 0.8:1 and 5:1"`,
    /// `"below 0.8:1"`, or `"no negatives"`.
    pub fn band(&self) -> &'static str {
        match self.ratio {
            None => "no negatives",
            Some(r) if r >= STABLE_RATIO => "at or above 5:1",
            Some(r) if r >= SPLIT_RATIO => "between 0.8:1 and 5:1",
            Some(_) => "below 0.8:1",
        }
    }
}

/// Bids one speaker made and how the partner answered them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BidTotals {
    pub speaker: String,
    pub bids: u64,
    pub toward: u64,
    pub away: u64,
    pub against: u64,
}

/// Counts of every finished item, whether or not the items themselves were
/// kept (see [`SignalTracker::take_settled`]): the numbers a summary shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub escalations: u64,
    pub escalations_with_pause: u64,
    pub pauses: u64,
    pub pauses_honoured: u64,
    pub pauses_not_honoured: u64,
    /// Per speaker who made a bid, in order of first bid.
    pub bids: Vec<BidTotals>,
    pub promises: u64,
    pub promises_kept: u64,
    pub promises_broken: u64,
    pub promises_open: u64,
}

impl Totals {
    fn escalation(&mut self, e: &Escalation) {
        self.escalations += 1;
        self.escalations_with_pause += u64::from(e.pause_called);
    }

    fn pause(&mut self, p: &Pause) {
        self.pauses += 1;
        self.pauses_honoured += u64::from(p.honoured == Some(true));
        self.pauses_not_honoured += u64::from(p.honoured == Some(false));
    }

    fn bid(&mut self, b: &Bid) {
        let i = match self.bids.iter().position(|t| t.speaker == b.speaker) {
            Some(i) => i,
            None => {
                self.bids.push(BidTotals { speaker: b.speaker.clone(), ..BidTotals::default() });
                self.bids.len() - 1
            }
        };
        let t = &mut self.bids[i];
        t.bids += 1;
        match b.turn {
            TurnType::Toward => t.toward += 1,
            TurnType::Away => t.away += 1,
            TurnType::Against => t.against += 1,
        }
    }

    fn promise(&mut self, p: &Promise) {
        self.promises += 1;
        match p.outcome {
            Outcome::Kept => self.promises_kept += 1,
            Outcome::Broken => self.promises_broken += 1,
            Outcome::Open => self.promises_open += 1,
        }
    }

    /// Bids a speaker made (0 when none).
    pub fn bids_by(&self, speaker: &str) -> u64 {
        self.bids.iter().find(|t| t.speaker == speaker).map_or(0, |t| t.bids)
    }
}

/// Finished items taken out of a [`SignalTracker`] before the end, each
/// list in message order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settled {
    pub escalations: Vec<Escalation>,
    pub pauses: Vec<Pause>,
    pub bids: Vec<Bid>,
    pub promises: Vec<Promise>,
}

impl Settled {
    /// Moves the four item lists out of `s`, leaving them empty (its counts
    /// and other fields stay).
    pub fn take_from(s: &mut Signals) -> Settled {
        Settled {
            escalations: std::mem::take(&mut s.escalations),
            pauses: std::mem::take(&mut s.pauses),
            bids: std::mem::take(&mut s.bids),
            promises: std::mem::take(&mut s.promises),
        }
    }

    /// Appends `later`'s items after these.
    pub fn append(&mut self, later: Settled) {
        self.escalations.extend(later.escalations);
        self.pauses.extend(later.pauses);
        self.bids.extend(later.bids);
        self.promises.extend(later.promises);
    }
}

/// Everything computed over one conversation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Signals {
    pub messages: u64,
    pub escalations: Vec<Escalation>,
    pub pauses: Vec<Pause>,
    pub bids: Vec<Bid>,
    pub promises: Vec<Promise>,
    pub balance: Vec<Balance>,
    pub safety: Vec<SafetyPoint>,
    pub safety_weekly: Vec<SafetyWeek>,
    pub ratio: Ratio,
    pub ratio_in_escalations: Ratio,
    /// Counts of all items, including those taken out while streaming.
    pub totals: Totals,
}

impl Signals {
    /// Share of a speaker's bids that were answered toward (None if no bids).
    pub fn turning_toward_rate(&self, speaker: &str) -> Option<f64> {
        let t = self.totals.bids.iter().find(|t| t.speaker == speaker)?;
        (t.bids > 0).then(|| t.toward as f64 / t.bids as f64)
    }
}

struct WinMsg {
    idx: usize,
    id: String,
    speaker: usize,
    sabotage: bool,
    heated: bool,
    danger: bool,
    pos: u32,
    neg: u32,
}

struct OpenEpisode {
    ep: Escalation,
    /// Labels counted after `end` (not yet inside the episode).
    tail_pos: u32,
    tail_neg: u32,
    closed: bool,
}

struct OpenPause {
    pause: Pause,
    speaker: usize,
}

struct OpenBid {
    bid: Bid,
    speaker: usize,
}

struct DayAcc {
    any: bool,
    day: Option<i64>,
    b: u32,
    s: u32,
    d: u32,
}

/// Feeds on one conversation's messages and produces its [`Signals`].
#[derive(Default)]
pub struct SignalTracker {
    idx: usize,
    speakers: Vec<String>,
    window: VecDeque<WinMsg>,
    episode: Option<OpenEpisode>,
    pause_calls: VecDeque<usize>,
    pauses: VecDeque<OpenPause>,
    bids: VecDeque<OpenBid>,
    /// The last message, when it told something of the speaker's own that
    /// its words did not make a bid: the partner's answer may (see [`Bid`]).
    told: Option<OpenBid>,
    promises: PromiseBook,
    days: Vec<DayAcc>,
    last: Option<(usize, Option<f64>, Option<f64>)>,
    recording: bool,
    out: Signals,
    pos: u32,
    neg: u32,
    ep_pos: u32,
    ep_neg: u32,
}

fn counts(labels: &[Behaviour]) -> (u32, u32, u32) {
    let mut c = (0, 0, 0);
    for b in labels {
        match b.kind() {
            Kind::Builder => c.0 += 1,
            Kind::Sabotage => c.1 += 1,
            Kind::Danger => c.2 += 1,
        }
    }
    c
}

impl SignalTracker {
    /// A tracker for a new conversation.
    pub fn new() -> Self {
        Self::default()
    }

    fn speaker_slot(&mut self, name: &str) -> usize {
        let (i, new) = slot(&mut self.speakers, name);
        if new {
            self.out.balance.push(Balance { speaker: name.to_string(), ..Balance::default() });
            self.days.push(DayAcc { any: false, day: None, b: 0, s: 0, d: 0 });
        }
        i
    }

    /// Take the next message.
    pub fn push(&mut self, t: &Turn) {
        let idx = self.idx;
        self.idx += 1;
        self.out.messages += 1;
        let sp = self.speaker_slot(t.speaker);
        let (b, s, d) = counts(t.labels);
        let sabotage = s > 0;
        let harmful = s > 0 || d > 0;
        // A reply the model came near labelling a builder still engages
        // with a bid (see `Bid`); only bids read it.
        let builder = b > 0 || t.near.iter().any(|x| x.kind() == Kind::Builder);
        if t.time.is_some_and(|x| x < 1e8) {
            self.recording = true;
        }
        self.pos += b;
        self.neg += s + d;

        self.age_out(idx);
        self.balance(sp, t, b, s, d);
        self.safety(sp, t.time, b, s, d);
        self.pauses_step(idx, sp, t, harmful);
        self.bids_step(idx, sp, t, builder, sabotage);
        let out = &mut self.out;
        self.promises.step(idx, sp, t, &mut |p| emit_promise(out, p));
        self.escalation_step(idx, sp, t, sabotage, b, s + d);
    }

    /// Resolve open items made [`MAX_AGE`] or more messages ago.
    fn age_out(&mut self, idx: usize) {
        let old = |pos: usize| pos + MAX_AGE <= idx;
        while self.pauses.front().is_some_and(|p| old(p.pause.pos)) {
            let p = self.pauses.pop_front().expect("non-empty");
            self.emit_pause(p.pause);
        }
        while self.bids.front().is_some_and(|b| old(b.bid.pos)) {
            let b = self.bids.pop_front().expect("non-empty");
            self.emit_bid(b.bid);
        }
        let out = &mut self.out;
        self.promises.age_out(idx, &mut |p| emit_promise(out, p));
    }

    fn emit_pause(&mut self, p: Pause) {
        self.out.totals.pause(&p);
        self.out.pauses.push(p);
    }

    fn emit_bid(&mut self, b: Bid) {
        self.out.totals.bid(&b);
        self.out.bids.push(b);
    }

    fn emit_escalation(&mut self, e: Escalation) {
        self.out.totals.escalation(&e);
        self.out.escalations.push(e);
    }

    /// Take the finished items that no open item precedes, each list in
    /// message order. A caller that writes them out as it goes (and calls
    /// this after every message) keeps memory flat; `finish` then returns
    /// only the rest, while [`Signals::totals`] counts everything.
    pub fn take_settled(&mut self) -> Settled {
        fn drain<T>(v: &mut Vec<T>, pos: impl Fn(&T) -> usize, first_open: Option<usize>) -> Vec<T> {
            if v.is_empty() {
                return Vec::new();
            }
            v.sort_by_key(&pos);
            let cut = first_open.map_or(v.len(), |w| v.partition_point(|x| pos(x) < w));
            let rest = v.split_off(cut);
            std::mem::replace(v, rest)
        }
        Settled {
            // Episodes are finished in order, once nothing can extend them.
            escalations: std::mem::take(&mut self.out.escalations),
            pauses: drain(&mut self.out.pauses, |p| p.pos, self.pauses.front().map(|p| p.pause.pos)),
            bids: drain(&mut self.out.bids, |b| b.pos, self.bids.front().or(self.told.as_ref()).map(|b| b.bid.pos)),
            promises: drain(&mut self.out.promises, |p| p.pos, self.promises.open.front().map(|(p, _)| p.pos)),
        }
    }

    fn balance(&mut self, sp: usize, t: &Turn, b: u32, s: u32, d: u32) {
        let bal = &mut self.out.balance[sp];
        bal.turns += 1;
        bal.words += t.text.split_whitespace().count() as u64;
        bal.questions += u64::from(t.text.contains('?'));
        bal.builders += u64::from(b);
        bal.sabotage += u64::from(s);
        bal.danger += u64::from(d);
        if let Some((prev_sp, prev_t, prev_end)) = self.last {
            if prev_sp != sp {
                if let (Some(now), Some(before)) = (t.time, prev_t) {
                    if now >= before {
                        bal.responses += 1;
                        bal.response_total += now - before;
                        bal.mean_response_s = Some(bal.response_total / bal.responses as f64);
                    }
                }
                if let (Some(now), Some(end)) = (t.time, prev_end) {
                    if now < end {
                        bal.interruptions += 1;
                    }
                }
            }
        }
        self.last = Some((sp, t.time, t.end));
    }

    fn day_of(&self, time: Option<f64>) -> Option<i64> {
        time.map(|x| (x / 86_400.0).floor() as i64)
    }

    fn safety(&mut self, sp: usize, time: Option<f64>, b: u32, s: u32, d: u32) {
        let day = self.day_of(time);
        let acc = &self.days[sp];
        if acc.any && day.is_some() && acc.day.is_some() && acc.day != day {
            self.flush_day(sp);
        }
        let acc = &mut self.days[sp];
        acc.any = true;
        if day.is_some() {
            acc.day = day;
        }
        acc.b += b;
        acc.s += s;
        acc.d += d;
    }

    fn flush_day(&mut self, sp: usize) {
        let acc = &mut self.days[sp];
        let day = acc.day.map(|d| if self.recording { format!("day {}", d + 1) } else { civil_date(d) });
        self.out.safety.push(SafetyPoint {
            speaker: self.speakers[sp].clone(),
            day,
            index: safety_index(acc.b, acc.s, acc.d),
            builders: acc.b,
            sabotage: acc.s,
            danger: acc.d,
            day_number: if self.recording { None } else { acc.day },
        });
        acc.any = false;
        acc.b = 0;
        acc.s = 0;
        acc.d = 0;
    }

    fn pauses_step(&mut self, idx: usize, sp: usize, t: &Turn, harmful: bool) {
        let mut still = VecDeque::new();
        while let Some(mut p) = self.pauses.pop_front() {
            let past_resume = matches!((p.pause.resume, t.time), (Some(r), Some(now)) if now >= r);
            let settled = if past_resume || p.speaker == sp {
                Some(true)
            } else if harmful {
                Some(false)
            } else {
                None
            };
            match settled {
                Some(h) => {
                    p.pause.honoured = Some(h);
                    p.pause.evidence = Some(t.id.to_string());
                    self.emit_pause(p.pause);
                }
                None => still.push_back(p),
            }
        }
        self.pauses = still;
        if t.labelled_or_near(Behaviour::Boundary) && is_pause_call(t.text) {
            self.pause_calls.push_back(idx);
            if self.pause_calls.len() > MAX_OPEN {
                self.pause_calls.pop_front();
            }
            let resume = t.time.and_then(|now| resume_time(t.text, now));
            if self.pauses.len() >= MAX_OPEN {
                let p = self.pauses.pop_front().expect("non-empty");
                self.emit_pause(p.pause);
            }
            self.pauses.push_back(OpenPause {
                pause: Pause {
                    message: t.id.to_string(),
                    speaker: t.speaker.to_string(),
                    resume,
                    honoured: None,
                    evidence: None,
                    pos: idx,
                },
                speaker: sp,
            });
        }
    }

    fn bids_step(&mut self, idx: usize, sp: usize, t: &Turn, builder: bool, sabotage: bool) {
        let told = self.told.take();
        let mut answered = false;
        let mut still = VecDeque::new();
        while let Some(mut b) = self.bids.pop_front() {
            if b.speaker != sp {
                b.bid.response = Some(t.id.to_string());
                b.bid.turn = if sabotage {
                    TurnType::Against
                } else if builder {
                    TurnType::Toward
                } else {
                    TurnType::Away
                };
                answered = true;
                self.emit_bid(b.bid);
            } else {
                still.push_back(b);
            }
        }
        self.bids = still;
        if sabotage {
            return;
        }
        // The partner's statement that this message answers with empathy,
        // encouragement, listening, curiosity or warmth was a bid, turned toward.
        if let Some(mut b) = told.filter(|b| b.speaker != sp && !t.labels.contains(&Behaviour::Danger)) {
            // Affection in answer turns toward it too ("Lovely to hear
            // your voice" → "Night night, my love xx").
            let warm = || t.labels.contains(&Behaviour::Warmth).then_some("affection");
            if let Some(kind) = answering_kind(t.labels).or_else(warm) {
                b.bid.kind = kind;
                b.bid.response = Some(t.id.to_string());
                b.bid.turn = TurnType::Toward;
                self.emit_bid(b.bid);
            }
        }
        // An answer to the partner's bid is a bid itself only by its words.
        let kind = if answered { answer_bid_kind(t.text) } else { bid_kind(t.text, t.labels) };
        if kind.is_none() && tells_something(t) {
            let bid =
                Bid { bid: t.id.to_string(), speaker: t.speaker.to_string(), kind: "news", response: None, turn: TurnType::Away, pos: idx };
            self.told = Some(OpenBid { bid, speaker: sp });
        }
        if let Some(kind) = kind {
            if self.bids.len() >= MAX_OPEN {
                let b = self.bids.pop_front().expect("non-empty");
                self.emit_bid(b.bid);
            }
            self.bids.push_back(OpenBid {
                bid: Bid { bid: t.id.to_string(), speaker: t.speaker.to_string(), kind, response: None, turn: TurnType::Away, pos: idx },
                speaker: sp,
            });
        }
    }

    fn escalation_step(&mut self, idx: usize, sp: usize, t: &Turn, sabotage: bool, pos: u32, neg: u32) {
        let heated = sabotage || t.near.iter().any(|b| b.is_sabotage());
        let danger = t.labels.contains(&Behaviour::Danger);
        self.window.push_back(WinMsg { idx, id: t.id.to_string(), speaker: sp, sabotage, heated, danger, pos, neg });
        if self.window.len() > 4 {
            self.window.pop_front();
        }
        // Count this message's labels into an open episode's tail.
        if let Some(e) = &mut self.episode {
            e.tail_pos += pos;
            e.tail_neg += neg;
        }
        let sab: Vec<&WinMsg> = self.window.iter().filter(|m| m.heated).collect();
        // Facing danger from the other speaker, a speaker whose heat is only
        // near a label ("I'm not lying. I'm scared when you talk like
        // that") is pushing back against coercion, not quarrelling.
        let labelled_by = |s: usize| sab.iter().any(|m| m.speaker == s && m.sabotage);
        let threatened = |s: usize| self.window.iter().any(|m| m.speaker != s && m.danger);
        let contributes = |s: usize| labelled_by(s) || !threatened(s);
        let both = sab
            .first()
            .is_some_and(|first| contributes(first.speaker) && sab.iter().any(|m| m.speaker != first.speaker && contributes(m.speaker)));
        let labelled = sab.iter().filter(|m| m.sabotage).count();
        let qualifies = sab.len() >= 3 && labelled >= 2 && both;
        if qualifies {
            let (first_idx, first_id, first_sp) = (sab[0].idx, sab[0].id.clone(), sab[0].speaker);
            let (last_idx, last_id) = (sab[sab.len() - 1].idx, sab[sab.len() - 1].id.clone());
            let (pos0, neg0) = self.window.iter().filter(|m| m.idx >= first_idx).fold((0, 0), |(p, n), m| (p + m.pos, n + m.neg));
            let continues = self.episode.as_ref().is_some_and(|e| first_idx <= e.ep.end_idx || !e.closed);
            if !continues {
                self.finalize_episode();
                let ep = Escalation {
                    start: first_id,
                    end: last_id,
                    escalated_by: self.speakers[first_sp].clone(),
                    pause_point: t.id.to_string(),
                    pause_called: false,
                    messages: 0,
                    positive: pos0,
                    negative: neg0,
                    start_idx: first_idx,
                    end_idx: last_idx,
                };
                self.episode = Some(OpenEpisode { ep, tail_pos: 0, tail_neg: 0, closed: false });
            } else if let Some(e) = &mut self.episode {
                e.closed = false;
                if last_idx > e.ep.end_idx {
                    e.ep.end = last_id;
                    e.ep.end_idx = last_idx;
                    e.ep.positive += e.tail_pos;
                    e.ep.negative += e.tail_neg;
                    e.tail_pos = 0;
                    e.tail_neg = 0;
                }
            }
        } else if let Some(e) = &mut self.episode {
            e.closed = true;
            // No later window can reach back to the episode, and the
            // two-message grace for a pause call is over.
            if idx >= e.ep.end_idx + 4 {
                self.finalize_episode();
            }
        }
    }

    fn finalize_episode(&mut self) {
        if let Some(e) = self.episode.take() {
            let mut ep = e.ep;
            ep.messages = ep.end_idx - ep.start_idx + 1;
            ep.pause_called = self.pause_calls.iter().any(|&i| i >= ep.start_idx && i <= ep.end_idx + 2);
            self.ep_pos += ep.positive;
            self.ep_neg += ep.negative;
            self.emit_escalation(ep);
        }
    }

    /// Close the conversation: settle what is still open and return the
    /// signals (bids: away without a response; pauses: honoured null;
    /// promises: open).
    pub fn finish(mut self) -> Signals {
        self.finalize_episode();
        for p in std::mem::take(&mut self.pauses) {
            self.emit_pause(p.pause);
        }
        for b in std::mem::take(&mut self.bids) {
            self.emit_bid(b.bid);
        }
        for (p, _) in std::mem::take(&mut self.promises.open) {
            emit_promise(&mut self.out, p);
        }
        for sp in 0..self.speakers.len() {
            if self.days[sp].any {
                self.flush_day(sp);
            }
        }
        // In message order (items settle out of order).
        self.out.pauses.sort_by_key(|p| p.pos);
        self.out.bids.sort_by_key(|b| b.pos);
        self.out.promises.sort_by_key(|p| p.pos);
        self.out.safety.sort_by(|a, b| a.day_number.cmp(&b.day_number).then(a.day.cmp(&b.day)).then(a.speaker.cmp(&b.speaker)));
        self.out.safety_weekly = weekly(&self.out.safety);
        self.out.ratio = Ratio::new(self.pos, self.neg);
        self.out.ratio_in_escalations = Ratio::new(self.ep_pos, self.ep_neg);
        self.out
    }
}

/// The index of `name` among `speakers`, added at the end when new (then
/// also `true`).
fn slot(speakers: &mut Vec<String>, name: &str) -> (usize, bool) {
    match speakers.iter().position(|s| s == name) {
        Some(i) => (i, false),
        None => {
            speakers.push(name.to_string());
            (speakers.len() - 1, true)
        }
    }
}

fn emit_promise(out: &mut Signals, p: Promise) {
    out.totals.promise(&p);
    out.promises.push(p);
}

/// The open promises of one conversation, oldest first, each with its
/// speaker's slot, and how each later message settles them (the rule is on
/// [`Promise`]).
#[derive(Default)]
struct PromiseBook {
    open: VecDeque<(Promise, usize)>,
    /// The previous message's text and speaker slot: a bare commitment
    /// ("will do", "ok I'll sort it") takes its content words from the
    /// request it answers.
    prev_text: String,
    prev_sp: Option<usize>,
}

impl PromiseBook {
    /// Resolve promises made [`MAX_AGE`] or more messages before `idx` as
    /// open.
    fn age_out(&mut self, idx: usize, emit: &mut impl FnMut(Promise)) {
        while self.open.front().is_some_and(|(p, _)| p.pos + MAX_AGE <= idx) {
            let (p, _) = self.open.pop_front().expect("non-empty");
            emit(p);
        }
    }

    /// Reads the next message (its position `idx`, speaker slot `sp`):
    /// settles one open promise with it (two when it reports the speaker's
    /// own and complains of the partner's) and opens one if it commits. Each promise it finishes goes to `emit`. Returns true when
    /// the message is its speaker's own report that one of their open
    /// promises was kept.
    fn step(&mut self, idx: usize, sp: usize, t: &Turn, emit: &mut impl FnMut(Promise)) -> bool {
        let own_report = self.settle_or_open(idx, sp, t, emit);
        self.prev_text.clear();
        self.prev_text.push_str(t.text);
        self.prev_sp = Some(sp);
        own_report
    }

    fn settle_or_open(&mut self, idx: usize, sp: usize, t: &Turn, emit: &mut impl FnMut(Promise)) -> bool {
        let labelled = t.labelled_or_near(Behaviour::Promise);
        // No open promise to settle and no label to open one: most messages.
        if self.open.is_empty() && !labelled {
            return false;
        }
        let lower = t.text.to_lowercase().replace('’', "'");
        let sentences = sentences(&lower);
        let report = report_cue(&lower) || dropped_subject_report(&sentences);
        // The sentences that commit, each read on its own: "done at half
        // two. I'll collect it Wednesday" reports one deed and promises
        // another.
        // Clause by clause within a sentence too: in "done, I'll book the
        // 9:30" the "done" agrees and the rest commits.
        let committing: Vec<&str> = if labelled {
            sentences.iter().flat_map(|s| s.split(", ")).filter(|s| commitment_cue(s) && !report_cue(s)).collect()
        } else {
            Vec::new()
        };
        let is_promise = !committing.is_empty();
        // "I haven't actually called yet" names the deed without doing it.
        let not_yet = not_yet_cue(&lower);
        // The partner's "done" or "like I said" is about their own doings.
        let partner_saw = kept_cue(&lower) && !not_yet;
        let kept = partner_saw || (report && !not_yet);
        let your_deed = (your_deed_cue(&lower) || done_state_cue(&lower)) && !not_yet;
        // A promise label on a message that commits to nothing new reads as
        // the committer's report, unless it only asks ("want me to pick up
        // thai?" offers) or was only near the label and names nothing of
        // the promise ("I got the offer from Toronto").
        let asks_only = || !statements(&lower).chars().any(char::is_alphabetic);
        let truly_labelled = t.labels.contains(&Behaviour::Promise);
        let thanks = thanks_cue(&lower);
        let thanks_for = thanks_for_deed(&lower);
        let praised = t.labels.iter().any(|b| matches!(b, Behaviour::Encouragement | Behaviour::Warmth));
        let (strong_broken, weak_broken) = broken_cue(&lower);
        // The time a promise named has passed, and the partner says so.
        let late = lateness_cue(&lower);
        let stems = stems(&lower);
        // Which open promise does this message settle, and how?
        let mut best: Option<(usize, (bool, usize), Outcome)> = None;
        // The partner's promise a strong complaint breaks ("you said you'd
        // do both"), settled beside the speaker's own report in the same
        // message ("home. the bowl's still empty. you said you'd do both").
        let mut complained: Option<(usize, usize)> = None;
        // A first reply long after the promise thanks for the deed, not
        // the offer ("thank you for picking me up" at 6, after "I'll be
        // there at 5:30").
        let later = |p: &Promise| p.made_at.zip(t.time).is_some_and(|(made, now)| now - made >= THANKS_LATER);
        for (i, (p, psp)) in self.open.iter().enumerate() {
            let partner = *psp != sp;
            let overlap = p.stems.iter().filter(|s| stems.contains(s)).count();
            let outcome = if partner && !is_promise && (strong_broken || (weak_broken && overlap > 0) || (late && p.timed)) {
                Some(Outcome::Broken)
            } else if (!partner
                && !not_yet
                && (report || (labelled && !is_promise && !asks_only() && (truly_labelled || overlap > 0)) || (kept && overlap > 0)))
                || (partner
                    && (((partner_saw && overlap > 0) || your_deed)
                        || ((p.partner_replies > 0 || later(p)) && (thanks_for || (overlap > 0 && (thanks || praised))))))
            {
                // The committer's report, or the partner's confirmation.
                Some(Outcome::Kept)
            } else {
                None
            };
            if outcome == Some(Outcome::Broken) && strong_broken && complained.is_none_or(|(_, ov)| overlap > ov) {
                complained = Some((i, overlap));
            }
            if let Some(o) = outcome {
                // The speaker's own promise first (their "called at 8:31"
                // reports their own call, not a confirmation of the
                // partner's), then most shared words; among equals, the
                // oldest.
                let rank = (!partner, overlap);
                if best.is_none_or(|(_, br, _)| rank > br) {
                    best = Some((i, rank, o));
                }
            }
        }
        for (p, psp) in self.open.iter_mut() {
            if *psp != sp {
                p.partner_replies += 1;
            }
        }
        let mut own_report = false;
        if let Some((i, (own, _), o)) = best {
            own_report = own && o == Outcome::Kept;
            let also = complained.filter(|&(j, _)| own_report && j != i).map(|(j, _)| (j, Outcome::Broken));
            let mut settled: Vec<(usize, Outcome)> = std::iter::once((i, o)).chain(also).collect();
            // The later index first, so the earlier stays valid.
            settled.sort_by_key(|&(k, _)| std::cmp::Reverse(k));
            for (k, outcome) in settled {
                let (mut p, _) = self.open.remove(k).expect("index in range");
                p.outcome = outcome;
                p.evidence = Some(t.id.to_string());
                emit(p);
            }
            // "Done at half two. I'll collect it Wednesday": the report
            // settles one promise and the next sentence makes another.
            let another = committing.iter().any(|s| !kept_cue(s));
            if !another {
                return own_report;
            }
        }
        if is_promise {
            // "Will do before I crash" names nothing: the partner's request
            // just before it does ("can you put the bins out?").
            let mut stems = stems;
            if stems.len() < 2 && self.prev_sp.is_some_and(|p| p != sp) {
                let asked = self::stems(&self.prev_text.to_lowercase().replace('’', "'"));
                stems.extend(asked);
                stems.sort();
                stems.dedup();
            }
            if self.open.len() >= MAX_OPEN {
                let (p, _) = self.open.pop_front().expect("non-empty");
                emit(p);
            }
            self.open.push_back((
                Promise {
                    promise: t.id.to_string(),
                    speaker: t.speaker.to_string(),
                    outcome: Outcome::Open,
                    evidence: None,
                    stems,
                    partner_replies: 0,
                    made_at: t.time,
                    timed: timed_cue(&lower),
                    pos: idx,
                },
                sp,
            ));
        }
        own_report
    }
}

/// The committer's own reports that a promise was kept, found as a
/// conversation is labelled: the spec's `promise` covers "the committer's
/// own report that it was done", and whether "Rang her. All sorted for
/// Sunday" or "Booked. Friday 7:15" reports a kept promise depends on the
/// promise made earlier, which no single message shows.
///
/// Rule: the [`Promise`] tracker runs over the labels as they come; a
/// message that settles one of its own speaker's open promises as `kept`
/// is such a report. A message without a speaker settles nothing.
/// Labelling knows no times, so the partner's first-reply thanks that
/// `analyze` reads as kept when it comes half an hour later leaves the
/// promise open here.
#[derive(Default)]
pub struct FollowThrough {
    book: PromiseBook,
    speakers: Vec<String>,
    idx: usize,
}

impl FollowThrough {
    pub fn new() -> Self {
        Self::default()
    }

    /// Start a new conversation.
    pub fn reset(&mut self) {
        self.book = PromiseBook::default();
        self.speakers.clear();
        self.idx = 0;
    }

    /// Take the next message with the labels and near misses the analysis
    /// gave it; true when it reports that one of its speaker's open
    /// promises was kept.
    pub fn push(&mut self, speaker: Option<&str>, text: &str, labels: &[Behaviour], near: &[Behaviour]) -> bool {
        let Some(speaker) = speaker else { return false };
        let idx = self.idx;
        self.idx += 1;
        let (sp, _) = slot(&mut self.speakers, speaker);
        let turn = Turn { id: "", speaker, time: None, end: None, text, labels, near };
        self.book.age_out(idx, &mut drop);
        self.book.step(idx, sp, &turn, &mut drop)
    }
}

/// Does this sentence report a deed done ("done", "as promised", "booked
/// it", "Back. Rice and eggs"), neither asking nor saying it is still
/// undone? Finds the words that show a [`FollowThrough`] report.
pub fn reports_done(sentence: &str) -> bool {
    let lower = sentence.to_lowercase().replace('’', "'");
    !lower.trim_end().ends_with('?')
        && !not_yet_cue(&lower)
        && (report_cue(&lower) || kept_cue(&lower) || dropped_subject_report(&sentences(&lower)))
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid signal pattern"))
}

/// Does this (boundary) message's text call a pause?
pub fn is_pause_call(text: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    // Talking to someone else later ("I'll talk to him tonight about a
    // move-out date") defers nothing between the two of you.
    static ELSEWHERE: OnceLock<Regex> = OnceLock::new();
    if re(&ELSEWHERE, r"(?i)\b(talk|speak|chat|call|ring|text)( properly)? (to|with) (him|her|them|mum|mom|mummy|mama|dad|daddy|papa|my|his|their|the|[a-z]+'s)\b").is_match(text) {
        return false;
    }
    // Deferring the talk to a later time, or naming the need to stop.
    static DEFER: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)\b(paus(e|ing)|break|breather|minutes?|mins?|hours?|hr|calm|calmer|cool(ed)? (off|down)|step(ping)? away|stop before|come back|(when|once) i'm back|come find you|for a (bit|sec|second|moment|minute|while)|give me (\d+|a (few|sec|second|moment|minute))|pick (this|it) up|talk (after|about it after|later)|time ?out|after (dinner|work|lunch)|(talk|finish|continue|sort|discuss|revisit|call you|text you)\b[^.!?]{0,40}\b(later|tonight|tomorrow|after|at \d+|when|once))\b",
    )
    .is_match(text)
        || re(
            &DEFER,
            r"(?i)\b(sleep on it|try again|before (this|it|things) gets? (worse|ugly|nasty|out of hand)|before (i|we) say something|(getting|too|so) (heated|wound up|worked up|angry)|(go|going|gone|went) for a (walk|drive|run)|phone (off|away|down)|leave it (until|till|til|for now|there|for tonight)|park (this|it)|put a pin in|(until|till|til) (tomorrow|tmrw|tmr|the morning|morning|tonight|later|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)|give me (tonight|today|the (night|evening|weekend)|some (time|space)|a (night|day))|give me a (bit|little|sec|min)|need (a night|tonight|a day|some time|time to (think|cool|calm)|to stop|to cool|a walk)|(can't|cannot|cant) do this (rn|right now|now|tonight)|(not|n't) wish to continue|not (doing|having|arguing|deciding|discussing|going to (do|have|decide|discuss))\b[^.!?]{0,40}\b(over|by|via) text|(we'll|we will|we can|let's|lets|can we|could we|can i|i'll|ill|i will|and then)\b[^.!?]{0,30}\b(talk|speak|finish|continue|sort|discuss|go over|(call|ring|message|text|msg) (you|u))\b[^.!?]{0,30}\b(tomorrow|tmrw|tmr|tonight|later|lunch|teatime|dinner|breakfast|morning|evening|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|day off|properly|calmly|in person|face to face|then|at \d+|after \d+|when|once|\d{1,2}:\d\d|\d{1,2} ?(am|pm)))\b",
        )
        .is_match(text)
}

fn number_word(w: &str) -> Option<f64> {
    Some(match w {
        "a" | "an" | "one" => 1.0,
        "two" | "couple" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "ten" => 10.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "forty-five" => 45.0,
        "sixty" => 60.0,
        "few" => 3.0,
        _ => return w.parse().ok(),
    })
}

/// The resume time a pause call names, from the message time `now`
/// (seconds on the local clock). See [`Pause`] for the phrases read.
pub fn resume_time(text: &str, now: f64) -> Option<f64> {
    static DUR: OnceLock<Regex> = OnceLock::new();
    static AT: OnceLock<Regex> = OnceLock::new();
    let lower = text.to_lowercase();
    if lower.contains("half an hour") || lower.contains("half hour") {
        return Some(now + 1800.0);
    }
    let dur = re(
        &DUR,
        r"\b(\d+|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|forty-five|forty|sixty|few|couple)(?: of)? ?(minutes?|mins?|m|hours?|hrs?|h)\b",
    );
    // "give me 15", "in 30": minutes, unless a clock time ("in 10:30", "in 9pm").
    static BARE: OnceLock<Regex> = OnceLock::new();
    let bare = re(&BARE, r"\b(?:give me|in(?: like| about| around)?) (\d+)\b( ?(?:am|pm)\b|[:.]\d)?");
    // The latest duration named ("I need a min. I'll call u in like 30" is
    // half an hour); "a minute" alone is an idiom, not sixty seconds.
    let mut latest: Option<f64> = None;
    let mut keep = |secs: f64| latest = Some(latest.map_or(secs, |l: f64| l.max(secs)));
    for c in dur.captures_iter(&lower) {
        let minute_idiom = matches!(&c[1], "a" | "an" | "one") && c[2].starts_with('m');
        if let Some(n) = number_word(&c[1]).filter(|_| !minute_idiom) {
            keep(n * if c[2].starts_with('h') { 3600.0 } else { 60.0 });
        }
    }
    for c in bare.captures_iter(&lower) {
        if let Some(n) = c[1].parse::<f64>().ok().filter(|n| c.get(2).is_none() && *n <= 180.0) {
            keep(n * 60.0);
        }
    }
    if let Some(secs) = latest {
        return Some(now + secs);
    }
    let day_start = (now / 86_400.0).floor() * 86_400.0;
    let at = re(&AT, r"\bat (\d{1,2})(?:[:.](\d{2}))? ?(am|pm)?\b");
    if let Some(c) = at.captures(&lower) {
        let h: f64 = c[1].parse().ok()?;
        let m: f64 = c.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(0.0);
        let mut hour = h;
        match c.get(3).map(|m| m.as_str()) {
            Some("pm") if h < 12.0 => hour += 12.0,
            Some("am") if h == 12.0 => hour = 0.0,
            _ => {}
        }
        if hour < 24.0 && m < 60.0 {
            let tomorrow = lower.contains("tomorrow");
            let mut t = day_start + hour * 3600.0 + m * 60.0 + if tomorrow { 86_400.0 } else { 0.0 };
            if !tomorrow && t <= now && c.get(3).is_none() && hour < 12.0 {
                t += 12.0 * 3600.0;
            }
            if t <= now {
                t += 86_400.0;
            }
            return Some(t);
        }
    }
    if lower.contains("tomorrow") {
        return Some(day_start + 86_400.0 + 8.0 * 3600.0);
    }
    if lower.contains("tonight") {
        return Some((day_start + 19.0 * 3600.0).max(now + 3600.0));
    }
    None
}

/// The kind of bid the partner's statement was, read from an answer that
/// turns toward it: empathy answers a feeling; encouragement, listening and
/// curiosity answer news. `None` when the answer carries none of them.
fn answering_kind(labels: &[Behaviour]) -> Option<&'static str> {
    if labels.contains(&Behaviour::Empathy) {
        Some("feeling")
    } else if labels.iter().any(|b| matches!(b, Behaviour::Encouragement | Behaviour::Listening | Behaviour::Curiosity)) {
        Some("news")
    } else {
        None
    }
}

/// A statement of three words or more that asks nothing, commits to
/// nothing, answers nothing with a builder and carries no sabotage, danger
/// or pause: what a partner may take as news or a feeling although no cue
/// word says so ("She was up 4 times again. I've had maybe 3 hours").
fn tells_something(t: &Turn) -> bool {
    !t.text.trim_end().ends_with('?')
        && t.text.split_whitespace().count() >= 3
        && !t
            .labels
            .iter()
            .any(|b| matches!(b.kind(), Kind::Sabotage | Kind::Danger) || matches!(b, Behaviour::Boundary | Behaviour::Promise))
        && answering_kind(t.labels).is_none()
}

/// The kind of bid a message makes, if any (see [`Bid`]).
pub fn bid_kind(text: &str, labels: &[Behaviour]) -> Option<&'static str> {
    bid_kind_of(text, labels, false)
}

/// The kind of bid a message that answers the partner's bid makes besides:
/// by its words only, and not by its excitement alone ("WAIT what!! I
/// knew they'd love you 🎉" turns toward the news; it shares none).
fn answer_bid_kind(text: &str) -> Option<&'static str> {
    bid_kind_of(text, &[], true)
}

fn bid_kind_of(text: &str, labels: &[Behaviour], answering: bool) -> Option<&'static str> {
    static NEWS: OnceLock<Regex> = OnceLock::new();
    static EVENT: OnceLock<Regex> = OnceLock::new();
    static FEEL: OnceLock<Regex> = OnceLock::new();
    static FIRST: OnceLock<Regex> = OnceLock::new();
    static SECOND: OnceLock<Regex> = OnceLock::new();
    static AFFECTION: OnceLock<Regex> = OnceLock::new();
    static RETURNING: OnceLock<Regex> = OnceLock::new();
    static PRAISE: OnceLock<Regex> = OnceLock::new();
    let lower = text.to_lowercase().replace('’', "'");
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
        r"(^(also |and |plus |oh and |so )?|\b(i|we)( just| finally| [a-z]+ly| lowkey| kinda| sorta)? )(just |finally |also )?(got|won|passed|made|finished|found|booked|bought|sold|saw|met|heard|aced|nailed|landed|signed|put|had|ran|quit|bombed|climbed|started|moved|lost|failed|crushed|sent|gave|ate|rang|called|spoke|talked|arrived|messed up|broke|fell|crashed)\b|\b(i|we) (just |finally |[a-z]+ly |lowkey |kinda |sorta )?[a-z]{3,}ed\b.*!|\bwent (really |so |super |pretty )?(well|great|badly)\b|\b(offered|told|gave|asked|promoted|hired|fired|invited|accepted|rejected|kept|woke|put|moved|scheduled|switched|dumped|yelled at|snapped at) (me|us)\b|\b(i'm|im|i am|i think i'm|i think im|i'm thinking of|i might|i think i might|i wanna|imma|i'm gonna|im gonna) (quit|quitting|leave|leaving|move|moving|apply|applying|start|starting|sign up|signing up|go back|going back)\b|\b(rejected|promoted|laid off|got the job|got in)\b|\b(doctor|hospital|er|tests?|results|bloods|scan|diagnosis)\b|\b(so fun|the best time|incredible|can't wait|can start)\b",
    );
    let feel = re(
        &FEEL,
        r"\b(feel|feels|felt|feeling|nervous|scared|worried|worried sick|excited|dread|dreading|lonely|proud|hopeful|stressed|fried|drained|wiped|zombie|shaking|freaking out|cried|crying|struggling|emotional|invisible|looking forward|tired|exhausted|sad|anxious|overwhelmed|happy|upset|frustrated|homesick|down|bummed|sentimental|heartbroken|gutted|relieved|thrilled|miserable|hurt|jealous|insecure|guilty|ashamed|embarrassed|terrified|panicking|grateful|want to quit|wrecked me|slept like garbage|what a day)\b|\b(rough|bad|hard|long|awful|terrible|great|best|heavy|tough|hectic|brutal|stressful|shit|crap) (day|night|week|month|shift)\b|\bi've been [a-z]+ing\b|\b(i'm|im|i am) not (ok|okay|alright|fine)\b|\bcan't (breathe|stop (smiling|crying|shaking))\b|\bthought of (you|u|your)\b",
    );
    // Clauses (sentences split at commas) that are not questions or requests.
    static ASK: OnceLock<Regex> = OnceLock::new();
    let ask = re(&ASK, r"^\W*(did|do|does|can|could|would|will|are|is|was|were|have|has|why|what|when|where|who|how)\b");
    let sentences: Vec<String> = sentences(&lower)
        .iter()
        .flat_map(|s| s.split(", ").map(str::to_string).collect::<Vec<_>>())
        .filter(|s| !(ask.is_match(s) || returning.is_match(s) || (committing && commitment_cue(s))))
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

/// An emoji or pictograph, of any meaning.
fn pictograph(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

/// An emoji that shows a feeling: a face, a heart or a gesture (any that
/// carries a cue in [`emoji_cue`], and every face).
fn affect_emoji(c: char) -> bool {
    emoji_cue(c).is_some()
        || matches!(c, '\u{1F600}'..='\u{1F64F}' | '\u{1F910}'..='\u{1F92F}' | '\u{1F970}'..='\u{1F97F}' | '\u{1FAE0}'..='\u{1FAEF}')
}

/// The message's sentences (ending at `.`, `!`, `?`, a line break or an
/// emoji before a space, the ending kept: in texting an emoji often closes
/// a sentence, as in "morning love ☀️ boiler kept you up again?").
fn sentences(lower: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        cur.push(c);
        if (pictograph(c) || c == '\u{FE0F}') && chars.peek().is_some_and(|n| n.is_whitespace()) {
            out.push(std::mem::take(&mut cur).trim().to_string());
            continue;
        }
        if matches!(c, '.' | '!' | '?' | '\n') {
            while let Some(&n) = chars.peek() {
                if matches!(n, '.' | '!' | '?') {
                    cur.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(std::mem::take(&mut cur).trim().to_string());
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The message's statements: its sentences that are not questions (one
/// whose ending holds a `?`).
fn statements(lower: &str) -> String {
    sentences(lower).into_iter().filter(|s| !s.contains('?')).collect::<Vec<_>>().join(" ")
}

/// The deed is still undone: "haven't called yet", "didn't get to it",
/// "forgot to book".
fn not_yet_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    // Not a bare "didn't": "didn't take long, all done" is a report.
    re(&R, r"\b(haven't|have not|havent|hasn't|has not|not yet|forgot to|couldn't|could not|wasn't able|didn't get (to|round|around))\b")
        .is_match(lower)
}

/// A done-verb whose doer may be the speaker: not one with a third-person
/// subject ("she just called me" is not the committer's call).
fn kept_cue(lower: &str) -> bool {
    static THIRD: OnceLock<Regex> = OnceLock::new();
    let third = re(&THIRD, r"\b(she|he|they|it|who|someone|somebody|everyone)( just| already| finally| also| even)? $");
    // Only verbs of calling take a person before them as the doer ("Maura
    // rang"); before the others a noun is what was done ("candles bought",
    // "car booked").
    let calling = |m: &regex::Match| matches!(m.as_str(), "called" | "calling" | "rang" | "texted" | "emailed" | "told");
    done_verbs().find_iter(lower).any(|m| {
        let before = &lower[..m.start()];
        let someone_else = third.is_match(before) || (calling(&m) && named_subject(before));
        !someone_else
    })
}

/// The words before a verb of calling end in someone else as its subject:
/// a name or a noun in the same clause ("Maura rang", "the plumber called"),
/// not the speaker, the partner, an adverb or nothing ("rang them",
/// "I finally booked", "ok sorted").
fn named_subject(before: &str) -> bool {
    const NOT_A_SUBJECT: &[&str] = &[
        "i",
        "we",
        "i've",
        "we've",
        "ive",
        "i'd",
        "i'm",
        "im",
        "am",
        "you",
        "u",
        "you've",
        "just",
        "already",
        "finally",
        "also",
        "even",
        "and",
        "then",
        "so",
        "ok",
        "okay",
        "k",
        "yes",
        "yep",
        "yeah",
        "all",
        "have",
        "has",
        "had",
        "eventually",
        "actually",
        "literally",
        "now",
        "today",
        "tonight",
        "earlier",
        "was",
        "were",
        "been",
        "got",
        "get",
        "it's",
        "its",
        "is",
        "are",
    ];
    match before.strip_suffix(' ').and_then(|b| b.rsplit(' ').next()) {
        Some(w) if !w.is_empty() && !w.ends_with(|c: char| c.is_ascii_punctuation() && c != '\'') => {
            w.chars().all(|c| c.is_alphabetic() || c == '\'') && !NOT_A_SUBJECT.contains(&w)
        }
        _ => false,
    }
}

/// The partner names the committer's deed: a done-verb with "you" as its
/// subject ("you got the chicken AND the rice", "you've booked it").
fn your_deed_cue(lower: &str) -> bool {
    static YOU: OnceLock<Regex> = OnceLock::new();
    let you = re(&YOU, r"\b(you|u)('ve| have| actually| really| even| already| just| finally)* $");
    // "you've got this" cheers the partner on; it names no deed.
    static CHEER: OnceLock<Regex> = OnceLock::new();
    let cheer = re(&CHEER, r"^got (this|it|that|you)\b");
    done_verbs().find_iter(lower).any(|m| you.is_match(&lower[..m.start()]) && !cheer.is_match(&lower[m.start()..]))
}

/// The partner finds the thing in the state the deed leaves it: "kitchen's
/// spotless", "the tap is fixed", "bins are out" (not a question).
fn done_state_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let state = re(
        &R,
        r"\b\w+('s| is| are| looks| was) (so |really |absolutely |actually |finally |all )?(spotless|sparkling|immaculate|fixed|sorted|working again|sorted out|tidy|so clean|really clean|clean)\b",
    );
    state.is_match(&statements(lower))
}

fn done_verbs() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(booked|called|calling|rang|did it|did that|took care of|taken care of|sorted|fixed|paid|sent|picked (it |them |him |her )?up|bought|ordered|emailed|texted|finished|handled|got|told|submitted|attached|uploaded|collected|grabbed|found|brought|you did it|you remembered)\b",
    )
}

/// The committer's own report that a promise was kept, whatever it names.
fn report_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    static LATER: OnceLock<Regex> = OnceLock::new();
    // "once it's done", "when I'm done" look ahead; they report nothing.
    let later = re(
        &LATER,
        r"\b(once|when|after|until|till|as soon as) (it's|it is|i'm|i am|we're|we are|that's|that is|you're|you are|they're|it's all|everything's) (all )?done\b",
    );
    let report = re(
        &R,
        r"\b(done|all done|as promised|like i (said|promised)|as i said|told you i'd|told you i would|kept my (word|promise)|calling now|on it now)\b",
    );
    report.find_iter(lower).any(|m| !later.find_iter(lower).any(|l| l.start() <= m.start() && m.end() <= l.end()))
}

/// A report in the texting register, the subject dropped: one of the
/// message's `sentences` (lower-cased, see [`sentences`]) that
/// opens with a deed done or an arrival ("Booked. Friday 7:15", "Collected
/// the prescription", "Back. Rice, eggs and the good soy sauce", "Got the
/// corner booth"), neither asking nor committing ("Back at 6, promise" is
/// a promise, "Got a minute?" a question). Words that also open other
/// sentences are read narrowly: "here" alone ("here!", not "here's the
/// thing"), "back" not as "back to work", and "made", "left", "got" not
/// when done to the speaker ("left me on read").
fn dropped_subject_report(sentences: &[String]) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    static NOT: OnceLock<Regex> = OnceLock::new();
    let opens_with_deed = re(
        &R,
        r"^(back|home|here|outside|parked|landed|booked|collected|picked|called|rang|told|sent|paid|bought|ordered|fixed|sorted|cleaned|cooked|made|got|grabbed|dropped|emailed|texted|spoke|asked|cancelled|canceled|finished|posted|returned|renewed|signed|moved|took|brought|left)\b",
    );
    let not_a_report = re(&NOT, r"^(here\S*\s+\w|back to\b|(made|left|got) me\b)");
    // Or the thing done, then the deed as a participle: "Both delivered",
    // "PE kit dropped off", "car booked in for tuesday", "bins out".
    static THING_DONE: OnceLock<Regex> = OnceLock::new();
    let thing_done = re(
        &THING_DONE,
        r"^(\w+ ){1,3}(delivered|dropped off|booked|paid|sorted|fixed|ordered|collected|picked up|done|returned|posted|cancelled|canceled|renewed|handled|taken out|put out|emptied|mowed|hoovered|vacuumed)\b",
    );
    sentences.iter().any(|s| {
        (opens_with_deed.is_match(s) || thing_done.is_match(s)) && !not_a_report.is_match(s) && !s.ends_with('?') && !commitment_cue(s)
    })
}

fn commitment_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(i'll|i will|ill|i'd|i would|i'm going to|im going to|i'm gonna|gonna|promise|i can|let me|i shall|will do|i'm on it|count on me|you have my word|leave (it|that|this|them|the \w+( \w+)?) (to|with) me|consider (it|that|this|them|the \w+( \w+)?) (done|sorted|handled))\b",
    )
    .is_match(lower)
        || subject_dropped_will(lower)
        || planned_cue(lower)
}

/// "will" opening a sentence, its subject dropped as texting does: "ok.
/// will call at lunch", "sure, will grab it".
fn subject_dropped_will(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(^|[.!?,]\s+)((ok|okay|k|sure|yes|yep|yeah|ya|alright|fine|cool|no worries|no problem|got it)[,.!]?\s+)?will [a-z]{2,}\b")
        .find_iter(lower)
        .any(|m| !m.as_str().ends_with(" you") && !m.as_str().ends_with(" u"))
}

/// A plan in the present tense with a time ("I'm making your mum's soup
/// tonight", "I'm coming to Abuja on Friday"), or "be there in 30",
/// "doing it right now".
fn planned_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(i'm|im|i am) [a-z]+ing\b[^.!?]*\b(now|tonight|tomorrow|today|later|this (morning|afternoon|evening|week|weekend)|(mon|tues|wednes|thurs|fri|satur|sun)day|at \d+|in \d+|first thing)\b|(^|[.!?]\s*)(i'll |i will )?be (there|home|back|over|round) (in|by|at|before)\b|\b(doing|on) it (right )?now\b",
    )
    .is_match(lower)
}

/// The words that thank, in one place for every pattern that needs them.
macro_rules! thanks {
    () => {
        "thank you|thank u|thanks|thx|ty"
    };
}

/// The partner thanks for something done ("thank you for picking me up",
/// "thanks for the flowers", "thanks for tonight" after "I'll do bedtime
/// tonight"), not for a word or a feeling ("thank you for telling me",
/// "thanks for listening"), which thanks for the conversation and names no
/// deed.
fn thanks_for_deed(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    static TALK: OnceLock<Regex> = OnceLock::new();
    let talk = re(
        &TALK,
        r"^(telling|saying|listening|checking|asking|being|understanding|sharing|explaining|hearing|letting me|caring|talking|texting|messaging|calling me out|the chat|the talk|your (patience|support|honesty)|trying|noticing|remembering me|loving)\b",
    );
    re(&R, concat!(r"\b(", thanks!(), r") (so much |very much |again |a lot )?for "))
        .find_iter(lower)
        .any(|m| !talk.is_match(&lower[m.end()..]))
}

fn thanks_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, concat!(r"\b(", thanks!(), r")\b")).is_match(lower)
}

/// The partner counts the time gone by or mocks a missed time: "it's been
/// 50 minutes", "she waited 45 minutes", "the show's been over for an
/// hour", "so much for the midnight alarm", "guess 11 meant midnight".
fn lateness_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(it's been|it has been|its been|been over for|been waiting|still waiting|waited|waiting for) (over |almost |nearly |like )?(an?|one|two|three|\d+) (hour|hours|hr|hrs|min|mins|minutes)\b|\bso much for\b|\bguess \d+(:\d\d)? (meant|means)\b",
    )
    .find_iter(lower)
    // "thank you so much for the flowers" thanks; it mocks nothing.
    .any(|m| !(m.as_str().starts_with("so much") && thanked_just_before(&lower[..m.start()])))
}

fn thanked_just_before(before: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, concat!(r"\b(", thanks!(), r") $")).is_match(before)
}

/// A promise that names when: "at 9", "by lunch", "in 20 minutes",
/// "tonight", "before midnight", "be there in 30".
fn timed_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(at|by|before|until|around) (\d{1,2}(:\d\d)?|noon|midnight|lunch|dinner|lunchtime)\b|\bin (\d+|ten|twenty|thirty|five|fifteen|an|a few) (min|mins|minutes|hour|hours)\b|\b(tonight|this evening|this afternoon|after work|after dinner)\b|\d(am|pm)\b|\bbe (there|home|back|over|round) (in|by|at|before) \w",
    )
    .is_match(lower)
}

/// A complaint that a promise was not kept: (strong, weak). Strong cues
/// ("you said", "you promised", "still haven't"…) settle the partner's
/// promise on their own; weak ones ("you didn't", "you forgot", "so no…") only
/// when the message shares a word with it.
fn broken_cue(lower: &str) -> (bool, bool) {
    static STRONG: OnceLock<Regex> = OnceLock::new();
    static WEAK: OnceLock<Regex> = OnceLock::new();
    let lower = lower.replace('’', "'");
    let strong = re(
        &STRONG,
        r"\b(you (did |do )?(said|say)|you told me you('d| would| were)|you (swore|promised)|still (haven't|hasn't|havent|isn't|is not)|forgot again|never did|you were (going to|gonna|meant to)|supposed to|broke your promise|what happened to|i thought you (said|were going|were gonna|would))\b",
    );
    let weak = re(
        &WEAK,
        r"\b(you (didn't|did not|didnt|forgot|haven't|havent|never)|not done|so no|where's|where is|still (not|no)|(is|are) still (there|here|by|in|on|at|sitting|waiting))\b",
    );
    let friendly = lower.contains("like you said") || lower.contains("as you said");
    (strong.is_match(&lower) && !friendly, weak.is_match(&lower))
}

/// The base form of a common irregular past tense, so that "paid" matches
/// "pay" and "bought" matches "buy".
fn irregular(w: &str) -> &str {
    match w {
        "paid" => "pay",
        "sent" => "send",
        "bought" => "buy",
        "brought" => "bring",
        "took" | "taken" => "take",
        "made" => "make",
        "got" | "gotten" => "get",
        "fed" => "feed",
        "drove" | "driven" => "drive",
        "wrote" | "written" => "write",
        "told" => "tell",
        "found" => "find",
        "gave" | "given" => "give",
        "went" | "gone" => "go",
        "rang" | "rung" => "ring",
        "swept" => "sweep",
        "spoke" | "spoken" => "speak",
        "sold" => "sell",
        "hung" => "hang",
        "ate" | "eaten" => "eat",
        other => other,
    }
}

/// One word for the verbs that name the same errand, so that "I'll grab
/// it after work" and "you didn't get the car seat" share the deed.
fn errand(w: &str) -> &str {
    const SAME: &[(&str, &[&str])] = &[
        (
            "fetch",
            &[
                "grab",
                "grabs",
                "grabbed",
                "grabbing",
                "fetch",
                "fetched",
                "fetching",
                "collect",
                "collects",
                "collected",
                "collecting",
                "pick",
                "picks",
                "picked",
                "picking",
            ],
        ),
        ("call", &["ring", "rang", "ringing", "phone", "phoned", "phoning", "call", "calls", "called", "calling"]),
        ("book", &["reserve", "reserved", "reserving", "book", "booked", "booking"]),
        ("fix", &["repair", "repaired", "repairing", "mend", "mended", "mending", "fix", "fixed", "fixing"]),
        ("vacuum", &["hoover", "hoovered", "hoovering", "vacuum", "vacuumed", "vacuuming"]),
        ("mum", &["mum", "mom", "mam", "mother", "ma"]),
    ];
    SAME.iter().find(|(_, forms)| forms.contains(&w)).map_or(w, |(one, _)| one)
}

/// When a deed is due ("after work", "around 5:30", "first thing
/// tomorrow"): the time names no part of the deed, and a partner's later
/// "amazing work" or "see you tonight" must not look like it names the
/// promise.
fn without_times(lower: &str) -> std::borrow::Cow<'_, str> {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(after|before|from|at|leave|leaving|finish|finishing) (work|lunch|lunchtime|dinner|breakfast|tea|school)\b|\b(this|tomorrow|every|each|next|on|by|in the|the) (morning|afternoon|evening|night|week|weekend|(mon|tues|wednes|thurs|fri|satur|sun)day)\b|\bfirst thing\b|\b(around|about|by|at|before|until) \d{1,2}([:.]\d\d)?( ?[ap]m)?\b",
    )
    .replace_all(lower, " ")
}

fn stems(lower: &str) -> Vec<String> {
    let lower = &*without_times(lower);
    const STOP: &[&str] = &[
        "the", "and", "you", "your", "i'll", "will", "for", "with", "that", "this", "then", "have", "just", "like", "said", "promise",
        "tomorrow", "today", "tonight", "done", "about", "i'm", "i'd", "i've", "it's", "was", "were", "are", "but", "not", "all", "did",
        "didn't", "don't", "yet", "still", "again", "thanks", "thank", "love", "babe", "please", "okay", "sure", "going", "gonna", "would",
        "could", "should", "what", "when", "there", "they", "them", "yes", "yeah", "sorry", "promised", "haven't", "forgot", "never",
        "can", "its", "now", "you're", "we're", "they're", "that's", "best", "later", "too", "really", "much", "how", "who", "why", "get",
        "let", "make", "from", "into", "onto", "over", "under", "after", "before", "our", "out", "off", "some", "any", "been", "had",
        "has", "his", "her", "she", "him", "one", "also", "very", "here", "where", "which", "while", "because", "than", "these", "those",
        "their", "we'll", "around", "soon", "minute", "minutes", "mins", "hour", "hours",
    ];
    let mut out: Vec<String> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(irregular)
        .map(errand)
        .filter(|w| w.len() >= 3 && !STOP.contains(w))
        .map(|w| {
            let w = w.trim_end_matches("ing").trim_end_matches("ed").trim_end_matches('s');
            w.chars().take(5).collect()
        })
        .filter(|w: &String| w.len() >= 3)
        .collect();
    out.sort();
    out.dedup();
    out.truncate(24);
    out
}

/// Seconds on the local clock for an RFC 3339 time ("2026-03-02T19:14:00Z",
/// "…+01:00", a space for the `T`, seconds optional): the date and time as
/// written, the offset ignored, so that day boundaries and "at 9" are the
/// writer's own. A plain number (a transcript offset in seconds) is taken
/// as is. `None` for anything else.
pub fn parse_time(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Ok(x) = s.parse::<f64>() {
        return x.is_finite().then_some(x);
    }
    let b = s.as_bytes();
    if b.len() < 16 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b' ' || b[10] == b't') || b[13] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<i64>().ok());
    let (y, mo, d, h, mi) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?);
    let sec = if b.len() >= 19 && b[16] == b':' { num(17..19)? } else { 0 };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    Some((days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec) as f64)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` for a day number since 1970-01-01.
pub fn civil_date(z: i64) -> String {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
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
    fn complaints_that_recall_the_promise_are_strong_and_friendly_echoes_are_not() {
        for t in [
            "shame about the glasses though, you did say you'd bring them",
            "you told me you'd ring them",
            "what happened to fixing the tap?",
        ] {
            assert!(broken_cue(t).0, "{t}");
        }
        assert!(!broken_cue("done, like you said, thank you").0);
        assert!(!broken_cue("you did great today").0);
    }

    #[test]
    fn someone_else_calling_is_not_the_deed_but_a_thing_bought_is() {
        assert!(!kept_cue("maura rang, she's engaged at 52!"));
        assert!(!kept_cue("the plumber called about thursday"));
        assert!(kept_cue("rang them, all sorted"));
        assert!(kept_cue("ok i finally called the landlord"));
        assert!(kept_cue("risotto on, candles bought, wine breathing"));
    }

    #[test]
    fn the_partner_finding_the_thing_done_confirms_the_deed() {
        assert!(done_state_cue("kitchen's spotless 😳 who are you"));
        assert!(done_state_cue("the tap is fixed!"));
        assert!(!done_state_cue("is the tap fixed?"));
        assert!(!done_state_cue("your hair looks amazing"));
    }

    #[test]
    fn verbs_of_one_errand_share_a_stem() {
        let promise = stems("i'll grab the parcel and ring the garage");
        let report = stems("picked up the parcel, phoned the garage");
        assert!(promise.contains(&"fetch".to_string()) && report.contains(&"fetch".to_string()));
        assert!(promise.contains(&"call".to_string()) && report.contains(&"call".to_string()));
    }

    #[test]
    fn a_sentence_opening_with_will_commits_but_a_question_or_another_subject_does_not() {
        assert!(commitment_cue("ok. will call at lunch"));
        assert!(commitment_cue("sure, will grab it on the way"));
        assert!(commitment_cue("okay. leave the bins to me tonight"));
        assert!(commitment_cue("consider the hoovering done by the time you're back"));
        assert!(!commitment_cue("leave me alone"));
        assert!(!commitment_cue("she will call at lunch"));
        assert!(!commitment_cue("will you call at lunch?"));
    }

    use super::*;
    use Behaviour::*;

    /// (speaker, minutes from 2026-03-13 19:00, text, labels)
    fn run(msgs: &[(&str, f64, &str, &[Behaviour])]) -> Signals {
        let base = parse_time("2026-03-13T19:00:00Z").unwrap();
        let mut t = SignalTracker::new();
        for (i, (sp, min, text, labels)) in msgs.iter().enumerate() {
            let id = format!("m{}", i + 1);
            t.push(&Turn { id: &id, speaker: sp, time: Some(base + min * 60.0), end: None, text, labels, near: &[] });
        }
        t.finish()
    }

    /// Messages that open and settle every kind of item: pauses, bids,
    /// promises, complaints, episodes.
    const TEXTS: &[(&str, &[Behaviour])] = &[
        ("I got the job!", &[]),
        ("so proud of you", &[Encouragement]),
        ("I'll book the table tonight", &[Promise]),
        ("booked the table", &[]),
        ("you said you'd call the plumber", &[Judgment]),
        ("you never listen", &[Judgment]),
        ("whatever, not my fault", &[Defensiveness]),
        ("you're such an idiot", &[NameCalling]),
        ("I need a break, let's talk in 20 minutes", &[Boundary]),
        ("I miss you", &[Warmth]),
        ("ok", &[]),
        ("I feel so lonely lately", &[SafetyTalk]),
        ("that sounds hard, I'm here", &[Empathy]),
    ];

    fn feed(t: &mut SignalTracker, script: &[(bool, usize)], drain: &mut Option<Settled>) {
        for (i, &(a, k)) in script.iter().enumerate() {
            let id = format!("m{}", i + 1);
            let (text, labels) = TEXTS[k % TEXTS.len()];
            t.push(&Turn { id: &id, speaker: if a { "A" } else { "B" }, time: Some(60.0 * i as f64), end: None, text, labels, near: &[] });
            if let Some(d) = drain {
                d.append(t.take_settled());
            }
        }
    }

    proptest::proptest! {
        /// Taking items as they settle, then the rest at `finish`, gives the
        /// same items in the same order as keeping them all, and the totals
        /// count them.
        #[test]
        fn taking_settled_items_as_they_come_changes_nothing(script in proptest::collection::vec((proptest::bool::ANY, 0usize..64), 0..300)) {
            let mut whole = SignalTracker::new();
            feed(&mut whole, &script, &mut None);
            let whole = whole.finish();
            let mut streamed = SignalTracker::new();
            let mut taken = Some(Settled::default());
            feed(&mut streamed, &script, &mut taken);
            let mut rest = streamed.finish();
            let mut got = taken.unwrap();
            got.append(Settled::take_from(&mut rest));
            proptest::prop_assert_eq!(&got.escalations, &whole.escalations);
            proptest::prop_assert_eq!(&got.pauses, &whole.pauses);
            proptest::prop_assert_eq!(&got.bids, &whole.bids);
            proptest::prop_assert_eq!(&got.promises, &whole.promises);
            proptest::prop_assert_eq!(&rest.totals, &whole.totals);
            let t = &whole.totals;
            proptest::prop_assert_eq!(t.escalations as usize, whole.escalations.len());
            proptest::prop_assert_eq!(t.pauses as usize, whole.pauses.len());
            proptest::prop_assert_eq!(t.bids.iter().map(|b| b.bids).sum::<u64>() as usize, whole.bids.len());
            proptest::prop_assert_eq!(t.promises as usize, whole.promises.len());
            proptest::prop_assert_eq!((t.promises_kept + t.promises_broken + t.promises_open) as usize, whole.promises.len());
        }
    }

    #[test]
    fn items_open_longer_than_max_age_are_resolved_and_handed_out() {
        let mut t = SignalTracker::new();
        t.push(&Turn { id: "p", speaker: "A", time: None, end: None, text: "I'll fix the shelf", labels: &[Promise], near: &[] });
        let mut handed = Vec::new();
        for i in 0..MAX_AGE + 5 {
            let id = format!("n{i}");
            t.push(&Turn { id: &id, speaker: "A", time: None, end: None, text: "ok", labels: &[], near: &[] });
            handed.extend(t.take_settled().promises);
        }
        assert_eq!(handed.len(), 1, "the promise was handed out once it aged out");
        assert_eq!((handed[0].promise.as_str(), handed[0].outcome), ("p", Outcome::Open));
        let s = t.finish();
        assert!(s.promises.is_empty());
        assert_eq!((s.totals.promises, s.totals.promises_open), (1, 1));
    }

    #[test]
    fn escalation_needs_three_of_four_and_both_speakers() {
        let s = run(&[
            ("A", 0.0, "hi", &[]),
            ("A", 1.0, "you never listen", &[Judgment]),
            ("B", 2.0, "what about you", &[Defensiveness]),
            ("A", 3.0, "so selfish", &[NameCalling]),
            ("B", 4.0, "ok", &[]),
            ("A", 5.0, "and you're late", &[Judgment]),
            ("B", 6.0, "let's pause for 20 minutes", &[Boundary]),
            ("A", 30.0, "ok", &[]),
            ("B", 31.0, "hi", &[]),
            ("A", 32.0, "thanks", &[]),
        ]);
        assert_eq!(s.escalations.len(), 1, "{:?}", s.escalations);
        let e = &s.escalations[0];
        assert_eq!((e.start.as_str(), e.end.as_str()), ("m2", "m6"));
        assert_eq!(e.escalated_by, "A");
        assert_eq!(e.pause_point, "m4");
        assert!(e.pause_called);
        assert_eq!(e.negative, 4);
    }

    /// Escalations from (speaker, labelled sabotage, near sabotage) messages.
    fn heated_run(msgs: &[(&str, bool, bool)]) -> Vec<Escalation> {
        let mut t = SignalTracker::new();
        for (i, &(sp, sab, near)) in msgs.iter().enumerate() {
            let id = format!("m{}", i + 1);
            let labels: &[Behaviour] = if sab { &[Judgment] } else { &[] };
            let near: &[Behaviour] = if near { &[Judgment] } else { &[] };
            t.push(&Turn { id: &id, speaker: sp, time: None, end: None, text: "x", labels, near });
        }
        t.finish().escalations
    }

    #[test]
    fn a_near_miss_completes_a_window_with_two_labelled_messages() {
        let e = heated_run(&[("A", false, false), ("A", true, false), ("B", false, true), ("A", true, false), ("B", false, false)]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            (e[0].start.as_str(), e[0].end.as_str()),
            ("m2", "m4"),
            "the near miss is inside, the episode spans the heated messages"
        );
        // One labelled message and near misses are not enough.
        assert!(heated_run(&[("A", true, false), ("B", false, true), ("A", false, true), ("B", false, true)]).is_empty());
        // Nor are two labelled messages with nothing heated beside them.
        assert!(heated_run(&[("A", true, false), ("B", true, false), ("A", false, false), ("B", false, false)]).is_empty());
        // Heated messages from one speaker only make no quarrel.
        assert!(heated_run(&[("A", true, false), ("A", true, false), ("A", false, true), ("B", false, false)]).is_empty());
    }

    #[test]
    fn pushing_back_against_danger_is_not_quarrelling() {
        let turn = |id: &'static str, sp: &'static str, labels: &'static [Behaviour], near: &'static [Behaviour]| (id, sp, labels, near);
        let run_near = |msgs: &[(&'static str, &'static str, &'static [Behaviour], &'static [Behaviour])]| {
            let mut t = SignalTracker::new();
            for &(id, sp, labels, near) in msgs {
                t.push(&Turn { id, speaker: sp, time: None, end: None, text: "x", labels, near });
            }
            t.finish().escalations
        };
        // "turn it back on. now" / "no." / "you know what happens when you
        // lie" / "I'm not lying. I'm scared when you talk like that".
        let coercion = [
            turn("m1", "A", &[Suspicion, Danger], &[]),
            turn("m2", "B", &[], &[Defensiveness]),
            turn("m3", "A", &[Domination, Danger], &[]),
            turn("m4", "B", &[SafetyTalk], &[Defensiveness]),
        ];
        assert!(run_near(&coercion).is_empty());
        // Without danger the same near miss still completes a quarrel, and
        // labelled sabotage from the partner facing danger still counts.
        let quarrel = [
            turn("m1", "A", &[Suspicion], &[]),
            turn("m2", "B", &[], &[Defensiveness]),
            turn("m3", "A", &[Domination], &[]),
            turn("m4", "B", &[], &[]),
        ];
        assert_eq!(run_near(&quarrel).len(), 1);
        let both = [
            turn("m1", "A", &[Suspicion, Danger], &[]),
            turn("m2", "B", &[Defensiveness], &[]),
            turn("m3", "A", &[Domination, Danger], &[]),
            turn("m4", "B", &[], &[]),
        ];
        assert_eq!(run_near(&both).len(), 1);
    }

    #[test]
    fn one_sided_or_danger_only_is_not_escalation() {
        let one_sided =
            run(&[("A", 0.0, "x", &[Judgment]), ("A", 1.0, "y", &[NameCalling]), ("A", 2.0, "z", &[Threat]), ("B", 3.0, "ok", &[])]);
        assert!(one_sided.escalations.is_empty());
        let danger =
            run(&[("A", 0.0, "x", &[Danger]), ("B", 1.0, "y", &[Danger]), ("A", 2.0, "z", &[Danger]), ("B", 3.0, "w", &[Judgment])]);
        assert!(danger.escalations.is_empty());
        let no_pause = run(&[("A", 0.0, "x", &[Judgment]), ("B", 1.0, "y", &[Sarcasm]), ("A", 2.0, "z", &[Judgment])]);
        assert_eq!(no_pause.escalations.len(), 1);
        assert!(!no_pause.escalations[0].pause_called);
    }

    #[test]
    fn two_separate_episodes() {
        let mut msgs: Vec<(&str, f64, &str, &[Behaviour])> =
            vec![("A", 0.0, "x", &[Judgment]), ("B", 1.0, "y", &[Sarcasm]), ("A", 2.0, "z", &[Judgment])];
        for i in 0..5 {
            msgs.push(("B", 3.0 + f64::from(i), "fine", &[]));
        }
        msgs.extend_from_slice(&[("A", 10.0, "x", &[Judgment]), ("B", 11.0, "y", &[Sarcasm]), ("A", 12.0, "z", &[Judgment])]);
        let s = run(&msgs);
        assert_eq!(s.escalations.len(), 2);
        assert_eq!(s.escalations[1].start, "m9");
    }

    #[test]
    fn pause_honoured_broken_and_open() {
        let kept = run(&[
            ("A", 0.0, "I need a break, can we talk in 20 minutes?", &[Boundary]),
            ("B", 1.0, "ok, take your time", &[Space]),
            ("B", 25.0, "you're so selfish", &[Judgment]),
        ]);
        assert_eq!(kept.pauses[0].honoured, Some(true));
        assert_eq!(kept.pauses[0].evidence.as_deref(), Some("m3"));
        let broken =
            run(&[("A", 0.0, "let's pause and talk tonight when we're calmer", &[Boundary]), ("B", 5.0, "answer me NOW", &[Pressure])]);
        assert_eq!(broken.pauses[0].honoured, Some(false));
        let back = run(&[("A", 0.0, "I need a break", &[Boundary]), ("B", 5.0, "ok", &[]), ("A", 50.0, "I'm back", &[])]);
        assert_eq!(back.pauses[0].honoured, Some(true));
        let open = run(&[("A", 0.0, "pause please, talk tomorrow", &[Boundary]), ("B", 1.0, "ok", &[])]);
        assert_eq!(open.pauses[0].honoured, None);
        let limit = run(&[("A", 0.0, "I decide who I see on my weekends", &[Boundary])]);
        assert!(limit.pauses.is_empty(), "a limit is not a pause call");
    }

    #[test]
    fn resume_times() {
        let now = parse_time("2026-03-13T19:00:00Z").unwrap();
        assert_eq!(resume_time("in 20 minutes", now), Some(now + 1200.0));
        assert_eq!(resume_time("give me ten min", now), Some(now + 600.0));
        assert_eq!(resume_time("an hour", now), Some(now + 3600.0));
        assert_eq!(resume_time("talk at 9", now), Some(now + 2.0 * 3600.0));
        assert_eq!(resume_time("at 9:30pm", now), Some(now + 2.5 * 3600.0));
        assert_eq!(resume_time("tomorrow", now), Some(now + 13.0 * 3600.0));
        assert_eq!(resume_time("tonight", now), Some(now + 3600.0));
        assert_eq!(resume_time("later", now), None);
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
        // The garage (answered "ok"), the question and the statement met
        // with sabotage are not bids: nothing in their words says so, and
        // no builder took them as one. Affection in answer takes one, and
        // is a bid of its own.
        assert_eq!(
            got,
            vec![
                ("m1", Some("m2"), TurnType::Toward, "feeling"),
                ("m7", Some("m8"), TurnType::Toward, "news"),
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
    fn the_thing_done_then_its_participle_reports_the_deed() {
        let report = |t: &str| dropped_subject_report(&sentences(t));
        assert!(report("both delivered. alfie forgot his pe kit"));
        assert!(report("pe kit dropped off, he was very relieved"));
        assert!(report("car booked in for tuesday"));
        assert!(!report("the kids fed the ducks"));
        assert!(!report("is the car booked in?"));
    }

    #[test]
    fn an_agreeing_done_does_not_hide_the_commitment_after_it() {
        let s = run(&[
            ("A", 0.0, "movie saturday?", &[]),
            ("B", 1.0, "done, I'll book the 9:30 at PVR Juhu", &[Promise]),
            ("B", 5000.0, "booked the 9:30, tickets are in your email", &[Promise]),
        ]);
        let got: Vec<(&str, Outcome, Option<&str>)> =
            s.promises.iter().map(|p| (p.promise.as_str(), p.outcome, p.evidence.as_deref())).collect();
        assert_eq!(got, vec![("m2", Outcome::Kept, Some("m3"))]);
    }

    #[test]
    fn a_bare_commitment_names_what_was_asked() {
        let s = run(&[
            ("A", 0.0, "can you put the bins out tonight?", &[]),
            ("B", 1.0, "Will do before I crash", &[Promise]),
            ("A", 2.0, "still no rain here", &[]),
            ("A", 50_000.0, "Bins are still by the garage and the truck's been", &[]),
        ]);
        let got: Vec<(&str, Outcome, Option<&str>)> =
            s.promises.iter().map(|p| (p.promise.as_str(), p.outcome, p.evidence.as_deref())).collect();
        // "still no rain" is not about the bins; "bins are still by the
        // garage" is.
        assert_eq!(got, vec![("m2", Outcome::Broken, Some("m4"))]);
    }

    #[test]
    fn the_time_a_deed_is_due_names_nothing_of_the_deed() {
        let s = run(&[
            ("A", 0.0, "can you grab the car seat from Jason's porch?", &[]),
            ("B", 1.0, "I'll grab it after work around 5:30", &[Promise]),
            ("A", 2.0, "ok", &[]),
            // Praise for something else that also says "work".
            ("A", 300.0, "Amazing work on the pitch btw", &[Encouragement]),
            ("A", 600.0, "You didn't get the car seat. Jason's asking why it's still on his porch", &[]),
        ]);
        let got: Vec<(Outcome, Option<&str>)> = s.promises.iter().map(|p| (p.outcome, p.evidence.as_deref())).collect();
        // "after work around 5:30" leaves only "grab", so the promise takes
        // the request's words, and the complaint names the car seat.
        assert_eq!(got, vec![(Outcome::Broken, Some("m5"))]);
        assert_eq!(stems("i'll call the garage first thing tomorrow morning"), vec!["call", "garag"]);
        assert_eq!(stems("finish the work on the deck on saturday"), vec!["deck", "finis", "work"]);
    }

    #[test]
    fn promises_kept_broken_open() {
        let s = run(&[
            ("A", 0.0, "I'll call the landlord tomorrow at 9, promise", &[Promise]),
            ("B", 1.0, "thanks", &[]),
            ("B", 2.0, "I'll book the restaurant for friday", &[Promise]),
            ("A", 3.0, "I'll pick up the kids at 6", &[Promise]),
            ("A", 600.0, "done, called him like I said", &[Promise]),
            ("A", 700.0, "you said you would book the restaurant and you didn't", &[]),
        ]);
        let got: Vec<(&str, Outcome, Option<&str>)> =
            s.promises.iter().map(|p| (p.promise.as_str(), p.outcome, p.evidence.as_deref())).collect();
        assert_eq!(got, vec![("m1", Outcome::Kept, Some("m5")), ("m3", Outcome::Broken, Some("m6")), ("m4", Outcome::Open, None)]);
    }

    #[test]
    fn a_report_and_a_new_commitment_in_one_message() {
        let s = run(&[
            ("A", 0.0, "I'll drop the prescription at the pharmacy this morning", &[Promise]),
            ("B", 1.0, "thank you", &[]),
            ("A", 300.0, "Yes, done at half two. Ready Wednesday after lunch, I'll collect it on my way back", &[Promise]),
            ("B", 400.0, "lovely", &[]),
            ("B", 500.0, "I'll send you the booking once it's done", &[Promise]),
        ]);
        let got: Vec<(&str, Outcome, Option<&str>)> =
            s.promises.iter().map(|p| (p.promise.as_str(), p.outcome, p.evidence.as_deref())).collect();
        // The report keeps the first promise and its second sentence makes
        // a new one; "once it's done" looks ahead and reports nothing.
        assert_eq!(got, vec![("m1", Outcome::Kept, Some("m3")), ("m3", Outcome::Open, None), ("m5", Outcome::Open, None)]);
    }

    #[test]
    fn lateness_after_a_timed_promise_breaks_it() {
        let s = run(&[
            ("A", 0.0, "Lost track of time. Be there in 30", &[Promise]),
            ("B", 3000.0, "It's been 50 minutes. Mum keeps asking where you are", &[]),
            ("A", 3100.0, "I'll sort the bins out", &[Promise]),
            ("B", 9000.0, "it's been two hours, where are you?", &[]),
        ]);
        let got: Vec<(&str, Outcome, Option<&str>)> =
            s.promises.iter().map(|p| (p.promise.as_str(), p.outcome, p.evidence.as_deref())).collect();
        // Time gone by breaks only a promise that named a time.
        assert_eq!(got, vec![("m1", Outcome::Broken, Some("m2")), ("m3", Outcome::Open, None)]);
    }

    #[test]
    fn a_deed_still_undone_does_not_keep_the_promise() {
        let s = run(&[
            ("A", 0.0, "I'll email the school about the trip today", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("A", 300.0, "sorry, I haven't emailed them yet", &[]),
            ("B", 400.0, "you said today", &[]),
        ]);
        let got: Vec<(Outcome, Option<&str>)> = s.promises.iter().map(|p| (p.outcome, p.evidence.as_deref())).collect();
        assert_eq!(got, vec![(Outcome::Broken, Some("m4"))]);
        let s = run(&[("A", 0.0, "I'll email the school today", &[Promise]), ("A", 300.0, "emailed the school", &[])]);
        assert_eq!(s.promises[0].outcome, Outcome::Kept, "the same deed, done");
        let s = run(&[("A", 0.0, "I'll email the school today", &[Promise]), ("A", 300.0, "didn't take long, emailed the school", &[])]);
        assert_eq!(s.promises[0].outcome, Outcome::Kept, "a bare \"didn't\" is not an undone deed");
    }

    #[test]
    fn a_near_promise_with_a_commitment_is_tracked_but_not_counted_as_a_builder() {
        let mut t = SignalTracker::new();
        let msgs: [(&str, &str, &[Behaviour]); 3] =
            [("A", "I'll fix the sink tonight", &[Promise]), ("B", "ok", &[]), ("A", "fixed the sink, like I said", &[])];
        for (i, (sp, text, near)) in msgs.iter().enumerate() {
            let id = format!("m{}", i + 1);
            t.push(&Turn { id: &id, speaker: sp, time: None, end: None, text, labels: &[], near });
        }
        let s = t.finish();
        let got: Vec<(&str, Outcome)> = s.promises.iter().map(|p| (p.promise.as_str(), p.outcome)).collect();
        assert_eq!(got, vec![("m1", Outcome::Kept)]);
        assert_eq!(s.ratio.positive, 0, "near misses are not labels");
        // Without a commitment cue a near promise opens nothing.
        let mut t = SignalTracker::new();
        t.push(&Turn {
            id: "m1",
            speaker: "A",
            time: None,
            end: None,
            text: "the sink is making that noise",
            labels: &[],
            near: &[Promise],
        });
        assert!(t.finish().promises.is_empty());
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
    fn a_done_verb_settles_a_promise_only_when_it_is_the_committers_deed() {
        let s = run(&[
            ("A", 0.0, "I'll call the GP at 10 when the lines open", &[Promise]),
            ("B", 1.0, "ugh I've got back to back meetings all day", &[]),
            ("A", 2.0, "Kelsey's engaged!!! she just called me screaming", &[]),
        ]);
        assert_eq!((s.promises[0].outcome, s.promises[0].evidence.as_deref()), (Outcome::Open, None));
        let s = run(&[
            ("A", 0.0, "I'll grab bread and the bland food the vet said on my way home", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("B", 90.0, "you got the chicken AND the rice. and flowers??", &[Warmth]),
        ]);
        assert_eq!((s.promises[0].outcome, s.promises[0].evidence.as_deref()), (Outcome::Kept, Some("m3")));
        let s = run(&[("A", 0.0, "I'll call the GP at 10", &[Promise]), ("A", 60.0, "called the GP, appointment at 3", &[])]);
        assert_eq!(s.promises[0].outcome, Outcome::Kept);
    }

    #[test]
    fn plans_in_the_present_tense_commit() {
        for text in ["I'm making your mum's lentil soup tonight", "I'm coming to Abuja on Friday", "be there in 30", "doing it right now"] {
            assert!(commitment_cue(&text.to_lowercase()), "{text}");
        }
        for text in ["I'm making a mess of this", "they'll be there in 30"] {
            assert!(!commitment_cue(&text.to_lowercase()), "{text}");
        }
    }

    #[test]
    fn follow_through_finds_the_committers_own_reports() {
        let mut f = FollowThrough::new();
        let mut push = |sp: Option<&str>, text: &str, labels: &[Behaviour]| f.push(sp, text, labels, &[]);
        assert!(!push(Some("A"), "I'll book the table at Nola's for Friday", &[Promise]));
        assert!(!push(Some("B"), "ok", &[]));
        assert!(push(Some("A"), "Booked. 8pm, window seat", &[]));
        // Nothing is open any more.
        assert!(!push(Some("A"), "Booked the dentist too", &[]));
        // The partner's confirmation keeps it, but is not a report of their own.
        assert!(!push(Some("A"), "I'll pick up the dry cleaning after work", &[Promise]));
        assert!(!push(Some("B"), "you picked it up! thank you", &[]));
        // A message without a speaker settles nothing.
        assert!(!push(Some("A"), "I'll call your mum tonight", &[Promise]));
        assert!(!push(None, "called her, all good", &[]));
        assert!(push(Some("A"), "called her, all good", &[]));
        f.push(Some("A"), "I'll fix the gate this weekend", &[Promise], &[]);
        f.reset();
        assert!(!f.push(Some("A"), "Fixed. It shuts properly now", &[], &[]));
    }

    #[test]
    fn reports_done_reads_deeds_done_not_undone() {
        for s in ["Booked.", "done, like I said", "called the garage", "Back. Rice and eggs"] {
            assert!(reports_done(s), "{s}");
        }
        for s in ["I'll book it tonight", "haven't called yet", "once it's done", "Got a minute?", "see you at 8"] {
            assert!(!reports_done(s), "{s}");
        }
    }

    #[test]
    fn a_report_with_the_subject_dropped_keeps_the_promise() {
        // The report carries no label and shares no word with the promise.
        let s = run(&[
            ("A", 0.0, "Of course, long day. I'll run to the store now and I'll cook", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("A", 1800.0, "Back. Rice, eggs, scallions and the good soy sauce", &[]),
        ]);
        assert_eq!((s.promises[0].outcome, s.promises[0].evidence.as_deref()), (Outcome::Kept, Some("m3")));
        // Opening words that ask or commit report nothing.
        for later in
            ["Got a minute?", "Back at 6, promise", "home soon, I'll text when I'm there", "left me on read again", "here's the thing"]
        {
            let s =
                run(&[("A", 0.0, "I'll book the table at Nola's for Friday", &[Promise]), ("B", 1.0, "ok", &[]), ("A", 600.0, later, &[])]);
            assert_eq!(s.promises[0].outcome, Outcome::Open, "{later}");
        }
    }

    #[test]
    fn thanks_long_after_the_promise_thank_for_the_deed() {
        // The first reply thanks for the offer; half an hour later, for the deed.
        for (minutes, outcome) in [(1.0, Outcome::Open), (45.0, Outcome::Kept)] {
            let s = run(&[
                ("A", 0.0, "I'll be there at 5:30, don't walk to the stop", &[Promise]),
                ("B", minutes, "thank you for picking me up", &[]),
            ]);
            assert_eq!(s.promises[0].outcome, outcome, "{minutes} minutes");
        }
    }

    #[test]
    fn a_report_and_a_complaint_in_one_message_settle_both_promises() {
        let s = run(&[
            ("A", 0.0, "I'll be home by 6", &[Promise]),
            ("B", 1.0, "of course, I'll feed the cat and do the recycling", &[Promise]),
            ("A", 300.0, "home. the cat's bowl is empty and the recycling's still here. you said you'd do both", &[]),
        ]);
        let got: Vec<(&str, Outcome, Option<&str>)> =
            s.promises.iter().map(|p| (p.promise.as_str(), p.outcome, p.evidence.as_deref())).collect();
        assert_eq!(got, vec![("m1", Outcome::Kept, Some("m3")), ("m2", Outcome::Broken, Some("m3"))]);
    }

    #[test]
    fn a_report_settles_the_speakers_own_promise_first() {
        let s = run(&[
            ("A", 0.0, "I'll call the nursery about the waitlist", &[Promise]),
            ("B", 1.0, "I'll call them at 8:30 tomorrow when they open", &[Promise]),
            ("B", 900.0, "Called at 8:31. We're still on", &[Promise]),
        ]);
        let outcome = |id: &str| s.promises.iter().find(|p| p.promise == id).map(|p| p.outcome);
        assert_eq!((outcome("m1"), outcome("m2")), (Some(Outcome::Open), Some(Outcome::Kept)));
        // Cheering the partner on names no deed.
        let s = run(&[
            ("A", 0.0, "Sure, I'll stop at Safeway after work", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("B", 2.0, "You've got this 💪", &[Encouragement]),
        ]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
    }

    #[test]
    fn the_partners_own_done_is_not_the_committers_deed() {
        let s = run(&[
            ("A", 0.0, "I'll call you tonight at 9, I want to hear all about the interview", &[Promise]),
            ("B", 1.0, "ok!", &[]),
            ("B", 300.0, "Interview done!! I think it went well", &[]),
        ]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
    }

    #[test]
    fn a_message_only_near_the_promise_label_reports_only_what_it_names() {
        let base = parse_time("2026-03-13T19:00:00Z").unwrap();
        let run_near = |later: &str| {
            let mut t = SignalTracker::new();
            let msgs: [(&str, &str, &str, &[Behaviour]); 2] =
                [("m1", "A", "I'll pick Ria up from tuition at 6", &[Promise]), ("m2", "A", later, &[])];
            for (i, (id, sp, text, labels)) in msgs.into_iter().enumerate() {
                t.push(&Turn { id, speaker: sp, time: Some(base + i as f64 * 600.0), end: None, text, labels, near: &[Promise] });
            }
            t.finish().promises[0].outcome
        };
        assert_eq!(run_near("I got the offer from the Toronto office"), Outcome::Open);
        assert_eq!(run_near("Ria's in the car, tuition ran late"), Outcome::Kept);
    }

    #[test]
    fn thanks_in_the_first_reply_is_not_evidence() {
        let s = run(&[("A", 0.0, "I'll fix the sink tonight", &[Promise]), ("B", 1.0, "thank you love", &[Warmth])]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
        let s =
            run(&[("A", 0.0, "I'll fix the sink tonight", &[Promise]), ("B", 1.0, "ok", &[]), ("B", 200.0, "thank you for the sink", &[])]);
        assert_eq!(s.promises[0].outcome, Outcome::Kept);
    }

    #[test]
    fn thanks_for_a_word_or_a_feeling_is_not_evidence_of_a_deed() {
        // Later thanks for the conversation name no deed, without a shared word.
        for later in
            ["I didn't know it hit you that hard. Thank you for telling me", "thanks for listening, really", "thank you for checking x"]
        {
            let s = run(&[
                ("A", 0.0, "That's awesome. I'll swap my shift so I can be there", &[Promise]),
                ("B", 1.0, "really?", &[]),
                ("B", 3600.0, later, &[]),
            ]);
            assert_eq!(s.promises[0].outcome, Outcome::Open, "{later}");
        }
        // Thanks for the deed, or for the evening the deed filled, keep it.
        for later in [
            "thank you for swapping, it meant a lot",
            "thanks for tonight",
            "thank you so much for the flowers",
            "thank u for swapping",
            "ty so much for the flowers",
        ] {
            let s = run(&[
                ("A", 0.0, "I'll do bath and bedtime tonight, you put your feet up", &[Promise]),
                ("B", 1.0, "you're a keeper", &[Encouragement]),
                ("B", 3600.0, later, &[]),
            ]);
            assert_eq!(s.promises[0].outcome, Outcome::Kept, "{later}");
        }
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

    #[test]
    fn promise_evidence_by_who_and_what() {
        let s = run(&[
            ("A", 0.0, "I'll pick up Noa from school", &[Promise]),
            ("B", 1.0, "thank you thank you", &[]),
            ("A", 2.0, "I didn't sleep at all", &[]),
            ("A", 60.0, "got Noa, we're getting pancakes", &[Promise]),
            ("B", 61.0, "I'll be home by 7", &[Promise]),
            ("B", 62.0, "I'll send the form tomorrow", &[Promise]),
            ("A", 200.0, "it's 8:30. you said 7", &[]),
        ]);
        let got: Vec<(&str, Outcome, Option<&str>)> =
            s.promises.iter().map(|p| (p.promise.as_str(), p.outcome, p.evidence.as_deref())).collect();
        assert_eq!(got, vec![("m1", Outcome::Kept, Some("m4")), ("m5", Outcome::Broken, Some("m7")), ("m6", Outcome::Open, None)]);
    }

    #[test]
    fn a_pause_call_the_model_came_near_labelling_opens_a_pause() {
        let base = parse_time("2026-03-13T19:00:00Z").unwrap();
        let mut t = SignalTracker::new();
        let msgs: [(&str, &str, &str, &[Behaviour]); 2] = [
            ("m1", "A", "I'm going out for an hour. we're finishing this at 6:15", &[Boundary]),
            ("m2", "B", "of course, run off", &[Sarcasm]),
        ];
        for (i, (id, sp, text, near)) in msgs.into_iter().enumerate() {
            t.push(&Turn { id, speaker: sp, time: Some(base + i as f64 * 60.0), end: None, text, labels: &[], near });
        }
        let s = t.finish();
        assert_eq!(s.pauses.len(), 1);
        assert_eq!(s.pauses[0].honoured, None, "near sabotage does not break it; only labels do");
    }

    #[test]
    fn pause_calls_and_limits() {
        assert!(is_pause_call("give me 15, I'm getting annoyed"));
        assert!(is_pause_call("I'm stepping away for a bit, I'll call you at 12"));
        assert!(is_pause_call("I'm going for a run. we'll talk when I'm back"));
        assert!(!is_pause_call("please don't talk to me like that. I'm staying at Sam's tonight"));
        // Deferring the talk, or naming the need to stop, without the word "pause".
        for text in [
            "can we park this till the morning? I'm knackered",
            "I'm too worked up right now. let's speak properly after dinner",
            "not having this argument by text. I'll ring you tonight",
            "I need to stop, I'm not being fair. I'll message you when I'm home",
            "going for a drive to clear my head",
            // A time of two digits, or after a colon (the word boundary once cut "at 10:30" at "at 1").
            "I'm having a shower and then we talk like adults at 10:30",
            "I'm not doing this right now. let's talk once Lily's asleep, 10:30",
        ] {
            assert!(is_pause_call(text), "{text}");
        }
        // Limits, plans that defer nothing, and talks with someone else.
        for text in [
            "I'm not ok with you reading my messages",
            "I'll call the dentist tomorrow",
            "we can talk about the holiday whenever",
            "I'll talk to him tonight about a move-out date",
        ] {
            assert!(!is_pause_call(text), "{text}");
        }
        let now = parse_time("2026-03-13T19:00:00Z").unwrap();
        assert_eq!(resume_time("give me 15", now), Some(now + 900.0));
        assert_eq!(resume_time("ok I need a min. gonna go on a walk, I'll call u in like 30", now), Some(now + 1800.0), "the latest");
        assert_eq!(resume_time("I need a minute", now), None, "an idiom, not sixty seconds");
        assert_eq!(resume_time("back in 20", now), Some(now + 1200.0));
        assert_eq!(resume_time("ten minutes, then an hour if I need it", now), Some(now + 3600.0));
    }

    #[test]
    fn balance_and_interruptions() {
        let mut t = SignalTracker::new();
        let msgs = [("A", 0.0, 5.0, "so how was it?"), ("B", 4.0, 8.0, "fine really fine"), ("A", 10.0, 12.0, "good")];
        for (i, (sp, start, end, text)) in msgs.iter().enumerate() {
            let id = (i + 1).to_string();
            t.push(&Turn { id: &id, speaker: sp, time: Some(*start), end: Some(*end), text, labels: &[], near: &[] });
        }
        let s = t.finish();
        assert_eq!(s.balance[0].turns, 2);
        assert_eq!(s.balance[0].questions, 1);
        assert_eq!(s.balance[1].words, 3);
        assert_eq!(s.balance[1].interruptions, 1);
        assert_eq!(s.balance[0].interruptions, 0);
        assert_eq!(s.balance[1].mean_response_s, Some(4.0));
        assert_eq!(s.safety[0].day.as_deref(), Some("day 1"));
    }

    #[test]
    fn safety_index_formula_and_danger_floor() {
        assert_eq!(safety_index(0, 0, 0), 50);
        assert_eq!(safety_index(3, 0, 0), 80);
        assert_eq!(safety_index(0, 2, 0), 17);
        assert_eq!(safety_index(100, 0, 1), 0);
        let s = run(&[
            ("A", 0.0, "love you", &[Warmth]),
            ("B", 1.0, "I'll hurt you", &[Danger]),
            ("B", 2.0, "love you", &[Warmth, Encouragement]),
        ]);
        let b: Vec<&SafetyPoint> = s.safety.iter().filter(|p| p.speaker == "B").collect();
        assert_eq!(b[0].index, 0);
        assert_eq!(b[0].day.as_deref(), Some("2026-03-13"));
    }

    #[test]
    fn safety_is_per_day() {
        let s = run(&[("A", 0.0, "x", &[Judgment]), ("A", 24.0 * 60.0, "love", &[Warmth])]);
        let days: Vec<(Option<&str>, u8)> = s.safety.iter().map(|p| (p.day.as_deref(), p.index)).collect();
        assert_eq!(days, vec![(Some("2026-03-13"), 25), (Some("2026-03-14"), 67)]);
    }

    #[test]
    fn safety_is_also_per_week_with_the_danger_floor() {
        // Friday 2026-03-13, Sunday 15, Monday 16.
        let day = 24.0 * 60.0;
        let s = run(&[("A", 0.0, "x", &[Judgment]), ("A", 2.0 * day, "love", &[Warmth]), ("A", 3.0 * day, "or else", &[Danger, Warmth])]);
        let weeks: Vec<(&str, u8, u32)> = s.safety_weekly.iter().map(|w| (w.week.as_str(), w.index, w.builders)).collect();
        assert_eq!(weeks, vec![("2026-03-09", 40, 1), ("2026-03-16", 0, 1)]);
        // Without times there are no weeks.
        let mut untimed = SignalTracker::new();
        untimed.push(&Turn { id: "m1", speaker: "A", time: None, end: None, text: "x", labels: &[Judgment], near: &[] });
        let untimed = untimed.finish();
        assert_eq!(untimed.safety.len(), 1);
        assert!(untimed.safety_weekly.is_empty());
    }

    #[test]
    fn ratio_overall_and_in_escalations() {
        let s = run(&[
            ("A", 0.0, "love", &[Warmth, Encouragement]),
            ("A", 1.0, "x", &[Judgment]),
            ("B", 2.0, "y", &[Sarcasm]),
            ("A", 3.0, "sorry", &[Accountability, Judgment]),
        ]);
        assert_eq!(s.ratio, Ratio { positive: 3, negative: 3, ratio: Some(1.0) });
        assert_eq!(s.ratio_in_escalations.positive, 1);
        assert_eq!(s.ratio_in_escalations.negative, 3);
        assert_eq!(s.ratio.band(), "between 0.8:1 and 5:1");
        assert_eq!(s.ratio_in_escalations.band(), "below 0.8:1");
    }

    #[test]
    fn times_parse() {
        assert_eq!(parse_time("1970-01-02T00:00:00Z"), Some(86_400.0));
        assert_eq!(parse_time("2026-03-02T19:14:00+01:00"), parse_time("2026-03-02 19:14"));
        assert_eq!(parse_time("12.5"), Some(12.5));
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(civil_date(days_from_civil(2024, 2, 29)), "2024-02-29");
    }
}
