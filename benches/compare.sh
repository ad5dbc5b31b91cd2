#!/usr/bin/env bash
# Whole-process comparison on one file, in one run, with ratios. Every
# command runs RUNS times, round-robin (so a noisy spell on the machine hits
# them all alike), and each reports its median and its fastest run.
#
#   benches/compare.sh [FILE] [RUNS]          the digit-heavy log
#   benches/compare.sh --chat [FILE] [RUNS]   an OpenAI-style prompt history
#
# Log (FILE defaults to corpora/bench/log400.txt, generated when missing):
# `obezlik scan` and `anonymize` with -j1 and -j2, `wc -l` (reading the file)
# and `rg -c '[0-9]{10}'` (a regex peer).
# Chat (FILE defaults to corpora/bench/chat200.jsonl, generated when missing):
# `anonymize --jsonl --chat` with -j1 and -j2, `scan -j1` of the raw lines, `wc -l`.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=log
if [ "${1:-}" = "--chat" ]; then
  mode=chat
  shift
fi
if [ "$mode" = chat ]; then
  file=${1:-corpora/bench/chat200.jsonl}
  gen=(gen_chat 200)
else
  file=${1:-corpora/bench/log400.txt}
  gen=(gen_log 400)
fi
runs=${2:-5}
if [ ! -f "$file" ]; then
  # Only the default benchmark files are generated; a path given that does
  # not exist is a mistake (`compare.sh --chat 7` means FILE=7, not RUNS=7).
  if [ -n "${1:-}" ]; then
    echo "compare.sh: $file does not exist (usage: benches/compare.sh [--chat] [FILE] [RUNS])" >&2
    exit 2
  fi
  echo "generating $file ..." >&2
  cargo run --release -q -p obezlik-detect --example "${gen[0]}" -- "${gen[1]}" "$file"
fi
cargo build --release -q -p obezlik-cli
bin=target/release/obezlik
key=$(mktemp -u)
"$bin" keygen "$key" 2>/dev/null
trap 'rm -f "$key"' EXIT
cat "$file" > /dev/null # warm the page cache

declare -A cmd
order=()
add() { # name command... (kept quoted, run with eval)
  order+=("$1")
  printf -v "cmd[$1]" '%q ' "${@:2}"
}
add wc wc -l "$file"
if [ "$mode" = chat ]; then
  add scan "$bin" scan -j 1 --format jsonl "$file"
  add anonymize "$bin" anonymize -q -j 1 --key-file "$key" --jsonl --chat "$file"
  add anonymize_j2 "$bin" anonymize -q -j 2 --key-file "$key" --jsonl --chat "$file"
else
  if command -v rg > /dev/null; then
    add rg rg -c '[0-9]{10}' "$file"
  fi
  add scan "$bin" scan -j 1 --format jsonl "$file"
  add scan_j2 "$bin" scan -j 2 --format jsonl "$file"
  add anonymize "$bin" anonymize -q -j 1 --key-file "$key" "$file"
  add anonymize_j2 "$bin" anonymize -q -j 2 --key-file "$key" "$file"
fi

declare -A times
for _ in $(seq "$runs"); do
  for k in "${order[@]}"; do
    t0=$(date +%s.%N)
    eval "${cmd[$k]}" > /dev/null
    t1=$(date +%s.%N)
    times[$k]="${times[$k]:-} $(echo "$t1 - $t0" | bc -l)"
  done
done
median() { tr ' ' '\n' <<< "$1" | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fastest() { tr ' ' '\n' <<< "$1" | grep . | sort -g | head -1; }

size=$(stat -c %s "$file")
declare -A t
printf 'input: %s, %.1f MB; %d runs each, round-robin; %s cores\n' "$file" "$(echo "$size / 1000000" | bc -l)" "$runs" "$(nproc)"
printf '  %-13s %9s %10s   %9s %10s\n' command median MB/s fastest MB/s
for k in "${order[@]}"; do
  t[$k]=$(median "${times[$k]}")
  f=$(fastest "${times[$k]}")
  printf '  %-13s %8.3fs %10.1f   %8.3fs %10.1f\n' "$k" "${t[$k]}" "$(echo "$size / 1000000 / ${t[$k]}" | bc -l)" "$f" "$(echo "$size / 1000000 / $f" | bc -l)"
done
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
if [ "$mode" = chat ]; then
  printf 'ratios (medians): anonymize/wc time %s, anonymize -j1/-j2 time %s, scan/anonymize time %s\n' \
    "$(ratio "${t[anonymize]}" "${t[wc]}")" \
    "$(ratio "${t[anonymize]}" "${t[anonymize_j2]}")" \
    "$(ratio "${t[scan]}" "${t[anonymize]}")"
else
  printf 'ratios (medians): scan/wc time %s, rg/scan time %s, scan -j1/-j2 time %s, anonymize -j1/-j2 time %s, anonymize/scan throughput %s\n' \
    "$(ratio "${t[scan]}" "${t[wc]}")" \
    "$(ratio "${t[rg]:-0}" "${t[scan]}")" \
    "$(ratio "${t[scan]}" "${t[scan_j2]}")" \
    "$(ratio "${t[anonymize]}" "${t[anonymize_j2]}")" \
    "$(ratio "${t[scan]}" "${t[anonymize]}")"
fi
