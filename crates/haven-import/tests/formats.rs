//! One test per format on the fixtures: exact first and last message,
//! count and participants.

use std::path::{Path, PathBuf};

use haven_import::{import_bytes, import_path, stream_path, with_time_zone, Format, ImportOptions, Imported, Message};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn import(name: &str) -> Imported {
    import_with(name, ImportOptions::default())
}

fn import_with(name: &str, opts: ImportOptions) -> Imported {
    with_time_zone("UTC", || import_path(&fixture(name), &opts)).unwrap_or_else(|e| panic!("{e}"))
}

fn msg(m: &Message) -> (&str, &str, &str) {
    (m.speaker.as_str(), m.time.as_deref().unwrap_or(""), m.text.as_str())
}

fn check(got: &Imported, format: Format, participants: &[&str], count: usize, first: (&str, &str, &str), last: (&str, &str, &str)) {
    assert_eq!(got.format, format);
    assert_eq!(got.conversation.participants, participants);
    assert_eq!(got.conversation.messages.len(), count, "{:#?}", got.conversation.messages);
    assert_eq!(msg(&got.conversation.messages[0]), first);
    assert_eq!(msg(got.conversation.messages.last().unwrap()), last);
    assert!(got.warnings.is_empty());
}

#[test]
fn whatsapp_ios() {
    let got = import("whatsapp_ios.txt");
    check(
        &got,
        Format::WhatsApp,
        &["Alex", "Sam"],
        7,
        ("Alex", "2024-02-14T08:01:12Z", "Morning love ☀️ happy valentine's"),
        ("Sam", "2024-02-14T23:59:59Z", "Thank you for tonight. I felt really listened to."),
    );
    let m = &got.conversation.messages;
    assert_eq!(m[1].text, "Happy valentine's 💛\nDid you sleep ok?\nI kept waking up");
    assert!(m[2].media && m[2].text == "image omitted");
    assert!(m[3].deleted);
    assert!(m[5].edited && m[5].text == "Perfect, see you there");
    assert_eq!(m[4].text, "Dinner at 8? I booked the place: Luigi's");
}

#[test]
fn whatsapp_android_month_first_12_hour() {
    let got = import("whatsapp_android.txt");
    check(
        &got,
        Format::WhatsApp,
        &["Sam", "Alex"],
        7,
        ("Sam", "2024-02-14T08:01:00Z", "Are you still upset about yesterday?"),
        ("Sam", "2024-02-15T00:02:00Z", "Night night"),
    );
    let m = &got.conversation.messages;
    assert!(m[3].media && m[3].text == "<Media omitted>");
    assert!(m[4].deleted);
    assert_eq!(msg(&m[5]), ("Alex", "2024-02-14T13:05:00Z", "Thank you for saying that ❤️"));
}

#[test]
fn whatsapp_dotted_german() {
    let got = import("whatsapp_dotted.txt");
    check(
        &got,
        Format::WhatsApp,
        &["Alex", "Sam"],
        5,
        ("Alex", "2024-01-15T21:05:00Z", "Bist du schon zu Hause?"),
        ("Alex", "2024-01-16T07:30:00Z", "Guten Morgen 😘"),
    );
    assert!(got.conversation.messages[2].media);
    assert!(got.conversation.messages[3].deleted);
}

#[test]
fn whatsapp_me_and_time_zone() {
    let opts = ImportOptions { me: Some("sam".into()), ..ImportOptions::default() };
    let got = with_time_zone("Europe/Berlin", || import_path(&fixture("whatsapp_ios.txt"), &opts)).unwrap();
    assert_eq!(got.conversation.participants, ["Sam", "Alex"]);
    assert_eq!(got.conversation.messages[0].time.as_deref(), Some("2024-02-14T08:01:12+01:00"));
}

#[test]
fn whatsapp_group_needs_pair() {
    let err = with_time_zone("UTC", || import_path(&fixture("whatsapp_group.txt"), &ImportOptions::default())).unwrap_err();
    let s = err.to_string();
    assert!(s.starts_with(&format!("{}:3: ", fixture("whatsapp_group.txt").display())), "{s}");
    assert!(s.contains("Alex, Sam, Jordan") && s.contains("--pair"), "{s}");
    assert_eq!(err.participants(), ["Alex", "Sam", "Jordan"]);
    let opts = ImportOptions { pair: Some(("sam".into(), "Alex".into())), ..ImportOptions::default() };
    let got = import_with("whatsapp_group.txt", opts);
    assert_eq!(got.conversation.participants, ["Sam", "Alex"]);
    assert_eq!(got.conversation.messages.len(), 4);
    assert!(got.conversation.messages.iter().all(|m| m.speaker != "Jordan"));
    let opts = ImportOptions { pair: Some(("Sam".into(), "Robin".into())), ..ImportOptions::default() };
    let err = with_time_zone("UTC", || import_path(&fixture("whatsapp_group.txt"), &opts)).unwrap_err();
    assert!(err.to_string().contains("\"Robin\" is not a participant"), "{err}");
}

