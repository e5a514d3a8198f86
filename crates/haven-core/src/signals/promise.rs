//! Promises and their follow-through: kept, broken or still open.

use super::*;

/// Seconds after a promise from which the partner's first reply that
/// thanks for it thanks for the deed rather than the offer.
const THANKS_LATER: f64 = 1800.0;

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
/// labelling so, [`Turn::near`], or, whatever its labels but sabotage,
/// danger or a pause, that promises a deed with its time: [`dated_deed`])
/// that commits to something ("I'll",
/// "I will", "I'm going to", "promise", "let me", "I can", "my treat",
/// "dinner's on me", "leave the
/// bins to me", "consider it done", a sentence
/// opening with "will" as texting drops the subject ("Ok. Will call at
/// lunch")…, or a plan in
/// the present tense with a time: "I'm making soup tonight", "be there in
/// 30", "doing it right now"; or the plain present with its time, as many
/// Englishes and quick texts put the future: "Then I book it tonight", "ok
/// 3pm ur time i call", "I go come straight from office", "dinner at the
/// Brasserie on me this Saturday"; not "I know tomorrow is big") opens one. A
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
/// - `broken` when the partner (not the committer) complains: "you said"
///   ("u said", "yuh seh"),
///   "you did say", "you told me you'd", "you promised", "you were meant
///   to", "still haven't/isn't", "forgot again", "never did",
///   "supposed to", "what happened to", "I thought you were going to", or,
///   sharing a content word with the promise, "you didn't", "you forgot",
///   "so no…", "where's…", "still not/no…", "the bins are still by the
///   garage"; or, for a promise
///   that named a time ("at 9", "in 20 minutes", "tonight", "be there in
///   30", "by Wednesday"), counts the time gone by, tells the time or the day it now is,
///   or mocks the missed time ("it's been 50 minutes", "it's half 8",
///   "it's Thursday", "waited up till 9", "so much for the midnight
///   alarm", "guess 11 meant midnight");
/// - `broken` too when the committer owns up that it was not done and its
///   moment passed ("clean forgot", "I completely dropped it", "I never
///   booked it", "got distracted", "fell asleep", "I blanked"; not
///   "haven't got to it yet", which still looks ahead, nor "Alfie forgot
///   his kit"), slept through it, says "I should have…" sharing a word
///   with the promise (not "I should have checked with you first" about
///   something else), answers no with
///   a reason in the past ("not yet, it was chaos"), or says sorry and puts
///   it off ("sorry, phone storage full, i'll do it later", "sorry been mad
///   busy, this week for sure"; not "sorry, talk later"), unless another
///   sentence reports it done after all; a new commitment in the same
///   message opens a new promise;
/// - `kept` by the committer's report (above), or a visit named with a
///   content word of the promise ("went to the registrar", "saw Dr
///   Moran"), or a done-verb ("booked",
///   "called", "sent", "paid", "got", "told", "submitted"…) sharing a
///   content word with the promise and not done by someone else ("she
///   just called me", "Maura rang", "the school just emailed"); never by a
///   message that says the deed is still undone ("I haven't called yet",
///   "didn't get to it") or that the speaker was held up ("got pulled into
///   a meeting");
/// - `kept` by the partner when they name the committer's deed ("you got
///   the chicken AND the rice"; not "you've got this"; only in the clause
///   the deed is done in: "Jenny just called — Mason got in" names no call
///   of the committer's) or find its
///   result ("kitchen's spotless", "the tap is fixed", "the postcard
///   arrived"; a done-verb counts in their statements, not their
///   questions: "Did you print the photos? I've got the album out"
///   confirms nothing; nor does "got" before a participle that names no
///   deed: "lunch got swallowed by the meeting"), speak of it as enjoyed ("that was so nice", "them grits
///   were elite"; not "nice of you") or a done-verb sharing a content word with
///   the promise, or, after their first reply (which thanks for the
///   offer, not the deed) or half an hour or more after the promise when
///   times are known, thank for it ("thank you for…", but not for a word
///   or a feeling: "thank you for telling me", "thanks for listening"), or thank or praise
///   it in a message sharing a content word; thanks or praise in a message
///   carrying sabotage mock ("wow. thanks for the support") and confirm
///   nothing. The partner's own doings ("I've got back to back
///   meetings") settle nothing.
/// - Either partner states, calmly, the promised thing where the deed
///   leaves it: a statement sharing a word with what the deed is done to
///   ("I'll buy suya on my way back" → "Suya don land", "I'll drop his
///   boots round" → "Boots are by the door", "I'll text when I'm on the
///   tram" → "On the tram now"). The thing is the words after the deed's
///   verb up to its time or purpose ("measure the couch when I get home so
///   we know" names the couch; "be home by 5 with that walnut cake", the
///   cake), or the whole message's when the deed is done to "it" or
///   "them". Not in a question (with or without its mark: "soooo did u
///   call"), a plan, a wish, a request, a denial, a reaction ("I'm glad it
///   was just a ticket"), or what someone else does ("she's already
///   called twice"); a message with sabotage, a complaint, an owning-up
///   or a refusal ("no. I'm an adult and my phone is mine") settles
///   nothing this way. The thing's words are read as written, not mapped
///   to an errand ("phone" the object is no call). Such a statement
///   settles the promise but does not label the message a promise report.
///
/// A commitment that names fewer than two content words ("Will do before
/// I crash") takes those of the partner's message just before it, the
/// request it answers. Content words are stems of words of three letters or more, minus
/// function and cue words, with common irregular past tenses mapped to
/// their base ("paid" → "pay") and verbs of one errand to one word
/// ("grab", "pick up", "collect" → fetch; "ring", "phone" → call); when
/// the deed is due is not what it is ("after work", "around 5:30", "first
/// thing tomorrow", "on Friday" name no content word). Among several open promises the speaker's
/// own come first, then the one sharing most content words, a complaint
/// counting the day or clock hour it names as one ("You said Thursday"
/// recalls the promise made for Thursday; ties: the oldest, but the
/// latest when the committer owns up in words that name nothing, "I
/// completely forgot", which owns the lapse fresh in mind); a message
/// that reports the speaker's own and complains of the
/// partner's with a strong cue settles both ("home. the recycling's still
/// here. you said you'd do both"). Otherwise it stays `open`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Promise {
    pub promise: String,
    pub speaker: String,
    pub outcome: Outcome,
    pub evidence: Option<String>,
    #[serde(skip)]
    pub(super) stems: Vec<String>,
    /// The promised thing's words: what the deed is done to, not the
    /// deed's verb or its time ("I'll buy suya on my way back" → "suya").
    #[serde(skip)]
    pub(super) things: Vec<String>,
    #[serde(skip)]
    pub(super) partner_replies: u32,
    /// When it was made, if the source has times.
    #[serde(skip)]
    pub(super) made_at: Option<f64>,
    /// The promise names a time ("at 9", "by lunch", "in 30", "tonight").
    #[serde(skip)]
    pub(super) timed: bool,
    /// The days and clock hours it names ("thursday", "7"), which a
    /// complaint may recall: "You said Thursday".
    #[serde(skip)]
    pub(super) when: Vec<String>,
    #[serde(skip)]
    pub(super) pos: usize,
}

pub(super) fn emit_promise(out: &mut Signals, p: Promise) {
    out.totals.promise(&p);
    out.promises.push(p);
}

/// The open promises of one conversation, oldest first, each with its
/// speaker's slot, and how each later message settles them (the rule is on
/// [`Promise`]).
#[derive(Default)]
pub(super) struct PromiseBook {
    pub(super) open: VecDeque<(Promise, usize)>,
    /// The previous message's text and speaker slot: a bare commitment
    /// ("will do", "ok I'll sort it") takes its content words from the
    /// request it answers.
    pub(super) prev_text: String,
    pub(super) prev_sp: Option<usize>,
}

