//! Pauses called in a heated discussion, and whether they were honoured.

use super::*;

/// A pause called with a `boundary` message.
///
/// Rule: a message is a pause call when it carries `boundary` (or the
/// analysis came near labelling it so, as for promises) and its text
/// names a pause (pause/pausing, break, breather, minute(s), hour, calm,
/// cool down, step(ping) away, stop before, come back, "when I'm back",
/// "come find you", "for a bit", "give me 15", "back by 8", pick this up, time out,
/// after dinner, or talk/finish/sort/"call you" … later/tonight/tomorrow/
/// after/at 9/when within the sentence), or defers the talk or names the
/// need to stop ("let's leave it until tomorrow", "sleep on it", "we'll
/// talk properly at lunch", "I'll text you later", "I'm getting heated",
/// "going for a walk", "give me tonight", "I'm not doing this over text",
/// "im not doing this rn. ill call u after my shift", "too cross to
/// continue… we shall discuss it over tea",
/// "let's talk once she's asleep, 10:30");
/// a limit without one ("please don't talk to me like that") is not, and
/// neither is a talk with someone else ("I'll talk to him tonight"). The
/// resume time is read from the text when given ("in 20 minutes", "give me
/// 15", "back in 20", "ten min", "an hour", "at 9", "back by 8", "at 9:30pm", "tonight"
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
    pub(super) pos: usize,
}

pub(super) struct OpenPause {
    pub(super) pause: Pause,
    pub(super) speaker: usize,
}

impl SignalTracker {
    pub(super) fn pauses_step(&mut self, idx: usize, sp: usize, t: &Turn, harmful: bool) {
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
        r"(?i)\b(paus(e|ing)|break|breather|minutes?|mins?|hours?|hr|calm|calmer|cool(ed)? (off|down)|step(ping)? away|stop before|come back|(when|once) i'm back|back (by|at|around|before) \d|come find you|for a (bit|sec|second|moment|minute|while)|give me (\d+|a (few|sec|second|moment|minute))|pick (this|it) up|talk (after|about it after|later)|time ?out|after (dinner|work|lunch)|(talk|finish|continue|sort|discuss|revisit|call (you|u)|text (you|u))\b[^.!?]{0,40}\b(later|tonight|tomorrow|after|at \d+|when|once))\b",
    )
    .is_match(text)
        || re(
            &DEFER,
            r"(?i)\b(sleep on it|try again|before (this|it|things) gets? (worse|ugly|nasty|out of hand)|before (i|we) say something|(getting|too|so) (heated|wound up|worked up|angry|cross|upset|mad)|(go|going|gone|went) for a (walk|drive|run)|phone (off|away|down)|leave it (until|till|til|for now|there|for tonight)|park (this|it)|put a pin in|(until|till|til) (tomorrow|tmrw|tmr|the morning|morning|tonight|later|the weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d)|give me (tonight|today|the (night|evening|weekend)|some (time|space)|a (night|day))|give me a (bit|little|sec|min)|need (a night|tonight|a day|some time|time to (think|cool|calm)|to stop|to cool|a walk)|((can't|cannot|cant) do|not doing) this (rn|right now|now|tonight)|(not|n't) wish to continue|not (doing|having|arguing|deciding|discussing|going to (do|have|decide|discuss))\b[^.!?]{0,40}\b(over|by|via) text|(we'll|we will|we shall|we can|let's|lets|can we|could we|can i|i'll|ill|i will|i shall|and then)\b[^.!?]{0,30}\b(talk|speak|finish|continue|sort|discuss|go over|(call|ring|message|text|msg) (you|u))\b[^.!?]{0,30}\b(tomorrow|tmrw|tmr|tonight|later|lunch|teatime|dinner|breakfast|morning|evening|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|day off|properly|calmly|in person|face to face|then|at \d+|after \d+|when|once|\d{1,2}:\d\d|\d{1,2} ?(am|pm)))\b",
        )
        .is_match(text)
}

pub(super) fn number_word(w: &str) -> Option<f64> {
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
    let at = re(&AT, r"\b(?:at|back by|back around|back before) (\d{1,2})(?:[:.](\d{2}))? ?(am|pm)?\b");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::test_support::run;
    use Behaviour::*;

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
        assert_eq!(resume_time("I'm taking the dog round the block, back by 8", now), Some(now + 3600.0));
        assert!(is_pause_call("I'm going to stop here. going to Rosemary's for coffee, back by 6 and we'll talk"));
        assert!(!is_pause_call("please don't talk to me like that, I mean it"));
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
            // Texting's "u" and "rn", and the formal "shall".
            "im not doing this rn. ill call u after my shift",
            "I am too cross to continue. I am going to take the dog out, and we shall discuss it properly over tea",
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
}
