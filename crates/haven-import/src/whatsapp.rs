//! WhatsApp text exports (`_chat.txt`, "WhatsApp Chat with ….txt") and the
//! `.zip` that holds them.
//!
//! Line grammar, written by hand for speed (no regex per line):
//!
//! ```text
//! ios     := MARK* "[" date SEP? SPACE+ time "]" " " rest
//! android := MARK* date SEP? SPACE+ time SPACE+ ("-" | "–") " " rest
//! date    := n{1,2} d n{1,2} d (n{2} | n{4}) "."?   | n{4} d n{1,2} d n{1,2}    (d ∈ "/" "." "-")
//! time    := n{1,2} ":" n{2} (":" n{2})? (SPACE* ampm)?
//! ampm    := ("a" | "p") "."? SPACE? "m" "."?        (any case)
//! rest    := name ": " text | system text
//! ```
//!
//! `SPACE` includes U+00A0 and U+202F, `MARK` the bidi marks U+200E/U+200F.
//! Whether `01/02/2020` is 1 February or 2 January is decided for the whole
//! file in a first, early-stopping pass.

use std::io::{BufRead, BufReader, Read, Seek};

use haven_core::Message;

use crate::error::{ErrorKind, ImportError, Location};
use crate::sink::Sink;
use crate::text::{invalid_line, read_error, Line, Lines};

/// A parsed message header, fields as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<'a> {
    /// First, second and third date fields as written.
    pub fields: [u32; 3],
    /// Digits in the first and third fields (4 in the first: year first).
    pub first_len: u8,
    /// Digits in the third field.
    pub third_len: u8,
    /// The date separator (`/`, `.` or `-`).
    pub sep: u8,
    /// Hour as written (1–12 with `pm`).
    pub hour: u32,
    /// Minute.
    pub minute: u32,
    /// Second (0 when not written).
    pub second: u32,
    /// `Some(true)` for PM, `Some(false)` for AM, `None` for a 24-hour clock.
    pub pm: Option<bool>,
    /// The iOS bracketed form.
    pub ios: bool,
    /// Everything after the header: `Name: text` or a system line.
    pub rest: &'a str,
}

/// Day/month order of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// 31/12/2020.
    DayFirst,
    /// 12/31/2020.
    MonthFirst,
}

/// Skip bidi and BOM marks.
fn skip_marks(b: &[u8], mut i: usize) -> usize {
    while i + 3 <= b.len()
        && ((b[i] == 0xE2 && b[i + 1] == 0x80 && matches!(b[i + 2], 0x8E | 0x8F | 0xAA..=0xAE))
            || (b[i] == 0xEF && b[i + 1] == 0xBB && b[i + 2] == 0xBF))
    {
        i += 3;
    }
    i
}

/// Skip spaces (ASCII space, NBSP, narrow NBSP, thin space); how many.
fn skip_spaces(b: &[u8], i: &mut usize) -> usize {
    let mut n = 0;
    loop {
        if b.get(*i) == Some(&b' ') {
            *i += 1;
        } else if b.get(*i) == Some(&0xC2) && b.get(*i + 1) == Some(&0xA0) {
            *i += 2;
        } else if b.get(*i) == Some(&0xE2) && b.get(*i + 1) == Some(&0x80) && matches!(b.get(*i + 2), Some(0xAF | 0x89)) {
            *i += 3;
        } else {
            return n;
        }
        n += 1;
    }
}

#[inline]
fn num(b: &[u8], i: &mut usize, min: usize, max: usize) -> Option<(u32, u8)> {
    let start = *i;
    let mut v = 0u32;
    while *i - start < max {
        match b.get(*i) {
            Some(&c) if c.is_ascii_digit() => {
                v = v * 10 + u32::from(c - b'0');
                *i += 1;
            }
            _ => break,
        }
    }
    let n = *i - start;
    if n < min || b.get(*i).is_some_and(u8::is_ascii_digit) {
        None
    } else {
        Some((v, n as u8))
    }
}

fn ampm(b: &[u8], i: &mut usize) -> Option<bool> {
    let mut j = *i;
    let pm = match b.get(j)?.to_ascii_lowercase() {
        b'a' => false,
        b'p' => true,
        _ => return None,
    };
    j += 1;
    if b.get(j) == Some(&b'.') {
        j += 1;
    }
    skip_spaces(b, &mut j);
    if !b.get(j)?.eq_ignore_ascii_case(&b'm') {
        return None;
    }
    j += 1;
    if b.get(j) == Some(&b'.') {
        j += 1;
    }
    // Must end the word.
    if b.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    *i = j;
    Some(pm)
}