impl PromiseBook {
    /// Resolve promises made [`MAX_AGE`] or more messages before `idx` as
    /// open.
    pub(super) fn age_out(&mut self, idx: usize, emit: &mut impl FnMut(Promise)) {
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
    pub(super) fn step(&mut self, idx: usize, sp: usize, t: &Turn, emit: &mut impl FnMut(Promise)) -> bool {
        let own_report = self.settle_or_open(idx, sp, t, emit);
        self.prev_text.clear();
        self.prev_text.push_str(t.text);
        self.prev_sp = Some(sp);
        own_report
    }

    pub(super) fn settle_or_open(&mut self, idx: usize, sp: usize, t: &Turn, emit: &mut impl FnMut(Promise)) -> bool {
        static MAY_NAME_A_DEED: OnceLock<Regex> = OnceLock::new();
        let by_label = t.labelled_or_near(Behaviour::Promise);
        // Only a message whose words could open a dated deed is folded to
        // look for one: every message passes here, most with no promise.
        let calm = !t.labels.iter().any(|b| matches!(b.kind(), Kind::Sabotage | Kind::Danger) || *b == Behaviour::Boundary);
        let folded =
            (!by_label && calm && re(&MAY_NAME_A_DEED, r"(?i)ll|gonna|imma|going to|mi a go").is_match(t.text)).then(|| fold(t.text));
        let labelled = by_label || folded.as_deref().is_some_and(dated_deed);
        // No open promise to settle and no label to open one: most messages.
        if self.open.is_empty() && !labelled {
            return false;
        }
        let lower = folded.unwrap_or_else(|| fold(t.text));
        let sentences = sentences(&lower);
        // "I should have called the venue like I said" owns up; its "like
        // I said" reports nothing.
        let report = sentences.iter().any(|s| report_cue(s) && !owns_a_lapse(s)) || dropped_subject_report(&sentences);
        // The sentences that commit, each read on its own: "done at half
        // two. I'll collect it Wednesday" reports one deed and promises
        // another.
        // Clause by clause within a sentence too: in "done, I'll book the
        // 9:30" the "done" agrees and the rest commits.
        let committing: Vec<&str> = if labelled {
            sentences.iter().flat_map(|s| s.split(", ")).filter(|s| (commitment_cue(s) || dated_deed(s)) && !report_cue(s)).collect()
        } else {
            Vec::new()
        };
        let is_promise = !committing.is_empty();
        // "I haven't actually called yet" names the deed without doing it.
        let not_yet = not_yet_cue(&lower);
        // The partner's "done" or "like I said" is about their own doings.
        // Only their statements confirm the deed, never their questions:
        // "Did you print the photos? I've got the album out" asks about the
        // deed and reports the partner's own doing.
        // And only the clause the deed is done in: "Jenny just called —
        // Mason got into the honours programme" names no call of the
        // committer's.
        let saw: Vec<String> = if not_yet {
            Vec::new()
        } else {
            let stated = statements(&lower);
            let mut saw: Vec<String> = clauses(&stated).filter(|c| kept_cue(c)).flat_map(self::stems).collect();
            saw.sort();
            saw.dedup();
            saw
        };
        let partner_saw = kept_cue(&lower) && !not_yet;
        let kept = partner_saw || (report && !not_yet);
        let your_deed = (your_deed_cue(&lower) || done_state_cue(&lower) || enjoyed_cue(&sentences)) && !not_yet;
        // "Went to the registrar", "Saw Dr Moran": a visit, a report only
        // when it names the promise's own words.
        let visit = visit_report(&sentences);
        // A promise label on a message that commits to nothing new reads as
        // the committer's report, unless it only asks ("want me to pick up
        // thai?" offers) or was only near the label and names nothing of
        // the promise ("I got the offer from Toronto").
        let asks_only = || !statements(&lower).chars().any(char::is_alphabetic);
        let truly_labelled = t.labels.contains(&Behaviour::Promise);
        // Thanks or praise with an edge ("wow. thanks for the support")
        // mocks; it confirms nothing.
        let mocking = t.labels.iter().any(|b| b.kind() == Kind::Sabotage);
        let thanks = thanks_cue(&lower) && !mocking;
        let thanks_for = thanks_for_deed(&lower) && !mocking;
        let praised = !mocking && t.labels.iter().any(|b| matches!(b, Behaviour::Encouragement | Behaviour::Warmth));
        let (strong_broken, weak_broken) = broken_cue(&lower);
        // The committer owns up: "clean forgot", "I never booked it".
        // ...unless another sentence reports the deed done after all ("I
        // should have done it days ago. I've just sent it").
        let done_after_all = || sentences.iter().any(|s| kept_cue(s) && !admits_undone(s, std::slice::from_ref(s)));
        let owns_up = owns_up_undone(&lower, &sentences);
        // "I should have checked with you first" regrets one deed: it
        // settles only a promise that shares a word with it.
        let regrets = !owns_up && names_a_lapse(&sentences);
        let undone = (owns_up || regrets) && !report && !done_after_all();
        let (admits, lapse) = (owns_up && undone, regrets && undone);
        // The time a promise named has passed, and the partner says so.
        let late = lateness_cue(&lower);
        let when = when_named(&lower);
        let stems = stems(&lower);
        // The promised thing named where the deed leaves it.
        // Not after a refusal: "no. I'm an adult and my phone is mine".
        let refuses = ["no.", "no,", "no!", "nope", "nah"].iter().any(|w| lower.trim_start().starts_with(w));
        let calm_statement = !mocking && !not_yet && !strong_broken && !weak_broken && !is_promise && !admits && !refuses;
        // Read only when some open promise's thing is in the text at all
        // (its words are prefixes of words as written).
        let named = || self.open.iter().any(|(p, _)| p.things.iter().any(|w| lower.contains(w.as_str())));
        let placed: Vec<String> = if calm_statement && named() { state_stems(&sentences) } else { Vec::new() };
        // Which open promise does this message settle, and how?
        let mut best: Option<(usize, (bool, usize), Outcome, bool)> = None;
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
            // "You said Thursday" recalls the promise that named Thursday.
            let same_time = p.when.iter().any(|w| when.contains(w));
            let seen_done = p.stems.iter().any(|s| saw.contains(s));
            let in_place = calm_statement && p.things.iter().any(|s| placed.contains(s));
            // Kept in words that report or confirm a deed, or only by the
            // thing named where the deed leaves it.
            let mut worded = true;
            let outcome = if (partner && !is_promise && (strong_broken || (weak_broken && (overlap > 0 || same_time)) || (late && p.timed)))
                || (!partner && (admits || (lapse && overlap > 0)))
            {
                Some(Outcome::Broken)
            } else if (!partner
                && !not_yet
                && (report
                    || (labelled && !is_promise && !asks_only() && (truly_labelled || overlap > 0))
                    || ((kept || visit) && overlap > 0)))
                || (partner
                    && ((seen_done || your_deed)
                        || ((p.partner_replies > 0 || later(p)) && (thanks_for || (overlap > 0 && (thanks || praised))))))
            {
                Some(Outcome::Kept)
            } else if in_place {
                worded = false;
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
                let rank = (!partner, overlap + usize::from(same_time && outcome == Some(Outcome::Broken)));
                // An owning-up that names nothing ("I completely forgot")
                // owns the latest lapse among equals, not the oldest.
                let newest_first = !partner && o == Outcome::Broken;
                if best.is_none_or(|(_, br, _, _)| rank > br || (newest_first && rank == br)) {
                    best = Some((i, rank, o, worded));
                }
            }
        }
        for (p, psp) in self.open.iter_mut() {
            if *psp != sp {
                p.partner_replies += 1;
            }
        }
        let mut own_report = false;
        if let Some((i, (own, _), o, worded)) = best {
            // Only a report in words labels the message a promise kept: "Lemon
            // loaf is out of the oven" settles the promise, but as a message
            // it states a fact.
            let own_kept = own && o == Outcome::Kept;
            own_report = own_kept && worded;
            let also = complained.filter(|&(j, _)| own_kept && j != i).map(|(j, _)| (j, Outcome::Broken));
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
                let asked = self::stems(&fold(&self.prev_text));
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
                    things: thing_stems(&committing, &lower),
                    stems,
                    partner_replies: 0,
                    made_at: t.time,
                    timed: timed_cue(&lower),
                    when,
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
    pub(super) book: PromiseBook,
    pub(super) speakers: Vec<String>,
    pub(super) idx: usize,
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
    let lower = fold(sentence);
    !lower.trim_end().ends_with('?')
        && !not_yet_cue(&lower)
        && (report_cue(&lower) || kept_cue(&lower) || dropped_subject_report(&sentences(&lower)))
}

/// The days and clock hours a message names, as words to compare: "on
/// Thursday evening" → "thursday", "at 7:30" and "7pm" → "7".
pub(super) fn when_named(lower: &str) -> Vec<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = re(&R, r"\b((?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:[01]?[0-9])(?::[0-5][0-9])?(?: ?[ap]m)?|noon|midnight)\b");
    let mut out: Vec<String> = r
        .captures_iter(lower)
        .filter_map(|c| {
            let w = c.get(1)?.as_str();
            let hour = w.split([':', ' ', 'a', 'p']).next().unwrap_or(w);
            // A bare number is a clock hour only from 1 to 12 (ASCII
            // digits: `\d` would take any script's).
            if hour.starts_with(|c: char| c.is_ascii_digit()) {
                hour.parse::<u32>().ok().filter(|h| (1..=12).contains(h)).map(|h| h.to_string())
            } else {
                Some(w.to_string())
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The clauses of `text` a dash or a semicolon separates: "Jenny just
/// called — Mason got into the programme" tells two things, each with its
/// own doer.
pub(super) fn clauses(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '—', '–']).flat_map(|c| c.split(" - "))
}

/// The deed is still undone: "haven't called yet", "didn't get to it",
/// "forgot to book".
pub(super) fn not_yet_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    // Not a bare "didn't": "didn't take long, all done" is a report.
    re(&R, r"\b(haven't|have not|havent|hasn't|has not|not yet|forgot to|couldn't|could not|wasn't able|didn't get (to|round|around))\b")
        .is_match(lower)
}

/// A done-verb whose doer may be the speaker: not one with a third-person
/// subject ("she just called me" is not the committer's call).
pub(super) fn kept_cue(lower: &str) -> bool {
    static THIRD: OnceLock<Regex> = OnceLock::new();
    let third = re(&THIRD, r"\b(she|he|they|it|who|someone|somebody|everyone)( just| already| finally| also| even)? $");
    // Only verbs of calling take a person before them as the doer ("Maura
    // rang"); before the others a noun is what was done ("candles bought",
    // "car booked").
    let calling = |m: &regex::Match| matches!(m.as_str(), "called" | "calling" | "rang" | "texted" | "emailed" | "told");
    // "Got" before a participle that names no deed is something that
    // happened, not something done: "lunch got swallowed by the budget
    // meeting", "it got cancelled" (but "the car got fixed" reports).
    let happened = |m: &regex::Match| {
        m.as_str() == "got"
            && lower[m.end()..].split_whitespace().next().is_some_and(|w| {
                let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                (w.ends_with("ed") || w.ends_with("en")) && !done_verbs().is_match(w)
            })
    };
    done_verbs().find_iter(lower).any(|m| {
        let before = &lower[..m.start()];
        let someone_else = third.is_match(before) || (calling(&m) && named_subject(before));
        !someone_else && !happened(&m)
    })
}

/// The words before a verb of calling end in someone else as its subject:
/// a name or a noun in the same clause ("Maura rang", "the plumber called"),
/// not the speaker, the partner, an adverb or nothing ("rang them",
/// "I finally booked", "ok sorted").
pub(super) fn named_subject(before: &str) -> bool {
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
    // Adverbs stand between a subject and its verb: "the school just
    // emailed", "Jenny finally called".
    const BETWEEN: &[&str] = &["just", "already", "finally", "also", "even", "eventually", "actually", "literally"];
    match before.strip_suffix(' ').and_then(|b| b.rsplit(' ').find(|w| !BETWEEN.contains(w))) {
        Some(w) if !w.is_empty() && !w.ends_with(|c: char| c.is_ascii_punctuation() && c != '\'') => {
            w.chars().all(|c| c.is_alphabetic() || c == '\'') && !NOT_A_SUBJECT.contains(&w)
        }
        _ => false,
    }
}

/// The partner names the committer's deed: a done-verb with "you" as its
/// subject ("you got the chicken AND the rice", "you've booked it").
pub(super) fn your_deed_cue(lower: &str) -> bool {
    static YOU: OnceLock<Regex> = OnceLock::new();
    let you = re(&YOU, r"\b(you|u)('ve| have| actually| really| even| already| just| finally)* $");
    // "you've got this" cheers the partner on; it names no deed.
    static CHEER: OnceLock<Regex> = OnceLock::new();
    let cheer = re(&CHEER, r"^got (this|it|that|you)\b");
    done_verbs().find_iter(lower).any(|m| you.is_match(&lower[..m.start()]) && !cheer.is_match(&lower[m.start()..]))
}

/// The partner finds the thing in the state the deed leaves it: "kitchen's
/// spotless", "the tap is fixed", "bins are out" (not a question).
pub(super) fn done_state_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let state = re(
        &R,
        r"\b\w+('s| is| are| looks| was) (so |really |absolutely |actually |finally |all )?(spotless|sparkling|immaculate|fixed|sorted|working again|sorted out|tidy|so clean|really clean|clean)\b",
    );
    state.is_match(&statements(lower))
}

/// The partner speaks of the deed as something had and enjoyed, in the
/// past: "that was so nice", "that tea was just the job", "them grits were
/// elite" (a statement opening its sentence; not "that was nice of you",
/// which thanks for the offer).
pub(super) fn enjoyed_cue(sentences: &[String]) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let enjoyed = re(
        &R,
        r"^((ok|okay|omg|wow|aw|aww|honestly|babe|love)[,!.]?\s+)*(that|it|this|the \w+|them \w+|those \w+)( \w+)? (was|were) (so |really |just |honestly |actually |absolutely |truly )?(nice|lovely|great|amazing|perfect|fun|delicious|elite|the best|just the job|exactly what i needed|gorgeous|beautiful|incredible|fire|so good|class|brilliant|wonderful|heaven)\b",
    );
    sentences.iter().any(|s| !s.contains('?') && enjoyed.find(s).is_some_and(|m| !s[m.end()..].starts_with(" of you")))
}

