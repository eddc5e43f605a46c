#!/usr/bin/env bash
# Whole-process comparison: every x12 command against a memchr baseline over
# the same file, alternating, median of RUNS runs; time and peak RSS from
# /usr/bin/time -v (Debian package `time`).
#
#   bench/compare.sh                      # clean release build, 100M and 1G, 837P and 835, 5 runs
#   RUNS=3 SIZES=10M bench/compare.sh     # a quick run
#
# Environment:
#   RUNS=5             runs per command and file (the median is reported)
#   SIZES="100M 1G"    generated file sizes (x12_gen --size)
#   KINDS="837p 835"   transaction set kinds
#   ONLY="stats validate"  only these commands (and the baseline)
#   JOBS=2             also run `validate --jobs N` and `json --jobs N` when the CLI has --jobs ("" to skip)
#   BUILD_DIR=build/release  build tree; SKIP_BUILD=1 uses it as it is (no cmake)
#   DATA_DIR=build/bench-data  where generated files are cached (seed 1, --newline lf)
#   POST=0             skip `x12 post FILE.835 --claims FILE.837p` (timed on the 835 files by default)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
RUNS=${RUNS:-5}
SIZES=${SIZES:-"100M 1G"}
KINDS=${KINDS:-"837p 835"}
JOBS=${JOBS-2}
BUILD_DIR=${BUILD_DIR:-build/release}
DATA_DIR=${DATA_DIR:-build/bench-data}

if [ -z "${SKIP_BUILD:-}" ]; then
  if [ "$BUILD_DIR" = build/release ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release
  else
    cmake --build "$BUILD_DIR" --target x12_cli x12_gen x12_memchr_baseline
  fi
fi
x12=$BUILD_DIR/examples/x12
gen=$BUILD_DIR/tests/generator/x12_gen
base=$BUILD_DIR/bench/x12_memchr_baseline
for t in "$x12" "$gen" "$base" /usr/bin/time; do
  [ -x "$t" ] || { echo "compare.sh: $t is missing (scripts/deps.sh installs /usr/bin/time)" >&2; exit 2; }
done

mkdir -p "$DATA_DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The commands, by name. "FILE" is replaced by the input path.
names=(memchr stats validate json)
cmds=("$base FILE" "$x12 stats FILE" "$x12 validate FILE" "$x12 json FILE")
if [ -n "$JOBS" ] && "$x12" validate --help 2>/dev/null | grep -q -- --jobs; then
  names+=("validate-j$JOBS"); cmds+=("$x12 validate --jobs $JOBS FILE")
fi
if [ -n "$JOBS" ] && "$x12" json --help 2>/dev/null | grep -q -- --jobs; then
  names+=("json-j$JOBS"); cmds+=("$x12 json --jobs $JOBS FILE")
fi
# x12 post (835 against the 837P of the same size): streams both files since
# 2026-11-28 (about 40 MB whatever their size), so it runs by default.
has_post=
if [ "${POST:-1}" != 0 ] && { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" post "* ]]; } && "$x12" --help 2>/dev/null | grep -qE '^ +post( |$)'; then has_post=1; fi

# ONLY="memchr stats validate" keeps just those commands (memchr, the baseline, always first).
if [ -n "${ONLY:-}" ]; then
  keep_names=() keep_cmds=()
  for i in "${!names[@]}"; do
    if [ "$i" -eq 0 ] || [[ " $ONLY " == *" ${names[$i]} "* ]]; then keep_names+=("${names[$i]}"); keep_cmds+=("${cmds[$i]}"); fi
  done
  names=("${keep_names[@]}") cmds=("${keep_cmds[@]}")
fi

echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# command: RUNS=$RUNS SIZES=\"$SIZES\" KINDS=\"$KINDS\" JOBS=$JOBS ONLY=\"${ONLY:-}\" bench/compare.sh  ($(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"

for kind in $KINDS; do
  for size in $SIZES; do
    file=$DATA_DIR/$kind-$size.x12
    if [ ! -s "$file" ]; then
      echo "# generating $file" >&2
      "$gen" --kind "$kind" --size "$size" --seed 1 --newline lf -o "$file.part" --truth "$file.json"
      mv "$file.part" "$file"
    fi
    bytes=$(stat -c %s "$file")
    : >"$tmp/results"
    names_here=("${names[@]}")
    cmds_here=("${cmds[@]}")
    if [ -n "$has_post" ] && [ "$kind" = 835 ] && [ -s "$DATA_DIR/837p-$size.x12" ]; then
      names_here+=(post)
      cmds_here+=("$x12 post FILE --claims $DATA_DIR/837p-$size.x12")
    fi
    for ((r = 1; r <= RUNS; r++)); do
      for i in "${!names_here[@]}"; do
        cmd=${cmds_here[$i]//FILE/$file}
        set +e
        /usr/bin/time -v -o "$tmp/time" $cmd >/dev/null 2>"$tmp/err"
        rc=$?
        set -e
        if [ "$rc" -ge 2 ]; then
          echo "compare.sh: '$cmd' failed with status $rc:" >&2
          tail -5 "$tmp/err" >&2
          exit 2
        fi
        awk -v name="${names_here[$i]}" '
          /User time/ {u=$NF} /System time/ {s=$NF}
          /Elapsed \(wall clock\)/ {n=split($NF, a, ":"); w=0; for (k=1;k<=n;k++) w=w*60+a[k]}
          /Maximum resident set size/ {m=$NF}
          END {printf "%s %.3f %.3f %d\n", name, w, u+s, m}' "$tmp/time" >>"$tmp/results"
      done
    done
    echo
    echo "## $kind $size: $file, $bytes bytes, median of $RUNS alternating runs"
    echo
    echo "| command | wall s | MB/s (wall) | CPU s | MB/s (CPU) | ratio (wall) | ratio (CPU) | peak RSS MB | RSS ratio |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for name in "${names_here[@]}"; do
      med() { awk -v n="$name" -v c="$1" '$1==n {print $c}' "$tmp/results" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
      echo "$name $(med 2) $(med 3) $(med 4)"
    done >"$tmp/medians"
    awk -v bytes="$bytes" '
      NR==1 {bw=$2; bc=$3; bm=$4}
      {mbw = ($2 > 0) ? bytes/1e6/$2 : 0; mbc = ($3 > 0) ? bytes/1e6/$3 : 0
       rw = ($2 > 0) ? bw/$2 : 0; rc = ($3 > 0) ? bc/$3 : 0
       printf "| %s | %.2f | %.0f | %.2f | %.0f | %.2f | %.2f | %.1f | %.1f |\n", $1, $2, mbw, $3, mbc, rw, rc, $4/1024, $4/bm}' "$tmp/medians"
  done
done
