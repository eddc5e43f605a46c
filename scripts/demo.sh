#!/usr/bin/env bash
# The main demo: sets everything up, builds, and runs the x12 converters on
# the bundled sample data (examples/data, written by this project).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh release
x12=build/release/examples/x12
data=examples/data

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step x12 stats $data/sample.837
$x12 stats $data/sample.837
step x12 print $data/sample.835
$x12 print $data/sample.835
step "x12 fmt $data/sample.837 | cmp - $data/sample.837   # no options: byte-for-byte identity"
$x12 fmt $data/sample.837 | cmp - $data/sample.837 && echo "identical"
step "x12 fmt $data/sample.837 --element-sep '|' --component-sep '>' --newline none | head -c 300"
$x12 fmt $data/sample.837 --element-sep '|' --component-sep '>' --newline none | head -c 300; echo
