//! Streaming benchmark: write a WhatsApp export of N MiB (default 1024),
//! stream it, and report throughput and peak memory.
//!
//! `cargo run --release -p haven-import --example bench_whatsapp -- [MiB] [path] [keep]`
//! (`keep` leaves the file in place and reuses it on the next run).

use std::io::Write;
use std::time::Instant;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mib: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1024);
    let path = args.next().map(std::path::PathBuf::from).unwrap_or_else(|| std::env::temp_dir().join("haven-bench-chat.txt"));
    let keep = args.next().as_deref() == Some("keep");
    let target = mib << 20;
    let started = Instant::now();
    let reuse = keep && std::fs::metadata(&path).map(|m| m.len() >= target).unwrap_or(false);
    if !reuse {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
        let texts = [
            "Are you still up?",
            "Yes, can't sleep. Thinking about what you said earlier",
            "I'm sorry, I didn't mean it like that.\nCan we talk tomorrow?",
            "\u{200E}image omitted",
            "Of course. I love you ❤️",
        ];
        let (mut written, mut i) = (0u64, 0u64);
        while written < target {
            let day = 1 + (i / 1440) % 28;
            let month = 1 + (i / (1440 * 28)) % 12;
            let (h, m) = ((i / 60) % 24, i % 60);
            let who = if i % 3 == 0 { "Sam" } else { "Alex" };
            let line = format!("[{day:02}/{month:02}/2024, {h:02}:{m:02}:{:02}] {who}: {}\n", i % 60, texts[(i % 5) as usize]);
            w.write_all(line.as_bytes())?;
            written += line.len() as u64;
            i += 1;
        }
    }
    eprintln!("wrote {mib} MiB to {} in {:.1?}", path.display(), started.elapsed());
    let rss_before = peak_rss_kib().unwrap_or(0);
    let t = Instant::now();
    let (mut n, mut bytes) = (0u64, 0u64);
    let (format, participants) = haven_import::stream_path(&path, &haven_import::ImportOptions::default(), &mut |m| {
        n += 1;
        bytes += m.text.len() as u64;
    })
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    let secs = t.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path)?.len();
    println!(
        "{format}: {n} messages, participants {participants:?}, {:.0} MiB in {secs:.2} s = {:.0} MiB/s; peak RSS {} MiB (before import {} MiB)",
        size as f64 / 1048576.0,
        size as f64 / 1048576.0 / secs,
        peak_rss_kib().unwrap_or(0) / 1024,
        rss_before / 1024
    );
    let _ = bytes;
    if !keep {
        std::fs::remove_file(&path)?;
    }
    Ok(())
}
