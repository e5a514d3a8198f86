#![no_main]
//! Fuzz the instagram importer: any bytes give messages or an error, never a panic.

use haven_import::{import_bytes, Format, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let strict = ImportOptions { format: Some(Format::Instagram), ..ImportOptions::default() };
    let _ = import_bytes("fuzz", data, &strict);
    let lenient = ImportOptions { lenient: true, ..strict };
    let _ = import_bytes("fuzz", data, &lenient);
});
