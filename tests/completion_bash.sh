#!/bin/bash
# The bash completion (completion/ndvr.bash) run as bash runs it: COMP_WORDS and COMP_CWORD
# set, the function called, COMPREPLY compared with what the hand-written mini corpus
# (tests/data/mini) and the command table give. Usage: completion_bash.sh NDVR SOURCE_DIR
set -u
ndvr=${1:?usage: completion_bash.sh NDVR SOURCE_DIR}
src=${2:?usage: completion_bash.sh NDVR SOURCE_DIR}
mini=$src/tests/data/mini
export LC_ALL=C
# shellcheck source=../completion/ndvr.bash
source "$src/completion/ndvr.bash" || exit 1
fails=0

# expect "WANT" FUNCTION WORD...: completes the last word; WANT is COMPREPLY joined by spaces.
expect() {
    local want=$1 fn=$2
    shift 2
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    "$fn"
    local got="${COMPREPLY[*]}"
    if [ "$got" != "$want" ]; then
        printf 'FAIL: %s\n  want: %s\n  got:  %s\n' "$*" "$want" "$got"
        fails=$((fails + 1))
    fi
}

# the functions are bound to both programs
complete -p ndvr | grep -q -- '-F _ndvr ndvr$' || { echo "FAIL: complete -p ndvr"; fails=1; }
complete -p ndvr-segment | grep -q -- '-F _ndvr_segment ndvr-segment$' ||
    { echo "FAIL: complete -p ndvr-segment"; fails=1; }

# commands: every one of the table (src/cli/cli.c); first, then the addresses, without one
expect "bookmarks cat check help image import ls outline print refs search show" \
    _ndvr "$ndvr" --corpus "$mini" help ""
expect "A/72/304#ARG A/72/304#ARG.h1 A/72/304#ARG.p1 A/72/304#ARG.p2" \
    _ndvr "$ndvr" --corpus "$mini" --no-user-corpus 'A/72/304#A'

expect "show" _ndvr "$ndvr" --corpus "$mini" sh
expect "help" _ndvr "$ndvr" help he
expect "refs" _ndvr "$ndvr" help re
# addresses, from the corpus named on the line: the mini corpus's experts, papers, countries
expect "A/74/90#experts A/74/90#experts.CHN A/74/90#experts.CHN.1 A/74/90#experts.CHN.2 A/74/90#experts.NOR A/74/90#experts.NOR.1" \
    _ndvr "$ndvr" --corpus "$mini" show 'A/74/90#experts'
expect "GE-NDV/2018/12 GE-NDV/2018/16 GE-NDV/2018/4" _ndvr "$ndvr" --corpus "$mini" cat GE
expect "A/74/90#p2 A/74/90#p2.1" _ndvr "$ndvr" --corpus "$mini" print --to x.pdf 'A/74/90#p2'
expect "ARG" _ndvr "$ndvr" --corpus "$mini" AR
expect "CHN" _ndvr "$ndvr" --corpus "$mini" C
expect "NOR" _ndvr "$ndvr" --corpus "$mini" N
expect "A/74/90#p1 A/74/90#p2 A/74/90#p2.1 A/74/90#p3 A/74/90#p4 A/74/90#papers" \
    _ndvr "$ndvr" --corpus "$mini" search --in 'A/74/90#p'
# nothing for a query or a number
expect "" _ndvr "$ndvr" --corpus "$mini" search A
expect "" _ndvr "$ndvr" print --width ""
# options: the global ones, and each command's from its usage line
expect "--no-user-corpus --no-mouse --no-color" _ndvr "$ndvr" --no-
expect "-r --json --help" _ndvr "$ndvr" ls -
expect "--format --footnotes-after" _ndvr "$ndvr" print --f
expect "pdf text html" _ndvr "$ndvr" print --format ""
expect "a4" _ndvr "$ndvr" print --paper a
expect "1 2" _ndvr "$ndvr" --ambiguous-width ""
# files where a file is wanted
expect "$src/tests/data/mini/A-72-304.json" _ndvr "$ndvr" check "$mini/A-72"
expect "$src/tests/data/mini" _ndvr "$ndvr" --corpus "$src/tests/data/mi"
# ndvr-segment
expect "--symbol" _ndvr_segment ndvr-segment --s
expect "--help" _ndvr_segment ndvr-segment --h
expect "$src/assets/source/facts.txt" _ndvr_segment ndvr-segment --facts "$src/assets/source/fa"

[ "$fails" -eq 0 ] && echo "completion_bash: ok"
exit $((fails > 0))
