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
//! computed" section repeats them. One signal, one file: `escalation.rs`,
//! `pause.rs`, `bid.rs`, `promise.rs`, `safety.rs` (the index and the ratio),
//! `balance.rs`; this file holds the tracker that feeds them, and `time.rs`
//! reads the sources' clocks.

mod balance;
mod bid;
mod escalation;
mod pause;
mod promise;
mod safety;
mod time;

pub use balance::Balance;
pub use bid::{bid_kind, Bid, TurnType};
pub use escalation::Escalation;
pub use pause::{is_pause_call, resume_time, Pause};
pub use promise::{reports_done, FollowThrough, Outcome, Promise};
pub use safety::{safety_index, Ratio, SafetyPoint, SafetyWeek, SPLIT_RATIO, STABLE_RATIO};
pub use time::{civil_date, parse_time};

use bid::{pictograph, OpenBid, Told};
use escalation::{OpenEpisode, WinMsg};
use pause::OpenPause;
use promise::{commitment_cue, emit_promise, stems, thanks_cue, PromiseBook};
use safety::{weekly, DayAcc};

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

/// Two hours without the partner's answer: a message after such a silence
/// opens a topic rather than answering one (see [`Bid`]).
pub const OPENING_GAP_S: f64 = 2.0 * 3600.0;

/// How many messages a bid, pause or promise stays open: one still open
/// this many messages after it was made is resolved as if the conversation
/// ended there (bid: away without a response, pause: null, promise: open).
/// Real follow-ups come within minutes or days, hundreds of messages at
/// most; the bound lets a streaming consumer write items out in order.
pub const MAX_AGE: usize = 10_000;

