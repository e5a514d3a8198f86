//! Escalation episodes: runs of heated messages from both partners.

use super::*;

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
///
/// A pause called on the heels of heat confirms a quarrel the window
/// missed: when no episode is open or has just ended, and the 3 messages
/// just before a pause call are all heated, from both speakers, at least
/// one labelled sabotage and at least one only near it, and none
/// `danger`, they form an episode (first to last) with the pause called.
/// The partners' own call ("I'm getting heated, let me stop here") tells
/// what a detector in doubt could not. With labels in no
/// doubt (gold, where nothing is only near) the spec's rule stands alone,
/// and one jab answered and a pause is no quarrel.
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
    pub(super) start_idx: usize,
    #[serde(skip)]
    pub(super) end_idx: usize,
}

impl Escalation {
    /// Position (0-based) of the first and last message in the conversation.
    pub fn range(&self) -> (usize, usize) {
        (self.start_idx, self.end_idx)
    }
}

pub(super) struct WinMsg {
    pub(super) idx: usize,
    pub(super) id: String,
    pub(super) speaker: usize,
    pub(super) sabotage: bool,
    pub(super) heated: bool,
    pub(super) danger: bool,
    pub(super) pos: u32,
    pub(super) neg: u32,
}

pub(super) struct OpenEpisode {
    pub(super) ep: Escalation,
    /// Labels counted after `end` (not yet inside the episode).
    pub(super) tail_pos: u32,
    pub(super) tail_neg: u32,
    pub(super) closed: bool,
}

