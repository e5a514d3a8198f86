//! Property tests for the WhatsApp date and line grammar and for the
//! importers' robustness: any input gives a result or an error, never a
//! panic; generated valid lines parse back to the same fields.

use haven_import::whatsapp::{parse_header, Order};
use haven_import::{import_bytes, with_time_zone, Format, ImportOptions};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Line {
    ios: bool,
    day_first: bool,
    sep: char,
    four_digit_year: bool,
    twelve_hour: bool,
    ampm_space: &'static str,
    seconds: bool,
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    name: String,
    text: String,
}

fn render(l: &Line) -> String {
    let y = if l.four_digit_year { format!("{}", l.year) } else { format!("{:02}", l.year % 100) };
    let (a, b) = if l.day_first { (l.day, l.month) } else { (l.month, l.day) };
    let date = format!("{a:02}{s}{b:02}{s}{y}", s = l.sep);
    let mut time = if l.twelve_hour {
        let h12 = if l.hour.is_multiple_of(12) { 12 } else { l.hour % 12 };
        format!("{h12}:{:02}", l.minute)
    } else {
        format!("{:02}:{:02}", l.hour, l.minute)
    };
    if l.seconds {
        time.push_str(&format!(":{:02}", l.second));
    }
    if l.twelve_hour {
        time.push_str(l.ampm_space);
        time.push_str(if l.hour >= 12 { "PM" } else { "AM" });
    }
    if l.ios {
        format!("\u{200E}[{date}, {time}] {}: {}", l.name, l.text)
    } else {
        format!("{date}, {time} - {}: {}", l.name, l.text)
    }
}

fn line_strategy() -> impl Strategy<Value = Line> {
    (
        (any::<bool>(), any::<bool>(), prop::sample::select(vec!['/', '.', '-']), any::<bool>(), any::<bool>(), prop::sample::select(vec![" ", "\u{202F}", "\u{A0}", ""]), any::<bool>()),
        (2000u32..2100, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, 0u32..60),
        "[A-Z][a-z]{1,10}( [A-Z][a-z]{1,10})?",
        "[^\\s\\x00-\\x1f\\x7f:<\u{200E}\u{200F}\u{FEFF}\u{202A}-\u{202E}][^\\x00-\\x1f\\x7f:<\u{200E}\u{200F}\u{FEFF}\u{202A}-\u{202E}]{0,60}",
    )
        .prop_map(|((ios, day_first, sep, four, twelve, ampm_space, seconds), (year, month, day, hour, minute, second), name, text)| Line {
            ios,
            day_first,
            sep,
            four_digit_year: four,
            twelve_hour: twelve,
            ampm_space,
            seconds: seconds || ios,
            year,
            month,
            day,
            hour,
            minute,
            second,
            name,
            text,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn header_parser_never_panics(s in "\\PC{0,80}") {
        if let Some(h) = parse_header(&s) {
            let _ = h.resolve(Order::DayFirst);
            let _ = h.resolve(Order::MonthFirst);
        }
    }

    #[test]
    fn generated_lines_parse_back(l in line_strategy()) {
        let line = render(&l);
        let h = parse_header(&line).expect("valid line must parse");
        prop_assert_eq!(h.ios, l.ios);
        let order = if l.day_first { Order::DayFirst } else { Order::MonthFirst };
        let sec = if l.seconds { l.second } else { 0 };
        prop_assert_eq!(h.resolve(order), Some((l.year as i32, l.month, l.day, l.hour, l.minute, sec)));
        prop_assert_eq!(h.rest, format!("{}: {}", l.name, l.text));
    }

    #[test]
    fn generated_lines_import_back(l in line_strategy()) {
        // Add a second line whose date settles the day/month order.
        let mut other = l.clone();
        other.day = 25;
        other.name = "Zed".into();
        other.text = "ok".into();
        let data = format!("{}\n{}\n", render(&l), render(&other));
        let opts = ImportOptions { format: Some(Format::WhatsApp), ..ImportOptions::default() };
        let got = with_time_zone("UTC", || import_bytes("_chat.txt", data.as_bytes(), &opts)).expect("imports");
        let m = &got.conversation.messages[0];
        let sec = if l.seconds { l.second } else { 0 };
        prop_assert_eq!(&m.speaker, &l.name);
        prop_assert_eq!(m.text.trim_end(), l.text.trim_end());
        let want = format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", l.year, l.month, l.day, l.hour, l.minute, sec);
        prop_assert_eq!(m.time.as_deref(), Some(want.as_str()));
    }

    #[test]
    fn no_importer_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), f in 0usize..10) {
        let format = Format::ALL[f];
        let opts = ImportOptions { format: Some(format), lenient: f % 2 == 0, ..ImportOptions::default() };
        let _ = with_time_zone("UTC", || import_bytes("fuzz", &bytes, &opts));
        let _ = with_time_zone("UTC", || import_bytes("fuzz", &bytes, &ImportOptions::default()));
    }

    #[test]
    fn no_panic_on_mutated_exports(pos in 0usize..600, byte in any::<u8>(), f in 0usize..4) {
        let base: &[u8] = match f {
            0 => include_bytes!("fixtures/whatsapp_ios.txt"),
            1 => include_bytes!("fixtures/telegram_result.json"),
            2 => include_bytes!("fixtures/talk.vtt"),
            _ => include_bytes!("fixtures/generic.csv"),
        };
        let mut data = base.to_vec();
        let i = pos % data.len();
        data[i] = byte;
        let _ = with_time_zone("UTC", || import_bytes("mutated", &data, &ImportOptions::default()));
        data.truncate(i);
        let _ = with_time_zone("UTC", || import_bytes("mutated", &data, &ImportOptions::default()));
    }
}