/// Parse the header of a message line, syntax only (a header may still
/// name an impossible date; see [`Header::resolve`]).
pub fn parse_header(line: &str) -> Option<Header<'_>> {
    let b = line.as_bytes();
    let mut i = skip_marks(b, 0);
    let ios = b.get(i) == Some(&b'[');
    if ios {
        i += 1;
    }
    let (f0, l0) = num(b, &mut i, 1, 4)?;
    let sep = *b.get(i)?;
    if !matches!(sep, b'/' | b'.' | b'-') {
        return None;
    }
    i += 1;
    let (f1, _) = num(b, &mut i, 1, 2)?;
    if *b.get(i)? != sep {
        return None;
    }
    i += 1;
    let (f2, l2) = num(b, &mut i, 1, 4)?;
    let shape_ok = if l0 == 4 { l2 <= 2 } else { l0 <= 2 && (l2 == 2 || l2 == 4) };
    if !shape_ok {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
    }
    if b.get(i) == Some(&b',') {
        i += 1;
    }
    if skip_spaces(b, &mut i) == 0 {
        return None;
    }
    let (hour, _) = num(b, &mut i, 1, 2)?;
    if *b.get(i)? != b':' {
        return None;
    }
    i += 1;
    let (minute, _) = num(b, &mut i, 2, 2)?;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        i += 1;
        second = num(b, &mut i, 2, 2)?.0;
    }
    let save = i;
    skip_spaces(b, &mut i);
    let pm = ampm(b, &mut i);
    if pm.is_none() {
        i = save;
    }
    if ios {
        if *b.get(i)? != b']' {
            return None;
        }
        i += 1;
        if b.get(i) == Some(&b' ') {
            i += 1;
        }
    } else {
        if skip_spaces(b, &mut i) == 0 {
            return None;
        }
        if b.get(i) == Some(&b'-') {
            i += 1;
        } else if b[i..].starts_with("–".as_bytes()) {
            i += 3;
        } else {
            return None;
        }
        if b.get(i) == Some(&b' ') {
            i += 1;
        } else if i != b.len() {
            return None;
        }
    }
    Some(Header { fields: [f0, f1, f2], first_len: l0, third_len: l2, sep, hour, minute, second, pm, ios, rest: &line[i..] })
}

impl Header<'_> {
    /// Year, month, day, hour (0–23), minute, second under `order`;
    /// `None` when a field is out of range.
    pub fn resolve(&self, order: Order) -> Option<(i32, u32, u32, u32, u32, u32)> {
        let [a, b, c] = self.fields;
        let (y, m, d) = if self.first_len == 4 {
            (a, b, c)
        } else {
            let y = if self.third_len == 2 { 2000 + c } else { c };
            match order {
                Order::DayFirst => (y, b, a),
                Order::MonthFirst => (y, a, b),
            }
        };
        let h = match self.pm {
            None => self.hour,
            Some(pm) => {
                if self.hour == 0 || self.hour > 12 {
                    return None;
                }
                self.hour % 12 + if pm { 12 } else { 0 }
            }
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || h > 23 || self.minute > 59 || self.second > 59 {
            return None;
        }
        Some((y as i32, m, d, h, self.minute, self.second))
    }
}

/// Votes and hints for the day/month order of a file.
#[derive(Default)]
struct OrderScan {
    day_first: u32,
    month_first: u32,
    ampm: bool,
    dotted: bool,
    prev: Option<[u32; 3]>,
    back_df: u32,
    back_mf: u32,
}

impl OrderScan {
    fn add(&mut self, h: &Header<'_>) {
        if h.first_len == 4 {
            return;
        }
        let [a, b, c] = h.fields;
        if h.pm.is_some() {
            self.ampm = true;
        }
        if h.sep == b'.' {
            self.dotted = true;
        }
        if a > 12 && a <= 31 && b <= 12 {
            self.day_first += 1;
        } else if b > 12 && b <= 31 && a <= 12 {
            self.month_first += 1;
        }
        if let Some([pa, pb, pc]) = self.prev {
            if c == pc {
                if (b, a) < (pb, pa) {
                    self.back_df += 1;
                }
                if (a, b) < (pa, pb) {
                    self.back_mf += 1;
                }
            }
        }
        self.prev = Some([a, b, c]);
    }

