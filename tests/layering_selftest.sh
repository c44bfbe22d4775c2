#!/bin/sh
# layering.sh finds what it must: on tests/data/layering-bad/src, a pane that includes the
# application's header, a reading model that includes the UI and curses, and a print module
# other than pdf.c that includes cairo, each reported as file:line, and the exit status 1. Usage: layering_selftest.sh TESTS_DIR
set -u
dir=${1:?usage: layering_selftest.sh TESTS_DIR}
out=$(sh "$dir/layering.sh" "$dir/data/layering-bad/src")
status=$?
fail() { echo "layering selftest: $1"; printf '%s\n' "$out"; exit 1; }
[ $status -eq 1 ] || fail "exit status $status, not 1"
for want in 'pane/uses_app.c:1:#include "app/app.h"' 'reader/draws.c:2:#include "ui/ui.h"' \
            'reader/draws.c:3:#include <curses.h>' 'print/paper.c:2:#include <cairo.h>'; do
    printf '%s\n' "$out" | grep -qF "$want" || fail "missed: $want"
done
[ "$(printf '%s\n' "$out" | wc -l)" -eq 4 ] || fail "not exactly the four violations"
sh "$dir/layering.sh" "$dir/../src" >/dev/null || fail "src/ itself is not clean"
echo "layering selftest: ok"
