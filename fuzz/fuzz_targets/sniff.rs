#![no_main]
//! Fuzz format detection and the importer it picks.

use haven_import::{import_bytes, sniff, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = sniff("fuzz", data);
    let _ = import_bytes("fuzz", data, &ImportOptions::default());
});
