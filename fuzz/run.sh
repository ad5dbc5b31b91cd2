#!/usr/bin/env bash
# Fuzz each target for SECS seconds (default 180), then merge what was found
# into the committed, minimized corpus fuzz/corpus/<target>/.
#
#   fuzz/run.sh [SECS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The toolchain is stable:
# RUSTC_BOOTSTRAP=1 lets it take the nightly flags cargo-fuzz passes.
# Crashes land in fuzz/artifacts/<target>/; reproduce one with
#   fuzz/target/x86_64-unknown-linux-gnu/release/<target> fuzz/artifacts/<target>/crash-…
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-180}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(scan anonymize reidentify jsonl csv policy)
RUSTC_BOOTSTRAP=1 cargo fuzz build
[ -d seeds ] || python3 seed_corpus.py
bin=target/x86_64-unknown-linux-gnu/release
for t in "${targets[@]}"; do
    mkdir -p "work/$t" "artifacts/$t" "corpus/$t" "seeds/$t"
    "$bin/$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/" "work/$t" "corpus/$t" "seeds/$t"
    rm -rf "merged/$t" && mkdir -p "merged/$t"
    "$bin/$t" -merge=1 -set_cover_merge=1 -use_counters=0 -rss_limit_mb=2048 "merged/$t" "corpus/$t" "work/$t"
    rm -rf "corpus/$t" && mv "merged/$t" "corpus/$t"
    echo "$t: $(ls "corpus/$t" | wc -l) files, $(du -sh "corpus/$t" | cut -f1)"
done
