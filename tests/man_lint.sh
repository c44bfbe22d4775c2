#!/bin/sh
# Every man page formats at 80 columns without a warning from groff (man --warnings), and
# mandoc, when installed, finds nothing worse than style in it. Usage: man_lint.sh MAN_DIR
# Exits 77 (skipped) without man(1).
set -u
dir=${1:?usage: man_lint.sh MAN_DIR}
command -v man >/dev/null 2>&1 || { echo "man_lint: no man(1); skipped"; exit 77; }
# UTF-8 whatever the caller's locale: the pages hold Chinese, which the ASCII device cannot show
export LC_ALL=C.UTF-8
bad=0
for page in "$dir"/*.[1-8]; do
    out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    if [ -n "$out" ]; then
        printf '%s:\n%s\n' "$page" "$out"
        bad=1
    fi
    if command -v mandoc >/dev/null 2>&1; then
        out=$(mandoc -T lint -W warning "$page" 2>&1)
        [ -z "$out" ] || { printf '%s\n' "$out"; bad=1; }
    fi
done
exit $bad
