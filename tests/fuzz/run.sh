#!/bin/sh
# Fuzzes every target (or those named) for SECONDS each with libFuzzer, in a fuzz build made
# by `CC=clang cmake -S . -B BUILD -DNDVR_FUZZ=ON && cmake --build BUILD --target fuzz_all`.
# New inputs go to BUILD/fuzz-work/TARGET (kept between runs, so a longer run goes on where the
# last stopped); a crash leaves BUILD/fuzz-work/TARGET-crash-* and the script exits 1.
# Usage: tests/fuzz/run.sh BUILD SECONDS [TARGET...]
set -u
build=${1:?usage: run.sh BUILD SECONDS [TARGET...]}
seconds=${2:?usage: run.sh BUILD SECONDS [TARGET...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=${*:-corpus keymap state segment image}
failed=0
for t in $targets; do
    bin="$build/tests/fuzz/fuzz_$t"
    [ -x "$bin" ] || { echo "run.sh: no $bin (build the fuzz_all target)" >&2; exit 2; }
    work="$build/fuzz-work/$t"
    mkdir -p "$work"
    dirs="$work"
    for d in "$here/seeds/$t" "$here/crashers/$t" "$build/tests/fuzz/seeds/$t"; do
        [ -d "$d" ] && dirs="$dirs $d"
    done
    echo "run.sh: fuzz_$t for $seconds s"
    # shellcheck disable=SC2086
    if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
            -artifact_prefix="$work-" $dirs > "$work.log" 2>&1; then
        tail -40 "$work.log" >&2
        echo "run.sh: fuzz_$t failed: the input is $work-crash-* (or -leak-, -timeout-, -oom-);" \
             "replay it with $build/tests/fuzz/fuzz_${t}_replay FILE" >&2
        failed=1
    else
        grep -E '^stat::number_of_executed_units|^Done' "$work.log" | tr '\n' ' '
        echo
    fi
done
exit $failed
