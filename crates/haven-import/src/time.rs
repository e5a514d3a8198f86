//! Times: the local zone from `TZ`, RFC 3339 output, flexible input parsing
//! and transcript seconds.

use std::cell::RefCell;

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

use crate::error::{ErrorKind, ImportError, Location};

thread_local! {
    static TZ_OVERRIDE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Run `f` with the local time zone taken from `tz` instead of the `TZ`
/// environment variable, on this thread only. Meant for tests and
/// embedders that must not touch the process environment.
pub fn with_time_zone<T>(tz: &str, f: impl FnOnce() -> T) -> T {
    struct Reset(Option<String>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let old = self.0.take();
            TZ_OVERRIDE.with(|o| *o.borrow_mut() = old);
        }
    }
    let old = TZ_OVERRIDE.with(|o| o.borrow_mut().replace(tz.to_string()));
    let _reset = Reset(old);
    f()
}

/// The zone that wall-clock times without an offset are taken in.
pub(crate) struct LocalZone {
    tz: TimeZone,
    /// (year, month, day, hour) → offset in seconds, for the last lookup.
    cache: Option<((i16, i8, i8, i8), i32)>,
}

impl LocalZone {
    /// The zone named by `TZ` (or the thread override); UTC when unset.
    pub(crate) fn from_env(file: &str) -> Result<LocalZone, ImportError> {
        let name = TZ_OVERRIDE.with(|o| o.borrow().clone()).or_else(|| std::env::var("TZ").ok()).unwrap_or_default();
        let name = name.trim();
        let tz = if name.is_empty() || name == "UTC" || name == ":UTC" {
            TimeZone::UTC
        } else {
            let bare = name.strip_prefix(':').unwrap_or(name);
            TimeZone::get(bare)
                .or_else(|_| TimeZone::posix(bare))
                .or_else(|e| {
                    if bare.starts_with('/') {
                        std::fs::read(bare).map_err(|_| e).and_then(|data| TimeZone::tzif(bare, &data))
                    } else {
                        Err(e)
                    }
                })
                .map_err(|_| {
                    ImportError::new(
                        ErrorKind::TimeZone,
                        file,
                        Location::Whole,
                        format!("the TZ environment variable names an unknown time zone {name:?}"),
                        "an IANA zone name such as Europe/Berlin, or a POSIX TZ string",
                        "set TZ to a valid zone (or unset it for UTC)",
                    )
                })?
        };
        Ok(LocalZone { tz, cache: None })
    }

    /// A zone fixed to UTC.
    #[cfg(test)]
    pub(crate) fn utc() -> LocalZone {
        LocalZone { tz: TimeZone::UTC, cache: None }
    }

