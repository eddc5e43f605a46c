#!/usr/bin/env bash
# Formats every C++ file the repository tracks with the tree's .clang-format.
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   list the files that differ; exit 1 if any does
set -euo pipefail
cd "$(dirname "$0")/.."
# 77: the test suite's "skipped" (no clang-format, or not a git checkout).
command -v clang-format >/dev/null || { echo "format.sh: clang-format is missing (apt-get install clang-format)" >&2; exit 77; }
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "format.sh: not a git checkout, no file list" >&2; exit 77; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.cc')
if [ "${1:-}" = "--check" ]; then
  differ=0
  for f in "${files[@]}"; do
    if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
      echo "$f"
      differ=1
    fi
  done
  [ "$differ" = 0 ] || echo "format.sh: the files above differ from .clang-format; run scripts/format.sh" >&2
  exit "$differ"
fi
clang-format -i "${files[@]}"
