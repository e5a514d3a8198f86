//! Text understanding, done once before the rules.
//!
//! [`Normalized::new`] turns a raw message into a canonical token stream and a
//! matching lowercase string in which rules search:
//!
//! * Unicode: NFKD with diacritics stripped (`café` → `cafe`), curly quotes and
//!   apostrophes folded, case folded; `*emphasis*` markers dropped.
//! * Contractions and texting shorthand expanded (`you're`, `ur`, `u r`,
//!   `idk`, `rn`, `smh`, `wtf`, `gonna`…), so that one pattern covers them all.
//! * Elongations squashed (`sooo` → `so`, `pleaseeee` → `please`, `!!!` → `!`)
//!   and remembered as an intensity cue.
//! * Emoji and emoticons become cue words (`🙄` → `:eyeroll:`, `❤️`/`<3` →
//!   `:heart:`, `😂` → `:laugh:`), so that 🙄 is not ❤️.
//! * ALL CAPS words are remembered as shouting.
//! * Sentences and clauses are split; each token knows whether it lies in the
//!   scope of a negation ("you're **not** stupid"), except under meta-negation
//!   ("I'm not saying you're stupid, but…"), and whether it is quoted or
//!   reported speech ("my boss called me an idiot").
//!
//! Every token keeps its byte range in the original text, so a match in the
//! normalised string maps back to exact, char-aligned spans of what the person
//! wrote.

use std::ops::Range;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    /// An emoji or emoticon, rendered in the normalised text as `:name:`.
    Cue,
}

/// One token of the normalised stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Byte range in [`Normalized::text`].
    pub norm: Range<usize>,
    /// Byte range in the original message.
    pub orig: Range<usize>,
    /// Written in capitals (2+ letters), i.e. shouted.
    pub shouted: bool,
    /// Written with an initial capital only (a name, mid-sentence).
    pub capitalised: bool,
    /// Written with a letter repeated 3+ times.
    pub elongated: bool,
    /// Inside the scope of a negation in its clause.
    pub negated: bool,
    /// Quoted or reported speech of someone else.
    pub reported: bool,
    /// Index of the sentence the token belongs to.
    pub sentence: u16,
    /// Index of the clause (sentences split further at `,` `;` `:` `but`).
    pub clause: u16,
}

/// Message-level cues the rules and the scorer read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cues {
    pub words: u16,
    pub shouted_words: u16,
    pub exclamations: u16,
    pub questions: u16,
    pub elongations: u16,
    pub eyeroll: bool,
    pub heart: bool,
    pub laugh: bool,
    pub angry: bool,
    pub sad: bool,
    /// A sentence ends in `?`.
    pub is_question: bool,
}

impl Cues {
    /// Mostly capitals: the whole message reads as shouting.
    pub fn shouting(&self) -> bool {
        self.shouted_words >= 2 && self.shouted_words * 2 >= self.words
    }
}

/// A normalised message. See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub tokens: Vec<Token>,
    pub cues: Cues,
}