fn message_strategy() -> impl Strategy<Value = haven_core::Message> {
    (
        "[A-Za-zÀ-ÿ][A-Za-z À-ÿ'.-]{0,12}[A-Za-zÀ-ÿ]",
        prop::option::of((2000u32..2100, 1u32..13, 1u32..29, 0u32..24, 0u32..60, 0u32..60)),
        // Any text with something visible in it: quotes, commas, line
        // breaks, emoji and other scripts included.
        "[^\\s\\p{C}]\\PC{0,40}[,\"\n'😀é漢]?\\PC{0,20}[^\\s\\p{C}]",
    )
        .prop_map(|(speaker, time, text)| haven_core::Message {
            speaker: speaker.trim().to_string(),
            time: time.map(|(y, mo, d, h, mi, s)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")),
            end: None,
            text,
            media: false,
            ..Default::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// import → export → import: the JSON Lines and CSV writers give back the
    /// same messages when read again.
    #[test]
    fn jsonl_and_csv_exports_import_back(msgs in prop::collection::vec(message_strategy(), 1..12)) {
        // Two speakers, as the importers expect of a couple's chat.
        let names = [msgs[0].speaker.clone(), format!("{} Two", msgs[0].speaker)];
        let msgs: Vec<haven_core::Message> = msgs.into_iter().enumerate().map(|(i, mut m)| { m.speaker = names[i % 2].clone(); m }).collect();
        // Times present on all or none, so that the sequence stays one conversation.
        let timed = msgs[0].time.is_some();
        let msgs: Vec<haven_core::Message> = msgs.into_iter().map(|mut m| { if !timed { m.time = None } else if m.time.is_none() { m.time = Some("2024-02-14T08:01:12Z".into()) } m }).collect();
        type Writer = fn(&[haven_core::Message], &mut Vec<u8>) -> std::io::Result<()>;
        let writers: [(&str, Writer); 2] = [
            ("x.jsonl", |m, w| haven_import::export::write_jsonl(m, w)),
            ("x.csv", |m, w| haven_import::export::write_csv(m, w)),
        ];
        for (name, write) in writers {
            let mut bytes = Vec::new();
            write(&msgs, &mut bytes).unwrap();
            let got = with_time_zone("UTC", || import_bytes(name, &bytes, &ImportOptions::default()));
            let got = got.map_err(|e| TestCaseError::fail(format!("{name}: {e}\n{}", String::from_utf8_lossy(&bytes))))?;
            let back: Vec<(String, Option<String>, String)> = got.conversation.messages.iter().map(|m| (m.speaker.clone(), m.time.clone(), m.text.clone())).collect();
            let want: Vec<(String, Option<String>, String)> = msgs.iter().map(|m| (m.speaker.clone(), m.time.clone(), m.text.clone())).collect();
            prop_assert_eq!(back, want, "{}", name);
        }
    }
}
