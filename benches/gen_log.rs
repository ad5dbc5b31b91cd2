//! Writes the digit-heavy log used by the throughput benchmarks (see
//! `support/loggen.rs`).
//!
//!     cargo run --release -p obezlik-detect --example gen_log -- 400 corpora/bench/log400.txt
//!
//! The first argument is the size in MB (10^6 bytes).

#[path = "support/gen_main.rs"]
mod gen_main;
#[path = "support/loggen.rs"]
mod loggen;
#[path = "support/rng.rs"]
mod rng;

fn main() {
    gen_main::run(400, "corpora/bench/log.txt", |w, size| {
        loggen::write_log(w, size)
    });
}
