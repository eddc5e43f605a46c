#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined)
# in build/fuzz and runs each one for SECONDS (default 60). Fails when any
# target finds a crash, a leak, a timeout, an out-of-memory or a sanitizer
# report; the input that did it is saved as build/fuzz/artifacts/<target>-*.
#
#   fuzz/run.sh [SECONDS] [TARGET...]     e.g. fuzz/run.sh 300 fuzz_money
#   fuzz/run.sh 0                         builds only
#
# Seeds: fuzz/seeds/<target>/, plus ../shared/corpus files at run time when
# that directory is there (never copied into git). The working corpus
# (build/fuzz/corpus/<target>) persists between runs. Environment:
# X12_FUZZ_JOBS (build parallelism, default 2), X12_FUZZ_ARGS (extra
# libFuzzer flags), CXX (default clang++).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
build=build/fuzz
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"

cmake -S . -B "$build" -G Ninja \
  -DCMAKE_CXX_COMPILER="${CXX:-clang++}" -DCMAKE_BUILD_TYPE= \
  -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DX12_BUILD_FUZZERS=ON -DX12_BUILD_TESTS=OFF -DX12_BUILD_EXAMPLES=OFF \
  -DX12_BUILD_BENCHMARKS=OFF -DX12_INSTALL=OFF >/dev/null
cmake --build "$build" -j "${X12_FUZZ_JOBS:-2}"
[ "$seconds" = 0 ] && exit 0

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for src in fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi

shared=../shared/corpus
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$build/artifacts" "$build/logs"
# One target: its seeds, its run, one result line (plus the first errors) in
# $build/logs/<target>.result; fails when the target found anything.
fuzz_one() {
  local t=$1 corpus dirs extra prefix limits log result runs cov
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  dirs=("$corpus")
  [ -d "fuzz/seeds/$t" ] && dirs+=("fuzz/seeds/$t")
  # The shared sample files are X12, for the targets that read X12. Some take
  # option bytes first: the stream target two (piece/chunk size, segment
  # limit), fuzz_validate one (0x1F: every rule family and captured values),
  # fuzz_jobs_diff one (0x6F: every rule family, 64-byte chunks), fuzz_tx_read one (0x00:
  # tx::read, defaults).
  if [ -d "$shared" ] && [[ "$t" == fuzz_reader_* || "$t" == fuzz_roundtrip || "$t" == fuzz_validate || "$t" == fuzz_jobs_diff || "$t" == fuzz_tx_read ]]; then
    extra="$build/extra/$t"
    mkdir -p "$extra"
    case "$t" in
      fuzz_reader_stream) prefix='\x05\x00' ;;
      fuzz_validate) prefix='\x1f' ;;
      fuzz_jobs_diff) prefix='\x6f' ;;
      fuzz_tx_read) prefix='\x00' ;;
      *) prefix='' ;;
    esac
    while IFS= read -r -d '' f; do
      out="$extra/$(echo "$f" | tr '/' '_')"
      { printf "$prefix"; cat "$f"; } >"$out"
    done < <(find "$shared" -type f ! -name '*.md' -print0)
    dirs+=("$extra")
  fi
  # Validation and the typed models do more per byte than the reader: larger
  # inputs than this only slow the search down.
  limits=()
  [[ "$t" == fuzz_validate || "$t" == fuzz_jobs_diff || "$t" == fuzz_tx_read || "$t" == fuzz_json_import ]] && limits=(-max_len=65536)
  log="$build/logs/$t.log"
  result="$build/logs/$t.result"
  # shellcheck disable=SC2086
  if "$build/fuzz/$t" "${dirs[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 "${limits[@]}" \
      -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" ${X12_FUZZ_ARGS:-} >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' ||
           grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    echo "x12 fuzz: $t for ${seconds}s ... ok ($runs runs, $cov)" >"$result"
  else
    { echo "x12 fuzz: $t for ${seconds}s ... FAILED (see $log)"
    grep -aoE '^==[0-9]+== ERROR: [^(]*|runtime error: .*|fuzz property violated: .*|Assertion .* failed|Test unit written to .*' "$log" |
      sed -E 's/^==[0-9]+==/==/' | cut -c1-200 | sort | uniq -c | sort -rn | head -10 || true; } >"$result"
    return 1
  fi
}

# Targets run X12_FUZZ_PARALLEL at a time (default: one per CPU), each for the
# full SECONDS on its own core, so CI's wall time is SECONDS x targets / CPUs.
parallel="${X12_FUZZ_PARALLEL:-$(nproc)}"
running=0
for t in "${targets[@]}"; do
  rm -f "$build/logs/$t.result"
  fuzz_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then wait -n || true; running=$((running - 1)); fi
done
wait || true
failed=()
for t in "${targets[@]}"; do
  if [ -f "$build/logs/$t.result" ]; then cat "$build/logs/$t.result"; else echo "x12 fuzz: $t gave no result"; fi
  grep -q '\.\.\. ok (' "$build/logs/$t.result" 2>/dev/null || failed+=("$t")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "x12 fuzz: failures in ${failed[*]}"
  exit 1
fi
echo "x12 fuzz: all ${#targets[@]} targets ran clean"
