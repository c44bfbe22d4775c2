#!/bin/sh
# The translations are complete and current: the template po/ndvr.pot has exactly the
# messages the sources mark (regenerated into a temporary file and compared, both ways), and
# every one of them is translated in every po/*.po, with no fuzzy entry and format strings
# that agree with their msgids (msgfmt --check). Usage: po_check.sh SOURCE_DIR
set -u
src=${1:?usage: po_check.sh SOURCE_DIR}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
bad=0
fail() {
    echo "po_check: $*" >&2
    bad=1
}

sh "$src/po/update-pot.sh" "$src" "$tmp/current.pot" || fail "xgettext failed"
# msgcmp DEF REF fails when a msgid of REF is missing from DEF: run both ways for equality
msgcmp --use-untranslated "$tmp/current.pot" "$src/po/ndvr.pot" ||
    fail "po/ndvr.pot has messages the sources no longer have: cmake --build build --target pot"
msgcmp --use-untranslated "$src/po/ndvr.pot" "$tmp/current.pot" ||
    fail "the sources have messages po/ndvr.pot lacks: cmake --build build --target pot"

for po in "$src"/po/*.po; do
    # untranslated and fuzzy entries count as missing without --use-untranslated/--use-fuzzy
    msgcmp "$po" "$tmp/current.pot" || fail "$po lacks translations (msgmerge -U it, translate)"
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) ||
        fail "$po: msgfmt --check: $stats"
    case $stats in
        *fuzzy* | *untranslated*) fail "$po: $stats" ;;
    esac
    echo "$po: $stats"
done
exit $bad
