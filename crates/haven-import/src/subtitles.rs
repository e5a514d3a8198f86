//! Transcripts: WebVTT with `<v Speaker>` voice tags and SRT with `NAME:`
//! lines. Every cue keeps its start and end (seconds from the start), so
//! overlaps can be measured.

use std::io::BufRead;

use haven_core::Message;

use crate::error::{ErrorKind, ImportError, Location};
use crate::sink::Sink;
use crate::text::{invalid_line, read_error, Line, Lines};
use crate::time::{parse_cue_time, seconds};

/// Replace the usual character references.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{A0}")
        .replace("&lrm;", "\u{200E}")
        .replace("&rlm;", "\u{200F}")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Remove markup: `<i>`, `<c.x>`, `<00:01.000>`, `{\an8}`.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['<', '{']) {
        out.push_str(&rest[..i]);
        let close = if rest.as_bytes()[i] == b'<' { '>' } else { '}' };
        let is_ass = close == '}' && rest[i..].starts_with("{\\");
        match rest[i..].find(close) {
            Some(j) if close == '>' || is_ass => rest = &rest[i + j + 1..],
            _ => {
                out.push_str(&rest[i..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A `NAME:` prefix that plausibly names a speaker.
fn name_prefix(s: &str) -> Option<(&str, &str)> {
    let i = s.find(':')?;
    let name = s[..i].trim();
    let text = &s[i + 1..];
    let first = name.chars().next()?;
    if !first.is_alphabetic() || name.chars().count() > 40 || name.split_whitespace().count() > 4 {
        return None;
    }
    if !name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '_')) {
        return None;
    }
    // "http://…" or a clock "at 10:30" are not speakers.
    if text.starts_with("//") || text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((name, text))
}

/// Split one cue text line into an optional speaker and the spoken text.
fn speaker_line(line: &str) -> (Option<String>, String) {
    let mut l = line.trim();
    for p in [">>", "- ", "– ", "— "] {
        if let Some(r) = l.strip_prefix(p) {
            l = r.trim_start();
        }
    }
    if let Some(r) = l.strip_prefix("<v") {
        if r.starts_with([' ', '.', '\t']) {
            if let Some(end) = r.find('>') {
                let inner = &r[..end];
                let name = match inner.find([' ', '\t']) {
                    Some(sp) => inner[sp..].trim(),
                    None => "",
                };
                let text = decode_entities(&strip_tags(&r[end + 1..])).trim().to_string();
                if !name.is_empty() {
                    return (Some(decode_entities(name)), text);
                }
                return (None, text);
            }
        }
    }
    let plain = decode_entities(&strip_tags(l));
    if let Some((name, text)) = name_prefix(&plain) {
        return (Some(name.to_string()), text.trim().to_string());
    }
    (None, plain.trim().to_string())
}

/// Parse `start --> end [settings]` into milliseconds.
fn timing(line: &str) -> Option<(u64, u64)> {
    let (a, b) = line.split_once("-->")?;
    let start = parse_cue_time(a)?;
    let end = parse_cue_time(b.split_whitespace().next()?)?;
    Some((start, end))
}

struct Cues<'s, 'a> {
    sink: &'s mut Sink<'a>,
    vtt: bool,
    last_speaker: Option<String>,
}

impl Cues<'_, '_> {
    fn block(&mut self, block: &[(u64, String)]) -> Result<(), ImportError> {
        let Some((first_line, first)) = block.first() else { return Ok(()) };
        if self.vtt
            && (first.starts_with("NOTE") || first.starts_with("STYLE") || first.starts_with("REGION") || first.starts_with("WEBVTT"))
        {
            return Ok(());
        }
        let Some(ti) = block.iter().take(2).position(|(_, l)| l.contains("-->")) else {
            let shown: String = first.chars().take(40).collect();
            let e = ImportError::new(
                ErrorKind::Malformed,
                &self.sink.file,
                Location::Line(*first_line),
                format!("a cue without a timing line: {shown:?}"),
                if self.vtt {
                    "a cue timing line like 00:00:01.000 --> 00:00:04.000"
                } else {
                    "a cue number and a timing line like 00:00:01,000 --> 00:00:04,000"
                },
                "fix this cue, or pass --lenient to skip it",
            );
            return self.sink.malformed(e);
        };
        let (tline, tl) = &block[ti];
        let Some((start, end)) = timing(tl) else {
            let e = ImportError::new(
                ErrorKind::BadTime,
                &self.sink.file,
                Location::Line(*tline),
                format!("corrupt cue timing {:?}", tl.chars().take(60).collect::<String>()),
                "hh:mm:ss.ttt --> hh:mm:ss.ttt",
                "fix this cue's timing, or pass --lenient to skip it",
            );
            return self.sink.malformed(e);
        };
        let mut segments: Vec<(String, String)> = Vec::new();
        for (n, l) in &block[ti + 1..] {
            let (spk, text) = speaker_line(l);
            match spk {
                Some(s) => segments.push((s, text)),
                None => {
                    if let Some(seg) = segments.last_mut() {
                        if !text.is_empty() {
                            if !seg.1.is_empty() {
                                seg.1.push(' ');
                            }
                            seg.1.push_str(&text);
                        }
                    } else if let Some(s) = self.last_speaker.clone() {
                        segments.push((s, text));
                    } else if !text.is_empty() {
                        let e = ImportError::new(
                            ErrorKind::Malformed,
                            &self.sink.file,
                            Location::Line(*n),
                            "a cue with no speaker",
                            if self.vtt { "a voice tag like <v Alex> or a NAME: prefix" } else { "a NAME: prefix on the cue's first line" },
                            "add the speaker's name, or pass --lenient to skip this cue",
                        );
                        return self.sink.malformed(e);
                    }
                }
            }
        }
        for (speaker, text) in segments {
            self.last_speaker = Some(speaker.clone());
            if text.is_empty() {
                continue;
            }
            let msg = Message { speaker, time: Some(seconds(start)), end: Some(seconds(end)), text, ..Message::default() };
            let line = *tline;
            self.sink.push(msg, || Location::Line(line));
        }
        Ok(())
    }
}

/// Parse WebVTT (`vtt = true`) or SRT, streaming cue by cue.
pub(crate) fn parse<R: BufRead>(r: R, vtt: bool, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let mut lines = Lines::new(r);
    let mut cues = Cues { sink, vtt, last_speaker: None };
    let mut block: Vec<(u64, String)> = Vec::new();
    let mut seen_header = !vtt;
    loop {
        let (n, line) = match lines.next_line() {
            Ok(Some(l)) => l,
            Ok(None) => break,
            Err(e) => return Err(read_error(&cues.sink.file, lines.line, &e)),
        };
        let t = match line {
            Line::Text(t) => t,
            Line::Invalid(off) => {
                let e = invalid_line(&cues.sink.file, n, off);
                cues.sink.malformed(e)?;
                continue;
            }
        };
        if !seen_header {
            if t.trim().is_empty() {
                continue;
            }
            if !t.starts_with("WEBVTT") {
                return Err(ImportError::new(
                    ErrorKind::Malformed,
                    &cues.sink.file,
                    Location::Line(n),
                    "the file does not start with WEBVTT",
                    "a WebVTT file whose first line is WEBVTT",
                    "check the file, or pass --format srt if it is SubRip",
                ));
            }
            seen_header = true;
        }
        if t.trim().is_empty() {
            cues.block(&block)?;
            block.clear();
        } else {
            if block.len() > 10_000 {
                cues.block(&block)?;
                block.clear();
            }
            block.push((n, t.to_string()));
        }
    }
    cues.block(&block)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers() {
        assert_eq!(speaker_line("<v Alex>Hi <i>there</i></v>"), (Some("Alex".into()), "Hi there".into()));
        assert_eq!(speaker_line("<v.loud Sam Smith>No!"), (Some("Sam Smith".into()), "No!".into()));
        assert_eq!(speaker_line("ALEX: we said 10:30"), (Some("ALEX".into()), "we said 10:30".into()));
        assert_eq!(speaker_line("- SAM: fine &amp; you?"), (Some("SAM".into()), "fine & you?".into()));
        assert_eq!(speaker_line("meet at 10:30"), (None, "meet at 10:30".into()));
        assert_eq!(speaker_line("see https://x.y"), (None, "see https://x.y".into()));
    }
}