/// A sentence that opens with a visit or a meeting, the subject dropped:
/// "went to the registrar", "saw Dr Moran", "met the landlord".
pub(super) fn visit_report(sentences: &[String]) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let visit = re(&R, r"^(went to|went round|went over|saw|visited|met|popped (in|into|round|over)|phoned|dropped (it|them|\w+) off)\b");
    sentences.iter().any(|s| !s.contains('?') && visit.is_match(s))
}

pub(super) fn done_verbs() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(booked|called|calling|rang|did it|did that|took care of|taken care of|sorted|fixed|paid|sent|picked (it |them |him |her )?up|bought|ordered|emailed|texted|finished|handled|got|told|submitted|attached|uploaded|collected|grabbed|found|brought|arrived|received|turned up|showed up|you did it|you remembered)\b",
    )
}

/// The committer's own report that a promise was kept, whatever it names.
pub(super) fn report_cue(lower: &str) -> bool {
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
pub(super) fn dropped_subject_report(sentences: &[String]) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    static NOT: OnceLock<Regex> = OnceLock::new();
    let opens_with_deed = re(
        &R,
        r"^(back|home|here|outside|parked|landed|booked|collected|picked|called|rang|told|sent|paid|bought|ordered|fixed|sorted|cleaned|cooked|made|got|grabbed|dropped|emailed|texted|spoke|asked|cancelled|canceled|finished|posted|returned|renewed|signed|moved|took|brought|left|listed|uploaded|printed|washed|ironed|hoovered|vacuumed|mowed|fed|packed|wrapped|charged|filled|emptied|watered|swept|mopped|scheduled|confirmed|installed)\b",
    );
    let not_a_report = re(
        &NOT,
        r"^(here\S*\s+\w|back to\b|(made|left|got) me\b|got (pulled|caught|stuck|held|distracted|dragged|roped|sidetracked|delayed|swamped)\b)",
    );
    // Or the thing done, then the deed as a participle: "Both delivered",
    // "PE kit dropped off", "car booked in for tuesday", "bins out".
    static THING_DONE: OnceLock<Regex> = OnceLock::new();
    let thing_done = re(
        &THING_DONE,
        r"^(\w+ ){1,3}(delivered|dropped off|booked|paid|sorted|fixed|ordered|collected|picked up|done|returned|posted|cancelled|canceled|renewed|handled|taken out|put out|emptied|mowed|hoovered|vacuumed)\b",
    );
    sentences.iter().any(|s| {
        // "I never booked it" names the thing and the deed, not done.
        let denied = || s.contains("never") || s.contains("n't") || s.contains(" not ");
        (opens_with_deed.is_match(s) || (thing_done.is_match(s) && !denied()))
            && !not_a_report.is_match(s)
            && !s.ends_with('?')
            && !commitment_cue(s)
    })
}