    fn enough(&self) -> bool {
        self.day_first + self.month_first >= 256
    }

    fn decide(&self) -> Order {
        if self.day_first != self.month_first {
            return if self.day_first > self.month_first { Order::DayFirst } else { Order::MonthFirst };
        }
        if self.back_df != self.back_mf {
            return if self.back_df < self.back_mf { Order::DayFirst } else { Order::MonthFirst };
        }
        if self.ampm && !self.dotted {
            Order::MonthFirst
        } else {
            Order::DayFirst
        }
    }
}

/// First pass: decide the day/month order from the file's dates (stops
/// early once the evidence is overwhelming).
pub(crate) fn scan_order<R: BufRead>(r: R) -> Order {
    let mut lines = Lines::new(r);
    let mut scan = OrderScan::default();
    while let Ok(Some((_, line))) = lines.next_line() {
        if let Line::Text(t) = line {
            if let Some(h) = parse_header(t) {
                scan.add(&h);
                if scan.enough() {
                    break;
                }
            }
        }
    }
    scan.decide()
}

/// Localised placeholders for media left out of the export.
const MEDIA: &[&str] = &[
    "<Media omitted>",
    "<media omitted>",
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "GIF omitted",
    "document omitted",
    "Contact card omitted",
    "<Medien ausgeschlossen>",
    "<Medien weggelassen>",
    "Bild weggelassen",
    "Video weggelassen",
    "Audio weggelassen",
    "Sticker weggelassen",
    "GIF weggelassen",
    "<Multimedia omitido>",
    "<Multimedia omitidos>",
    "imagen omitida",
    "video omitido",
    "audio omitido",
    "sticker omitido",
    "<Médias omis>",
    "<Fichier omis>",
    "image absente",
    "vidéo absente",
    "audio omis",
    "<Media omessi>",
    "immagine omessa",
    "video omesso",
    "audio omesso",
    "<Mídia oculta>",
    "<Arquivo de mídia oculto>",
    "imagem ocultada",
    "vídeo ocultado",
    "áudio ocultado",
    "<Media weggelaten>",
    "afbeelding weggelaten",
    "video weggelaten",
    "<Без медиафайлов>",
    "<Медиафайл пропущен>",
    "изображение отсутствует",
    "<Medya dahil edilmedi>",
    "görüntü dahil edilmedi",
    "<Media dihilangkan>",
    "<Pominięto multimedia>",
    "<मीडिया के बिना>",
];

/// Localised "This message was deleted" (by the partner or by oneself).
const DELETED: &[&str] = &[
    "This message was deleted",
    "You deleted this message",
    "Diese Nachricht wurde gelöscht",
    "Du hast diese Nachricht gelöscht",
    "Se eliminó este mensaje",
    "Eliminaste este mensaje",
    "Este mensaje fue eliminado",
    "Ce message a été supprimé",
    "Vous avez supprimé ce message",
    "Questo messaggio è stato eliminato",
    "Hai eliminato questo messaggio",
    "Mensagem apagada",
    "Essa mensagem foi apagada",
    "Esta mensagem foi apagada",
    "Você apagou esta mensagem",
    "Apagaste esta mensagem",
    "Dit bericht is verwijderd",
    "Je hebt dit bericht verwijderd",
    "Это сообщение удалено",
    "Данное сообщение удалено",
    "Вы удалили это сообщение",
    "Bu mesaj silindi",
    "Bu mesajı sildiniz",
    "Pesan ini telah dihapus",
    "Ta wiadomość została usunięta",
];

/// Localised suffixes newer exports add to edited messages.
const EDITED: &[&str] = &[
    "<This message was edited>",
    "<Diese Nachricht wurde bearbeitet>",
    "<Se editó este mensaje.>",
    "<Ce message a été modifié>",
    "<Questo messaggio è stato modificato>",
    "<Mensagem editada>",
    "<Dit bericht is bewerkt>",
];

/// Suffixes of attachments exported with media.
const ATTACHED: &[&str] = &[
    "(file attached)",
    "(Datei angehängt)",
    "(archivo adjunto)",
    "(fichier joint)",
    "(file allegato)",
    "(arquivo anexado)",
    "(bestand bijgevoegd)",
];

