//! Times as the signals read them: the writer's own clock.

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
    use super::*;

    #[test]
    fn times_parse() {
        assert_eq!(parse_time("1970-01-02T00:00:00Z"), Some(86_400.0));
        assert_eq!(parse_time("2026-03-02T19:14:00+01:00"), parse_time("2026-03-02 19:14"));
        assert_eq!(parse_time("12.5"), Some(12.5));
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(civil_date(days_from_civil(2024, 2, 29)), "2024-02-29");
    }
}
