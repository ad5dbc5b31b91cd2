//! Writes the prompt-history benchmark (OpenAI-style chat logs, JSON Lines;
//! see `support/chatgen.rs`).
//!
//!     cargo run --release -p obezlik-detect --example gen_chat -- 200 corpora/bench/chat200.jsonl
//!
//! The first argument is the size in MB (10^6 bytes).

use std::io::{BufWriter, Write};

#[path = "support/chatgen.rs"]
mod chatgen;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let path = args
        .get(2)
        .cloned()
        .unwrap_or_else(|| "corpora/bench/chat.jsonl".into());
    if let Some(dir) = std::path::Path::new(&path).parent() {
        std::fs::create_dir_all(dir).expect("create output directory");
    }
    let mut w = BufWriter::with_capacity(
        1 << 20,
        std::fs::File::create(&path).expect("create output file"),
    );
    let written = chatgen::write_chat(&mut w, mb * 1_000_000).expect("write");
    w.flush().expect("flush");
    eprintln!("wrote {written} bytes to {path}");
}