fn is_mark(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}')
}

/// What a message text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Flags {
    pub media: bool,
    pub deleted: bool,
    pub edited: bool,
}

#[derive(Clone, Copy)]
enum Placeholder {
    Media,
    Deleted,
}

/// Look a short text up among the media and deletion placeholders,
/// bucketed by length so that most texts cost one array index.
fn placeholder(core: &str) -> Option<Placeholder> {
    use std::sync::OnceLock;
    type Buckets = Vec<Vec<(&'static str, Placeholder)>>;
    static BUCKETS: OnceLock<Buckets> = OnceLock::new();
    let buckets = BUCKETS.get_or_init(|| {
        let mut b: Buckets = vec![Vec::new(); 129];
        for m in MEDIA {
            b[m.len().min(128)].push((m, Placeholder::Media));
        }
        for d in DELETED {
            b[d.len().min(128)].push((d, Placeholder::Deleted));
        }
        b
    });
    buckets.get(core.len())?.iter().find(|(s, _)| *s == core).map(|&(_, p)| p)
}

/// Classify a message text; `None` for a system line (iOS marks them with
/// a leading U+200E). Cleans the text in place (no copy in the common
/// case).
pub(crate) fn classify(mut text: String) -> Option<(String, Flags)> {
    let marked = text.starts_with('\u{200E}');
    if matches!(text.as_bytes().first(), Some(0xE2 | 0xEF)) && text.starts_with(is_mark) {
        let n = text.len() - text.trim_start_matches(is_mark).len();
        text.drain(..n);
    }
    let n = text.trim_end_matches(['\n', '\r']).len();
    text.truncate(n);
    let mut flags = Flags::default();
    let tail = |c: char| c.is_whitespace() || is_mark(c);
    let trimmed_end = text.trim_end_matches(tail);
    if trimmed_end.ends_with('>') {
        if let Some(t) = EDITED.iter().find_map(|suffix| trimmed_end.strip_suffix(suffix)) {
            let n = t.trim_end_matches(tail).len();
            flags.edited = true;
            text.truncate(n);
        }
    }
    if text.len() <= 72 {
        let core = text.trim().trim_end_matches('.');
        match placeholder(core) {
            Some(Placeholder::Deleted) => flags.deleted = true,
            Some(Placeholder::Media) => flags.media = true,
            None => {
                if core.ends_with('>') && ["<attached: ", "<anexado: ", "<adjunto: ", "<Anhang: "].iter().any(|p| core.starts_with(p)) {
                    flags.media = true;
                }
            }
        }
    }
    if !flags.media && !flags.deleted {
        let first_line = match memchr::memchr(b'\n', text.as_bytes()) {
            Some(i) => &text[..i],
            None => &text,
        };
        let first_line = first_line.trim_end();
        if first_line.ends_with(')') && ATTACHED.iter().any(|s| first_line.ends_with(s)) {
            flags.media = true;
        } else if marked && !flags.edited {
            return None;
        }
    }
    Some((text, flags))
}

/// Split `Name: text`; `None` for a system line.
fn split_sender(rest: &str) -> Option<(&str, &str)> {
    let b = rest.as_bytes();
    let colon = memchr::memchr_iter(b':', b).find(|&i| b.get(i + 1).is_none_or(|&c| c == b' '))?;
    let name = &rest[..colon];
    let text = rest.get(colon + 2..).unwrap_or("");
    let name = name.trim_matches(|c: char| c.is_whitespace() || is_mark(c));
    if name.is_empty() || name.len() > 100 || name.bytes().any(|c| c == b'"') || (!name.is_ascii() && name.contains('“')) {
        return None;
    }
    const SYSTEM: &[&str] = &[
        " changed the subject",
        " changed this group",
        " changed the group",
        " created group",
        " added ",
        " removed ",
        " changed their phone number",
    ];
    if name.bytes().filter(|&c| c == b' ').count() >= 2 && SYSTEM.iter().any(|s| name.contains(s)) {
        return None;
    }
    Some((name, text))
}

const EXPECTED_LINE: &str =
    "a message line like \"[15/01/2020, 09:12:45] Name: text\" (iOS) or \"15/01/2020, 09:12 - Name: text\" (Android)";

/// Second pass: parse the file and deliver messages to the sink.
pub(crate) fn parse<R: BufRead>(r: R, order: Order, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    #[derive(PartialEq)]
    enum State {
        Start,
        Message,
        System,
        Skipping,
    }
    let mut lines = Lines::new(r);
    let mut state = State::Start;
    let mut pending: Option<(Message, u64)> = None;
    let flush = |pending: &mut Option<(Message, u64)>, sink: &mut Sink<'_>| {
        if let Some((mut m, line)) = pending.take() {
            if let Some((text, f)) = classify(std::mem::take(&mut m.text)) {
                m.text = text;
                m.media = f.media;
                m.deleted = f.deleted;
                m.edited = f.edited;
                sink.push(m, || Location::Line(line));
            }
        }
    };
    loop {
        let (n, line) = match lines.next_line() {
            Ok(Some(l)) => l,
            Ok(None) => break,
            Err(e) => return Err(read_error(&sink.file, lines.line, &e)),
        };
        let t = match line {
            Line::Text(t) => t,
            Line::Invalid(off) => {
                let e = invalid_line(&sink.file, n, off);
                sink.malformed(e)?;
                continue;
            }
        };
        if let Some(h) = parse_header(t) {
            flush(&mut pending, sink);
            let time = h.resolve(order).and_then(|(y, mo, d, hh, mi, s)| sink.zone.local(y, mo, d, hh, mi, s));
            let Some(time) = time else {
                let shown: String = t.chars().take(40).collect();
                let e = ImportError::new(
                    ErrorKind::BadTime,
                    &sink.file,
                    Location::Line(n),
                    format!("corrupt date or time in {shown:?}"),
                    format!(
                        "a valid {} date and time, as on the other lines",
                        if order == Order::DayFirst { "day/month/year" } else { "month/day/year" }
                    ),
                    "fix or delete this line, or pass --lenient to skip it",
                );
                sink.malformed(e)?;
                state = State::Skipping;
                continue;
            };
            match split_sender(h.rest) {
                Some((name, text)) => {
                    pending =
                        Some((Message { speaker: name.to_string(), time: Some(time), text: text.to_string(), ..Message::default() }, n));
                    state = State::Message;
                }
                None => state = State::System,
            }
            continue;
        }
        match state {
            State::Message => {
                if let Some((m, _)) = pending.as_mut() {
                    m.text.push('\n');
                    m.text.push_str(t);
                }
            }
            State::System | State::Skipping => {}
            State::Start => {
                if t.trim_matches(|c: char| c.is_whitespace() || is_mark(c)).is_empty() {
                    continue;
                }
                let shown: String = t.chars().take(40).collect();
                let e = ImportError::new(
                    ErrorKind::Malformed,
                    &sink.file,
                    Location::Line(n),
                    format!("not a WhatsApp message line: {shown:?}"),
                    EXPECTED_LINE,
                    "check that this is a WhatsApp \"Export chat\" file, or pass --lenient to skip this line",
                );
                sink.malformed(e)?;
            }
        }
    }
    flush(&mut pending, sink);
    Ok(())
}

