#!/usr/bin/env bash
# The claim-lifecycle benchmark of issue 18 (docs/performance.md, "Claim
# lifecycle"): N claims recorded as submitted from an 837P, then moved by a
# 999, a 277CA and an 835, each file tracked by its own `x12 track` pinned to
# one core. Prints user, system and wall seconds and the peak RSS of each step
# (/usr/bin/time -v), the sum of the three answer steps, and the end states.
#
#   bench/lifecycle.sh                       # 1,000,000 claims, build tree build/release
#   N=100000 bench/lifecycle.sh              # a quicker run
#
# Environment:
#   N=1000000                 claims
#   BUILD_DIR=build/release   build tree (x12 must be built: ninja -C build/release x12_cli)
#   DATA_DIR=build/bench-data/lifecycle-N   inputs (made once by bench/lifecycle_inputs.py) and the ledger
#   CPU=0                     the core `taskset` pins each step to ("" runs unpinned)
#   KEEP=1                    keep the ledger afterwards
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
N=${N:-1000000}
BUILD_DIR=${BUILD_DIR:-build/release}
DATA_DIR=${DATA_DIR:-build/bench-data/lifecycle-$N}
CPU=${CPU-0}
x12=$BUILD_DIR/examples/x12
for t in "$x12" /usr/bin/time; do
  [ -x "$t" ] || { echo "lifecycle.sh: $t is missing (build x12_cli; scripts/deps.sh installs /usr/bin/time)" >&2; exit 2; }
done
pin=()
if [ -n "$CPU" ] && command -v taskset >/dev/null; then pin=(taskset -c "$CPU"); fi

if [ ! -s "$DATA_DIR/remit.835" ]; then
  echo "writing the inputs for $N claims into $DATA_DIR" >&2
  python3 bench/lifecycle_inputs.py "$N" "$DATA_DIR"
fi
ledger=$DATA_DIR/ledger.sqlite
rm -f "$ledger" "$ledger-wal" "$ledger-shm"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ -n "${KEEP:-}" ] || rm -f "$ledger" "$ledger-wal" "$ledger-shm"' EXIT

echo "# x12 track, $N claims, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load:$(uptime | sed 's/.*load average://')"
echo
echo "| step | input MB | user s | sys s | user+sys s | wall s | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
answers=0
step() {  # name file [options...]
  local name=$1 file=$2
  shift 2
  local status=0
  "${pin[@]}" /usr/bin/time -v -o "$tmp/time" "$x12" track "$DATA_DIR/$file" --db "$ledger" "$@" >"$tmp/out" || status=$?
  if [ "$status" -gt 1 ]; then
    cat "$tmp/out" >&2
    echo "lifecycle.sh: x12 track $file failed (exit $status)" >&2
    exit 2
  fi
  local user sys wall rss mb
  user=$(awk -F': ' '/User time/ {print $2}' "$tmp/time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$tmp/time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$tmp/time")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.1f", $2 / 1024}' "$tmp/time")
  mb=$(awk -v b="$(stat -c %s "$DATA_DIR/$file")" 'BEGIN {printf "%.1f", b / 1e6}')
  printf '| %s | %s | %.2f | %.2f | %.2f | %.2f | %s |\n' "$name" "$mb" "$user" "$sys" "$(echo "$user + $sys" | bc)" "$wall" "$rss"
  if [ "$name" != 837P ]; then answers=$(echo "$answers + $user + $sys" | bc); fi
  sed 's/^/    /' "$tmp/out" >>"$tmp/log"
}
step 837P claims.837 --submitted 2025-03-01
step 999 ack.999
step 277CA claims.277ca
step 835 remit.835
echo
printf '999 + 277CA + 835: %.2f s of CPU (user + sys); ledger file %s MB\n' "$answers" \
  "$(awk -v b="$(stat -c %s "$ledger")" 'BEGIN {printf "%.0f", b / 1e6}')"
echo
echo "x12 track said:"
cat "$tmp/log"
echo
echo "end states (lifecycle_claims, read with the sqlite3 shell):"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$ledger" "SELECT '    ' || state || ': ' || COUNT(*) FROM lifecycle_claims GROUP BY state ORDER BY state;
    SELECT '    history rows: ' || COUNT(*) FROM lifecycle_history;"
else
  "$x12" claims-status --db "$ledger" --as-of 2025-04-01 | sed -n '1,20p'
fi
