#!/usr/bin/env bash
# Two builds side by side: runs `A ARGS…` and `B ARGS…` alternately RUNS
# times and prints each one's median and fastest wall time. On a noisy
# machine only such interleaved runs compare two versions fairly.
#
#   cp target/release/obezlik /tmp/before   # build, then change the code
#   cargo build --release
#   benches/ab.sh 7 /tmp/before target/release/obezlik -- scan -j1 corpora/bench/log400.txt
set -euo pipefail
runs=$1
a=$2
b=$3
shift 3
[ "${1:-}" = "--" ] && shift
declare -A times
for _ in $(seq "$runs"); do
  for bin in "$a" "$b"; do
    t0=$(date +%s.%N)
    "$bin" "$@" > /dev/null
    t1=$(date +%s.%N)
    times[$bin]="${times[$bin]:-} $(echo "$t1 - $t0" | bc -l)"
  done
done
for bin in "$a" "$b"; do
  sorted=$(tr ' ' '\n' <<< "${times[$bin]}" | grep . | sort -g)
  median=$(awk '{x[NR]=$1} END {print x[int((NR+1)/2)]}' <<< "$sorted")
  fastest=$(head -1 <<< "$sorted")
  printf '%-40s median %.3fs  fastest %.3fs  (%d runs)\n' "$bin" "$median" "$fastest" "$runs"
done
