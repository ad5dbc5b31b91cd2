//! The fuzz targets' checks. `checks.rs` is also compiled into
//! `crates/obezlik/tests/fuzz_replay.rs`, which replays `fuzz/corpus/` on stable.

pub mod checks;
