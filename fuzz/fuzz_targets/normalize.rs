//! The normaliser on arbitrary text: never panics; every token's ranges are
//! ordered, on char boundaries and inside their texts, tokens come in order,
//! and the span mapping stays inside the message.
#![no_main]

use haven_core::text::Normalized;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let n = Normalized::new(text);
    let mut last_orig = 0;
    for t in &n.tokens {
        assert!(t.norm.start <= t.norm.end && t.norm.end <= n.text.len(), "{t:?}");
        assert!(n.text.is_char_boundary(t.norm.start) && n.text.is_char_boundary(t.norm.end), "{t:?}");
        assert!(t.orig.start <= t.orig.end && t.orig.end <= text.len(), "{t:?}");
        assert!(text.is_char_boundary(t.orig.start) && text.is_char_boundary(t.orig.end), "{t:?}");
        assert!(t.orig.start >= last_orig, "tokens out of order: {t:?}");
        last_orig = t.orig.start;
    }
    let span = n.orig_span(0..n.text.len());
    assert!(span.start <= span.end && span.end <= text.len());
    let _ = n.words().count();
});
