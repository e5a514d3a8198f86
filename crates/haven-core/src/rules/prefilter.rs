//! A literal prefilter for the rule patterns.
//!
//! Most messages match few of the patterns. Instead of running one big
//! automaton over all of them, every pattern is reduced to the literals any
//! of its matches must contain: a conjunction of clauses, each clause a set
//! of strings one of which must occur (`you are (?:so )?(?:lazy|rude)` needs
//! "you are" and one of "lazy", "rude"). A pattern whose top level is an
//! alternation gets such a conjunction per alternative. One Aho-Corasick
//! automaton finds all these literals in a message; only the patterns with
//! an alternative whose every clause was seen can match, and only their
//! regexes run.
//!
//! Literals remember the word boundaries around them (`\bhi\b` is the word
//! "hi", not the "hi" in "this"), checked on each hit.
//!
//! The literals are derived from the parsed pattern (the same parser the
//! regex engine uses), so the prefilter never drops a pattern that matches:
//! a clause is only kept when every string the pattern matches provably
//! contains one of its members. Patterns without any such literal always run.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Largest finite set of strings tracked for a sub-expression.
const MAX_SET: usize = 64;
/// Most clauses kept per alternative (the most selective ones).
const MAX_CLAUSES: usize = 4;
/// Most alternatives a pattern is split into.
const MAX_ALTS: usize = 32;

/// Markers for look-around assertions inside the strings of the analysis.
const WORD_BOUNDARY: u8 = 1;
const TEXT_START: u8 = 2;
const TEXT_END: u8 = 3;

/// Strings as the analysis sees them: bytes, with markers where an
/// assertion must hold.
type Strs = Vec<Vec<u8>>;

/// What must hold just before (or after) a literal's occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Edge {
    Any,
    /// A non-word byte or the edge of the text.
    NonWord,
    /// A word byte.
    Word,
    /// The edge of the text.
    Text,
}

/// A literal to find, with its required surroundings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Lit {
    bytes: Vec<u8>,
    before: Edge,
    after: Edge,
}

/// A set of literals one of which must occur, with its estimated chance
/// of occurring in a message (see [`rarity`]).
#[derive(Debug, Clone)]
struct Clause {
    lits: Vec<Lit>,
    cost: f64,
}

impl Clause {
    fn new(lits: Vec<Lit>) -> Clause {
        let cost = clause_cost(&lits);
        Clause { lits, cost }
    }
}

impl PartialEq for Clause {
    fn eq(&self, other: &Self) -> bool {
        self.lits == other.lits
    }
}

/// Clauses kept per sub-expression while analysing (the most selective).
const MAX_KEEP: usize = 8;

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_marker(b: u8) -> bool {
    matches!(b, WORD_BOUNDARY | TEXT_START | TEXT_END)
}

/// Turn an analysed string into a literal: markers at its ends become edge
/// conditions, markers inside are dropped (a weaker, still valid, claim).
/// `None` for a string that is only markers: it proves nothing.
fn finalize(s: &[u8]) -> Option<Lit> {
    let lead = s.iter().take_while(|b| is_marker(**b)).count();
    if lead == s.len() {
        return None;
    }
    let trail = s.iter().rev().take_while(|b| is_marker(**b)).count();
    let bytes: Vec<u8> = s[lead..s.len() - trail].iter().copied().filter(|b| !is_marker(*b)).collect();
    let edge = |markers: &[u8], next: u8| {
        if markers.contains(&TEXT_START) || markers.contains(&TEXT_END) {
            Edge::Text
        } else if markers.contains(&WORD_BOUNDARY) {
            // At a boundary the neighbour is of the other kind.
            if is_word(next) {
                Edge::NonWord
            } else {
                Edge::Word
            }
        } else {
            Edge::Any
        }
    };
    let before = edge(&s[..lead], bytes[0]);
    let after = edge(&s[s.len() - trail..], bytes[bytes.len() - 1]);
    Some(Lit { bytes, before, after })
}

/// Does the edge condition `want` hold at a position of `have` where the
/// neighbouring byte is `neighbour` (`None`: the edge of `have` itself, whose
/// own condition is `have_edge`)?
fn edge_holds(want: Edge, neighbour: Option<u8>, have_edge: Edge) -> bool {
    match (want, neighbour) {
        (Edge::Any, _) => true,
        (Edge::NonWord, Some(b)) => !is_word(b),
        (Edge::Word, Some(b)) => is_word(b),
        (Edge::Text, Some(_)) => false,
        (Edge::NonWord, None) => matches!(have_edge, Edge::NonWord | Edge::Text),
        (Edge::Word, None) => have_edge == Edge::Word,
        (Edge::Text, None) => have_edge == Edge::Text,
    }
}

