//! Replays the committed fuzz corpora (`fuzz/corpus/<target>/`) on stable,
//! without libFuzzer: every file goes through the same check as in the fuzz
//! target (`fuzz/src/checks.rs`, shared through `#[path]`). New fuzzing runs:
//! `just fuzz`.

#[path = "../../../fuzz/src/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: no corpus files", dir.display());
    for path in &files {
        let data = std::fs::read(path).unwrap();
        let ok = std::panic::catch_unwind(|| checks::run(target, &data));
        match ok {
            Ok(true) => {}
            Ok(false) => panic!("unknown target {target}"),
            Err(_) => panic!("fuzz check {target} failed on {}", path.display()),
        }
    }
}

#[test]
fn every_target_has_a_corpus() {
    for t in checks::TARGETS {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/corpus")
            .join(t);
        assert!(dir.is_dir(), "{} is missing", dir.display());
    }
}

#[test]
fn scan() {
    replay("scan");
}

#[test]
fn anonymize() {
    replay("anonymize");
}

#[test]
fn reidentify() {
    replay("reidentify");
}

#[test]
fn jsonl() {
    replay("jsonl");
}

#[test]
fn csv() {
    replay("csv");
}

#[test]
fn policy() {
    replay("policy");
}
