//! Extracts each rule file's `//!` documentation into a lookup table, so that
//! `haven explain ID` prints exactly the text the code carries.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("src/rules exists").filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    let mut out = String::from("/// Documentation of a rule by behaviour id, from its file's `//!` comment.\npub fn rule_doc(id: &str) -> Option<&'static str> {\n    match id {\n");
    for entry in entries {
        let path = entry.path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "mod" || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let src = std::fs::read_to_string(&path).expect("readable rule file");
        let doc: Vec<&str> = src
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| l.strip_prefix("//! ").or_else(|| l.strip_prefix("//!")).unwrap_or(""))
            .collect();
        let id = stem.replace('_', "-");
        writeln!(out, "        {:?} => Some({:?}),", id, doc.join("\n")).unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_docs.rs");
    std::fs::write(dest, out).unwrap();
}