/// Does every occurrence of `b` contain an occurrence of `a`?
fn implies(b: &Lit, a: &Lit) -> bool {
    let (n, m) = (a.bytes.len(), b.bytes.len());
    n <= m
        && (0..=m - n).any(|k| {
            b.bytes[k..k + n] == a.bytes[..]
                && edge_holds(a.before, k.checked_sub(1).map(|i| b.bytes[i]), b.before)
                && edge_holds(a.after, b.bytes.get(k + n).copied(), b.after)
        })
}

/// Finalise a clause. `None` when it proves nothing.
fn clause(strs: &[Vec<u8>]) -> Option<Clause> {
    let mut lits = Vec::with_capacity(strs.len());
    for s in strs {
        lits.push(finalize(s)?);
    }
    lits.sort();
    lits.dedup();
    Some(Clause::new(lits))
}

/// Drop the members of a clause implied by another member.
fn minimise(mut lits: Vec<Lit>) -> Vec<Lit> {
    lits.sort_by(|a, b| a.bytes.len().cmp(&b.bytes.len()).then(a.cmp(b)));
    let mut out: Vec<Lit> = Vec::with_capacity(lits.len());
    for l in lits {
        if !out.iter().any(|k| implies(&l, k)) {
            out.push(l);
        }
    }
    out
}

fn product(a: &Strs, b: &Strs) -> Option<Strs> {
    if a.len().saturating_mul(b.len()) > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}

fn union(a: &Option<Strs>, b: &Option<Strs>) -> Option<Strs> {
    match (a, b) {
        (Some(a), Some(b)) if a.len() + b.len() <= MAX_SET => {
            let mut u = a.clone();
            u.extend(b.iter().cloned());
            u.sort();
            u.dedup();
            Some(u)
        }
        _ => None,
    }
}

/// Words so frequent in messages that requiring them prunes little.
const COMMON: &[&str] = &[
    "you", "i", "me", "my", "a", "an", "the", "to", "is", "are", "not", "do", "it", "that", "and", "so", "of", "in", "on", "for", "be",
    "this", "what", "just", "your", "we", "am", "have", "was", "with", "all", "at", "no", "can", "like", "but", "if", "about", "how",
    "why", "really", "get", "go", "know", "want", "will", "again", "one", "there", "when", "now", "did", "or", "out", "up", "time", "even",
    "then", "us", "he", "she", "they", "would", "been", "need", "feel", "love", "sorry", "here", "from", "too", "ok", "yes", "oh",
];

/// Is `w` one of [`COMMON`]? A set: this runs for every word of every
/// candidate literal while the prefilter is built, which is most of
/// start-up.
fn is_common(w: &[u8]) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static [u8]>> = std::sync::OnceLock::new();
    SET.get_or_init(|| COMMON.iter().map(|c| c.as_bytes()).collect()).contains(w)
}

/// Estimated chance that a literal occurs in a message (lower is better).
fn rarity(l: &Lit) -> f64 {
    let b = &l.bytes[..];
    let first = b.iter().position(|c| !c.is_ascii_whitespace());
    let last = b.iter().rposition(|c| !c.is_ascii_whitespace());
    let (Some(first), Some(last)) = (first, last) else { return 1.0 };
    let t = &b[first..=last];
    let whole_start = l.before != Edge::Any || first > 0 || !is_word(t[0]);
    let whole_end = l.after != Edge::Any || last + 1 < b.len() || !is_word(t[t.len() - 1]);
    let n = t.split(|c| *c == b' ').count();
    // A phrase is at most as likely as its rarest word, and rarer for each
    // word around it.
    let mut p: f64 = 1.0;
    for (i, w) in t.split(|c| *c == b' ').enumerate() {
        let whole = (i > 0 || whole_start) && (i + 1 < n || whole_end);
        let q = if is_common(w) || !w.iter().any(|c| is_word(*c)) {
            0.3
        } else {
            match w.len() {
                0 => 1.0,
                1 => 0.1,
                2 => 0.05,
                3 => 0.02,
                4 => 0.01,
                _ => 0.005,
            }
        };
        // A piece of a word also occurs inside other words.
        let q: f64 = if whole { q } else { (q * (1.0 + 8.0 / w.len() as f64)).min(1.0) };
        p = p.min(q);
    }
    p * 0.5f64.powi(n as i32 - 1)
}

