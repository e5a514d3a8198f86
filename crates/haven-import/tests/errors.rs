//! Bad input: every case is a one-line error naming the file and the line
//! or byte offset, never a panic; `lenient` skips malformed records.

use std::path::{Path, PathBuf};

use haven_import::{import_bytes, import_path, with_time_zone, ErrorKind, Format, ImportError, ImportOptions, Imported};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn path_err(name: &str, opts: &ImportOptions) -> ImportError {
    let e = with_time_zone("UTC", || import_path(&fixture(name), opts)).expect_err("should fail");
    assert_one_line(&e);
    e
}

fn bytes_err(name: &str, bytes: &[u8], opts: &ImportOptions) -> ImportError {
    let e = with_time_zone("UTC", || import_bytes(name, bytes, opts)).expect_err("should fail");
    assert_one_line(&e);
    e
}

fn bytes_ok(name: &str, bytes: &[u8], opts: &ImportOptions) -> Imported {
    with_time_zone("UTC", || import_bytes(name, bytes, opts)).unwrap_or_else(|e| panic!("{e}"))
}

fn assert_one_line(e: &ImportError) {
    let s = e.to_string();
    assert!(!s.contains('\n') && !s.contains('\r'), "{s:?}");
    assert!(s.contains("; expected "), "{s}");
    assert!(s.starts_with(e.file()), "{s}");
}

fn lenient() -> ImportOptions {
    ImportOptions { lenient: true, ..ImportOptions::default() }
}

#[test]
fn empty_file() {
    let e = path_err("empty.txt", &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::Empty);
    assert_eq!(e.to_string(), format!("{}:1: the file is empty; expected a chat export or transcript with at least one message; export the chat again, or check that you picked the right file", fixture("empty.txt").display()));
    let e = bytes_err("blank.csv", b"\n \n", &ImportOptions { format: Some(Format::Csv), ..ImportOptions::default() });
    assert_eq!(e.kind(), ErrorKind::Empty);
    for f in Format::ALL {
        let e = bytes_err("x", b"", &ImportOptions { format: Some(f), ..ImportOptions::default() });
        assert_eq!(e.kind(), ErrorKind::Empty, "{f}: {e}");
    }
}

#[test]
fn binary_garbage() {
    let e = path_err("garbage.bin", &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::NotText);
    assert!(e.to_string().contains("garbage.bin:byte 0: binary data"), "{e}");
    for f in [Format::WhatsApp, Format::Csv, Format::Jsonl, Format::Srt, Format::WebVtt, Format::Telegram] {
        let e = path_err("garbage.bin", &ImportOptions { format: Some(f), ..ImportOptions::default() });
        assert!(e.to_string().contains("garbage.bin:"), "{f}: {e}");
    }
    let e = path_err("garbage.bin", &ImportOptions { format: Some(Format::IMessage), ..ImportOptions::default() });
    assert_eq!(e.kind(), ErrorKind::Database);
}

#[test]
fn invalid_utf8_on_one_line() {
    let data = b"[14/02/2024, 08:01:12] Alex: Morning\n[14/02/2024, 08:03:40] Sam: caf\xE9\n[14/02/2024, 08:05:02] Alex: Coffee?\n";
    let e = bytes_err("_chat.txt", data, &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::NotText);
    assert!(e.to_string().starts_with("_chat.txt:2: invalid UTF-8 at byte 68"), "{e}");
    let got = bytes_ok("_chat.txt", data, &lenient());
    assert_eq!(got.conversation.messages.len(), 2);
    assert_eq!(got.warnings[0].line(), Some(2));
    // Not forced and not recognisable: the sniffer names the byte.
    let e = bytes_err("notes", b"caf\xE9 au lait", &ImportOptions::default());
    assert!(e.to_string().starts_with("notes:byte 3: invalid UTF-8 text (line 1)"), "{e}");
}