/// Expansions of contractions and texting shorthand, applied to single
/// lowercase words. The left side is matched after apostrophes are folded to
/// `'`; entries without apostrophes cover the common apostrophe-less typing.
const EXPANSIONS: &[(&str, &str)] = &[
    ("u", "you"),
    ("ya", "you"),
    ("yu", "you"),
    ("ur", "your"),
    ("yr", "your"),
    ("youre", "you are"),
    ("ure", "you are"),
    ("r", "are"),
    ("im", "i am"),
    ("ive", "i have"),
    ("id", "i would"),
    ("ill", "i will"),
    ("ull", "you will"),
    ("youll", "you will"),
    ("dont", "do not"),
    ("doesnt", "does not"),
    ("didnt", "did not"),
    ("cant", "can not"),
    ("cannot", "can not"),
    ("wont", "will not"),
    ("isnt", "is not"),
    ("arent", "are not"),
    ("wasnt", "was not"),
    ("werent", "were not"),
    ("havent", "have not"),
    ("hasnt", "has not"),
    ("hadnt", "had not"),
    ("wouldnt", "would not"),
    ("shouldnt", "should not"),
    ("couldnt", "could not"),
    ("aint", "is not"),
    ("dunno", "do not know"),
    ("idk", "i do not know"),
    ("idc", "i do not care"),
    ("idgaf", "i do not care"),
    ("ion", "i do not"),
    ("thats", "that is"),
    ("whats", "what is"),
    ("its", "it is"),
    ("hes", "he is"),
    ("shes", "she is"),
    ("theyre", "they are"),
    ("were'", "we are"),
    ("lets", "let us"),
    ("gonna", "going to"),
    ("gunna", "going to"),
    ("wanna", "want to"),
    ("gotta", "got to"),
    ("hafta", "have to"),
    ("kinda", "kind of"),
    ("sorta", "sort of"),
    ("lemme", "let me"),
    ("gimme", "give me"),
    ("rn", "right now"),
    ("smh", "shaking my head"),
    ("wtf", "what the fuck"),
    ("wth", "what the hell"),
    ("tf", "the fuck"),
    ("stfu", "shut the fuck up"),
    ("gtfo", "get the fuck out"),
    ("ffs", "for fuck sake"),
    ("omfg", "oh my god"),
    ("omg", "oh my god"),
    ("tbh", "to be honest"),
    ("tbf", "to be fair"),
    ("ngl", "honestly"),
    ("imo", "in my opinion"),
    ("imho", "in my opinion"),
    ("istg", "i swear to god"),
    ("fr", "for real"),
    ("frfr", "for real"),
    ("srsly", "seriously"),
    ("obv", "obviously"),
    ("obvs", "obviously"),
    ("prob", "probably"),
    ("def", "definitely"),
    ("pls", "please"),
    ("plz", "please"),
    ("plez", "please"),
    ("thx", "thanks"),
    ("thnx", "thanks"),
    ("ty", "thank you"),
    ("tysm", "thank you so much"),
    ("bc", "because"),
    ("b/c", "because"),
    ("cuz", "because"),
    ("coz", "because"),
    ("cos", "because"),
    ("bcuz", "because"),
    ("becuz", "because"),
    ("ppl", "people"),
    ("b4", "before"),
    ("k", "ok"),
    ("kk", "ok"),
    ("okay", "ok"),
    ("okey", "ok"),
    ("okk", "ok"),
    ("y", "why"),
    ("luv", "love"),
    ("ily", "i love you"),
    ("ilysm", "i love you so much"),
    ("ilu", "i love you"),
    ("nvm", "never mind"),
    ("wyd", "what are you doing"),
    ("hbu", "how about you"),
    ("wbu", "what about you"),
    ("wya", "where are you"),
    ("ofc", "of course"),
    ("jk", "just kidding"),
    ("abt", "about"),
    ("tho", "though"),
    ("thru", "through"),
    ("gn", "good night"),
    ("gm", "good morning"),
    ("sry", "sorry"),
    ("soz", "sorry"),
    ("srry", "sorry"),
    ("msg", "message"),
    ("msgs", "messages"),
    ("txt", "text"),
    ("bf", "boyfriend"),
    ("gf", "girlfriend"),
    ("bday", "birthday"),
    ("btw", "by the way"),
    ("af", "as fuck"),
    ("bby", "baby"),
    ("babe", "babe"),
    ("hun", "hon"),
    ("w/", "with"),
    ("w", "with"),
    ("wit", "with"),
    ("n", "and"),
    ("nd", "and"),
    ("da", "the"),
    ("dat", "that"),
    ("dis", "this"),
    ("tmrw", "tomorrow"),
    ("tmr", "tomorrow"),
    ("tmrrw", "tomorrow"),
    ("2morrow", "tomorrow"),
    ("2nite", "tonight"),
    ("tonite", "tonight"),
    ("l8r", "later"),
    ("l8", "late"),
    ("gr8", "great"),
    ("some1", "someone"),
    ("any1", "anyone"),
    ("every1", "everyone"),
    ("no1", "no one"),
    ("sum1", "someone"),
    ("bro", "bro"),
    ("ok", "ok"),
    ("yeah", "yes"),
    ("yea", "yes"),
    ("ya'll", "you all"),
    ("yall", "you all"),
    ("y'all", "you all"),
    ("whatevs", "whatever"),
    ("wateva", "whatever"),
    ("whatev", "whatever"),
    ("prolly", "probably"),
    ("cause", "because"),
    ("coulda", "could have"),
    ("shoulda", "should have"),
    ("woulda", "would have"),
    ("wud", "would"),
    ("cud", "could"),
    ("shud", "should"),
    ("hv", "have"),
    ("ur're", "you are"),
    ("mum", "mom"),
    ("mam", "mom"),
    ("rly", "really"),
    ("realy", "really"),
    ("sooo", "so"),
    ("soo", "so"),
    ("noo", "no"),
    ("yess", "yes"),
    ("lool", "lol"),
    ("heyy", "hey"),
    ("hii", "hi"),
    ("whyy", "why"),
    ("ohh", "oh"),
    ("pleasee", "please"),
    ("thankss", "thanks"),
    ("mee", "me"),
    ("youu", "you"),
    // Scots, Irish and Northern English: the words that carry who is
    // addressed and what is negated, so "ye're that selfish" reads as
    // "you are that selfish" and "I dinnae care" as "I do not care".
    ("ye", "you"),
    ("yer", "your"),
    ("ye're", "you are"),
    ("yous", "you"),
    ("youse", "you"),
    ("yersel", "yourself"),
    ("masel", "myself"),
    ("dinnae", "do not"),
    ("didnae", "did not"),
    ("cannae", "can not"),
    ("canny", "can not"),
    ("wouldnae", "would not"),
    ("isnae", "is not"),
    ("wasnae", "was not"),
    ("dae", "do"),
    ("tae", "to"),
    ("wi", "with"),
    ("aboot", "about"),
    ("oot", "out"),
    ("ower", "over"),
    ("gie", "give"),
    ("naw", "no"),
    ("aye", "yes"),
    // Jamaican and West African English.
    ("yuh", "you"),
    ("unu", "you"),
    ("cyaan", "can not"),
    ("nuh", "not"),
    ("dem", "them"),
    ("abeg", "please"),
    ("wetin", "what"),
];

