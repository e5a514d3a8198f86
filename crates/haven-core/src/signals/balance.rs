//! Turns, words, questions, response times and interruptions per partner.

use super::*;

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
    pub(super) response_total: f64,
}

impl SignalTracker {
    pub(super) fn balance(&mut self, sp: usize, t: &Turn, b: u32, s: u32, d: u32) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
