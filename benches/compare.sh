#!/usr/bin/env bash
# Whole-process comparison on one file, in one run: `obezlik scan -j 1`,
# `obezlik anonymize -j 1`, `wc -l` (reading the file) and `rg -c '[0-9]{10}'`
# (a regex peer), each the median of RUNS runs, with ratios.
#
#   benches/compare.sh [FILE] [RUNS]
#
# FILE defaults to corpora/bench/log400.txt, generated (400 MB) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-corpora/bench/log400.txt}
runs=${2:-5}
if [ ! -f "$file" ]; then
  echo "generating $file ..." >&2
  cargo run --release -q -p obezlik-detect --example gen_log -- 400 "$file"
fi
cargo build --release -q -p obezlik-cli
bin=target/release/obezlik
key=$(mktemp -u)
"$bin" keygen "$key" 2>/dev/null
trap 'rm -f "$key"' EXIT
cat "$file" > /dev/null # warm the page cache

median() { # command... -> median wall seconds over $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

size=$(stat -c %s "$file")
declare -A t
t[wc]=$(median wc -l "$file")
t[scan]=$(median "$bin" scan -j 1 --format jsonl "$file")
t[scan_j2]=$(median "$bin" scan -j 2 --format jsonl "$file")
t[anonymize]=$(median "$bin" anonymize -j 1 --key-file "$key" "$file")
if command -v rg > /dev/null; then
  t[rg]=$(median rg -c '[0-9]{10}' "$file")
fi
printf 'input: %s, %.1f MB; median of %d runs; %s cores\n' "$file" "$(echo "$size / 1000000" | bc -l)" "$runs" "$(nproc)"
for k in wc rg scan scan_j2 anonymize; do
  [ -n "${t[$k]:-}" ] || continue
  printf '  %-10s %7.3f s  %8.1f MB/s\n' "$k" "${t[$k]}" "$(echo "$size / 1000000 / ${t[$k]}" | bc -l)"
done
printf 'ratios: scan/wc time %.2f, rg/scan time %.2f, scan -j1/-j2 time %.2f, anonymize/scan throughput %.2f\n' \
  "$(echo "${t[scan]} / ${t[wc]}" | bc -l)" \
  "$(echo "${t[rg]:-0} / ${t[scan]}" | bc -l)" \
  "$(echo "${t[scan]} / ${t[scan_j2]}" | bc -l)" \
  "$(echo "${t[scan]} / ${t[anonymize]}" | bc -l)"
