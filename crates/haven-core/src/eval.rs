//! Detection metrics: per-behaviour precision, recall and F1, micro and macro
//! F1, the binary "any sabotage or danger" F1 and danger recall.

use crate::taxonomy::Behaviour;
use serde::Serialize;

/// Counts for one behaviour.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
    pub fn support(&self) -> u32 {
        self.tp + self.fn_
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Accumulates gold and predicted label sets.
#[derive(Debug, Clone, Default)]
pub struct Scoreboard {
    pub per: [Counts; 22],
    pub binary: Counts,
    pub messages: u32,
}

/// One behaviour's row in a report.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub behaviour: Behaviour,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: u32,
}

/// The summary `haven eval` prints.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub messages: u32,
    pub behaviours: Vec<Row>,
    pub micro_f1: f64,
    /// Mean F1 over behaviours with gold support.
    pub macro_f1: f64,
    pub binary_f1: f64,
    pub binary_precision: f64,
    pub binary_recall: f64,
    pub danger_recall: f64,
}

impl Scoreboard {
    /// Add one message. `scope` limits which behaviours are scored (for data
    /// annotated for only some behaviours); `None` scores all.
    pub fn add(&mut self, gold: &[Behaviour], pred: &[Behaviour], scope: Option<&[Behaviour]>) {
        self.messages += 1;
        for b in Behaviour::ALL {
            if scope.is_some_and(|s| !s.contains(&b)) {
                continue;
            }
            let (g, p) = (gold.contains(&b), pred.contains(&b));
            let c = &mut self.per[b.index()];
            match (g, p) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                _ => {}
            }
        }
        let neg = |v: &[Behaviour]| v.iter().any(|b| b.is_sabotage() || *b == Behaviour::Danger);
        // The binary task is only meaningful when every sabotage id was annotated.
        if scope.is_none() {
            match (neg(gold), neg(pred)) {
                (true, true) => self.binary.tp += 1,
                (false, true) => self.binary.fp += 1,
                (true, false) => self.binary.fn_ += 1,
                _ => {}
            }
        }
    }

    pub fn report(&self) -> Report {
        let mut micro = Counts::default();
        let mut rows = Vec::new();
        for b in Behaviour::ALL {
            let c = self.per[b.index()];
            micro.tp += c.tp;
            micro.fp += c.fp;
            micro.fn_ += c.fn_;
            rows.push(Row { behaviour: b, precision: c.precision(), recall: c.recall(), f1: c.f1(), support: c.support() });
        }
        let supported: Vec<&Row> = rows.iter().filter(|r| r.support > 0).collect();
        let macro_f1 = if supported.is_empty() { 0.0 } else { supported.iter().map(|r| r.f1).sum::<f64>() / supported.len() as f64 };
        Report {
            messages: self.messages,
            micro_f1: micro.f1(),
            macro_f1,
            binary_f1: self.binary.f1(),
            binary_precision: self.binary.precision(),
            binary_recall: self.binary.recall(),
            danger_recall: self.per[Behaviour::Danger.index()].recall(),
            behaviours: rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Behaviour::*;

    #[test]
    fn counts_and_f1() {
        let mut s = Scoreboard::default();
        s.add(&[Sarcasm], &[Sarcasm], None);
        s.add(&[Sarcasm], &[], None);
        s.add(&[], &[Sarcasm, Warmth], None);
        s.add(&[Danger], &[Danger], None);
        let r = s.report();
        let sar = &r.behaviours[Sarcasm.index()];
        assert_eq!(sar.support, 2);
        assert!((sar.precision - 0.5).abs() < 1e-9);
        assert!((sar.recall - 0.5).abs() < 1e-9);
        assert_eq!(r.danger_recall, 1.0);
        // Binary: gold negative in msgs 1,2,4; predicted in 1,3,4.
        assert!((r.binary_f1 - 2.0 / 3.0).abs() < 1e-9);
        // Macro over behaviours with support: sarcasm 0.5 and danger 1.0.
        assert!((r.macro_f1 - 0.75).abs() < 1e-9);
    }

    #[test]
    fn scope_limits_scoring() {
        let mut s = Scoreboard::default();
        s.add(&[Curiosity], &[Curiosity, Sarcasm], Some(&[Curiosity]));
        let r = s.report();
        assert_eq!(r.behaviours[Sarcasm.index()].precision, 0.0);
        assert_eq!(s.per[Sarcasm.index()], Counts::default());
        assert_eq!(s.binary, Counts::default());
    }
}
