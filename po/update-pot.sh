#!/bin/sh
# Writes the message template of the sources (every _() and N_() string, with ngettext's
# plurals) to OUTPUT: update-pot.sh SOURCE_DIR OUTPUT. `cmake --build build --target pot`
# runs it onto po/ndvr.pot, and tests/po_check.sh runs it to see that the template is current.
set -eu
src=${1:?usage: update-pot.sh SOURCE_DIR OUTPUT}
out=${2:?usage: update-pot.sh SOURCE_DIR OUTPUT}
cd "$src"
find src -name '*.c' | LC_ALL=C sort |
    xgettext --files-from=- --output="$out" --from-code=UTF-8 --language=C \
        --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --add-comments=TRANSLATORS: \
        --package-name=ndvr --no-wrap --sort-by-file