#[test]
fn whatsapp_zip() {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zw = zip::ZipWriter::new(&mut buf);
        let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zw.start_file("_chat.txt", o).unwrap();
        zw.write_all(&std::fs::read(fixture("whatsapp_ios.txt")).unwrap()).unwrap();
        zw.start_file("00000012-PHOTO-2024-02-14-08-05-02.jpg", o).unwrap();
        zw.write_all(b"\xFF\xD8\xFF").unwrap();
        zw.finish().unwrap();
    }
    let bytes = buf.into_inner();
    let got = with_time_zone("UTC", || import_bytes("WhatsApp Chat - Sam.zip", &bytes, &ImportOptions::default())).unwrap();
    check(
        &got,
        Format::WhatsApp,
        &["Alex", "Sam"],
        7,
        ("Alex", "2024-02-14T08:01:12Z", "Morning love ☀️ happy valentine's"),
        ("Sam", "2024-02-14T23:59:59Z", "Thank you for tonight. I felt really listened to."),
    );
}

#[test]
fn whatsapp_streams_in_order() {
    let mut seen = Vec::new();
    let (format, participants) =
        with_time_zone("UTC", || stream_path(&fixture("whatsapp_ios.txt"), &ImportOptions::default(), &mut |m| seen.push(m))).unwrap();
    assert_eq!(format, Format::WhatsApp);
    assert_eq!(participants, ["Alex", "Sam"]);
    assert_eq!(seen, import("whatsapp_ios.txt").conversation.messages);
}

#[test]
fn telegram() {
    let got = import("telegram_result.json");
    check(
        &got,
        Format::Telegram,
        &["Alex", "Sam"],
        5,
        ("Alex", "2024-03-01T19:00:05Z", "Are we still on for Saturday?"),
        ("Sam", "2024-03-01T22:45:00Z", "Sleep well, see you tomorrow"),
    );
    let m = &got.conversation.messages;
    assert_eq!(m[1].text, "Yes! Can't wait 🥰");
    assert!(m[1].edited);
    assert!(m[2].media);
    assert_eq!(m[3].text, "https://example.org/tickets got the tickets");
    assert_eq!(m[0].id.as_deref(), Some("102"));
}

#[test]
fn messenger_thread_folder() {
    let got = import("messenger_thread");
    check(
        &got,
        Format::Messenger,
        &["Sam Rivera", "Alex Müller"],
        7,
        ("Sam Rivera", "2024-03-05T15:00:00Z", "Hey, are you free later?"),
        ("Alex Müller", "2024-03-05T15:10:00Z", "Home safe. Love you ❤️"),
    );
    let m = &got.conversation.messages;
    assert_eq!(m[1].text, "Café at 6? ☕");
    assert!(m[4].media);
    assert!(m[5].deleted);
}

#[test]
fn messenger_single_file() {
    let got = import("messenger_thread/message_2.json");
    check(
        &got,
        Format::Messenger,
        &["Sam Rivera", "Alex Müller"],
        3,
        ("Sam Rivera", "2024-03-05T15:00:00Z", "Hey, are you free later?"),
        ("Sam Rivera", "2024-03-05T15:02:00Z", "Sounds good 👍"),
    );
}

#[test]
fn instagram() {
    let got = import("your_instagram_activity/messages/inbox/sam_123/message_1.json");
    check(
        &got,
        Format::Instagram,
        &["alex_m", "sam.rivera"],
        3,
        ("alex_m", "2024-03-05T16:00:00Z", "did you see my story?"),
        ("alex_m", "2024-03-05T17:00:00Z", "haha okay 😂"),
    );
    let dir = import("your_instagram_activity/messages/inbox/sam_123");
    assert_eq!(dir.format, Format::Instagram);
    assert_eq!(dir.conversation, got.conversation);
}

#[test]
fn signal_json_lines() {
    let got = import("signal_data.json");
    check(
        &got,
        Format::Signal,
        &["Alex", "Sam"],
        4,
        ("Alex", "2024-04-10T18:00:00Z", "Running late, sorry!"),
        ("Sam", "2024-04-10T18:20:45Z", "I'm here, by the door"),
    );
    assert!(got.conversation.messages[2].media);
}