/// Largest chat entry unpacked from a zip.
const MAX_ENTRY: u64 = 2 << 30;
/// Entries this large must not be compressed more than [`MAX_RATIO`] times.
const RATIO_FLOOR: u64 = 16 << 20;
const MAX_RATIO: u64 = 100;

/// A reader that refuses to yield more than `left` bytes.
struct Bounded<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n as u64 > self.left {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "the zip entry unpacks to more than its declared size"));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

fn archive_error(file: &str, what: String) -> ImportError {
    ImportError::new(
        ErrorKind::Archive,
        file,
        Location::Whole,
        what,
        "a WhatsApp \"Export chat\" .zip holding _chat.txt",
        "export the chat again, or unzip it and import the .txt file",
    )
}

fn open_entry<'z, R: Read + Seek>(
    zip: &'z mut zip::ZipArchive<R>,
    name: &str,
    file: &str,
) -> Result<BufReader<Bounded<zip::read::ZipFile<'z, R>>>, ImportError> {
    let entry = zip.by_name(name).map_err(|e| archive_error(file, format!("cannot read {name} in the zip ({e})")))?;
    if entry.encrypted() {
        return Err(archive_error(file, format!("{name} is encrypted")));
    }
    let size = entry.size();
    let packed = entry.compressed_size().max(1);
    if size > MAX_ENTRY {
        return Err(archive_error(file, format!("{name} unpacks to {} MiB, over the {} MiB limit", size >> 20, MAX_ENTRY >> 20)));
    }
    if size > RATIO_FLOOR && size / packed > MAX_RATIO {
        return Err(archive_error(file, format!("{name} is compressed {}:1, which looks like a zip bomb", size / packed)));
    }
    Ok(BufReader::with_capacity(64 * 1024, Bounded { inner: entry, left: size }))
}