pub(super) fn commitment_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(i'll|i will|ill|i'd|i would|i'm going to|im going to|i'm gonna|gonna|promise|i can|let me|i shall|will do|i'm on it|count on me|you have my word|leave (it|that|this|them|the \w+( \w+)?) (to|with) me|consider (it|that|this|them|the \w+( \w+)?) (done|sorted|handled)|(it'll|it will|itll|that'll|that will) (get|be) (done|sorted|fixed|handled)|my treat|(dinner|drinks|lunch|coffee|breakfast|brunch|pizza|takeaway|the first round|this round)('s| is)?( at [a-z' ]{1,30})? on me|, on me|on me (this|next|tonight|tomorrow)|(it'll|it will|itll|they'll|they will) be (there|with you|in your account|ready|back) (by |on |before )?(tonight|tomorrow|(mon|tues|wednes|thurs|fri|satur|sun)day|\d)|(i'm|im|i am) (bringing|cooking|paying|driving|buying|booking|making|picking|getting|grabbing|taking|doing|handling|sorting) (the|you|us|dinner|lunch|breakfast|your|them|it)\b)",
    )
    .is_match(lower)
        || subject_dropped_will(lower)
        || planned_cue(lower)
        || present_commitment(lower)
}

/// A commitment in the plain present, as many Englishes and quick texts
/// put the future: "I send the payslips tonight", "ok 3pm ur time i call",
/// "Then I book it tonight", "mi text before 6", with a time it is due
/// in the same sentence; or the future with "go" ("I go come straight
/// from office", "i go dabao for u"). Verbs of thinking, feeling and
/// having ("I know tomorrow is big", "I miss you tonight") commit to
/// nothing, nor does a past tense ("I sent it this morning").
pub(super) fn present_commitment(lower: &str) -> bool {
    static SUBJECT: OnceLock<Regex> = OnceLock::new();
    static DUE: OnceLock<Regex> = OnceLock::new();
    static GO: OnceLock<Regex> = OnceLock::new();
    const NOT_A_DEED: &[&str] = &[
        "think",
        "know",
        "feel",
        "love",
        "miss",
        "want",
        "need",
        "hope",
        "guess",
        "mean",
        "am",
        "have",
        "had",
        "like",
        "see",
        "hear",
        "wish",
        "agree",
        "understand",
        "believe",
        "get",
        "was",
        "can",
        "could",
        "would",
        "should",
        "do",
        "did",
        "don't",
        "dont",
        "didn't",
        "just",
        "really",
        "also",
        "still",
        "never",
        "always",
        "usually",
        "only",
        "already",
        "actually",
        "must",
        "might",
        "may",
        "work",
        "finish",
        "start",
        "leave",
        "swear",
        "promise",
        "said",
        "say",
        "told",
        "literally",
        "honestly",
        "totally",
        "hate",
        "doubt",
        "bet",
        "cant",
        "can't",
        "won't",
        "wont",
        "shall",
        "will",
        "go",
        "got",
        "keep",
        "kept",
        "even",
        "is",
        "thought",
        "sleep",
        "wake",
        "fly",
        "land",
        "wonder",
        "care",
        "remember",
        "forget",
        "forgot",
        "reckon",
        "suppose",
        "assume",
    ];
    let subject = re(&SUBJECT, r"(?:^|[^a-z'])(?:i|mi) ([a-z]+)\b");
    let due = re(
        &DUE,
        r"\b(now|tonight|tomorrow|tmrw|tmr|later|first thing|this (morning|afternoon|evening|weekend|week)|(mon|tues|wednes|thurs|fri|satur|sun)day|next (week|weekend)|(at|by|before|around) \d|\d ?(am|pm)\b|in (\d+|ten|five|twenty|thirty|a few) (min|mins|minutes|hour|hours))",
    );
    let go = re(&GO, r"(?:^|[^a-z'])(?:i|mi) go ([a-z]+)\b");
    sentences(lower).iter().any(|s| {
        let deed = subject.captures_iter(s).any(|c| {
            let w = &c[1];
            !NOT_A_DEED.contains(&w) && !w.ends_with("ed") && !w.ends_with("ing") && irregular(w) == w
        });
        let go_deed = go.captures_iter(s).any(|c| {
            !matches!(
                &c[1],
                "to" | "there"
                    | "home"
                    | "out"
                    | "back"
                    | "in"
                    | "for"
                    | "with"
                    | "and"
                    | "now"
                    | "away"
                    | "up"
                    | "down"
                    | "on"
                    | "off"
                    | "through"
                    | "crazy"
                    | "mad"
            )
        });
        (deed && due.is_match(s)) || go_deed
    })
}

/// A deed promised in the first person with the time it is due, in one
/// sentence: "I'll measure the couch when I get home", "Mi will pick up
/// Jada from piano at 6", "i'm booking lisbon tonight" is not one (the
/// present is [`planned_cue`]'s), "We'll do a practice run Sunday". Such a
/// sentence commits whatever the model made of it, so it opens a promise
/// unlabelled; staying, going and talking are left out, as they most often
/// call a pause or leave ("I'll talk tomorrow when we've both slept",
/// "I'm going to stay at my sister's tonight"), and so is "later", which
/// names no time ("yeah I'll do it later"). Every opener holds "ll",
/// "gonna", "imma", "going to" or "mi a go", which
/// [`PromiseBook::settle_or_open`] looks for before folding the text.
pub(super) fn dated_deed(lower: &str) -> bool {
    static DEED: OnceLock<Regex> = OnceLock::new();
    static DUE: OnceLock<Regex> = OnceLock::new();
    let deed = re(
        &DEED,
        r"\b(i'll|i will|ill|i shall|we'll|we will|mi will|mi a go|i'm going to|im going to|i'm gonna|im gonna|imma) ([a-z]+ly |just |also |definitely |def )?(call|ring|phone|book|pick|grab|get|bring|buy|pay|send|fix|sort|do|make|cook|clean|take|drive|come|be there|meet|text|email|check|measure|order|fetch|collect|drop|wash|tidy|hoover|vacuum|sweep|print|post|return|tell|ask|finish|write|set|put|move|organise|organize|handle|cover|listen|read|walk|feed|change|swap|join|show|help|play|practise|practice|renew|cancel|replace|charge|fill|hang|mow|bake|wrap|pack|hold|look into|sign|submit|transfer|top up|water|paint|install)\b",
    );
    let due = re(
        &DUE,
        r"\b(tonight|tomorrow|tmrw|tmr|today|this (morning|afternoon|evening|week|weekend)|next (week|weekend|month)|(mon|tues|wednes|thurs|fri|satur|sun)day|at \d{1,2}|by \d{1,2}|\d{1,2}([:.]\d\d)? ?(am|pm)|\d{1,2}:\d\d|in (\d+|ten|five|fifteen|twenty|thirty|an|a few|a couple of) (min|mins|minutes|hour|hours|hr|hrs)|right now|first thing|after work|before work|after school|on (the|my) way|when i get (home|back|in)|when i'm (home|back|done)|before (you|u) get (home|back))\b",
    );
    // A deed in some sentence is a deed in the whole text: most messages
    // stop here, unsplit.
    deed.is_match(lower) && due.is_match(lower) && sentences(lower).iter().any(|s| deed.is_match(s) && due.is_match(s))
}

/// "will" opening a sentence, its subject dropped as texting does: "ok.
/// will call at lunch", "sure, will grab it".
pub(super) fn subject_dropped_will(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(^|[.!?,]\s+)((ok|okay|k|sure|yes|yep|yeah|ya|alright|fine|cool|no worries|no problem|got it)[,.!]?\s+)?will [a-z]{2,}\b")
        .find_iter(lower)
        .any(|m| !m.as_str().ends_with(" you") && !m.as_str().ends_with(" u"))
}