#[test]
fn signal_csv() {
    let got = import("signal_messages.csv");
    check(
        &got,
        Format::Signal,
        &["Alex", "Sam"],
        3,
        ("Alex", "2024-04-10T18:00:00Z", "Can you pick up milk, eggs and bread?"),
        ("Alex", "2024-04-10T18:02:00Z", "Thanks, you're the best"),
    );
}

#[test]
fn signal_json_array_with_outgoing() {
    let json = r#"[{"timestamp": 1712772000000, "type": "outgoing", "body": "on my way"},
                   {"timestamp": 1712772060000, "type": "incoming", "source": "Sam", "body": "yay"},
                   {"timestamp": 1712772070000, "type": "keychange"}]"#;
    let opts = ImportOptions { format: Some(Format::Signal), me: Some("Alex".into()), ..ImportOptions::default() };
    let got = with_time_zone("UTC", || import_bytes("signal.json", json.as_bytes(), &opts)).unwrap();
    check(&got, Format::Signal, &["Alex", "Sam"], 2, ("Alex", "2024-04-10T18:00:00Z", "on my way"), ("Sam", "2024-04-10T18:01:00Z", "yay"));
}

#[test]
fn generic_csv() {
    let got = import("generic.csv");
    check(
        &got,
        Format::Csv,
        &["Alex", "Sam"],
        4,
        ("Alex", "2024-05-01T09:00:00Z", "Good morning, sleepyhead"),
        ("Sam", "2024-05-01T09:07:30+02:00", "Let's do the hike and move brunch"),
    );
    let m = &got.conversation.messages;
    assert_eq!(m[1].text, "Morning! Can we talk about the weekend?\nI think we double-booked.");
    assert_eq!(m[2].text, "Oh no, you're right, \"brunch\" and the hike");
}

#[test]
fn csv_semicolons_and_split_date_time() {
    let data = "Date;Time;Author;Message\n2024-05-01;09:00;Alex;\"hi; there\"\n2024-05-01;09:01;Sam;hello\n";
    let got = with_time_zone("UTC", || import_bytes("export.csv", data.as_bytes(), &ImportOptions::default())).unwrap();
    assert_eq!(got.format, Format::Csv);
    assert_eq!(msg(&got.conversation.messages[0]), ("Alex", "2024-05-01T09:00:00Z", "hi; there"));
    assert_eq!(msg(&got.conversation.messages[1]), ("Sam", "2024-05-01T09:01:00Z", "hello"));
}

#[test]
fn labelled_jsonl() {
    let got = import("labelled.jsonl");
    check(
        &got,
        Format::Jsonl,
        &["A", "B"],
        3,
        ("A", "2026-03-02T19:14:00Z", "you're late again"),
        ("A", "2026-03-02T19:16:30+01:00", "ok. I saved you a plate"),
    );
    assert_eq!(got.conversation.messages[1].id.as_deref(), Some("c01-02"));
}

#[test]
fn webvtt() {
    let got = import("talk.vtt");
    check(
        &got,
        Format::WebVtt,
        &["Alex", "Sam"],
        5,
        ("Alex", "1", "I feel like I'm always the one who plans our weekends."),
        ("Sam", "70", "Deal. & I'll start this week."),
    );
    let m = &got.conversation.messages;
    assert_eq!(m[0].end.as_deref(), Some("4.5"));
    assert_eq!((m[1].time.as_deref(), m[1].end.as_deref()), (Some("4.2"), Some("6")));
    assert_eq!(msg(&m[3]), ("Alex", "6.5", "Maybe we take turns?"));
    assert_eq!(m[4].end.as_deref(), Some("72.125"));
}

#[test]
fn srt() {
    let got = import("talk.srt");
    check(
        &got,
        Format::Srt,
        &["ALEX", "SAM"],
        5,
        ("ALEX", "0.5", "Can I tell you something without you getting defensive?"),
        ("ALEX", "8", "Thank you."),
    );
    let m = &got.conversation.messages;
    assert_eq!(m[0].end.as_deref(), Some("3"));
    assert_eq!((m[1].time.as_deref(), m[1].end.as_deref()), (Some("2.8"), Some("4")));
}

