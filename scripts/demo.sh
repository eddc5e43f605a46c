#!/usr/bin/env bash
# The main demo: sets everything up, builds, and runs the x12 converters on
# the bundled sample data (examples/data, written by this project).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh release
x12=build/release/examples/x12
data=examples/data
week=$data/week
out=build/demo
mkdir -p "$out"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
# Shows a command and runs it; a nonzero exit (input with findings) does not stop the demo.
run() { step "$*"; "$@" || echo "(exit status $?)"; }

run $x12 stats $data/sample.837
run $x12 validate $data/sample.835
# Long outputs go to files; the demo shows their first lines.
step "$x12 tree $data/sample.837 | head -20"
$x12 tree $data/sample.837 > "$out/sample.837.tree"; head -20 "$out/sample.837.tree"
step "$x12 json $data/sample.835 --pretty | head -40"
$x12 json $data/sample.835 --pretty > "$out/sample.835.json"; head -40 "$out/sample.835.json"
step "x12 json, then from-json, then validate   # X12 -> JSON -> X12"
$x12 json $data/sample.837 > "$out/sample.837.json"
$x12 from-json "$out/sample.837.json" -o "$out/sample.roundtrip.837"
$x12 validate "$out/sample.roundtrip.837"
step "$x12 fmt $data/sample.837 -o $out/sample.fmt.837 && cmp $out/sample.fmt.837 $data/sample.837   # identity"
$x12 fmt $data/sample.837 -o "$out/sample.fmt.837" && cmp "$out/sample.fmt.837" $data/sample.837 && echo "identical"

# A behavioral-health week: encounters -> 837P claims and holds -> validation.
# The claims are remembered in the ledger (--db); run again, nothing is written twice.
# A fresh ledger each run.
rm -f "$out/week.sqlite" "$out/week.837"
run $x12 claims $week/encounters.json --practice $week/practice.json --authorizations $week/authorizations.json \
  --as-of 2025-03-08 -o "$out/week.837" --holds "$out/week-holds.json" --report "$out/week-report.json" \
  --consents $week/consents.json --db "$out/week.sqlite"
run $x12 validate "$out/week.837"
run $x12 claims $week/encounters.json --practice $week/practice.json --authorizations $week/authorizations.json \
  --as-of 2025-03-08 -o "$out/week.837" --report "$out/week-report-2.json" --consents $week/consents.json \
  --db "$out/week.sqlite"
run $x12 auth alerts $week/authorizations.json --as-of 2025-03-03 --lead-days 14
# Eligibility before the visits: 270 inquiries for the week's patients (one
# interchange per payer), then a payer's 271 answer read per patient: a
# behavioral-health carve-out, a used-up visit limit, a member not found.
run $x12 eligibility request $week/eligibility.json --practice $week/practice.json -o "$out/week.270"
run $x12 validate "$out/week.270"
run $x12 eligibility $week/eligibility.271
# The week's remittances: 835s posted against the submitted claims, then the
# denials worklist and aging from the same ledger; posting the same 835 again
# is shown to change nothing.
run $x12 post $week/remit-bcbs-1.835 $week/remit-bcbs-2.835 $week/remit-medicaid.835 $week/remit-medicare.835 \
  --claims $week/claims.837 --db "$out/week.sqlite"
run $x12 post $week/remit-bcbs-1.835 --claims $week/claims.837 --db "$out/week.sqlite"
run $x12 denials --db "$out/week.sqlite"
run $x12 aging --db "$out/week.sqlite" --as-of 2027-01-15
# Every claim followed to its end: the submitted 837P, the clearinghouse's 999
# (here the one x12 validate answers), the payers' 835s, then the worklist of
# each claim's state and the next step. A fresh lifecycle ledger each run.
rm -f "$out/lifecycle.sqlite"
run $x12 track $week/claims.837 --db "$out/lifecycle.sqlite" --submitted 2025-03-10
$x12 validate $week/claims.837 --ack 999 --date 2025-03-11 -o "$out/week.999" > /dev/null || true
run $x12 track "$out/week.999" $week/remit-bcbs-1.835 $week/remit-bcbs-2.835 $week/remit-medicaid.835 \
  $week/remit-medicare.835 --db "$out/lifecycle.sqlite"
run $x12 claims-status --db "$out/lifecycle.sqlite" --as-of 2026-02-01
run $x12 balances --db "$out/lifecycle.sqlite"
step "$x12 redact $data/sample.837 | head -25"
$x12 redact $data/sample.837 -o "$out/sample.redacted.837"; head -25 "$out/sample.redacted.837"
