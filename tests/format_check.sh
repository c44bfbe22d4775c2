#!/bin/sh
# Every C file of the project as the root .clang-format wants it (clang-format 14, Debian 12's).
# Skipped (77) without clang-format or outside a git checkout. To fix: clang-format -i FILE.
src=$1
command -v clang-format >/dev/null 2>&1 || { echo "no clang-format: not checked"; exit 77; }
cd "$src" || exit 1
files=$(git ls-files '*.c' '*.h' 2>/dev/null) || { echo "not a git checkout: not checked"; exit 77; }
[ -n "$files" ] || { echo "no files: not checked"; exit 77; }
bad=0
for f in $files; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || { echo "not formatted: $f"; bad=1; }
done
exit $bad