/// Suffix contractions: `you're` → `you are`, `isn't` → `is not`.
const SUFFIXES: &[(&str, &str)] = &[("n't", " not"), ("'re", " are"), ("'ve", " have"), ("'ll", " will"), ("'m", " am"), ("'d", " would")];

/// Words after which `'s` means `is` rather than a possessive.
const S_IS: &[&str] = &[
    "it",
    "that",
    "he",
    "she",
    "what",
    "who",
    "there",
    "here",
    "where",
    "how",
    "this",
    "everything",
    "nothing",
    "someone",
    "somebody",
    "everyone",
    "no one",
    "nobody",
];

/// Words that open a negation scope for the rest of the clause.
const NEGATORS: &[&str] = &["not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "hardly", "without", "nowhere"];

/// Words that end a clause for negation and addressee scope.
const CLAUSE_BREAKERS: &[&str] = &["but", "though", "although", "however", "yet", "cuz", "because", "and", "so"];

/// Verbs that introduce someone else's words when their subject is not the
/// speaker or the partner ("my boss called me an idiot", "she said …").
const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "called", "calls", "call", "told", "tells", "tell", "wrote", "writes", "texted", "thinks", "thought", "reckons",
    "yelled", "shouted", "screamed", "asked", "asks", "goes", "went", "was like", "is like",
];

fn expansion(word: &str) -> Option<&'static str> {
    // FxHash: one lookup per word of every message; SipHash's DoS resistance
    // buys nothing for a fixed table.
    static MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, &'static str>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::with_capacity_and_hasher(EXPANSIONS.len(), Default::default());
        for (k, v) in EXPANSIONS {
            // The first entry wins, as a linear scan would.
            m.entry(*k).or_insert(*v);
        }
        m
    })
    .get(word)
    .copied()
}

/// Which cue name an emoji or pictograph carries, if any.
pub fn emoji_cue(c: char) -> Option<&'static str> {
    Some(match c {
        '🙄' | '😒' | '😑' => "eyeroll",
        '❤' | '♥' | '💕' | '💖' | '💗' | '💓' | '💞' | '💘' | '💝' | '😍' | '🥰' | '😘' | '😚' | '😙' | '🧡' | '💛' | '💚' | '💙'
        | '💜' | '🤍' | '🤎' | '❣' | '💋' | '😻' | '🫶' => "heart",
        '😂' | '🤣' | '😆' | '😹' | '💀' | '😅' => "laugh",
        '🙂' | '😊' | '☺' | '😀' | '😃' | '😄' | '😁' | '😉' | '😜' | '😛' | '😝' | '🤪' | '😌' => "smile",
        '😤' | '😠' | '😡' | '🤬' | '💢' | '👿' | '🖕' => "angry",
        '😢' | '😭' | '😞' | '😔' | '😟' | '☹' | '🙁' | '😥' | '😿' | '🥺' | '💔' | '😩' | '😫' | '😓' | '🥲' => {
            "sad"
        }
        '👏' => "clap",
        '🙏' => "pray",
        '🤗' | '🫂' => "hug",
        '💪' | '🎉' | '🥳' | '🙌' | '⭐' | '🌟' | '🏆' | '👍' | '✨' | '🎊' | '🔥' | '💯' => "cheer",
        '🤷' => "shrug",
        '🔪' | '🔫' | '🩸' | '⚰' => "weapon",
        '😏' | '🙃' => "smirk",
        '👀' => "eyes",
        '🤔' => "thinking",
        '😬' | '😳' => "awkward",
        '😴' | '🥱' => "bored",
        _ => return None,
    })
}

/// Emoticons written with ASCII, longest first.
const EMOTICONS: &[(&str, &str)] = &[
    (":-)", "smile"),
    (":-(", "sad"),
    (":-D", "laugh"),
    (":')", "sad"),
    (":'(", "sad"),
    ("<33", "heart"),
    ("<3", "heart"),
    ("</3", "sad"),
    (":)", "smile"),
    ("(:", "smile"),
    (":(", "sad"),
    ("):", "sad"),
    (":D", "laugh"),
    ("xD", "laugh"),
    ("XD", "laugh"),
    (";)", "smile"),
    (";-)", "smile"),
    (":P", "smile"),
    (":p", "smile"),
    (":/", "awkward"),
    (":|", "awkward"),
    ("-_-", "eyeroll"),
    ("-.-", "eyeroll"),
];

fn is_skippable(c: char) -> bool {
    // Variation selectors, zero-width joiners and marks, skin tones, bidi marks.
    matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{1F3FB}'..='\u{1F3FF}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// Is a laugh token: lol, lmao, haha, hehe, rofl…
fn is_laugh_word(w: &str) -> bool {
    matches!(w, "lol" | "lmao" | "lmfao" | "rofl" | "lolol" | "lul" | "kek")
        || (w.len() >= 4 && (w.chars().all(|c| c == 'h' || c == 'a') || w.chars().all(|c| c == 'h' || c == 'e')) && w.starts_with('h'))
}

struct Builder<'a> {
    orig: &'a str,
    out: Normalized,
    /// The word being folded, reused from word to word: one allocation per
    /// message instead of one per word.
    folded: String,
}