/// Estimated chance that some member of the clause occurs.
fn clause_cost(c: &[Lit]) -> f64 {
    1.0 - c.iter().map(|l| 1.0 - rarity(l)).product::<f64>() + 0.0002 * c.len() as f64
}

/// What a sub-expression says about the strings it matches.
struct Info {
    /// Every string it can match, when there are few.
    exact: Option<Strs>,
    /// Every match starts with one of these (see [`Info::prefix`]).
    prefix: Option<Strs>,
    /// Every match ends with one of these (see [`Info::suffix`]).
    suffix: Option<Strs>,
    /// Clauses: each match contains a member of every clause.
    req: Vec<Clause>,
}

impl Info {
    /// A sub-expression with known strings. Its clause (one of the strings)
    /// is only made when asked for: most are folded into longer ones.
    fn exact(e: Strs) -> Info {
        Info { prefix: None, suffix: None, exact: Some(e), req: Vec::new() }
    }

    /// Every match starts with one of these.
    fn prefix(&self) -> Option<&Strs> {
        self.exact.as_ref().or(self.prefix.as_ref())
    }

    /// Every match ends with one of these.
    fn suffix(&self) -> Option<&Strs> {
        self.exact.as_ref().or(self.suffix.as_ref())
    }

    /// All clauses, the exact strings' included.
    fn clauses(&self) -> Vec<Clause> {
        let mut req = self.req.clone();
        if let Some(e) = &self.exact {
            push_clause(&mut req, e);
        }
        req
    }
}

fn push_clause(req: &mut Vec<Clause>, strs: &[Vec<u8>]) {
    if let Some(c) = clause(strs) {
        push_final(req, c);
    }
}

fn push_final(req: &mut Vec<Clause>, c: Clause) {
    if !c.lits.is_empty() && !req.contains(&c) {
        req.push(c);
    }
}

/// Keep the most selective clauses only: the analysis stays small, and the
/// others would not be selected anyway.
fn keep_best(req: &mut Vec<Clause>) {
    req.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.lits.len().cmp(&b.lits.len())));
    req.truncate(MAX_KEEP);
}

fn analyse(h: &Hir) -> Info {
    match h.kind() {
        HirKind::Empty => Info::exact(vec![Vec::new()]),
        HirKind::Look(look) => Info::exact(vec![match look {
            Look::WordAscii => vec![WORD_BOUNDARY],
            Look::Start => vec![TEXT_START],
            Look::End => vec![TEXT_END],
            _ => Vec::new(),
        }]),
        HirKind::Literal(l) => {
            assert!(!l.0.iter().any(|b| is_marker(*b)), "rule patterns do not match control bytes");
            Info::exact(vec![l.0.to_vec()])
        }
        HirKind::Class(c) => match class_strings(c) {
            Some(e) => Info::exact(e),
            None => Info { exact: None, prefix: None, suffix: None, req: Vec::new() },
        },
        HirKind::Capture(c) => analyse(&c.sub),
        HirKind::Repetition(r) => {
            let sub = analyse(&r.sub);
            if r.min == 0 {
                return match (&sub.exact, r.max) {
                    (Some(e), Some(1)) => {
                        let mut e = e.clone();
                        e.push(Vec::new());
                        Info::exact(e)
                    }
                    _ => Info { exact: None, prefix: None, suffix: None, req: Vec::new() },
                };
            }
            if let (Some(e), Some(max)) = (&sub.exact, r.max) {
                if max == r.min {
                    let mut acc = Some(vec![Vec::new()]);
                    for _ in 0..r.min {
                        acc = acc.and_then(|a| product(&a, e));
                    }
                    if let Some(acc) = acc {
                        return Info::exact(acc);
                    }
                }
            }
            // The first copy starts the match, the last one ends it.
            let req = sub.clauses();
            Info { exact: None, prefix: sub.prefix().cloned(), suffix: sub.suffix().cloned(), req }
        }
        HirKind::Concat(subs) => {
            let infos: Vec<Info> = subs.iter().map(analyse).collect();
            concat(&infos.iter().collect::<Vec<_>>())
        }
        HirKind::Alternation(subs) => {
            let infos: Vec<Info> = subs.iter().map(analyse).collect();
            let mut exact = Some(Vec::new());
            let mut prefix = Some(Vec::new());
            let mut suffix = Some(Vec::new());
            for i in &infos {
                exact = union(&exact, &i.exact);
                prefix = union(&prefix, &i.prefix().cloned());
                suffix = union(&suffix, &i.suffix().cloned());
            }
            if let Some(e) = exact {
                return Info::exact(e);
            }
            let mut req = Vec::new();
            if let Some(p) = &prefix {
                push_clause(&mut req, p);
            }
            if let Some(s) = &suffix {
                push_clause(&mut req, s);
            }
            // Each branch proves its best clause; together they prove their
            // union.
            let mut all: Option<Vec<Lit>> = Some(Vec::new());
            for i in &infos {
                all = match (all, best_clause(&i.clauses())) {
                    (Some(mut u), Some(c)) => {
                        u.extend(c.lits.iter().cloned());
                        Some(u)
                    }
                    _ => None,
                };
            }
            if let Some(mut u) = all {
                u.sort();
                u.dedup();
                push_final(&mut req, Clause::new(u));
            }
            keep_best(&mut req);
            Info { exact: None, prefix, suffix, req }
        }
    }
}

