#!/bin/sh
# Compares `ndvr cat` with the golden files listed in tests/golden/MANIFEST
# (usage: golden.sh NDVR SOURCE-DIR).
set -u
ndvr=$1
top=$2
dir=$top/tests/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$dir/MANIFEST" | while read -r name widths address opts; do
    [ -n "$name" ] || continue
    for width in $(echo "$widths" | tr ',' ' '); do
        # shellcheck disable=SC2086
        "$ndvr" --corpus "$top/assets/corpus" $opts cat --width "$width" "$address" \
            >"$tmp/out" 2>&1
        if ! cmp -s "$dir/$name.$width.txt" "$tmp/out"; then
            echo "golden: $name at width $width differs:" >&2
            diff -u "$dir/$name.$width.txt" "$tmp/out" | head -30 >&2
            touch "$tmp/failed"
        fi
    done
done
[ -f "$tmp/failed" ] && exit 1
echo "golden: every cat output matches"