impl Builder<'_> {
    fn push(&mut self, kind: TokenKind, norm: &str, orig: Range<usize>, shouted: bool, elongated: bool) {
        // Sentence punctuation attaches to the word before it, as people write
        // it ("sure, because"), so patterns read naturally.
        let attached = kind == TokenKind::Punct && matches!(norm, "," | "." | "!" | "?" | ";" | ":" | "...");
        if !self.out.text.is_empty() && !attached {
            self.out.text.push(' ');
        }
        let start = self.out.text.len();
        // The normalised text is ASCII (rules run byte automata over it);
        // letters of other scripts become `x`, keeping word shapes.
        if norm.is_ascii() {
            self.out.text.push_str(norm);
        } else {
            self.out.text.extend(norm.chars().map(|c| {
                if c.is_ascii() {
                    c
                } else if c.is_alphanumeric() {
                    'x'
                } else {
                    '-'
                }
            }));
        }
        self.out.tokens.push(Token {
            kind,
            norm: start..self.out.text.len(),
            orig,
            shouted,
            capitalised: false,
            elongated,
            negated: false,
            reported: false,
            sentence: 0,
            clause: 0,
        });
    }

    /// Push a (possibly multi-word) expansion; every piece maps to the whole
    /// original word.
    fn push_words(&mut self, words: &str, orig: Range<usize>, shouted: bool, elongated: bool) {
        // A bare suffix ("n't" alone, "n`T") expands to " not": no empty token.
        for w in words.split(' ').filter(|w| !w.is_empty()) {
            self.push(TokenKind::Word, w, orig.clone(), shouted, elongated);
        }
    }

    fn word(&mut self, raw: Range<usize>) {
        let src = &self.orig[raw.clone()];
        let mut chars = src.chars();
        let capitalised = chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase()) && src.len() > 1;
        let first_new = self.out.tokens.len();
        self.word_inner(raw);
        if let Some(t) = self.out.tokens.get_mut(first_new) {
            t.capitalised = capitalised;
        }
    }

    fn word_inner(&mut self, raw: Range<usize>) {
        let src = &self.orig[raw.clone()];
        let letters = src.chars().filter(|c| c.is_alphabetic()).count();
        let shouted = letters >= 2 && src.chars().all(|c| !c.is_lowercase());
        // Fold: NFKD, drop diacritics, lowercase, fold apostrophes.
        let mut folded = std::mem::take(&mut self.folded);
        folded.clear();
        if src.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'\'' || b == b'_' || b == b'/') {
            // Fast path: ASCII needs no decomposition.
            folded.push_str(src);
            folded.make_ascii_lowercase();
        } else {
            for c in src.nfkd() {
                if is_combining_mark(c) {
                    continue;
                }
                if is_apostrophe(c) {
                    folded.push('\'');
                } else {
                    folded.extend(c.to_lowercase());
                }
            }
        }
        let (squashed, elongated) = squash(&folded);
        self.folded_word(squashed.trim_matches('\''), raw, shouted, elongated);
        drop(squashed);
        self.folded = folded;
    }

    /// Push one folded, squashed word: numbers, fillers, laughs, expansions
    /// and contractions.
    fn folded_word(&mut self, w: &str, raw: Range<usize>, shouted: bool, elongated: bool) {
        if w.is_empty() {
            return;
        }
        if w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ':') {
            self.push(TokenKind::Number, w, raw, false, false);
            return;
        }
        // Filler adverbs carry emphasis, not meaning: dropping them lets one
        // pattern cover "I can literally never do anything right".
        if matches!(
            w,
            "literally" | "honestly" | "actually" | "basically" | "genuinely" | "legit" | "lowkey" | "highkey" | "ngl" | "frankly"
        ) {
            return;
        }
        if is_laugh_word(w) {
            self.push(TokenKind::Word, "lol", raw.clone(), false, elongated);
            self.out.cues.laugh = true;
            return;
        }
        if let Some(e) = expansion(w) {
            self.push_words(e, raw, shouted, elongated);
            return;
        }
        if w.contains('\'') {
            let w = w.to_string();
            if let Some(e) = expansion(&w.replace('\'', "")).filter(|_| w != "we're" && w != "i'll" && w != "she'll" && w != "he'll") {
                // "don't" → "do not" via the apostrophe-less table, except where the
                // stripped form is another word ("we're" vs "were", "i'll" vs "ill").
                self.push_words(e, raw, shouted, elongated);
                return;
            }
            if w == "won't" {
                self.push_words("will not", raw, shouted, elongated);
                return;
            }
            if w == "can't" {
                self.push_words("can not", raw, shouted, elongated);
                return;
            }
            for (suf, rep) in SUFFIXES {
                if let Some(stem) = w.strip_suffix(suf) {
                    let stem = if *suf == "n't" && stem == "ca" { "can" } else { stem };
                    self.push_words(&format!("{stem}{rep}"), raw, shouted, elongated);
                    return;
                }
            }
            if let Some(stem) = w.strip_suffix("'s") {
                if S_IS.contains(&stem) {
                    self.push_words(&format!("{stem} is"), raw, shouted, elongated);
                } else if stem == "let" {
                    self.push_words("let us", raw, shouted, elongated);
                } else {
                    self.push(TokenKind::Word, &format!("{stem}'s"), raw, shouted, elongated);
                }
                return;
            }
        }
        self.push(TokenKind::Word, w, raw, shouted, elongated);
    }
}