fn best_clause(req: &[Clause]) -> Option<Clause> {
    req.iter().min_by(|a, b| a.cost.total_cmp(&b.cost)).cloned()
}

/// The concatenation of sub-expressions.
fn concat(infos: &[&Info]) -> Info {
    // The parts' clauses; those of exact parts are implied by the runs'.
    let mut req = Vec::new();
    for info in infos {
        for c in &info.req {
            push_final(&mut req, c.clone());
        }
    }
    // Runs of adjacent sub-expressions with known strings (plus the known
    // ends of their neighbours): their products are longer, rarer literals.
    let mut run: Option<Strs> = None;
    for info in infos {
        match &info.exact {
            Some(e) => {
                run = match run.take() {
                    None => Some(e.clone()),
                    Some(r) => match product(&r, e) {
                        Some(p) => Some(p),
                        None => {
                            push_clause(&mut req, &r);
                            Some(e.clone())
                        }
                    },
                };
            }
            None => {
                if let Some(r) = run.take() {
                    match info.prefix().and_then(|p| product(&r, p)) {
                        Some(p) => push_clause(&mut req, &p),
                        None => push_clause(&mut req, &r),
                    }
                }
                run = info.suffix().cloned();
            }
        }
    }
    if let Some(r) = run.take() {
        push_clause(&mut req, &r);
    }
    let mut exact = Some(vec![Vec::new()]);
    for info in infos {
        exact = match (&exact, &info.exact) {
            (Some(a), Some(b)) => product(a, b),
            _ => None,
        };
    }
    if let Some(e) = exact {
        return Info::exact(e);
    }
    keep_best(&mut req);
    Info {
        exact: None,
        prefix: ends(infos.iter().copied(), Info::prefix, false),
        suffix: ends(infos.iter().rev().copied(), Info::suffix, true),
        req,
    }
}

/// The known start (or end, walking backwards) of a concatenation: the
/// product of its exact parts up to the first inexact one and that one's own
/// start.
fn ends<'a>(infos: impl Iterator<Item = &'a Info>, side: impl Fn(&Info) -> Option<&Strs>, backwards: bool) -> Option<Strs> {
    let mut acc: Strs = vec![Vec::new()];
    let join = |a: &Strs, b: &Strs| if backwards { product(b, a) } else { product(a, b) };
    for info in infos {
        match &info.exact {
            Some(e) => match join(&acc, e) {
                Some(p) => acc = p,
                None => break,
            },
            None => {
                if let Some(p) = side(info).and_then(|s| join(&acc, s)) {
                    acc = p;
                }
                break;
            }
        }
    }
    Some(acc)
}

/// The pattern as a union of alternatives, each analysed on its own: a
/// match of the pattern is a match of one of them, so the pattern may match
/// only when all clauses of one alternative are seen. Alternations of plain
/// strings stay whole (they make a clause already).
fn alternatives(h: &Hir) -> Vec<Info> {
    match h.kind() {
        HirKind::Capture(c) => alternatives(&c.sub),
        HirKind::Alternation(subs) => {
            let mut out = Vec::new();
            for s in subs {
                out.extend(alternatives(s));
                if out.len() > MAX_ALTS {
                    return vec![analyse(h)];
                }
            }
            // Plain strings stay one set.
            let mut exact = Some(Vec::new());
            for i in &out {
                exact = union(&exact, &i.exact);
            }
            match exact {
                Some(e) => vec![Info::exact(e)],
                None => out,
            }
        }
        HirKind::Concat(subs) => {
            let mut n = 1;
            let parts: Vec<Vec<Info>> = subs
                .iter()
                .map(|s| {
                    let a = alternatives(s);
                    if n * a.len() <= MAX_ALTS {
                        n *= a.len();
                        a
                    } else {
                        vec![analyse(s)]
                    }
                })
                .collect();
            let mut combos: Vec<Vec<&Info>> = vec![Vec::new()];
            for part in &parts {
                combos = combos.iter().flat_map(|c| part.iter().map(move |i| c.iter().copied().chain([i]).collect())).collect();
            }
            combos.iter().map(|c| concat(c)).collect()
        }
        _ => vec![analyse(h)],
    }
}

