//! Print what an import produces: `cargo run -p haven-import --example dump -- FILE [FORMAT]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: dump FILE [FORMAT]");
    let format = args.next().map(|f| f.parse().expect("format"));
    let opts = haven_import::ImportOptions { format, ..Default::default() };
    match haven_import::import_path(std::path::Path::new(&path), &opts) {
        Ok(i) => {
            println!("format={} participants={:?} n={}", i.format, i.conversation.participants, i.conversation.messages.len());
            for m in &i.conversation.messages {
                println!("{}", serde_json::to_string(m).expect("json"));
            }
            for w in &i.warnings {
                println!("warning: {w}");
            }
        }
        Err(e) => println!("error: {e}"),
    }
}