/// Collapse runs of 3+ identical letters. Returns the squashed word and
/// whether it was elongated. Runs collapse to two letters when that ends in a
/// common English double ("goood" → "good", "soooon" → "soon"), else to one
/// ("sooo" → "so", "whyyy" → "why", "pleaseee" → "please").
fn squash(word: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let b = word.as_bytes();
    if !b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return (std::borrow::Cow::Borrowed(word), false);
    }
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut elongated = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut j = i;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        let run = j - i;
        if run >= 3 && c.is_alphabetic() {
            elongated = true;
            let at_end = j == chars.len();
            let keep_two = !at_end && matches!(c, 'o' | 'e' | 'l' | 's' | 'f' | 't' | 'p' | 'r' | 'm' | 'n' | 'd' | 'g' | 'b' | 'c');
            let keep_two = keep_two || (at_end && matches!(c, 'l' | 's' | 'f' | 'e') && i >= 2);
            out.push(c);
            if keep_two {
                out.push(c);
            }
        } else {
            for _ in 0..run {
                out.push(c);
            }
        }
        i = j;
    }
    // A few very common words whose doubled form is not English.
    let fixed = match out.as_str() {
        "soo" => Some("so"),
        "noo" => Some("no"),
        "yess" => Some("yes"),
        "hii" => Some("hi"),
        "heyy" => Some("hey"),
        "okk" => Some("ok"),
        "omgg" => Some("omg"),
        "mee" => Some("me"),
        "youu" => Some("you"),
        "gonee" => Some("gone"),
        "sorryy" => Some("sorry"),
        "pleasee" => Some("please"),
        "lovee" => Some("love"),
        _ => None,
    };
    match fixed {
        Some(f) if elongated => (f.into(), true),
        _ => (out.into(), elongated),
    }
}