fn class_strings(c: &Class) -> Option<Strs> {
    let mut out = Vec::new();
    match c {
        Class::Unicode(u) => {
            for r in u.ranges() {
                for ch in r.start()..=r.end() {
                    if out.len() >= 8 {
                        return None;
                    }
                    out.push(ch.to_string().into_bytes());
                }
            }
        }
        Class::Bytes(b) => {
            for r in b.ranges() {
                for byte in r.start()..=r.end() {
                    if out.len() >= 8 {
                        return None;
                    }
                    out.push(vec![byte]);
                }
            }
        }
    }
    if out.iter().any(|s| s.iter().any(|b| is_marker(*b))) {
        return None;
    }
    Some(out)
}

/// Keep the most selective clause, and others while they still prune.
fn select(mut req: Vec<Clause>) -> Vec<Vec<Lit>> {
    keep_best(&mut req);
    let mut out: Vec<Clause> = Vec::new();
    for c in req {
        let c = Clause::new(minimise(c.lits));
        // A clause whose every member implies a member of `c` makes `c`
        // redundant.
        let redundant = out.iter().any(|k| k.lits.iter().all(|l| c.lits.iter().any(|m| implies(l, m))));
        if out.is_empty() || (out.len() < MAX_CLAUSES && c.cost < 0.7 && !redundant) {
            out.push(c);
        }
    }
    out.into_iter().map(|c| c.lits).collect()
}

/// The clauses of each alternative of a pattern, most selective first. An
/// alternative without clauses means the pattern always runs.
fn clauses(pattern: &str) -> Vec<Vec<Vec<Lit>>> {
    let hir = regex_syntax::Parser::new().parse(pattern).unwrap_or_else(|e| panic!("bad rule pattern {pattern}: {e}"));
    alternatives(&hir).into_iter().map(|a| select(a.clauses())).collect()
}

/// One literal's part in an alternative: which entry, which clause bit, and
/// the surroundings it needs.
#[derive(Debug, Clone, Copy)]
struct Owner {
    entry: u32,
    bit: u32,
    before: Edge,
    after: Edge,
}

/// The prefilter over all patterns.
pub(crate) struct Prefilter {
    ac: AhoCorasick,
    /// For each distinct literal byte string: where it counts.
    owners: Vec<Vec<Owner>>,
    /// For each entry (one alternative of a pattern): its pattern and the
    /// bits of all its clauses.
    entries: Vec<(u32, u32)>,
    /// Patterns that always run.
    always: Vec<u32>,
}

/// Per-message state of the prefilter, reused between messages.
#[derive(Default)]
pub(crate) struct Scratch {
    seen: Vec<u32>,
    touched: Vec<u32>,
    /// The candidate patterns of the last message, in index order.
    pub candidates: Vec<u32>,
}

