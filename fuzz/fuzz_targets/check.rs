//! The analyzer on arbitrary text: never panics, spans stay on char
//! boundaries inside the message.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut analyzer = haven_core::Analyzer::new();
        let r = analyzer.analyze(text, None);
        for f in &r.findings {
            assert!(f.start <= f.end && f.end <= text.len());
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }
});