    /// Format a wall-clock time in this zone as RFC 3339; `None` when the
    /// date or time does not exist in the calendar.
    pub(crate) fn local(&mut self, y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<String> {
        let (yy, mm, dd, hh) = (i16::try_from(y).ok()?, i8::try_from(mo).ok()?, i8::try_from(d).ok()?, i8::try_from(h).ok()?);
        let key = (yy, mm, dd, hh);
        let offset = match self.cache {
            Some((k, off)) if k == key && mi < 60 && s < 60 => off,
            _ => {
                let dt = DateTime::new(yy, mm, dd, hh, i8::try_from(mi).ok()?, i8::try_from(s).ok()?, 0).ok()?;
                let ts = self.tz.to_ambiguous_timestamp(dt).compatible().ok()?;
                let off = self.tz.to_offset(ts).seconds();
                // Only cache whole hours that are not split by a transition.
                self.cache = Some((key, off));
                off
            }
        };
        let mut out = String::with_capacity(25);
        push_rfc3339(&mut out, y, mo, d, h, mi, s, offset);
        Some(out)
    }

    /// Format an absolute instant (Unix seconds) as RFC 3339 in this zone.
    pub(crate) fn instant(&self, unix_seconds: i64) -> Option<String> {
        let ts = Timestamp::from_second(unix_seconds).ok()?;
        let off = self.tz.to_offset(ts);
        let dt = off.to_datetime(ts);
        let mut out = String::with_capacity(25);
        push_rfc3339(
            &mut out,
            i32::from(dt.year()),
            dt.month() as u32,
            dt.day() as u32,
            dt.hour() as u32,
            dt.minute() as u32,
            dt.second() as u32,
            off.seconds(),
        );
        Some(out)
    }

    /// Interpret a parsed time: offsets are kept, wall-clock times are put
    /// in this zone, epochs are shown in this zone, seconds from the start
    /// stay seconds.
    pub(crate) fn resolve(&mut self, t: &ParsedTime) -> Option<String> {
        match *t {
            ParsedTime::Civil { y, mo, d, h, mi, s, offset: None } => self.local(y, mo, d, h, mi, s),
            ParsedTime::Civil { y, mo, d, h, mi, s, offset: Some(off) } => {
                DateTime::new(
                    i16::try_from(y).ok()?,
                    i8::try_from(mo).ok()?,
                    i8::try_from(d).ok()?,
                    i8::try_from(h).ok()?,
                    i8::try_from(mi).ok()?,
                    i8::try_from(s).ok()?,
                    0,
                )
                .ok()?;
                if off.abs() >= 24 * 3600 {
                    return None;
                }
                let mut out = String::with_capacity(25);
                push_rfc3339(&mut out, y, mo, d, h, mi, s, off);
                Some(out)
            }
            ParsedTime::Unix(secs) => self.instant(secs),
            ParsedTime::Seconds(ms) => Some(seconds(ms)),
        }
    }
}

fn put2(buf: &mut [u8], at: usize, v: u32) {
    buf[at] = b'0' + (v / 10 % 10) as u8;
    buf[at + 1] = b'0' + (v % 10) as u8;
}

/// Append `YYYY-MM-DDTHH:MM:SS±HH:MM` (or `Z` for a zero offset).
#[allow(clippy::too_many_arguments)]
pub(crate) fn push_rfc3339(out: &mut String, y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, offset: i32) {
    let y = y.clamp(0, 9999) as u32;
    let mut b = *b"0000-00-00T00:00:00+00:00";
    put2(&mut b, 0, y / 100);
    put2(&mut b, 2, y % 100);
    put2(&mut b, 5, mo);
    put2(&mut b, 8, d);
    put2(&mut b, 11, h);
    put2(&mut b, 14, mi);
    put2(&mut b, 17, s);
    let n = if offset == 0 {
        b[19] = b'Z';
        20
    } else {
        b[19] = if offset < 0 { b'-' } else { b'+' };
        let a = offset.unsigned_abs();
        put2(&mut b, 20, a / 3600 % 100);
        put2(&mut b, 23, a / 60 % 60);
        25
    };
    out.push_str(std::str::from_utf8(&b[..n]).unwrap_or_default());
}

/// Seconds from the start of a recording, from milliseconds: `12.5`, `3`,
/// `61.25`.
pub(crate) fn seconds(ms: u64) -> String {
    let whole = ms / 1000;
    let frac = ms % 1000;
    if frac == 0 {
        return whole.to_string();
    }
    let mut f = format!("{frac:03}");
    while f.ends_with('0') {
        f.pop();
    }
    format!("{whole}.{f}")
}

/// A time read from a source before it is given a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParsedTime {
    /// A calendar date and time, with an offset in seconds when written.
    Civil { y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, offset: Option<i32> },
    /// Seconds since the Unix epoch.
    Unix(i64),
    /// Milliseconds from the start of a recording.
    Seconds(u64),
}

/// Parse the common spellings of a time: RFC 3339 / ISO 8601
/// (`2024-03-02T19:14:00+01:00`, `2024-03-02 19:14`, `2024/03/02 19:14:05`,
/// `… UTC`), a bare date, Unix seconds or milliseconds, or seconds from the
/// start (`12.5`).
pub(crate) fn parse_flexible(s: &str) -> Option<ParsedTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let b = s.as_bytes();
    if b.iter().all(|c| c.is_ascii_digit()) {
        let n: u64 = s.parse().ok()?;
        return Some(if n >= 100_000_000_000 {
            ParsedTime::Unix(i64::try_from(n / 1000).ok()?)
        } else if n >= 100_000_000 {
            ParsedTime::Unix(i64::try_from(n).ok()?)
        } else {
            ParsedTime::Seconds(n.checked_mul(1000)?)
        });
    }
    if let Some(ms) = parse_decimal_seconds(s) {
        return Some(ms);
    }
    let mut p = Cursor { b, i: 0 };
    let y = p.digits(4, 4)?;
    let sep = p.any(b"-/")?;
    let mo = p.digits(1, 2)?;
    p.expect(sep)?;
    let d = p.digits(1, 2)?;
    if p.done() {
        return Some(ParsedTime::Civil { y: y as i32, mo, d, h: 0, mi: 0, s: 0, offset: None });
    }
    p.any(b"T ")?;
    while p.peek() == Some(b' ') {
        p.i += 1;
    }
    let h = p.digits(1, 2)?;
    p.expect(b':')?;
    let mi = p.digits(2, 2)?;
    let mut sec = 0;
    if p.peek() == Some(b':') {
        p.i += 1;
        sec = p.digits(2, 2)?;
        if matches!(p.peek(), Some(b'.' | b',')) {
            p.i += 1;
            p.digits(1, 9)?;
        }
    }
    while p.peek() == Some(b' ') {
        p.i += 1;
    }
    let offset = if p.done() {
        None
    } else {
        let rest = &s[p.i..];
        if rest == "Z" || rest == "z" || rest == "UTC" || rest == "GMT" {
            Some(0)
        } else {
            let rest = rest.strip_prefix("UTC").or_else(|| rest.strip_prefix("GMT")).unwrap_or(rest);
            let mut q = Cursor { b: rest.as_bytes(), i: 0 };
            let sign = match q.any(b"+-")? {
                b'-' => -1,
                _ => 1,
            };
            let oh = q.digits(2, 2)?;
            if q.peek() == Some(b':') {
                q.i += 1;
            }
            let om = if q.done() { 0 } else { q.digits(2, 2)? };
            if !q.done() || oh > 23 || om > 59 {
                return None;
            }
            Some(sign * (oh * 3600 + om * 60) as i32)
        }
    };
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    Some(ParsedTime::Civil { y: y as i32, mo, d, h, mi, s: sec.min(59), offset })
}