impl Prefilter {
    pub fn new(patterns: &[String]) -> Prefilter {
        let mut lits: Vec<Vec<u8>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut owners: Vec<Vec<Owner>> = Vec::new();
        let mut entries = Vec::new();
        let mut always = Vec::new();
        for (pi, p) in patterns.iter().enumerate() {
            let alts = clauses(p);
            if alts.iter().any(|a| a.is_empty()) {
                always.push(pi as u32);
                continue;
            }
            for cl in alts {
                let entry = entries.len() as u32;
                entries.push((pi as u32, (1u32 << cl.len()) - 1));
                for (ci, clause) in cl.iter().enumerate() {
                    for lit in clause {
                        let id = *index.entry(lit.bytes.clone()).or_insert_with(|| {
                            lits.push(lit.bytes.clone());
                            owners.push(Vec::new());
                            lits.len() - 1
                        });
                        owners[id].push(Owner { entry, bit: 1 << ci, before: lit.before, after: lit.after });
                    }
                }
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // Far smaller than the DFA (a few MB less to keep in cache),
            // and faster on short messages.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&lits)
            .expect("prefilter literals compile");
        Prefilter { ac, owners, entries, always }
    }

    /// Fill `s.candidates` with the patterns that may match `text`, in
    /// index order.
    pub fn candidates(&self, text: &str, s: &mut Scratch) {
        if s.seen.len() != self.entries.len() {
            s.seen = vec![0; self.entries.len()];
        }
        s.touched.clear();
        let bytes = text.as_bytes();
        for m in self.ac.find_overlapping_iter(text) {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            for o in &self.owners[m.pattern().as_usize()] {
                if !edge_holds(o.before, before, Edge::Text) || !edge_holds(o.after, after, Edge::Text) {
                    continue;
                }
                let seen = &mut s.seen[o.entry as usize];
                if *seen == 0 {
                    s.touched.push(o.entry);
                }
                *seen |= o.bit;
            }
        }
        s.candidates.clear();
        s.candidates.extend_from_slice(&self.always);
        for &e in &s.touched {
            let (p, full) = self.entries[e as usize];
            if s.seen[e as usize] == full {
                s.candidates.push(p);
            }
            s.seen[e as usize] = 0;
        }
        s.candidates.sort_unstable();
        s.candidates.dedup();
    }

    #[cfg(test)]
    pub fn literal_count(&self) -> usize {
        self.owners.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn show(alts: &[Vec<Vec<Lit>>]) -> Vec<Vec<Vec<String>>> {
        alts.iter()
            .map(|a| {
                a.iter()
                    .map(|c| {
                        c.iter()
                            .map(|l| {
                                let b = match l.before {
                                    Edge::Any => "",
                                    Edge::NonWord => "<",
                                    Edge::Word => "~",
                                    Edge::Text => "^",
                                };
                                let e = match l.after {
                                    Edge::Any => "",
                                    Edge::NonWord => ">",
                                    Edge::Word => "~",
                                    Edge::Text => "$",
                                };
                                format!("{b}{}{e}", String::from_utf8_lossy(&l.bytes))
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn clauses_are_required_literals() {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let c = show(&clauses(r"you are (?:so )?(?:lazy|rude)"));
        assert_eq!(c, vec![vec![v(&["you are lazy", "you are rude", "you are so lazy", "you are so rude"])]]);
        let c = show(&clauses(r"you are (?:\w+ )?(?:lazy|rude)"));
        assert_eq!(c, vec![vec![v(&["lazy", "rude"]), v(&["you are "])]]);
        assert!(clauses(r"\w+")[0].is_empty());
        assert!(clauses(r"(?:you)?")[0].is_empty());
        // Alternatives are filtered on their own.
        let c = show(&clauses(r"(?:x+yyyy|z+wwww)"));
        assert_eq!(c, vec![vec![v(&["xyyyy"])], vec![v(&["zwwww"])]]);
        // Word boundaries become conditions on the neighbours.
        let c = show(&clauses(r"(?:^|(?-u:\b)| )(?:hi|hey)(?:(?-u:\b)|$| )"));
        assert_eq!(c, vec![vec![v(&["<hi>", "<hey>"])]]);
        let c = show(&clauses(r"(?-u:\b)aw+ no"));
        assert_eq!(c, vec![vec![v(&["<aw"]), v(&["w no"])]]);
    }

    #[test]
    fn implication_respects_edges() {
        let l = |s: &str, before, after| Lit { bytes: s.as_bytes().to_vec(), before, after };
        assert!(implies(&l(" hi", Edge::Any, Edge::Any), &l("hi", Edge::NonWord, Edge::Any)));
        assert!(!implies(&l("this", Edge::Any, Edge::Any), &l("hi", Edge::NonWord, Edge::Any)));
        assert!(implies(&l("hi", Edge::Text, Edge::Any), &l("hi", Edge::NonWord, Edge::Any)));
        assert!(!implies(&l("hi", Edge::NonWord, Edge::Any), &l("hi", Edge::Text, Edge::Any)));
    }

    #[test]
    fn prefilter_checks_edges() {
        let p = Prefilter::new(&[r"(?-u:\b)hi(?-u:\b)".to_string(), r"this".to_string()]);
        let mut s = Scratch::default();
        p.candidates("and this", &mut s);
        assert_eq!(s.candidates, vec![1]);
        p.candidates("hi, this", &mut s);
        assert_eq!(s.candidates, vec![0, 1]);
    }
}
