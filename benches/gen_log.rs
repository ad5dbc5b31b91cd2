//! Writes the digit-heavy log used by the throughput benchmarks (see
//! `support/loggen.rs`).
//!
//!     cargo run --release -p obezlik-detect --example gen_log -- 400 corpora/bench/log400.txt
//!
//! The first argument is the size in MB (10^6 bytes).

use std::io::{BufWriter, Write};

#[path = "support/loggen.rs"]
mod loggen;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(400);
    let path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "corpora/bench/log.txt".into());
    if let Some(dir) = std::path::Path::new(&path).parent() {
        std::fs::create_dir_all(dir).expect("create output directory");
    }
    let mut w = BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(&path).expect("create output file"),
    );
    let written = loggen::write_log(&mut w, mb * 1_000_000).expect("write");
    w.flush().expect("flush");
    eprintln!("wrote {written} bytes to {path}");
}
