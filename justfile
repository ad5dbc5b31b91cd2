# Common tasks. `cargo install just`, then `just <recipe>`.

# Run the tests (the same command CI runs).
test:
    cargo test --workspace

# Everything CI checks.
ci:
    bash .ci/run

# Scan the example log.
demo:
    cargo run --release -- scan corpora/examples/app.log

# Score the detector on the project's corpora with the shared scorer.
score:
    cargo build --release
    for g in corpora/gold/dev.jsonl corpora/gold/test.jsonl; do python3 ../shared/eval/score.py $g --cmd 'target/release/obezlik scan --format jsonl {input}' | tail -1; done

# Regenerate the labelled corpora and examples (deterministic).
corpora:
    python3 corpora/gen_corpus.py --seed 1 --docs 600 -o corpora/gold/dev.jsonl
    python3 corpora/gen_corpus.py --seed 2 --docs 600 -o corpora/gold/test.jsonl
    python3 corpora/gen_corpus.py --seed 1 --examples corpora/examples
    python3 corpora/gen_corpus.py --check corpora/gold/dev.jsonl corpora/gold/test.jsonl

# Criterion benchmarks of the scanner.
bench:
    cargo bench -p obezlik-detect --bench detect

# Whole-process comparison with wc and rg on the 400 MB benchmark log.
compare:
    benches/compare.sh

# The same for the 200 MB prompt history (`anonymize --jsonl --chat`).
compare-chat:
    benches/compare.sh --chat

# Lints and formatting.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Fuzz every target SECS seconds (cargo-fuzz on stable via RUSTC_BOOTSTRAP=1) and
# merge new inputs into the committed corpus fuzz/corpus/ (`fuzz/run.sh SECS TARGET…` for some).
fuzz secs="180":
    fuzz/run.sh {{secs}}

# Replay the committed fuzz corpora without libFuzzer (part of `just test`).
fuzz-replay:
    cargo test -p obezlik --test fuzz_replay