impl Normalized {
    /// Normalise one message. Pure, never panics, works on any string.
    pub fn new(text: &str) -> Self {
        let mut b = Builder {
            orig: text,
            out: Normalized {
                text: String::with_capacity(text.len() + 16),
                tokens: Vec::with_capacity(text.len() / 4 + 4),
                ..Default::default()
            },
            folded: String::new(),
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < text.len() {
            let c = text[i..].chars().next().expect("i is on a char boundary");
            let clen = c.len_utf8();
            if is_word_char(c) {
                // A word: letters, digits and inner apostrophes.
                let start = i;
                let mut end = i + clen;
                while let Some(n) = text[end..].chars().next() {
                    if is_word_char(n) {
                        end += n.len_utf8();
                    } else if is_apostrophe(n) {
                        let after = end + n.len_utf8();
                        if text[after..].starts_with(|m: char| m.is_alphabetic()) {
                            end = after;
                        } else {
                            break;
                        }
                    } else if n == '/' && &text[start..end] == "w"
                        || n == '/' && (&text[start..end] == "b" && text[end + 1..].starts_with('c'))
                    {
                        end += 1;
                    } else {
                        break;
                    }
                }
                // Emoticons that begin with letters: xD, XD.
                if &text[start..end] == "xD" || &text[start..end] == "XD" {
                    b.push(TokenKind::Cue, ":laugh:", start..end, false, false);
                    b.out.cues.laugh = true;
                } else {
                    b.word(start..end);
                }
                i = end;
                continue;
            }
            if c.is_whitespace() || is_skippable(c) || c == '*' || c == '_' || c == '~' {
                if c == '\n' {
                    // Line breaks end sentences in chat messages.
                    b.push(TokenKind::Punct, ".", i..i + 1, false, false);
                }
                i += clen;
                continue;
            }
            if let Some(name) = emoji_cue(c) {
                b.push(TokenKind::Cue, &format!(":{name}:"), i..i + clen, false, false);
                b.out.cues.set(name);
                i += clen;
                continue;
            }
            if let Some((emo, name)) = EMOTICONS.iter().find(|(e, _)| text[i..].starts_with(e)) {
                // Only when standing apart, so that "(:" in "(see: x)" is not a smile.
                let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
                let after = i + emo.len();
                let after_ok = after >= text.len() || !bytes[after].is_ascii_alphanumeric();
                if before_ok && after_ok {
                    b.push(TokenKind::Cue, &format!(":{name}:"), i..after, false, false);
                    b.out.cues.set(name);
                    i = after;
                    continue;
                }
            }
            // Punctuation: collapse runs ("!!!", "?!?", "...").
            let start = i;
            let mut end = i + clen;
            while let Some(n) = text[end..].chars().next() {
                if n == c || (matches!(c, '!' | '?') && matches!(n, '!' | '?' | '1')) {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            let run = &text[start..end];
            let norm = match c {
                '!' | '?' => {
                    if run.contains('?') {
                        b.out.cues.questions += 1;
                        "?"
                    } else {
                        b.out.cues.exclamations += 1;
                        "!"
                    }
                }
                '.' | '…' if run.chars().count() >= 2 || c == '…' => "...",
                '.' | '。' => ".",
                ',' | '、' => ",",
                ';' => ";",
                ':' => ":",
                '"' | '“' | '”' | '«' | '»' | '„' => "\"",
                '\'' | '‘' | '’' => "'",
                '(' | '[' | '{' => "(",
                ')' | ']' | '}' => ")",
                '-' | '–' | '—' => "-",
                '/' => "/",
                '&' => "and",
                '+' => "+",
                '=' => "=",
                '$' | '€' | '£' => "$",
                '%' => "%",
                '#' => "#",
                '@' => "@",
                _ => "",
            };
            if !norm.is_empty() {
                let kind = if norm == "and" { TokenKind::Word } else { TokenKind::Punct };
                b.push(kind, norm, start..end, false, false);
            }
            i = end;
        }
        let mut out = b.out;
        out.read_your_as_you_are();
        out.annotate();
        out
    }

    /// Texting writes "ur"/"your" for "you're": before an -ing or -ed word, an
    /// adverb or a common adjective, "your" is read as "you are".
    fn read_your_as_you_are(&mut self) {
        const NEXT: &[&str] = &[
            "so",
            "not",
            "such",
            "being",
            "a",
            "an",
            "the",
            "always",
            "never",
            "just",
            "really",
            "too",
            "very",
            "gonna",
            "right",
            "wrong",
            "welcome",
            "scared",
            "sorry",
            "kidding",
            "joking",
            "lying",
            "crazy",
            "mad",
            "upset",
            "angry",
            "sad",
            "tired",
            "late",
            "ok",
            "okay",
            "fine",
            "safe",
            "amazing",
            "beautiful",
            "perfect",
            "stupid",
            "lazy",
            "selfish",
            "useless",
            "pathetic",
            "only",
            "still",
            "literally",
            "overreacting",
            "the best",
            "my",
            "all",
            "gonna",
            "acting",
            "making",
            "doing",
            "going",
            "literally",
            "afraid",
            "worried",
            "annoying",
            "ridiculous",
            "unbelievable",
            "impossible",
            "insane",
            "home",
            "here",
            "there",
            "back",
            "out",
            "allowed",
            "supposed",
            "obsessed",
            "jealous",
            "paranoid",
            "dramatic",
            "hurt",
            "allowed",
            "worth",
            "lucky",
            "cute",
            "hot",
        ];
        let n = self.tokens.len();
        let hits: Vec<usize> = (0..n.saturating_sub(1))
            .filter(|&i| {
                self.word_at(i) == "your" && {
                    let next = self.word_at(i + 1);
                    NEXT.contains(&next) || (next.len() > 4 && (next.ends_with("ing") || next.ends_with("ed")))
                }
            })
            .collect();
        if hits.is_empty() {
            return;
        }
        let mut text = String::with_capacity(self.text.len() + 8 * hits.len());
        let mut tokens = Vec::with_capacity(n + hits.len());
        for (i, t) in self.tokens.iter().enumerate() {
            let words: &[&str] = if hits.contains(&i) { &["you", "are"] } else { &[&self.text[t.norm.clone()]] };
            for w in words {
                let attached = t.kind == TokenKind::Punct && matches!(*w, "," | "." | "!" | "?" | ";" | ":" | "...");
                if !text.is_empty() && !attached {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(w);
                tokens.push(Token { norm: start..text.len(), ..t.clone() });
            }
        }
        self.text = text;
        self.tokens = tokens;
    }

    /// Sentence and clause indices, negation scope, reported speech, cues.
    fn annotate(&mut self) {
        let mut sentence = 0u16;
        let mut clause = 0u16;
        let mut negating = false;
        let mut reporting = false;
        let mut quoted = false;
        let quotes = self.tokens.iter().filter(|t| &self.text[t.norm.clone()] == "\"").count();
        let n = self.tokens.len();
        for i in 0..n {
            let (norm_range, kind) = (self.tokens[i].norm.clone(), self.tokens[i].kind);
            let word = &self.text[norm_range];
            if kind == TokenKind::Word {
                self.cues.words += 1;
                if self.tokens[i].shouted {
                    self.cues.shouted_words += 1;
                }
            }
            if self.tokens[i].elongated {
                self.cues.elongations += 1;
            }
            let is_end = matches!(word, "." | "!" | "?" | "...");
            let is_break =
                is_end || matches!(word, "," | ";" | ":" | "-" | "(" | ")") || (kind == TokenKind::Word && CLAUSE_BREAKERS.contains(&word));
            if word == "\"" && quotes >= 2 {
                quoted = !quoted;
            }
            self.tokens[i].sentence = sentence;
            self.tokens[i].clause = clause;
            self.tokens[i].negated = negating && !is_break;
            self.tokens[i].reported = reporting || quoted;
            if word == "?" {
                self.cues.is_question = true;
            }
            if is_break {
                clause += 1;
                negating = false;
                if is_end {
                    sentence += 1;
                    reporting = false;
                }
                continue;
            }
            if kind == TokenKind::Word && NEGATORS.contains(&word) && !self.meta_negation(i) {
                negating = true;
            }
            if kind == TokenKind::Word && self.reporting_verb_at(i) {
                reporting = true;
            }
        }
    }

    /// "not saying", "not that", "no offense", "not to be mean": the negation
    /// frames what follows instead of denying it.
    fn meta_negation(&self, i: usize) -> bool {
        let next = self.word_at(i + 1);
        let next2 = self.word_at(i + 2);
        matches!(
            next,
            "saying"
                | "that"
                | "offense"
                | "offence"
                | "to"
                | "calling"
                | "trying"
                | "only"
                | "just"
                | "being"
                | "even"
                | "judging"
                | "gonna"
                | "going"
        ) && !(next == "being"
            && matches!(
                next2,
                "dramatic"
                    | "stupid"
                    | "crazy"
                    | "unreasonable"
                    | "silly"
                    | "selfish"
                    | "annoying"
                    | "needy"
                    | "too"
                    | "a"
                    | "an"
                    | "ridiculous"
                    | "paranoid"
            ))
            && !(next == "even" && matches!(next2, "close" | "a"))
            && !(next == "only" && matches!(next2, "you"))
            && (next != "to" || matches!(next2, "be" | "sound" | "start" | "mention"))
            && (next != "going" || next2 == "to")
            && !(next == "that" && matches!(next2, "bad" | "big" | "hard" | "serious" | "deep" | "important"))
    }

    /// A reporting verb whose subject is a third person: "my boss called me",
    /// "she said", "mom told me". Not when the subject is I or you.
    fn reporting_verb_at(&self, i: usize) -> bool {
        let w = self.word_at(i);
        if !REPORTING_VERBS.contains(&w) {
            return false;
        }
        // Find the subject: the nearest word before, in the same clause.
        let mut j = i;
        while j > 0 {
            j -= 1;
            let t = &self.tokens[j];
            if t.kind != TokenKind::Word {
                return false;
            }
            let s = self.word_at(j);
            if matches!(s, "always" | "just" | "literally" | "even" | "also" | "once" | "never" | "basically" | "actually" | "then") {
                continue;
            }
            return matches!(
                s,
                "he" | "she"
                    | "they"
                    | "boss"
                    | "mom"
                    | "dad"
                    | "mother"
                    | "father"
                    | "sister"
                    | "brother"
                    | "friend"
                    | "friends"
                    | "coworker"
                    | "colleague"
                    | "manager"
                    | "teacher"
                    | "ex"
                    | "mum"
                    | "aunt"
                    | "uncle"
                    | "cousin"
                    | "grandma"
                    | "therapist"
                    | "doctor"
                    | "neighbor"
                    | "neighbour"
                    | "someone"
                    | "somebody"
                    | "people"
                    | "everyone"
                    | "guy"
                    | "girl"
                    | "kid"
                    | "kids"
                    | "son"
                    | "daughter"
                    | "roommate"
                    | "landlord"
                    | "customer"
                    | "client"
                    | "bro"
                    | "sis"
                    | "parents"
                    | "family"
                    | "mil"
                    | "who"
            ) || (self.tokens[j].capitalised && j > 0 && s != "i");
        }
        false
    }

    /// The normalised text of token `i`, or "" past the end.
    pub fn word_at(&self, i: usize) -> &str {
        self.tokens.get(i).map(|t| &self.text[t.norm.clone()]).unwrap_or("")
    }

    /// Index of the token that contains byte `pos` of the normalised text (or
    /// the first one after it).
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.norm.end <= pos)
    }

    /// Map a byte range of the normalised text to the original message.
    pub fn orig_span(&self, norm: Range<usize>) -> Range<usize> {
        let first = self.token_at(norm.start).min(self.tokens.len().saturating_sub(1));
        let last = self.tokens.partition_point(|t| t.norm.start < norm.end).saturating_sub(1).max(first);
        match (self.tokens.get(first), self.tokens.get(last)) {
            (Some(a), Some(b)) => a.orig.start..b.orig.end.max(a.orig.start),
            _ => 0..0,
        }
    }

    /// Is the token at normalised byte `pos` inside a negation scope?
    pub fn negated_at(&self, pos: usize) -> bool {
        self.tokens.get(self.token_at(pos)).is_some_and(|t| t.negated)
    }

    /// Is the token at normalised byte `pos` quoted or reported speech?
    pub fn reported_at(&self, pos: usize) -> bool {
        self.tokens.get(self.token_at(pos)).is_some_and(|t| t.reported)
    }

    /// The words of the message's tokens, for the scorer's n-grams.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|t| &self.text[t.norm.clone()])
    }
}

impl Cues {
    fn set(&mut self, name: &str) {
        match name {
            "eyeroll" => self.eyeroll = true,
            "heart" => self.heart = true,
            "laugh" => self.laugh = true,
            "angry" => self.angry = true,
            "sad" => self.sad = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        Normalized::new(s).text
    }

    #[test]
    fn expands_contractions_and_shorthand() {
        assert_eq!(norm("You're SO annoying rn"), "you are so annoying right now");
        assert_eq!(norm("u r such an idiot"), "you are such an idiot");
        assert_eq!(norm("I don’t know, idk"), "i do not know, i do not know");
        assert_eq!(norm("it's fine, can't talk, won't"), "it is fine, can not talk, will not");
        // A contraction suffix with no stem expands without an empty token.
        let bare = Normalized::new("n`T ");
        assert!(bare.tokens.iter().all(|t| !t.norm.is_empty()), "{:?}", bare.tokens);
        assert_eq!(bare.text.trim(), "not");
        assert_eq!(norm("ur mom's car"), "your mom's car");
        assert_eq!(norm("of course ur scared"), "of course you are scared");
        assert_eq!(norm("your going to love it"), "you are going to love it");
    }

    #[test]
    fn reads_dialect_for_who_is_addressed_and_what_is_negated() {
        assert_eq!(norm("Ye're that selfish wi money"), "you are that selfish with money");
        assert_eq!(norm("I dinnae care, gie me peace"), "i do not care, give me peace");
        assert_eq!(norm("Missed ye at lunch"), "missed you at lunch");
        assert_eq!(norm("I know that hurt yuh bad"), "i know that hurt you bad");
        assert_eq!(norm("abeg, I cyaan do this"), "please, i can not do this");
        // The expanded negation opens its scope as the standard one does.
        let n = Normalized::new("ye're stupid, I dinnae mean it");
        let negated = |w: &str| n.tokens.iter().find(|t| &n.text[t.norm.clone()] == w).map(|t| t.negated);
        assert_eq!(negated("stupid"), Some(false));
        assert_eq!(negated("mean"), Some(true));
    }

    #[test]
    fn squashes_elongations_and_punctuation() {
        let n = Normalized::new("sooo goood!!! whyyy???");
        assert_eq!(n.text, "so good! why?");
        assert_eq!(n.cues.elongations, 3);
        assert_eq!(norm("pleaseeee"), "please");
        assert_eq!(norm("soooon"), "soon");
    }

    #[test]
    fn emoji_and_emoticons_are_distinct_cues() {
        let n = Normalized::new("great job 🙄");
        assert!(n.cues.eyeroll && !n.cues.heart);
        assert_eq!(n.text, "great job :eyeroll:");
        let n = Normalized::new("great job ❤️ <3 :)");
        assert!(n.cues.heart && !n.cues.eyeroll);
        assert_eq!(n.text, "great job :heart: :heart: :smile:");
        assert_eq!(norm("hahaha lmao 😂"), "lol lol :laugh:");
    }

    #[test]
    fn shouting_is_detected() {
        assert!(Normalized::new("ANSWER ME NOW").cues.shouting());
        assert!(!Normalized::new("I love NYC").cues.shouting());
    }

    #[test]
    fn negation_scope_ends_at_clause_breaks() {
        let n = Normalized::new("you're not stupid, you're tired");
        let stupid = n.tokens.iter().position(|t| &n.text[t.norm.clone()] == "stupid").unwrap();
        let tired = n.tokens.iter().position(|t| &n.text[t.norm.clone()] == "tired").unwrap();
        assert!(n.tokens[stupid].negated);
        assert!(!n.tokens[tired].negated);
    }

    #[test]
    fn meta_negation_does_not_negate() {
        let n = Normalized::new("I'm not saying you're stupid, but");
        assert!(!n.tokens.iter().any(|t| t.negated));
        let n = Normalized::new("you're not being dramatic");
        assert!(n.tokens.last().unwrap().negated);
    }

    #[test]
    fn reported_speech_is_marked() {
        let n = Normalized::new("my boss called me an idiot today. you are great");
        let idiot = n.tokens.iter().position(|t| &n.text[t.norm.clone()] == "idiot").unwrap();
        assert!(n.tokens[idiot].reported);
        assert!(!n.tokens.last().unwrap().reported);
        let n = Normalized::new("you called me an idiot");
        assert!(!n.tokens.iter().any(|t| t.reported));
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let s = "Ugh, you’re sooo SELFISH 🙄";
        let n = Normalized::new(s);
        let at = n.text.find("selfish").unwrap();
        assert_eq!(&s[n.orig_span(at..at + 7)], "SELFISH");
        let at = n.text.find("you are").unwrap();
        assert_eq!(&s[n.orig_span(at..at + 7)], "you’re");
    }
}