/// A plan in the present tense with a time ("I'm making your mum's soup
/// tonight", "I'm coming to Abuja on Friday"), or "be there in 30",
/// "doing it right now".
pub(super) fn planned_cue(lower: &str) -> bool {
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
pub(super) fn thanks_for_deed(lower: &str) -> bool {
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

pub(super) fn thanks_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, concat!(r"\b(", thanks!(), r")\b")).is_match(lower)
}

/// The committer says the deed was not done and its moment has passed:
/// "clean forgot", "it completely slipped my mind", "I never booked it",
/// "totally lost track", "got distracted", "I just couldn't today" (a
/// statement, not "did you forget?"), "slept right through it", "I should
/// have called them", or a no with the reason in the past ("not yet, it
/// was chaos", "ugh no, work was insane"). "Not yet" alone and "haven't
/// called yet" leave the promise open: they only say it is still to come.
/// Reads the message, lower-cased (`lower`), and its `sentences` (see
/// [`sentences`]).
pub(super) fn admits_undone(lower: &str, sentences: &[String]) -> bool {
    owns_up_undone(lower, sentences) || names_a_lapse(sentences)
}

/// A sentence of the message says "I should have…" (see [`owns_a_lapse`]).
pub(super) fn names_a_lapse(sentences: &[String]) -> bool {
    sentences.iter().any(|s| !s.contains('?') && owns_a_lapse(s))
}

/// [`admits_undone`] without "I should have…" ([`names_a_lapse`]), which
/// names the deed it regrets and so settles only a promise that shares a
/// word with it.
pub(super) fn owns_up_undone(lower: &str, sentences: &[String]) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let owns_up = re(
        &R,
        r"(^|[,;]\s*|\b(i|i've|i have|ive)\s+)((just|completely|totally|clean|actually|honestly|sorry|oh|ah|ahh|damn|argh)[,!]?\s+)*(forgot|forgotten)( (to|about|it|that|all)\b|\s*[,.!;]|\W*$)|\bslipped my mind\b|\b(dropped|lost track of|spaced on) (it|the ball|that|time)\b|\blost track\b|\bi never (did|do|booked|book|called|call|rang|ring|sent|send|went|go|made|make|picked|pick|fixed|fix|paid|pay|ordered|order|finished|finish|posted|post|emailed|email|texted|text|printed|print|bought|buy|brought|bring|sorted|sort|dropped|drop|got|get)\b|\bdidn't get (to|round to|around to) it\b|\bcouldn't (today|make it|do it|get (to|there|away|round))\b|\bran out of time\b|\bgot (distracted|sidetracked|caught up|held up|pulled into)\b|\bslept (right |straight |clean )?through\b|\boverslept\b|\bfell asleep\b|\b(i|totally|completely) (blanked|spaced)\b",
    );
    // "Not yet, it was chaos with the heifers", "ugh no, work was insane":
    // a no to the deed, then why, in the past: its moment went by.
    static NO_BECAUSE: OnceLock<Regex> = OnceLock::new();
    let no_because = re(
        &NO_BECAUSE,
        r"^((ugh|sorry|argh|damn|shoot|honestly|babe|love)[,!.]?\s+)*(no|nope|nah|not yet)\b[,.!]?\s+([^\s.!?]+\s+){0,4}?(was|were|ran|got|has been|have been|'s been|been)\b",
    );
    sentences.iter().any(|s| !s.contains('?') && owns_up.is_match(s))
        || no_because.is_match(lower.trim_start())
        || puts_off(lower, sentences)
}

/// The committer says sorry and moves the deed to later: "sorry 😭 phone
/// storage full, i'll do it later", "sorry been mad busy, this week for
/// sure", "my bad, tomorrow first thing". The moment it was promised for
/// has passed.
pub(super) fn puts_off(lower: &str, sentences: &[String]) -> bool {
    static SORRY: OnceLock<Regex> = OnceLock::new();
    static LATER: OnceLock<Regex> = OnceLock::new();
    let sorry = re(&SORRY, r"\b(sorry|soz|my bad|apologies|i apologise|i apologize|i'm afraid i)\b");
    // Not a farewell: "sorry, talk later", "see you tomorrow".
    let later = re(
        &LATER,
        r"\b(see (you|u|ya)|talk|speak|chat|catch (you|u|ya)|text (you|u)|night|sleep|bed)?\s*\b(later|tomorrow|tmrw|tmr|next (week|weekend|month)|this week for sure|another (day|time)|first thing|pakka)\b",
    );
    sorry.is_match(lower) && sentences.iter().any(|s| !s.contains('?') && later.captures_iter(s).any(|c| c.get(1).is_none()))
}

/// "I should have…": the speaker owns a deed not done.
pub(super) fn owns_a_lapse(sentence: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\bi (should have|should've|shoulda) [a-z]+").is_match(sentence)
}

/// The partner counts the time gone by, tells the time or the day it now
/// is, or mocks a missed time: "it's been 50 minutes", "she waited 45
/// minutes", "the show's been over for an hour", "it's half 8", "it's
/// Thursday", "waited up till 9", "so much for the midnight alarm", "guess
/// 11 meant midnight".
pub(super) fn lateness_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(it's been|it has been|its been|been over for|been waiting|still waiting|waited|waiting for) (over |almost |nearly |like )?(an?|one|two|three|\d+) (hour|hours|hr|hrs|min|mins|minutes)\b|\bso much for\b|\bguess \d+(:\d\d)? (meant|means)\b|(^|[.!?]\s+)(\w+,? )?(it's|its|it is) (now |already |gone |past |nearly |almost )?((half|quarter) (past |to )?)?(\d{1,2}(:\d\d)?( ?[ap]m)?|(mon|tues|wednes|thurs|fri|satur|sun)day|midnight)\b|\bwaited (up )?(till|until|til) \d",
    )
    .find_iter(lower)
    // "thank you so much for the flowers" thanks; it mocks nothing.
    .any(|m| !(m.as_str().starts_with("so much") && thanked_just_before(&lower[..m.start()])))
}

pub(super) fn thanked_just_before(before: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, concat!(r"\b(", thanks!(), r") $")).is_match(before)
}

/// A promise that names when: "at 9", "by lunch", "in 20 minutes",
/// "tonight", "before midnight", "be there in 30".
pub(super) fn timed_cue(lower: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(at|by|before|until|around) (\d{1,2}(:\d\d)?|noon|midnight|lunch|dinner|lunchtime)\b|\bin (\d+|ten|twenty|thirty|five|fifteen|an|a few) (min|mins|minutes|hour|hours)\b|\b(tonight|this evening|this afternoon|after work|after dinner)\b|\d(am|pm)\b|\bbe (there|home|back|over|round) (in|by|at|before) \w|\b(by|before|until|on) (mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day (night|morning|afternoon|evening)\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day (at )?\d",
    )
    .is_match(lower)
}

/// A complaint that a promise was not kept: (strong, weak). Strong cues
/// ("you said", "you promised", "still haven't"…) settle the partner's
/// promise on their own; weak ones ("you didn't", "you forgot", "so no…") only
/// when the message shares a word with it.
pub(super) fn broken_cue(lower: &str) -> (bool, bool) {
    static STRONG: OnceLock<Regex> = OnceLock::new();
    static WEAK: OnceLock<Regex> = OnceLock::new();
    let lower = lower.replace('’', "'");
    let strong = re(
        &STRONG,
        r"\b((you|u|yu|yuh) (did |do )?(said|say|seh)|you told me you('d| would| were)|you (swore|promised)|still (haven't|hasn't|havent|isn't|is not)|forgot again|never did|you were (going to|gonna|meant to)|supposed to|broke your promise|what happened to|i thought you (said|were going|were gonna|would))\b",
    );
    let weak = re(
        &WEAK,
        r"\b((you|u|ya) (didn't|did not|didnt|forgot|haven't|havent|never)|not done|so no|where's|where is|still (not|no)|(is|are) still (there|here|by|in|on|at|sitting|waiting))\b",
    );
    let friendly = lower.contains("like you said") || lower.contains("as you said");
    (strong.is_match(&lower) && !friendly, weak.is_match(&lower))
}

