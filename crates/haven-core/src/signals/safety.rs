//! The safety index per partner and day (and week), and the
//! positive-to-negative ratio beside Gottman's.

use super::*;

/// Gottman's ratio of positive to negative interactions during conflict in
/// couples who stayed together.
pub const STABLE_RATIO: f64 = 5.0;
/// The ratio that characterised couples who later split.
pub const SPLIT_RATIO: f64 = 0.8;

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
    pub(super) day_number: Option<i64>,
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
pub(super) fn weekly(days: &[SafetyPoint]) -> Vec<SafetyWeek> {
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
    pub(super) fn new(positive: u32, negative: u32) -> Self {
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

pub(super) struct DayAcc {
    pub(super) any: bool,
    pub(super) day: Option<i64>,
    pub(super) b: u32,
    pub(super) s: u32,
    pub(super) d: u32,
}

impl SignalTracker {
    pub(super) fn day_of(&self, time: Option<f64>) -> Option<i64> {
        time.map(|x| (x / 86_400.0).floor() as i64)
    }

    pub(super) fn safety(&mut self, sp: usize, time: Option<f64>, b: u32, s: u32, d: u32) {
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

    pub(super) fn flush_day(&mut self, sp: usize) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::test_support::run;
    use Behaviour::*;

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
}
