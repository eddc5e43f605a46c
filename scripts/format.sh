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
  # One clang-format for every file; it names each file that differs in its
  # warnings ("FILE:LINE:COL: error: code should be clang-formatted").
  differ=$(clang-format --dry-run -Werror "${files[@]}" 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u || true)
  [ -z "$differ" ] && exit 0
  echo "$differ"
  echo "format.sh: the files above differ from .clang-format; run scripts/format.sh" >&2
  exit 1
fi
clang-format -i "${files[@]}"