/// Import a WhatsApp `.zip` export: find the chat text inside, check it is
/// safe to unpack, and parse it streaming (two passes).
pub(crate) fn import_zip<R: Read + Seek>(reader: R, sink: &mut Sink<'_>) -> Result<(), ImportError> {
    let file = sink.file.clone();
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| archive_error(&file, format!("not a readable zip archive ({e})")))?;
    let names: Vec<String> = zip.file_names().filter_map(Result::ok).map(|s| s.to_string()).collect();
    let base = |n: &str| n.rsplit('/').next().unwrap_or(n).to_string();
    let txt: Vec<&String> = names.iter().filter(|n| n.to_lowercase().ends_with(".txt") && !base(n).starts_with('.')).collect();
    let chosen = names
        .iter()
        .find(|n| base(n) == "_chat.txt")
        .or_else(|| txt.iter().copied().find(|n| base(n).starts_with("WhatsApp")))
        .or_else(|| if txt.len() == 1 { Some(txt[0]) } else { None })
        .cloned();
    let Some(name) = chosen else {
        let shown: Vec<&str> = names.iter().take(5).map(String::as_str).collect();
        return Err(archive_error(
            &file,
            format!(
                "no chat text (_chat.txt) in the zip; it holds {} entries{}{}",
                names.len(),
                if shown.is_empty() { "" } else { ": " },
                shown.join(", ")
            ),
        ));
    };
    let order = scan_order(open_entry(&mut zip, &name, &file)?);
    sink.file = format!("{file}/{name}");
    let r = open_entry(&mut zip, &name, &file)?;
    let result = parse(r, order, sink);
    sink.file = file;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let h = parse_header("\u{200E}[15/01/2020, 09:12:45] Alex: hi").unwrap();
        assert!(h.ios);
        assert_eq!(h.fields, [15, 1, 2020]);
        assert_eq!((h.hour, h.minute, h.second), (9, 12, 45));
        assert_eq!(h.rest, "Alex: hi");
        let h = parse_header("1/15/20, 9:12\u{202F}PM - Sam: yo").unwrap();
        assert_eq!(h.pm, Some(true));
        assert_eq!(h.resolve(Order::MonthFirst), Some((2020, 1, 15, 21, 12, 0)));
        assert_eq!(h.resolve(Order::DayFirst), None);
        let h = parse_header("15.01.20, 09:12 - Sam: yo").unwrap();
        assert_eq!(h.sep, b'.');
        let h = parse_header("[1/15/20, 9:12:01 a. m.] Sam: yo").unwrap();
        assert_eq!(h.pm, Some(false));
        let h = parse_header("2020-01-15, 09:12 - Sam: yo").unwrap();
        assert_eq!(h.resolve(Order::MonthFirst), Some((2020, 1, 15, 9, 12, 0)));
        assert!(parse_header("12/05 works for me").is_none());
        assert!(parse_header("15/01/2020 no time").is_none());
        assert!(parse_header("").is_none());
    }

    fn s(t: &str) -> String {
        t.to_string()
    }

    #[test]
    fn classifies() {
        assert!(classify(s("\u{200E}image omitted")).unwrap().1.media);
        assert!(classify(s("\u{200E}Messages and calls are end-to-end encrypted.")).is_none());
        assert!(classify(s("This message was deleted")).unwrap().1.deleted);
        assert!(classify(s("\u{200E}You deleted this message.")).unwrap().1.deleted);
        let (t, f) = classify(s("see you <This message was edited>")).unwrap();
        assert_eq!((t.as_str(), f.edited), ("see you", true));
        assert!(classify(s("IMG-20200115-WA0001.jpg (file attached)")).unwrap().1.media);
        assert_eq!(classify(s("hello")).unwrap().1, Flags::default());
    }
}