/// `12.5`, `0.250`: seconds with a fraction, as milliseconds.
fn parse_decimal_seconds(s: &str) -> Option<ParsedTime> {
    let (w, f) = s.split_once('.')?;
    if w.is_empty() || f.is_empty() || w.len() > 9 || !w.bytes().all(|c| c.is_ascii_digit()) || !f.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: u64 = w.parse().ok()?;
    let mut frac = 0u64;
    for (i, c) in f.bytes().take(3).enumerate() {
        frac += u64::from(c - b'0') * [100, 10, 1][i];
    }
    Some(ParsedTime::Seconds(whole * 1000 + frac))
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn done(&self) -> bool {
        self.i >= self.b.len()
    }
    fn any(&mut self, set: &[u8]) -> Option<u8> {
        let c = self.peek()?;
        if set.contains(&c) {
            self.i += 1;
            Some(c)
        } else {
            None
        }
    }
    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let start = self.i;
        let mut v: u32 = 0;
        while self.i - start < max {
            match self.peek() {
                Some(c @ b'0'..=b'9') => {
                    v = v * 10 + u32::from(c - b'0');
                    self.i += 1;
                }
                _ => break,
            }
        }
        (self.i - start >= min).then_some(v)
    }
}

/// Parse a cue timestamp `[hh:]mm:ss[.,]ttt` into milliseconds.
pub(crate) fn parse_cue_time(s: &str) -> Option<u64> {
    let s = s.trim();
    let (clock, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|c| c.is_ascii_digit())) {
        return None;
    }
    if frac.len() > 3 || !frac.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let nums: Vec<u64> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (h, m, sec) = if nums.len() == 3 { (nums[0], nums[1], nums[2]) } else { (0, nums[0], nums[1]) };
    if m > 59 || sec > 59 {
        return None;
    }
    let mut ms = 0u64;
    for (i, c) in frac.bytes().enumerate() {
        ms += u64::from(c - b'0') * [100, 10, 1][i];
    }
    Some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let mut z = LocalZone::utc();
        assert_eq!(z.local(2024, 3, 2, 19, 14, 0).unwrap(), "2024-03-02T19:14:00Z");
        assert!(z.local(2024, 2, 30, 19, 14, 0).is_none());
        assert_eq!(z.instant(0).unwrap(), "1970-01-01T00:00:00Z");
        let mut b = with_time_zone("Europe/Berlin", || LocalZone::from_env("x")).unwrap();
        assert_eq!(b.local(2024, 7, 2, 19, 14, 5).unwrap(), "2024-07-02T19:14:05+02:00");
        assert_eq!(b.local(2024, 1, 2, 19, 14, 5).unwrap(), "2024-01-02T19:14:05+01:00");
        assert!(with_time_zone("Nowhere/Atlantis", || LocalZone::from_env("x")).is_err());
        let ny = with_time_zone("EST5EDT,M3.2.0,M11.1.0", || LocalZone::from_env("x")).unwrap();
        assert_eq!(ny.instant(0).unwrap(), "1969-12-31T19:00:00-05:00");
    }

    #[test]
    fn flexible() {
        let mut z = LocalZone::utc();
        let r = |z: &mut LocalZone, s: &str| parse_flexible(s).and_then(|t| z.resolve(&t));
        assert_eq!(r(&mut z, "2024-03-02T19:14:00+01:00").unwrap(), "2024-03-02T19:14:00+01:00");
        assert_eq!(r(&mut z, "2024-03-02 19:14").unwrap(), "2024-03-02T19:14:00Z");
        assert_eq!(r(&mut z, "2024/03/02 19:14:07.123 UTC").unwrap(), "2024-03-02T19:14:07Z");
        assert_eq!(r(&mut z, "2024-03-02T19:14:00-0530").unwrap(), "2024-03-02T19:14:00-05:30");
        assert_eq!(r(&mut z, "1700000000000").unwrap(), "2023-11-14T22:13:20Z");
        assert_eq!(r(&mut z, "1700000000").unwrap(), "2023-11-14T22:13:20Z");
        assert_eq!(r(&mut z, "12.5").unwrap(), "12.5");
        assert_eq!(r(&mut z, "2024-02-31 10:00"), None);
        assert_eq!(r(&mut z, "yesterday"), None);
    }

    #[test]
    fn cue_times() {
        assert_eq!(parse_cue_time("00:00:01.500"), Some(1500));
        assert_eq!(parse_cue_time("01:02,250"), Some(62250));
        assert_eq!(parse_cue_time("1:00:00,000"), Some(3_600_000));
        assert_eq!(parse_cue_time("aa:00"), None);
        assert_eq!(seconds(12500), "12.5");
        assert_eq!(seconds(3000), "3");
        assert_eq!(seconds(61250), "61.25");
    }
}