/// The base form of a common irregular past tense, so that "paid" matches
/// "pay" and "bought" matches "buy".
pub(super) fn irregular(w: &str) -> &str {
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
pub(super) fn errand(w: &str) -> &str {
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
pub(super) fn without_times(lower: &str) -> std::borrow::Cow<'_, str> {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(after|before|from|at|leave|leaving|finish|finishing) (work|lunch|lunchtime|dinner|breakfast|tea|school)\b|\b(this|tomorrow|every|each|next|on|by|in the|the) (morning|afternoon|evening|night|week|weekend|(mon|tues|wednes|thurs|fri|satur|sun)day)\b|\bfirst thing\b|\b(around|about|by|at|before|until) \d{1,2}([:.]\d\d)?( ?[ap]m)?\b",
    )
    .replace_all(lower, " ")
}

/// The words of `sentence` that name a thing in a place or a state: before
/// a verb of being or a place word ("boots are by the door", "car's
/// back", "suya don land"), after a preposition ("on the tram now",
/// "in the basket"), or before a participle that ends the sentence ("cake
/// acquired"). Not a doer: "the school just emailed asking why".
fn in_its_place(sentence: &str) -> String {
    // "That kelewele yesterday was elite": a verb of being may stand one
    // word later.
    const BE: &[&str] = &["is", "are", "was", "were"];
    const STATE: &[&str] = &[
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "don",
        "done",
        "ready",
        "here",
        "there",
        "in",
        "on",
        "at",
        "by",
        "out",
        "back",
        "down",
        "up",
        "away",
        "inside",
        "outside",
        "home",
        "sorted",
        "received",
        "arrived",
        "landed",
        "delivered",
    ];
    const PLACE: &[&str] = &["in", "on", "at", "by", "into", "onto", "with"];
    const DET: &[&str] = &["the", "a", "an", "my", "your", "ur", "our", "his", "her", "their", "this", "that"];
    let words: Vec<&str> = sentence.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied();
        let placed = w.ends_with("'s")
            || next.is_some_and(|n| STATE.contains(&n) || (n.ends_with("ed") && i + 2 == words.len()))
            || words.get(i + 2).is_some_and(|n| BE.contains(n))
            || (i >= 1 && PLACE.contains(&words[i - 1]))
            || (i >= 2 && DET.contains(&words[i - 1]) && PLACE.contains(&words[i - 2]));
        if placed {
            out.push_str(w);
            out.push(' ');
        }
    }
    out
}

