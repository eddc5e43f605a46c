#!/usr/bin/env bash
# Instructions per input byte of `x12 stats` (reading), `x12 validate` and
# `x12 json` under valgrind --tool=callgrind, on a generated file (10 MB by
# default), plus the memchr baseline. Instruction counts are stable on a busy
# machine where wall time is not; use them to decide, wall time to report.
#
#   bench/callgrind.sh                    # 837P and 835, 10M, build tree build/release
#   SIZE=2M KINDS=837p BUILD_DIR=build-perf bench/callgrind.sh
#   KEEP=1 ...                            # keep callgrind.out.* under $DATA_DIR/callgrind for callgrind_annotate
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
SIZE=${SIZE:-10M}
KINDS=${KINDS:-"837p 835"}
BUILD_DIR=${BUILD_DIR:-build/release}
DATA_DIR=${DATA_DIR:-build/bench-data}
x12=$BUILD_DIR/examples/x12
gen=$BUILD_DIR/tests/generator/x12_gen
base=$BUILD_DIR/bench/x12_memchr_baseline
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind is missing (apt-get install valgrind)" >&2; exit 2; }
for t in "$x12" "$gen" "$base"; do
  [ -x "$t" ] || { echo "callgrind.sh: $t is missing; build first (cmake --build --preset release)" >&2; exit 2; }
done
mkdir -p "$DATA_DIR/callgrind"
out=$DATA_DIR/callgrind

names=(memchr stats validate json)
echo "| file | command | instructions | instructions / byte | ratio to memchr |"
echo "|---|---|---:|---:|---:|"
for kind in $KINDS; do
  file=$DATA_DIR/$kind-$SIZE.x12
  if [ ! -s "$file" ]; then
    "$gen" --kind "$kind" --size "$SIZE" --seed 1 --newline lf -o "$file.part" --truth "$file.json"
    mv "$file.part" "$file"
  fi
  bytes=$(stat -c %s "$file")
  cmds=("$base $file" "$x12 stats $file" "$x12 validate $file" "$x12 json $file")
  base_ir=
  for i in "${!names[@]}"; do
    cg=$out/callgrind.out.$kind-$SIZE.${names[$i]}
    set +e
    valgrind --tool=callgrind --callgrind-out-file="$cg" ${cmds[$i]} >/dev/null 2>"$out/log"
    rc=$?
    set -e
    if [ "$rc" -ge 2 ]; then echo "callgrind.sh: ${cmds[$i]} failed ($rc)" >&2; tail -5 "$out/log" >&2; exit 2; fi
    ir=$(awk '/^summary:/ {print $2}' "$cg")
    [ -n "$base_ir" ] || base_ir=$ir
    awk -v f="$kind-$SIZE" -v n="${names[$i]}" -v ir="$ir" -v b="$bytes" -v base="$base_ir" \
      'BEGIN {printf "| %s | %s | %.0f | %.1f | %.1f |\n", f, n, ir, ir/b, ir/base}'
    [ -n "${KEEP:-}" ] || rm -f "$cg"
  done
done