impl SignalTracker {
    pub(super) fn escalation_step(&mut self, idx: usize, sp: usize, t: &Turn, sabotage: bool, pos: u32, neg: u32) {
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
        // No episode open or just ended: a pause called now may confirm one.
        let confirmed =
            if !qualifies && self.pause_calls.back() == Some(&idx) && self.episode.as_ref().is_none_or(|e| e.ep.end_idx + 2 < idx) {
                self.heat_before_pause(t)
            } else {
                None
            };
        if qualifies {
            let (first_idx, last_idx, last_id) = (sab[0].idx, sab[sab.len() - 1].idx, sab[sab.len() - 1].id.clone());
            let continues = self.episode.as_ref().is_some_and(|e| first_idx <= e.ep.end_idx || !e.closed);
            if !continues {
                let ep = self.new_episode(&sab, t, idx);
                self.finalize_episode();
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
        } else if let Some(ep) = confirmed {
            self.finalize_episode();
            self.episode = Some(OpenEpisode { ep, tail_pos: 0, tail_neg: 0, closed: true });
        } else if let Some(e) = &mut self.episode {
            e.closed = true;
            // No later window can reach back to the episode, and the
            // two-message grace for a pause call is over.
            if idx >= e.ep.end_idx + 4 {
                self.finalize_episode();
            }
        }
    }

    /// A pause called on the heels of heat confirms the quarrel the window
    /// alone did not: the 3 messages before the call (the window less the
    /// call) are heated, from both speakers, one labelled sabotage and one
    /// only near it (see [`Escalation`]).
    fn heat_before_pause(&self, t: &Turn) -> Option<Escalation> {
        // The window less the call itself, its last message.
        let before: Vec<&WinMsg> = self.window.iter().take(self.window.len().saturating_sub(1)).collect();
        let sab: Vec<&WinMsg> = before.iter().copied().filter(|m| m.heated).collect();
        let labelled = sab.iter().filter(|m| m.sabotage).count();
        let first = sab.first()?;
        let both = sab.iter().any(|m| m.speaker != first.speaker);
        // Only where the labels were in doubt: a message came near sabotage.
        let doubt = sab.iter().any(|m| !m.sabotage);
        if !(sab.len() >= 3 && labelled >= 1 && both && doubt) || before.iter().any(|m| m.danger) {
            return None;
        }
        Some(self.new_episode(&sab, t, before[before.len() - 1].idx))
    }

    /// An episode from the first to the last of the `heated` messages,
    /// made an escalation at message `t`, its labels counted over the
    /// window from the first heated message up to message `upto`.
    fn new_episode(&self, heated: &[&WinMsg], t: &Turn, upto: usize) -> Escalation {
        let (first, last) = (heated[0], heated[heated.len() - 1]);
        let (positive, negative) =
            self.window.iter().filter(|m| m.idx >= first.idx && m.idx <= upto).fold((0, 0), |(p, n), m| (p + m.pos, n + m.neg));
        Escalation {
            start: first.id.clone(),
            end: last.id.clone(),
            escalated_by: self.speakers[first.speaker].clone(),
            pause_point: t.id.to_string(),
            pause_called: false,
            messages: 0,
            positive,
            negative,
            start_idx: first.idx,
            end_idx: last.idx,
        }
    }

    pub(super) fn finalize_episode(&mut self) {
        if let Some(e) = self.episode.take() {
            let mut ep = e.ep;
            ep.messages = ep.end_idx - ep.start_idx + 1;
            ep.pause_called = self.pause_calls.iter().any(|&i| i >= ep.start_idx && i <= ep.end_idx + 2);
            self.ep_pos += ep.positive;
            self.ep_neg += ep.negative;
            self.emit_escalation(ep);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::test_support::run;
    use Behaviour::*;

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
    fn a_pause_called_on_the_heels_of_doubtful_heat_confirms_the_quarrel() {
        let pause = "ok I'm getting heated. let me stop here before I say nonsense, we'll talk at 7";
        let run = |msgs: &[(&'static str, &'static str, &'static [Behaviour], &'static [Behaviour])]| {
            let mut t = SignalTracker::new();
            for (i, &(sp, text, labels, near)) in msgs.iter().enumerate() {
                let id = format!("m{}", i + 1);
                t.push(&Turn { id: &id, speaker: sp, time: None, end: None, text, labels, near });
            }
            t.finish().escalations
        };
        // One labelled, two near, both speakers, then the pause: an episode
        // the window rule alone (two labelled) would not make.
        let quarrel: [(&str, &str, &[Behaviour], &[Behaviour]); 3] = [
            ("A", "I said before Friday. Why are you on my neck?", &[], &[Defensiveness]),
            ("B", "Because you always wait till the last minute", &[Judgment], &[]),
            ("A", "Ehn, so I'm now the problem?", &[], &[Defensiveness]),
        ];
        let then = |more: &[(&'static str, &'static str, &'static [Behaviour], &'static [Behaviour])]| {
            run(&quarrel.iter().chain(more).copied().collect::<Vec<_>>())
        };
        let e = then(&[("B", pause, &[Boundary], &[])]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].start.as_str(), e[0].end.as_str(), e[0].pause_called), ("m1", "m3", true));
        // Without the pause, or with a calm message before it, no episode.
        assert!(then(&[("B", "ok", &[], &[])]).is_empty());
        assert!(then(&[("B", "So you want to be thanked forever? Wow.", &[], &[]), ("A", pause, &[Boundary], &[])]).is_empty());
        // One jab answered and a pause is no quarrel.
        assert!(run(&[
            ("A", "x", &[], &[]),
            ("B", "You always find a reason not to have any fun", &[Judgment], &[]),
            ("A", "That's not fair", &[], &[]),
            ("B", pause, &[Boundary], &[]),
        ])
        .is_empty());
        // Two heated messages are too few, and heat from one speaker is none.
        assert!(run(&[
            ("A", "fine", &[], &[]),
            ("B", "you're only telling me now?", &[Judgment], &[]),
            ("A", "it was offered yesterday", &[], &[Defensiveness]),
            ("B", pause, &[Boundary], &[]),
        ])
        .is_empty());
        assert!(run(&[
            ("A", "you never help", &[Judgment], &[]),
            ("A", "and you're late", &[], &[Judgment]),
            ("A", "typical", &[], &[Sarcasm]),
            ("B", pause, &[Boundary], &[]),
        ])
        .is_empty());
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
}