/// The content words of the sentences that state how things are now, the
/// thing named where the deed leaves it: "Boots are by the door", "Phone's
/// in the basket", "Suya don land", "On the tram now". Not a question, a
/// plan, a wish, a request or a denial: "where are the boots?", "the boots
/// can go in the car", "don't forget the boots", "the boots aren't here".
pub(super) fn state_stems(sentences: &[String]) -> Vec<String> {
    static NOT_STATE: OnceLock<Regex> = OnceLock::new();
    static ASKS: OnceLock<Regex> = OnceLock::new();
    static SOMEONE_ELSE: OnceLock<Regex> = OnceLock::new();
    let not_state = re(
        &NOT_STATE,
        r"\b(will|'ll|ll|gonna|going to|shall|would|could|should|can|must|need|needs|want|wants|hope|if|when|don't|dont|do not|not|no|never|nobody|no one|nothing|n't|still|yet|please|pls|plz|remember|forget|let's|lets|maybe|tomorrow|later|tonight|glad|sounds|sound|worried|scared|afraid|relieved|sorry)\b|n't\b",
    );
    // A question without its mark: "soooo did u call".
    let asks = re(
        &ASKS,
        r"^((so+|and|but|ok|okay|hey|um+|also|wait|btw|babe|love|hun) )?(did|do|does|have|has|is|are|was|were|where|what|when|why|how|who|any) ",
    );
    // What someone else does: "she's already called twice".
    let someone_else =
        re(&SOMEONE_ELSE, r"\b(she|he|they|someone|somebody)('s|'re| is| are| was| were| has| have)?( \w+ly| just| already| also)? \w+.*$");
    let mut out: Vec<String> = sentences
        .iter()
        .filter(|s| !s.contains('?') && !not_state.is_match(s) && !asks.is_match(s))
        .flat_map(|s| thing_words(&in_its_place(&someone_else.replace(s, ""))))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The promised thing's words in the `committing` clauses of a promise
/// (`lower`, the whole message): the words after the deed's verb, without
/// the verb and days ("I'll make my lemon loaf for them" → "lemon",
/// "loaf"); when the deed is done to "it" or "them", the rest of the
/// message names the thing ("Leo left his boots in my car, I'll drop them
/// round").
pub(super) fn thing_stems(committing: &[&str], lower: &str) -> Vec<String> {
    static DEED: OnceLock<Regex> = OnceLock::new();
    let deed = re(
        &DEED,
        r"\b(?:i'll|i will|ill|i shall|we'll|we will|mi will|mi a go|i'm going to|im going to|i'm gonna|im gonna|imma|gonna|let me|i can|will|i'm|im|i am|i|mi) (?:[a-z]+ly |just |also |definitely |def )?([a-z']+) ?(.*)$",
    );
    let days =
        |w: &String| !w.ends_with("day") && !matches!(w.as_str(), "monda" | "tuesd" | "wedne" | "thurs" | "frida" | "satur" | "sunda");
    let mut out = Vec::new();
    for clause in committing {
        match deed.captures(clause) {
            Some(c) => {
                let verb: String = c[1].chars().take(5).collect();
                // The thing ends where the deed's time or purpose begins:
                // "measure the couch when I get home so we know".
                let rest = c[2].split([',', ';']).next().unwrap_or("");
                let end = [" when ", " so ", " if ", " because ", " and then "].iter().filter_map(|w| rest.find(w)).min();
                let rest = end.map_or(rest, |end| &rest[..end]);
                // Being somewhere names a place, not a thing: "I'll be home
                // by 5 with that walnut cake" promises the cake.
                let rest = if &c[1] == "be" { rest.split_once(" with ").map_or("", |(_, thing)| thing) } else { rest };
                let pronoun =
                    rest.split(' ').next().is_some_and(|w| matches!(w, "it" | "them" | "that" | "this" | "those" | "these" | "one"));
                let words = if pronoun { thing_words(lower) } else { thing_words(rest) };
                out.extend(words.into_iter().filter(|w| *w != verb && !verb.starts_with(w.as_str())));
            }
            None => out.extend(thing_words(clause)),
        }
    }
    out.retain(days);
    out.sort();
    out.dedup();
    out
}

pub(super) fn stems(lower: &str) -> Vec<String> {
    content_words(lower, true)
}

/// The content words of a promised thing: [`stems`] without mapping verbs
/// to their errand ("phone" stays the phone), so each is a prefix of a
/// word as written.
fn thing_words(lower: &str) -> Vec<String> {
    content_words(lower, false)
}

/// Stems of the words of three letters or more, minus function and cue
/// words; `errands` maps irregular pasts to their base and the verbs of
/// one errand to one word.
fn content_words(lower: &str, errands: bool) -> Vec<String> {
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
        .map(|w| if errands { errand(irregular(w)) } else { w })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::test_support::run;
    use Behaviour::*;

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
    fn the_partner_enjoying_the_deed_or_a_visit_named_keeps_the_promise() {
        let outcome = |msgs: &[(&str, f64, &str, &[Behaviour])]| run(msgs).promises.iter().map(|p| p.outcome).collect::<Vec<_>>();
        let made: (&str, f64, &str, &[Behaviour]) = ("A", 0.0, "I'll cook tonight, your mum's jollof", &[Promise]);
        assert_eq!(outcome(&[made, ("B", 1.0, "that was so good. I'm stuffed", &[])]), vec![Outcome::Kept]);
        assert_eq!(outcome(&[made, ("B", 1.0, "that was so nice of you to offer", &[])]), vec![Outcome::Open]);
        let made: (&str, f64, &str, &[Behaviour]) = ("A", 0.0, "I'll go to the registrar tomorrow", &[Promise]);
        assert_eq!(outcome(&[made, ("A", 9.0, "Went to the registrar. all fine", &[])]), vec![Outcome::Kept]);
        assert_eq!(outcome(&[made, ("A", 9.0, "Went to bed early, shattered", &[])]), vec![Outcome::Open]);
        // A treat offered is a commitment, not a report of an earlier one.
        assert!(commitment_cue("celebrate tonight? thai place, my treat") && commitment_cue("dinner's on me"));
        assert!(!commitment_cue("that's on me, I'm sorry"));
        // A weekday and an hour name when: lateness after it breaks it.
        assert!(timed_cue("i'll call sunday 0800 your time"));
    }

    #[test]
    fn owning_up_in_words_that_name_nothing_breaks_the_latest_promise() {
        let s = run(&[
            ("B", 0.0, "I'll grab the Calpol from the pharmacy at lunch", &[Promise]),
            ("A", 1.0, "thank you", &[]),
            ("B", 60.0, "and I'll call the school before 3 about Zayn", &[Promise]),
            ("A", 240.0, "the head just emailed asking why he was absent without notice", &[]),
            ("B", 241.0, "ya Allah, I completely forgot. sorry Noor, that's on me", &[Accountability]),
        ]);
        let outcome = |id: &str| s.promises.iter().find(|p| p.promise == id).map(|p| p.outcome);
        assert_eq!((outcome("m1"), outcome("m3")), (Some(Outcome::Open), Some(Outcome::Broken)));
    }

    #[test]
    fn the_committer_owning_up_breaks_the_promise() {
        let outcome = |msgs: &[(&str, f64, &str, &[Behaviour])]| {
            let s = run(msgs);
            s.promises.iter().map(|p| (p.outcome, p.evidence.clone())).collect::<Vec<_>>()
        };
        let made: (&str, f64, &str, &[Behaviour]) = ("A", 0.0, "I'll pick up your prescription on the way back", &[Promise]);
        for admission in [
            "Oh heck. Clean forgot, I came straight home",
            "no 😩 I completely dropped it, I'm sorry",
            "ah man. I never booked it",
            "got distracted with work news, sorry",
            "NOOO I slept right through my alarm",
            "not yet, work was mental",
            "ugh no, the meeting ran over",
            "I should have picked it up like I said, that's on me",
            "ugh. I never picked it up, that's on me. lunch got swallowed by the budget meeting",
            "shit. fell asleep on the sofa. sorry",
            "nah sorry, i blanked, work's been mad this week",
            "sorry 😭 phone storage full, i'll do it later",
            "sorry been mad busy, this week for sure",
            "I'm afraid I didn't get there. The week ran away with me. Tomorrow, first thing",
        ] {
            let got = outcome(&[made, ("B", 1.0, "thank you", &[]), ("A", 300.0, admission, &[])]);
            assert_eq!(got, vec![(Outcome::Broken, Some("m3".to_string()))], "{admission}");
        }
        // Owning up and promising again: the old one broken, a new one open.
        let got = outcome(&[made, ("A", 300.0, "I totally forgot. I'll grab it first thing tomorrow", &[Promise, Accountability])]);
        assert_eq!(got, vec![(Outcome::Broken, Some("m2".to_string())), (Outcome::Open, None)]);
        // Not owning up: still to come, someone else forgetting, a question,
        // a figure of speech.
        for other in [
            "haven't got to it yet, will do at lunch",
            "Alfie forgot his PE kit so I nipped back in",
            "did I forget something?",
            "oh sorry, I forgot the world revolves around your job",
            "I should have picked it up days ago. I've just collected it",
            "sorry, talk later x",
            "sorry I blew you off. I'll text you when I'm leaving next time",
        ] {
            let got = outcome(&[made, ("A", 300.0, other, &[])]);
            assert_ne!(got.first().map(|g| g.0), Some(Outcome::Broken), "{other}");
        }
        // "Ah no" is sympathy, not a no to the deed.
        let sympathy = "ah no, bless her. that must've been hard";
        assert!(!admits_undone(sympathy, &sentences(sympathy)));
        // Being held up is not a report of the deed ("got pulled into…").
        assert!(!dropped_subject_report(&sentences("got pulled into a shutdown meeting and my phone was in the locker")));
    }

    #[test]
    fn questions_and_the_partners_own_doings_confirm_nothing_and_u_complains() {
        let made: (&str, f64, &str, &[Behaviour]) = ("B", 0.0, "I'll print the photos from the foster carer on Friday", &[Promise]);
        let s = run(&[made, ("A", 1.0, "ok", &[]), ("A", 300.0, "Did you print the photos? I've got the album out", &[])]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
        // A confirmation that names the deed still keeps it.
        let s = run(&[made, ("A", 1.0, "ok", &[]), ("A", 300.0, "got the photos, they're perfect", &[])]);
        assert_eq!(s.promises[0].outcome, Outcome::Kept);
        // "Got" before a participle that names no deed is something that happened.
        assert!(!kept_cue("lunch got swallowed by the budget meeting"));
        assert!(!kept_cue("it got cancelled"));
        assert!(kept_cue("the car got fixed"));
        assert!(kept_cue("got the cake"));
        // Texting spellings complain as well.
        let s = run(&[
            ("A", 0.0, "i'll book the café by the river for 2", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("B", 300.0, "café's full. u didnt book did u", &[]),
        ]);
        assert_eq!(s.promises[0].outcome, Outcome::Broken);
    }

    #[test]
    fn someone_else_calling_is_read_past_an_adverb() {
        assert!(named_subject("the school just "));
        assert!(named_subject("jenny finally "));
        assert!(!named_subject("i just "));
        assert!(!named_subject("ok just "));
        let s = run(&[
            ("A", 0.0, "I'll call the school before 3", &[Promise]),
            ("B", 1.0, "thanks", &[]),
            ("B", 300.0, "the school just emailed asking why Zayn was absent", &[]),
        ]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
    }

    #[test]
    fn the_partner_telling_the_time_after_a_timed_promise_breaks_it() {
        let s = run(&[
            ("A", 0.0, "I'll be home by 7 to get ready, promise", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("B", 90.0, "it's half 8 Ewan. unbelievable", &[]),
        ]);
        assert_eq!((s.promises[0].outcome, s.promises[0].evidence.as_deref()), (Outcome::Broken, Some("m3")));
        assert!(lateness_cue("it's thursday. no statements"));
        assert!(lateness_cue("waited up till 9 with the ipad"));
        assert!(!lateness_cue("i think it's 7 for dinner"));
    }

    #[test]
    fn a_day_named_as_the_deadline_then_passed_breaks_the_promise() {
        let s = run(&[
            ("A", 0.0, "I'll scan and email the statements by Wednesday night", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("B", 3000.0, "it's Thursday. the solicitor has chased me twice", &[]),
        ]);
        assert_eq!((s.promises[0].outcome, s.promises[0].evidence.as_deref()), (Outcome::Broken, Some("m3")));
        assert!(timed_cue("i'll have it done before friday"));
        assert!(!timed_cue("i'll ask her about friday"));
    }

    #[test]
    fn the_thing_promised_arriving_or_a_one_word_report_keeps_it() {
        let s = run(&[
            ("A", 0.0, "I'll send you a postcard from Lisbon", &[Promise]),
            ("B", 1.0, "yes please", &[]),
            ("B", 9000.0, "THE POSTCARD ARRIVED 😂 it's on the fridge", &[]),
        ]);
        assert_eq!((s.promises[0].outcome, s.promises[0].evidence.as_deref()), (Outcome::Kept, Some("m3")));
        let s = run(&[
            ("A", 0.0, "I'll put the couch on Marketplace tonight", &[Promise]),
            ("A", 200.0, "listed. already 3 people asking if it's available", &[]),
        ]);
        assert_eq!(s.promises[0].outcome, Outcome::Kept);
        // Someone else's parcel arriving names nothing of the promise.
        let s = run(&[
            ("A", 0.0, "I'll send you a postcard from Lisbon", &[Promise]),
            ("B", 1.0, "yes please", &[]),
            ("B", 9000.0, "mum's parcel arrived", &[]),
        ]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
    }

    #[test]
    fn the_promised_thing_stated_where_the_deed_leaves_it_keeps_the_promise() {
        for (promise, later) in [
            (
                "Leo left his boots in my car, I'll drop them round before school tomorrow",
                "Boots are by the door, he's already clomping around in them",
            ),
            ("Don't worry, I'll buy suya for you on my way back", "Suya don land 🔥 come downstairs"),
            ("I'll be home by 5 with that walnut cake you like", "Pulling into the drive. Cake acquired."),
            ("Will do, I'll text when I'm on the tram", "On the tram now"),
        ] {
            let s = run(&[("B", 0.0, promise, &[Promise]), ("A", 1.0, "ok", &[]), ("A", 600.0, later, &[])]);
            assert_eq!((s.promises[0].outcome, s.promises[0].evidence.as_deref()), (Outcome::Kept, Some("m3")), "{later}");
        }
        // Questions, plans, requests, denials, reactions, someone else's
        // doings, the deed's purpose or a day name the thing, not its
        // place.
        for (promise, later) in [
            ("I'll drop his boots round before school", "soooo did u bring the boots"),
            ("I'll drop his boots round before school", "the boots can go in the hall"),
            ("I'll drop his boots round before school", "don't forget the boots"),
            ("I'll drop his boots round before school", "the boots aren't here"),
            ("I'll pay the ticket this week", "That sounds scary, I'm glad it was just a ticket"),
            ("I'll field your mum's calls tonight", "She's already called twice"),
            ("I'll measure the couch when I get home so we know if it fits", "I know"),
            ("I'll book the table for Friday", "friday 🙌"),
            ("from now on I check your phone every evening", "no. I'm an adult and my phone is mine"),
        ] {
            let s = run(&[("B", 0.0, promise, &[Promise]), ("A", 1.0, "ok", &[]), ("A", 600.0, later, &[])]);
            assert_eq!(s.promises[0].outcome, Outcome::Open, "{later}");
        }
        // The statement settles the promise but is no promise report.
        let mut f = FollowThrough::new();
        assert!(!f.push(Some("B"), "I'll make my lemon loaf for them", &[Promise], &[]));
        assert!(!f.push(Some("B"), "Lemon loaf is out of the oven. Leaving at 2?", &[], &[]));
    }

    #[test]
    fn mocking_thanks_confirm_nothing() {
        let s = run(&[
            ("A", 0.0, "I'll do the forms on my lunch break", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("B", 300.0, "wow. thanks for the support", &[Sarcasm]),
        ]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
    }

    #[test]
    fn a_deed_promised_with_its_time_opens_a_promise_without_the_label() {
        for text in [
            "yesss. and I'll measure the couch when I get home so we know if it fits",
            "Lawd. Ok. Mi will pick up Jada from piano at 6 then",
            "We'll do a practice run Sunday",
            "ill grab the charger on my way home",
        ] {
            let s = run(&[("A", 0.0, text, &[]), ("B", 1.0, "ok", &[])]);
            assert_eq!(s.promises.iter().map(|p| p.outcome).collect::<Vec<_>>(), [Outcome::Open], "{text}");
        }
        // No time, a pause, staying or leaving, "later", or sabotage beside it: none.
        for (text, labels) in [
            ("I'll measure the couch", &[][..]),
            ("I'll talk to you tomorrow when we've both slept", &[][..]),
            ("I'm going to stay at my sister's tonight", &[][..]),
            ("yeah I'll do it later", &[][..]),
            ("I'll call you at 9 when we're both calm", &[Boundary][..]),
            ("fine, I'll cook tonight since you obviously won't", &[Sarcasm][..]),
        ] {
            let s = run(&[("A", 0.0, text, labels), ("B", 1.0, "ok", &[])]);
            assert!(s.promises.is_empty(), "{text}: {:?}", s.promises);
        }
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
    fn a_plain_present_with_a_time_commits_and_thinking_does_not() {
        assert!(commitment_cue("then i book it tonight"));
        assert!(commitment_cue("ok 3pm ur time i call"));
        assert!(commitment_cue("tomorrow i whatsapp him"));
        assert!(commitment_cue("from now, if mi running late mi text before 6"));
        assert!(commitment_cue("i go come straight from office, 6pm"));
        assert!(commitment_cue("saturday we're eating at that suya spot, on me"));
        assert!(commitment_cue("dinner at bombay brasserie on me this saturday"));
        assert!(commitment_cue("payday moved. it'll be there monday"));
        // Thinking, feeling, a past deed or a habit with no deed named.
        assert!(!commitment_cue("i know tomorrow is a big day"));
        assert!(!commitment_cue("i miss you tonight"));
        assert!(!commitment_cue("i sent it this morning"));
        assert!(!commitment_cue("i go to the gym on mondays"));
        assert!(!commitment_cue("he cheated on me."));
        // Opened and then reported kept.
        let s = run(&[
            ("B", 0.0, "Let me check the flights", &[]),
            ("A", 1.0, "Then I book it tonight", &[Promise]),
            ("A", 120.0, "Booked! Flight LH492, arrives 10:45", &[Promise]),
        ]);
        assert_eq!(s.promises.len(), 1);
        assert_eq!((s.promises[0].outcome, s.promises[0].evidence.as_deref()), (Outcome::Kept, Some("m3")));
    }

    #[test]
    fn a_complaint_that_names_the_day_recalls_the_promise_that_named_it() {
        let s = run(&[
            ("A", 0.0, "I'll transfer the deposit on Thursday evening latest", &[Promise]),
            ("B", 1.0, "ok", &[]),
            ("A", 2.0, "and I'll call your dad on Sunday to greet him", &[Promise]),
            ("B", 3000.0, "The tailor just called me. Nothing arrived. You said Thursday", &[]),
        ]);
        let got: Vec<(&str, Outcome)> = s.promises.iter().map(|p| (p.promise.as_str(), p.outcome)).collect();
        assert!(got.contains(&("m1", Outcome::Broken)), "{got:?}");
        assert!(got.contains(&("m3", Outcome::Open)), "{got:?}");
        assert_eq!(when_named("on thursday evening at 7:30"), vec!["7", "thursday"]);
        assert_eq!(when_named("the 150k and 2 kids"), vec!["2"]);
        // Dialect spellings of "you said" complain as well.
        assert_eq!(broken_cue("andre is 11 o'clock. yuh said 7"), (true, false));
    }

    #[test]
    fn a_deed_counts_only_in_the_clause_it_is_done_in() {
        let made: (&str, f64, &str, &[Behaviour]) = ("B", 0.0, "I'll call the school after golf", &[Promise]);
        let s = run(&[made, ("A", 1.0, "ok", &[]), ("A", 200.0, "Jenny just called — Mason got into the honours programme!!", &[])]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
        let s = run(&[made, ("A", 1.0, "ok", &[]), ("A", 200.0, "Mason's thrilled — you called the school, thank you", &[])]);
        assert_eq!(s.promises[0].outcome, Outcome::Kept);
        assert_eq!(clauses("a — b; c - d").collect::<Vec<_>>(), vec!["a ", " b", " c", "d"]);
    }

    #[test]
    fn a_regret_settles_only_the_promise_it_names() {
        let made: (&str, f64, &str, &[Behaviour]) = ("B", 0.0, "Payday moved. I'll transfer the rent money on Monday", &[Promise]);
        let other = "Talked to Ethan. You were right that I should have checked with you first";
        let s = run(&[made, ("A", 1.0, "ok", &[]), ("B", 300.0, other, &[Accountability])]);
        assert_eq!(s.promises[0].outcome, Outcome::Open);
        let same = "I should have transferred the money on Monday, I'm sorry";
        let s = run(&[made, ("A", 1.0, "ok", &[]), ("B", 3000.0, same, &[Accountability])]);
        assert_eq!(s.promises[0].outcome, Outcome::Broken);
        // Owning up with no words of the deed still breaks it.
        let s = run(&[made, ("A", 1.0, "ok", &[]), ("B", 3000.0, "argh clean forgot, sorry", &[Accountability])]);
        assert_eq!(s.promises[0].outcome, Outcome::Broken);
        assert!(kept_cue("glasses received, thank you"));
    }

    proptest::proptest! {
        /// Any text: the cue readers never panic, and the times named are
        /// only days, noon, midnight or a clock hour from 1 to 12.
        #[test]
        fn times_named_are_days_or_clock_hours(text in "\\PC{0,80}|[a-z0-9 :,.'—;-]{0,80}") {
            let lower = fold(&text);
            for w in when_named(&lower) {
                let hour = w.parse::<u32>().map(|h| (1..=12).contains(&h)).unwrap_or(false);
                let day = w.ends_with("day") || w == "noon" || w == "midnight";
                proptest::prop_assert!(hour || day, "{w:?} from {text:?}");
            }
            let _ = (commitment_cue(&lower), broken_cue(&lower), kept_cue(&lower), clauses(&lower).count());
        }
    }
}
