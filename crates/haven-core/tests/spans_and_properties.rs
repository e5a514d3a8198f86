//! Spans of every rule, written like rust-analyzer's fixtures: the message,
//! and under it the caret line marking the words the rule must flag. Plus
//! property tests: any input is analysed without panicking, and every span
//! lies on char boundaries inside the message.

use haven_core::rules::{self, Ctx};
use haven_core::text::Normalized;
use haven_core::{Analyzer, Behaviour};
use proptest::prelude::*;

/// `(behaviour, fixture)`: the fixture's first line is the message, the
/// second marks the expected span with `^`.
const SPANS: &[(&str, &str)] = &[
    ("name-calling", "ugh you're such an idiot sometimes\n    ^^^^^^^^^^^^^^^^^^^^"),
    ("sarcasm", "oh great, another brilliant plan\n          ^^^^^^^^^^^^^^^^^^^^^^"),
    ("defensiveness", "it's not my fault, you never reminded me\n^^^^^^^^^^^^^^^^^"),
    ("threat", "do it or we're done\n      ^^^^^^^^^^^^^"),
    ("past", "you did the exact same thing at my sister's wedding\n^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"),
    ("domination", "we're going. end of discussion.\n             ^^^^^^^^^^^^^^^^^"),
    ("judgment", "honestly you're so selfish\n         ^^^^^^^^^^^^^^^^^"),
    ("dismissal", "omg calm down it's fine\n    ^^^^^^^^^"),
    ("suspicion", "so what are you hiding?\n   ^^^^^^^^^^^^^^^^^^^"),
    ("pressure", "why are you ignoring me??\n^^^^^^^^^^^^^^^^^^^^^^^"),
    ("safety-talk", "I felt scared when you slammed the door\n^^^^^^^^^^^^^^^^^^^^^^"),
    ("promise", "ok. I'll pick you up at six\n    ^^^^^^^^^^^^^^^^^^^^^^^"),
    ("curiosity", "hey, what was that like for you?\n     ^^^^^^^^^^^^^^^^^^^^^^^^^^"),
    ("space", "no pressure, whenever you're ready\n^^^^^^^^^^^"),
    ("encouragement", "babe I'm so proud of you\n     ^^^^^^^^^^^^^^^^^^^"),
    ("boundary", "ok let's take a break and talk tonight\n   ^^^^^^^^^^^^^^^^^^"),
    ("listening", "so it sounds like you felt left out\n^^^^^^^^^^^^^^^^^^^^^"),
    ("empathy", "ugh that sounds exhausting\n    ^^^^^^^^^^^^^^^^^^^^^^"),
    ("warmth", "missed you today ❤️\n^^^^^^^^^^"),
    ("accountability", "you're right, that was on me\n^^^^^^^^^^^^^^^^^^"),
    ("seek-help", "maybe we should see a couples counselor\n                      ^^^^^^^^^^^^^^^^^"),
    ("danger", "give me your phone password or else\n^^^^^^^^^^^^^^^^^^^^^^^^^^^"),
];

fn caret_span(fixture: &str) -> (&str, std::ops::Range<usize>) {
    let (text, carets) = fixture.split_once('\n').unwrap();
    let start_col = carets.find('^').unwrap();
    let end_col = carets.rfind('^').unwrap() + 1;
    // Columns count chars; convert to byte offsets.
    let byte = |col: usize| text.char_indices().nth(col).map_or(text.len(), |(i, _)| i);
    (text, byte(start_col)..byte(end_col))
}

#[test]
fn every_rule_flags_exactly_the_marked_words() {
    assert_eq!(SPANS.len(), 22);
    let mut failures = Vec::new();
    for (id, fixture) in SPANS {
        let b: Behaviour = id.parse().unwrap();
        let (text, want) = caret_span(fixture);
        let msg = Normalized::new(text);
        let found = rules::run(&Ctx { raw: text, msg: &msg, prev: None });
        let got: Vec<_> = found.iter().filter(|f| f.behaviour == b).map(|f| f.start..f.end).collect();
        if !got.contains(&want) {
            failures.push(format!(
                "{id}: expected {:?} in {text:?}, got {:?}",
                &text[want.clone()],
                got.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_input_analyses_with_valid_spans(text in "\\PC{0,200}") {
        let mut a = Analyzer::new();
        let r = a.analyze(&text, None);
        for f in &r.findings {
            prop_assert!(f.start <= f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }

    #[test]
    fn chat_like_input_analyses_with_valid_spans(words in proptest::collection::vec(prop_oneof![
        Just("you"), Just("you're"), Just("ur"), Just("not"), Just("never"), Just("always"), Just("stupid"), Just("sooo"),
        Just("🙄"), Just("❤️"), Just("lol"), Just("!!!"), Just("?"), Just("I'll"), Just("sorry"), Just("but"), Just("\n"),
        Just("said"), Just("my boss"), Just("\""), Just("ÉNORME"), Just("can't"), Just("."), Just(","), Just("…")
    ], 0..30)) {
        let text = words.join(" ");
        let mut a = Analyzer::new();
        let r = a.analyze(&text, None);
        for f in &r.findings {
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end) && f.end <= text.len());
        }
    }

    #[test]
    fn normaliser_tokens_map_inside_the_original(text in "\\PC{0,120}") {
        let n = Normalized::new(&text);
        for t in &n.tokens {
            prop_assert!(t.orig.start <= t.orig.end && t.orig.end <= text.len());
            prop_assert!(text.is_char_boundary(t.orig.start) && text.is_char_boundary(t.orig.end));
            prop_assert!(t.norm.end <= n.text.len());
        }
        // The rules run byte automata: the normalised text is always ASCII and
        // lowercase, and tokens are non-empty.
        prop_assert!(n.text.is_ascii());
        prop_assert!(!n.text.bytes().any(|b| b.is_ascii_uppercase()));
        prop_assert!(n.tokens.iter().all(|t| !t.norm.is_empty()));
    }
}
