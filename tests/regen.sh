#!/bin/sh
# Regenerates both report trees with ndvr-segment and fails on any byte of difference from
# the committed assets/corpus/*.json (usage: regen.sh NDVR-SEGMENT SOURCE-DIR).
set -eu
segment=$1
top=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for name in A-74-90 A-72-304; do
    "$segment" -o "$tmp/$name.json" "$top/assets/source/$name.zh.txt"
    if ! cmp -s "$tmp/$name.json" "$top/assets/corpus/$name.json"; then
        echo "regen: assets/corpus/$name.json differs from what ndvr-segment makes now:" >&2
        diff -u "$top/assets/corpus/$name.json" "$tmp/$name.json" | head -40 >&2
        status=1
    fi
    # Deterministic to the byte: a second run gives the same output.
    "$segment" -o "$tmp/$name.again.json" "$top/assets/source/$name.zh.txt"
    cmp "$tmp/$name.json" "$tmp/$name.again.json" || status=1
done
[ $status -eq 0 ] && echo "regen: both trees are reproduced byte for byte"
exit $status