/// A 10 MB "message" (a pasted file, a broken export) is refused with its
/// line, not analysed for seconds; `--lenient` skips it and keeps the rest.
#[test]
fn a_ten_megabyte_message_is_refused_where_it_is() {
    let mut data = b"[14/02/2024, 08:01:12] Alex: Morning\n[14/02/2024, 08:03:40] Sam: ".to_vec();
    data.extend(std::iter::repeat_n(b'a', 10 << 20));
    data.extend(b"\n[14/02/2024, 08:05:02] Alex: Coffee?\n");
    let e = bytes_err("_chat.txt", &data, &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert_one_line(&e);
    assert!(e.to_string().starts_with("_chat.txt:2: a message of 10.5 MB from Sam; expected messages of at most 1 MiB"), "{e}");
    let got = bytes_ok("_chat.txt", &data, &lenient());
    assert_eq!(got.conversation.messages.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(), ["Morning", "Coffee?"]);
    assert_eq!(got.warnings.len(), 1);
    assert_eq!(got.warnings[0].kind(), ErrorKind::TooLarge);
}

#[test]
fn truncated_json() {
    let e = path_err("telegram_truncated.json", &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::Truncated);
    let s = e.to_string();
    assert!(s.contains("telegram_truncated.json:63:2: the JSON ends too early"), "{s}");
    let e = bytes_err(
        "message_1.json",
        br#"{"participants": [{"name": "Sam"}], "messages": [{"sender_name": "Sam", "#,
        &ImportOptions { format: Some(Format::Messenger), ..ImportOptions::default() },
    );
    assert_eq!(e.kind(), ErrorKind::Truncated);
    assert!(e.to_string().starts_with("message_1.json:1:"), "{e}");
}

#[test]
fn corrupt_date_on_one_line() {
    let e = path_err("whatsapp_corrupt_date.txt", &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::BadTime);
    assert_eq!(e.line(), Some(3));
    assert!(e.to_string().contains("whatsapp_corrupt_date.txt:3: corrupt date or time"), "{e}");
    let got = with_time_zone("UTC", || import_path(&fixture("whatsapp_corrupt_date.txt"), &lenient())).unwrap();
    assert_eq!(got.conversation.messages.len(), 3);
    assert_eq!(got.conversation.messages[2].text, "Coffee?");
    assert_eq!(got.warnings.len(), 1);
    assert_eq!(got.warnings[0].line(), Some(3));
}

#[test]
fn not_a_whatsapp_line_first() {
    let data = "hello there\n[14/02/2024, 08:01:12] Alex: Morning\n[14/02/2024, 08:01:13] Sam: hi\n";
    let opts = ImportOptions { format: Some(Format::WhatsApp), ..ImportOptions::default() };
    let e = bytes_err("_chat.txt", data.as_bytes(), &opts);
    assert!(e.to_string().starts_with("_chat.txt:1: not a WhatsApp message line"), "{e}");
    let got = bytes_ok("_chat.txt", data.as_bytes(), &ImportOptions { lenient: true, ..opts });
    assert_eq!(got.conversation.messages.len(), 2);
    assert_eq!(got.warnings.len(), 1);
}

#[test]
fn utf16_odd_length_is_an_error() {
    let e = bytes_err("_chat.txt", &[0xFF, 0xFE, b'[', 0, b'1'], &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::NotText);
    assert!(e.to_string().contains("re-save the file as UTF-8"), "{e}");
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zw = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(false);
        for (name, data) in entries {
            zw.start_file(*name, o).unwrap();
            zw.write_all(data).unwrap();
        }
        zw.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn zip_without_chat() {
    let z = zip_of(&[("IMG-0001.jpg", b"\xFF\xD8"), ("PTT-0002.opus", b"Op")]);
    let e = bytes_err("WhatsApp Chat - Sam.zip", &z, &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::Archive);
    assert!(
        e.to_string()
            .starts_with("WhatsApp Chat - Sam.zip: no chat text (_chat.txt) in the zip; it holds 2 entries: IMG-0001.jpg, PTT-0002.opus"),
        "{e}"
    );
}

#[test]
fn zip_bomb_is_refused() {
    let zeros = vec![0u8; 24 << 20];
    let z = zip_of(&[("_chat.txt", &zeros)]);
    let e = bytes_err("bomb.zip", &z, &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::Archive);
    assert!(e.to_string().contains("zip bomb"), "{e}");
}

#[test]
fn corrupt_zip() {
    let mut z = zip_of(&[("_chat.txt", b"[14/02/2024, 08:01:12] Alex: Morning\n")]);
    z.truncate(z.len() / 2);
    let e = bytes_err("chat.zip", &z, &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::Archive);
}

#[test]
fn errors_inside_zip_name_the_entry() {
    let z = zip_of(&[("_chat.txt", b"[14/02/2024, 08:01:12] Alex: Morning\n[31/02/2024, 08:01:12] Sam: x\n")]);
    let e = bytes_err("chat.zip", &z, &ImportOptions::default());
    assert!(e.to_string().starts_with("chat.zip/_chat.txt:2: corrupt date"), "{e}");
}

#[test]
fn malformed_jsonl_line() {
    let data = b"{\"speaker\": \"A\", \"ts\": \"2026-03-02T19:14:00Z\", \"text\": \"hi\", \"labels\": []}\n{\"speaker\": \"B\", \"text\": \n{\"speaker\": \"B\", \"ts\": \"2026-03-02T19:15:00Z\", \"text\": \"yo\", \"labels\": []}\n";
    let e = bytes_err("data.jsonl", data, &ImportOptions::default());
    assert!(e.to_string().starts_with("data.jsonl:2:"), "{e}");
    let got = bytes_ok("data.jsonl", data, &lenient());
    assert_eq!(got.conversation.messages.len(), 2);
    assert_eq!(got.warnings[0].line(), Some(2));
    let bad_ts = b"{\"speaker\": \"A\", \"ts\": \"yesterday\", \"text\": \"hi\", \"labels\": []}\n";
    let e = bytes_err("data.jsonl", bad_ts, &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::BadTime);
    assert!(e.to_string().starts_with("data.jsonl:1: corrupt time \"yesterday\""), "{e}");
}

#[test]
fn csv_errors() {
    let e = bytes_err("x.csv", b"when,who,what\n1,2,3\n", &ImportOptions { format: Some(Format::Csv), ..ImportOptions::default() });
    assert!(e.to_string().starts_with("x.csv:1: no text column in the header (when, who, what)"), "{e}");
    let data = b"timestamp,speaker,text\n2024-05-01 09:00,Alex,hi\n2024-05-01 09:01,Sam,hi, there\n2024-05-01 25:01,Sam,late\n2024-05-01 09:03,Alex,ok\n";
    let e = bytes_err("x.csv", data, &ImportOptions::default());
    assert!(e.to_string().starts_with("x.csv:3: a row with 4 fields; expected 3 fields"), "{e}");
    let got = bytes_ok("x.csv", data, &lenient());
    assert_eq!(got.conversation.messages.len(), 2);
    assert_eq!(got.warnings.iter().map(|w| w.line()).collect::<Vec<_>>(), [Some(3), Some(4)]);
}

#[test]
fn subtitle_errors() {
    let vtt = b"WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\n<v Alex>hi\n\n00:00:02.000 --> 00:00:03.000\n<v Sam>yo\n";
    let e = bytes_err("talk.vtt", vtt, &ImportOptions::default());
    assert!(e.to_string().starts_with("talk.vtt:3: corrupt cue timing"), "{e}");
    let got = bytes_ok("talk.vtt", vtt, &lenient());
    assert_eq!(got.conversation.messages.len(), 1);
    let srt = b"1\n00:00:01,000 --> 00:00:02,000\nno speaker here\n";
    let e = bytes_err("talk.srt", srt, &ImportOptions::default());
    assert!(e.to_string().starts_with("talk.srt:3: a cue with no speaker"), "{e}");
    let e = bytes_err("talk.vtt", b"hello\n", &ImportOptions { format: Some(Format::WebVtt), ..ImportOptions::default() });
    assert!(e.to_string().starts_with("talk.vtt:1: the file does not start with WEBVTT"), "{e}");
}

#[test]
fn unknown_format() {
    let e = bytes_err("notes.md", b"# my notes\nnothing to see\n", &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::UnknownFormat);
    assert!(e.to_string().starts_with("notes.md:1: cannot tell which kind of chat export this is"), "{e}");
    assert!(e.to_string().contains("--format"), "{e}");
}

#[test]
fn wrong_forced_format() {
    let opts = ImportOptions { format: Some(Format::Telegram), ..ImportOptions::default() };
    let e = path_err("whatsapp_ios.txt", &opts);
    assert!(e.to_string().contains("whatsapp_ios.txt:1:"), "{e}");
    let opts = ImportOptions { format: Some(Format::IMessage), ..ImportOptions::default() };
    let e = path_err("whatsapp_ios.txt", &opts);
    assert_eq!(e.kind(), ErrorKind::Database);
}

#[test]
fn only_system_lines() {
    let data = "[14/02/2024, 08:01:12] Alex: \u{200E}Messages and calls are end-to-end encrypted.\n";
    let e = bytes_err("_chat.txt", data.as_bytes(), &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::NoMessages);
}

#[test]
fn unknown_me() {
    let opts = ImportOptions { me: Some("Robin".into()), ..ImportOptions::default() };
    let e = path_err("whatsapp_ios.txt", &opts);
    assert_eq!(e.kind(), ErrorKind::UnknownName);
    assert!(e.to_string().contains("\"Robin\" is not a participant; expected one of: Alex, Sam"), "{e}");
}

#[test]
fn bad_time_zone() {
    let e = with_time_zone("Mars/Olympus_Mons", || import_path(&fixture("whatsapp_ios.txt"), &ImportOptions::default())).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TimeZone);
}

#[test]
fn missing_file() {
    let e = path_err("does-not-exist.txt", &ImportOptions::default());
    assert_eq!(e.kind(), ErrorKind::Io);
}
