#!/bin/sh
# Compiles the locales the translation and character-set tests run in, zh_CN.UTF-8,
# zh_CN.GB18030 and C.ISO-8859-1 (a character set the reader refuses), into DIR (used through LOCPATH: no root, nothing installed), once per build
# tree. Needs localedef and the zh_CN source and charmaps (Debian's locales package).
# Usage: make_locales.sh DIR
set -eu
dir=${1:?usage: make_locales.sh DIR}
mkdir -p "$dir"
for name in zh_CN.UTF-8 zh_CN.GB18030 C.ISO-8859-1; do
    [ -f "$dir/$name/LC_CTYPE" ] && continue
    source=${name%%.*}
    [ "$source" = C ] && source=POSIX
    # localedef exits 1 on warnings with a usable locale; the check below is what counts
    localedef -i "$source" -f "${name#*.}" "$dir/$name" 2>/dev/null || true
    [ "$(LOCPATH=$dir LC_ALL=$name locale charmap)" = "${name#*.}" ] || {
        echo "make_locales: could not make $name (apt-get install locales)" >&2
        exit 1
    }
done