/// Build an iMessage chat.db like macOS writes it (subset of columns).
fn make_chat_db(path: &Path, modern: bool) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(
        "CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, service TEXT);
         CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, chat_identifier TEXT, display_name TEXT);
         CREATE TABLE chat_handle_join (chat_id INTEGER, handle_id INTEGER);
         CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER, message_date INTEGER DEFAULT 0);
         CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, attributedBody BLOB,
             handle_id INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0, date INTEGER, date_edited INTEGER DEFAULT 0,
             date_retracted INTEGER DEFAULT 0, associated_message_type INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0,
             item_type INTEGER DEFAULT 0);
         INSERT INTO handle (id, service) VALUES ('+15555550123', 'iMessage'), ('jordan@example.com', 'iMessage');
         INSERT INTO chat (chat_identifier) VALUES ('+15555550123'), ('jordan@example.com');
         INSERT INTO chat_handle_join VALUES (1, 1), (2, 2);",
    )
    .unwrap();
    // 2024-06-01T20:00:00Z = Unix 1717272000 = Apple 738964800 s.
    let apple = |secs: i64| if modern { (738_964_800 + secs) * 1_000_000_000 } else { 738_964_800 + secs };
    let body = |t: &str| {
        let mut b = b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject\x00\x85\x92\x84\x84\x84\x08NSString\x01\x94\x84\x01+".to_vec();
        b.push(t.len() as u8);
        b.extend_from_slice(t.as_bytes());
        b.extend_from_slice(b"\x86\x84\x02iI\x01");
        b
    };
    type Row<'a> = (i64, Option<&'a str>, Option<Vec<u8>>, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = vec![
        // (chat, text, body, handle, from_me, date, assoc, attach)
        (1, Some("Are you home yet?"), None, 1, 1, 0, 0, 0),
        (1, None, Some(body("Ten minutes away 🚗")), 1, 0, 60, 0, 0),
        (1, Some("Loved “Ten minutes away 🚗”"), None, 1, 1, 70, 2000, 0),
        (2, Some("book club tomorrow?"), None, 2, 0, 80, 0, 0),
        (1, Some("\u{FFFC}"), None, 1, 0, 90, 0, 1),
        (1, Some("I made soup"), None, 1, 1, 120, 0, 0),
    ];
    for (i, (chat, text, body, handle, from_me, secs, assoc, attach)) in rows.into_iter().enumerate() {
        c.execute(
            "INSERT INTO message (guid, text, attributedBody, handle_id, is_from_me, date, associated_message_type, cache_has_attachments) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![format!("GUID-{i}"), text, body, handle, from_me, apple(secs), assoc, attach],
        )
        .unwrap();
        c.execute("INSERT INTO chat_message_join (chat_id, message_id) VALUES (?1, last_insert_rowid())", [chat]).unwrap();
    }
}

fn temp_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("haven-import-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    let _ = std::fs::remove_file(&p);
    p
}

#[test]
fn imessage_chat_db() {
    for modern in [true, false] {
        let path = temp_path(if modern { "chat.db" } else { "old-chat.db" });
        make_chat_db(&path, modern);
        // Two chats (Sam's number and Jordan): without --pair that is three people.
        let err = with_time_zone("UTC", || import_path(&path, &ImportOptions::default())).unwrap_err();
        assert!(err.to_string().contains("--pair"), "{err}");
        let opts =
            ImportOptions { me: Some("Alex".into()), pair: Some(("Alex".into(), "+15555550123".into())), ..ImportOptions::default() };
        let got = with_time_zone("UTC", || import_path(&path, &opts)).unwrap();
        check(
            &got,
            Format::IMessage,
            &["Alex", "+15555550123"],
            4,
            ("Alex", "2024-06-01T20:00:00Z", "Are you home yet?"),
            ("Alex", "2024-06-01T20:02:00Z", "I made soup"),
        );
        let m = &got.conversation.messages;
        assert_eq!(msg(&m[1]), ("+15555550123", "2024-06-01T20:01:00Z", "Ten minutes away 🚗"));
        assert!(m[2].media);
        assert_eq!(m[0].id.as_deref(), Some("GUID-0"));
        // The same database given as bytes.
        let bytes = std::fs::read(&path).unwrap();
        let again = with_time_zone("UTC", || import_bytes("chat.db", &bytes, &opts)).unwrap();
        assert_eq!(again.conversation, got.conversation);
        std::fs::remove_file(&path).unwrap();
    }
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = std::fs::read_to_string(fixture("whatsapp_ios.txt")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let got = with_time_zone("UTC", || import_bytes("_chat.txt", &bytes, &ImportOptions::default())).unwrap();
    assert_eq!(got.conversation, import("whatsapp_ios.txt").conversation);
    let path = temp_path("utf16_chat.txt");
    std::fs::write(&path, &bytes).unwrap();
    let from_file = with_time_zone("UTC", || import_path(&path, &ImportOptions::default())).unwrap();
    assert_eq!(from_file.conversation, got.conversation);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn transcript_json_shape_snapshot() {
    // The JSON the CLI prints per message: times as seconds, flags only when set.
    let got = import("talk.srt");
    insta::assert_json_snapshot!("srt_messages", got.conversation);
    let wa = import("whatsapp_android.txt");
    insta::assert_json_snapshot!("whatsapp_android_messages", wa.conversation);
}
