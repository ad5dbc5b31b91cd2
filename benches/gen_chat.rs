//! Writes the prompt-history benchmark (OpenAI-style chat logs, JSON Lines;
//! see `support/chatgen.rs`).
//!
//!     cargo run --release -p obezlik-detect --example gen_chat -- 200 corpora/bench/chat200.jsonl
//!
//! The first argument is the size in MB (10^6 bytes).

#[path = "support/chatgen.rs"]
mod chatgen;
#[path = "support/gen_main.rs"]
mod gen_main;
#[path = "support/rng.rs"]
mod rng;

fn main() {
    gen_main::run(200, "corpora/bench/chat.jsonl", |w, size| {
        chatgen::write_chat(w, size)
    });
}