/// Each signal's rule in one sentence, for reports' "how this is computed"
/// section (the item types' doc comments give the full rule).
pub const RULES: &[(&str, &str)] = &[
    ("Safety index", "Per partner and day: 100 × (builders + 1) / (builders + 2 × sabotage + 2), rounded; 50 means nothing either way. Any danger that day sets it to 0, whatever the positives. The weekly index (Monday to Sunday) applies the same formula to the week's sums, with the same floor."),
    ("Positive : negative", "Builder labels against sabotage and danger labels, overall and inside escalation episodes, beside Gottman's 5:1 (couples who stayed together) and 0.8:1 (couples who split)."),
    ("Escalation", "At least 3 of some 4 consecutive messages are heated, from both partners: each carries sabotage, or came within 0.35 of the model's threshold of it (or a phrase rule found it and the model overruled it), and at least 2 carry it (danger alone does not count, and a partner facing the other's danger counts only with sabotage labelled, not near); overlapping windows make one episode from its first to its last heated message. The pause point is the message that made it an escalation; a pause was called if a pause message falls inside it or within two messages after it. A pause called right after heat the labels were in doubt about also makes one: the 3 messages just before it are heated, from both partners, one labelled sabotage and one only near it, and none is danger."),
    ("Pause", "A boundary message (or one the model came within 0.35 of its threshold of labelling so) that names a pause (pause, break, step away, give me 15, for a bit, when I'm back, talk/call you later or at 9, calm, \"let's leave it until tomorrow\", \"sleep on it\", \"we'll talk properly at lunch\", \"I'm getting heated\", \"not over text\"…); the resume time is read from the text, the latest if several (\"in 20 minutes\", \"give me 15\", \"back in 20\", \"at 9\", \"back by 8\", \"tonight\", \"tomorrow\"). It lasts until the earlier of that time and the pausing partner's next message; honoured when the other partner sends no sabotage inside it; unknown if the conversation ends inside it. A respectful limit (\"please don't call me that\") is not a pause."),
    ("Bid", "The speaker's own news (\"guess what\", \"I got the job!\", \"I found the car\", \"tests came back\", \"they put me on sundays\", \"I'm thinking of quitting\"), feeling (\"I'm so stressed\", \"I felt lonely\", \"I'm not ok\", \"low key nervous about meeting your friends\" with the subject dropped, safety talk), unprompted affection (\"miss you\", \"quiet without you\", warmth), others' news told with feeling (\"the venue emailed!!\"), how the day went (\"today was brutal\", \"last night was really nice\", \"that was the best first date\") or any statement of one's own told with feeling (an exclamation, a laugh, a face or heart emoji: \"my presentation is today, wish me luck 😬\"), without sabotage; not questions, requests, commitments, pauses, thanks, praise of the partner or returned affection (\"love you too\"), though the rest of such a message can be (\"miss you more. Kai lost his first tooth!!\"). A plain statement with no such word (\"She was up 4 times again. I've had maybe 3 hours\") is a bid when the partner's next message answers it with empathy, accountability, room given, encouragement, listening, curiosity, warmth, a promise that takes it up, or words that take it up (below), and no sabotage (even when that message also answers an earlier bid of theirs): turned toward. One of five words or more, with no label but a builder's, that opens a topic (first, after the speaker's own message, two hours after the partner's last, or after a partner's message that asked nothing) and that the partner answers with a question or request about something else (\"Layoff rumors at work again\" → \"did you book Saturday's place?\") is a bid turned away; answered with sabotage (\"I've been offered a job in Bristol\" → \"And you're only telling me now?\"), a bid turned against. A feeling or news of the speaker's own said with an edge (sarcasm, defensiveness, judgment or dredging up the past, not an attack on the partner, a threat or danger: \"wow ok. i was tryna do something nice for u\") is a bid only when the partner answers it with a builder, turned toward (\"sry that came out wrong\"). The partner's next message turns toward it (a builder only, or one the model came within 0.15 of its threshold of labelling or a phrase rule found unless the reply changes the subject or asks about something else, or words that take the bid up: a reaction such as \"no wayyy\" or \"oh thank god\", asking after it, \"how was that?\", a heart, tears or a cheer, the bid's own word again with an exclamation, or a short exclamation that opens the reply: \"Lovely! Bring some in\"), against it (any sabotage) or away (anything else, or no answer)."),
    ("Promise", "A promise message (or one the model came within 0.35 of its threshold of labelling so, or that a phrase rule found a promise in when the model overruled it, or any message without sabotage, danger or a pause that promises a deed in the first person with the time it is due: \"I'll measure the couch when I get home\", \"Mi will pick up Jada from piano at 6\") that commits (\"I'll…\", \"Ok. Will call at lunch\", \"leave the bins to me\", \"I'm making soup tonight\", \"be there in 30\", a plain present with its time as many Englishes put the future: \"then I book it tonight\", \"3pm ur time i call\", \"I go come straight from office\", \"dinner at the Brasserie on me this Saturday\"; not \"I know tomorrow is big\"), read sentence by sentence (\"Done at half two. I'll collect it Wednesday\" reports one deed and promises another). Kept when the committer reports it done (a later promise message, \"done\", \"as promised\", a sentence opening with a deed done or an arrival, the subject dropped: \"Booked.\", \"Back.\", \"Got the corner booth\", \"Both delivered\", or a done-verb or a visit of their own naming the same thing: \"went to the registrar\", not \"she called me\") or the partner names the deed (\"you got the chicken\", a done-verb naming the same thing in the clause it is done in: \"Jenny just called — Mason got in\" names no call of the committer's; not in a question: \"did you print the photos? I've got the album out\" confirms nothing) or finds its result (\"kitchen's spotless\") or speaks of it as enjoyed (\"that was so nice\", not \"nice of you\") or thanks for it (not for a word or a feeling: \"thank you for telling me\"; not in their first reply unless it comes half an hour or more later), or when either partner states, calmly, the promised thing where the deed leaves it (\"I'll buy suya on my way back\" → \"Suya don land\", \"Boots are by the door\", \"On the tram now\": the words after the deed's verb up to its time or purpose; not in a question, a plan, a request, a denial, a reaction or what someone else does); broken when the partner complains it was not done (\"you said\", \"you did say\", \"what happened to\", \"still haven't\", \"the bins are still by the garage\" naming the same thing, \"forgot again\", \"you didn't\" + the same thing) or, for a promise that named a time, that the time is gone (\"it's been 50 minutes\", \"it's half 8\", \"so much for the midnight alarm\"), or when the committer owns up (\"clean forgot\", \"I never booked it\", \"slept right through it\", \"fell asleep\", \"I should have…\" naming the same thing, \"not yet, work was mental\", or says sorry and puts it off: \"sorry, phone storage full, I'll do it later\", \"sorry been mad busy, this week for sure\"; not \"haven't yet\" alone, nor when another sentence reports it done after all); thanks or praise with sabotage in it (\"wow. thanks for the support\") confirm nothing; otherwise open. Evidence goes to the speaker's own open promise before the partner's, then to the one sharing most content words, a complaint counting the day or hour it names as one (\"You said Thursday\"; ties: the oldest, but the latest for the committer owning up in words that name nothing: \"I completely forgot\"); a message that reports the speaker's own and complains of the partner's (\"you said…\") settles both."),
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
    told: Option<Told>,
    promises: PromiseBook,
    days: Vec<DayAcc>,
    last: Option<(usize, Option<f64>, Option<f64>)>,
    recording: bool,
    /// The last message asked something: the partner's next message answers it.
    last_asked: bool,
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

        // A message opens a topic when the partner has not spoken just
        // before it: first in the conversation, after the speaker's own
        // message, or hours after the partner's last one.
        let opens = self.last.is_none_or(|(prev_sp, prev_t, _)| {
            prev_sp == sp || matches!((t.time, prev_t), (Some(now), Some(before)) if now - before >= OPENING_GAP_S)
        });
        // Or it tells something unasked: the partner's message before it
        // asked nothing.
        let opens = opens || !self.last_asked;
        self.last_asked = t.text.contains('?') || bid::asks(t.text);
        self.age_out(idx);
        self.balance(sp, t, b, s, d);
        self.safety(sp, t.time, b, s, d);
        self.pauses_step(idx, sp, t, harmful);
        self.bids_step(idx, sp, t, builder, sabotage, opens);
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
            bids: drain(&mut self.out.bids, |b| b.pos, self.bids.front().or(self.told.as_ref().map(|t| &t.open)).map(|b| b.bid.pos)),
            promises: drain(&mut self.out.promises, |p| p.pos, self.promises.open.front().map(|(p, _)| p.pos)),
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

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid signal pattern"))
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
/// A message lower-cased with its typographic apostrophes folded to `'`,
/// the form every signal pattern is written in.
fn fold(text: &str) -> String {
    text.to_lowercase().replace('’', "'")
}

fn statements(lower: &str) -> String {
    sentences(lower).into_iter().filter(|s| !s.contains('?')).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// (speaker, minutes from 2026-03-13 19:00, text, labels)
    pub fn run(msgs: &[(&str, f64, &str, &[Behaviour])]) -> Signals {
        let base = parse_time("2026-03-13T19:00:00Z").unwrap();
        let mut t = SignalTracker::new();
        for (i, (sp, min, text, labels)) in msgs.iter().enumerate() {
            let id = format!("m{}", i + 1);
            t.push(&Turn { id: &id, speaker: sp, time: Some(base + min * 60.0), end: None, text, labels, near: &[] });
        }
        t.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Behaviour::*;

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
}
