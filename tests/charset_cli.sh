#!/bin/sh
# The CLI in a GB18030 locale (issue 13: it wrote UTF-8 anyway, and a GB18030 query found
# nothing): text comes out in GB18030, the same text as in UTF-8 once converted back;
# addresses and queries typed in GB18030 are found; --json stays UTF-8 (RFC 8259); messages
# on stderr are converted too. Usage: charset_cli.sh NDVR LOCALE_DIR
set -u
ndvr=${1:?usage: charset_cli.sh NDVR LOCALE_DIR}
export LOCPATH=${2:?usage: charset_cli.sh NDVR LOCALE_DIR}
unset LANGUAGE LANG
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
bad=0
fail() {
    echo "charset_cli: $*" >&2
    bad=1
}
gb() { printf '%s' "$1" | iconv -f UTF-8 -t GB18030; }
utf8() { LC_ALL=C.UTF-8 "$ndvr" "$@"; }
gbrun() { LC_ALL=zh_CN.GB18030 "$ndvr" "$@"; }

# text: GB18030 bytes, the UTF-8 text once converted
utf8 cat A/74/90#p23 >"$tmp/u" || fail "cat in UTF-8 failed"
gbrun cat A/74/90#p23 >"$tmp/g" || fail "cat in GB18030 failed"
cmp -s "$tmp/u" "$tmp/g" && fail "cat wrote the same bytes in GB18030 as in UTF-8"
iconv -f GB18030 -t UTF-8 "$tmp/g" >"$tmp/g8" || fail "cat's output is not GB18030"
cmp -s "$tmp/u" "$tmp/g8" || fail "cat's GB18030 output is not the UTF-8 text"
# 一些专家 in GB18030 (D2BB D0A9 D7A8 BCD2), as iconv spells it
grep -q "$(gb 一些专家)" "$tmp/g" || fail "no GB18030 一些专家 in cat's output"

# a query typed in GB18030: the same hits as in UTF-8
utf8 search 挪威 >"$tmp/u" || fail "search 挪威 in UTF-8 found nothing"
gbrun search "$(gb 挪威)" >"$tmp/g" || fail "search for GB18030 挪威 found nothing"
iconv -f GB18030 -t UTF-8 "$tmp/g" | cmp -s "$tmp/u" - || fail "GB18030 search differs"

# an address typed in GB18030: a Chinese citation
gbrun show "$(gb 'A/74/90，第23段')" >"$tmp/g" || fail "show of a GB18030 citation failed"
iconv -f GB18030 -t UTF-8 "$tmp/g" | grep -q '^A/74/90#p23' || fail "the citation is not ¶23"

# JSON is UTF-8 in any locale
utf8 show --json NOR >"$tmp/u"
gbrun show --json NOR >"$tmp/g"
cmp -s "$tmp/u" "$tmp/g" || fail "--json differs in GB18030"

# a message quoting what was typed, converted on stderr
gbrun show "$(gb 不存在的地址)" 2>"$tmp/e" >/dev/null && fail "a missing address was found"
iconv -f GB18030 -t UTF-8 "$tmp/e" | grep -q 不存在的地址 || fail "stderr: $(cat "$tmp/e")"
exit $bad
