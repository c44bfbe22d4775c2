#!/bin/zsh -f
# The zsh completion (completion/_ndvr) in a real interactive zsh on a pseudo-terminal (zpty):
# compinit with the completion first in $fpath, a line typed and Tab pressed, and every
# candidate compadd adds captured. Usage: completion_zsh.zsh BIN_DIR SOURCE_DIR
# (BIN_DIR holds ndvr and ndvr-segment). Exits 77 (skipped) without zsh/zpty.
bin=${1:?usage: completion_zsh.zsh BIN_DIR SOURCE_DIR}
src=${2:?usage: completion_zsh.zsh BIN_DIR SOURCE_DIR}
zmodload zsh/zpty 2>/dev/null || { print "completion_zsh: no zsh/zpty; skipped"; exit 77 }
mini=$src/tests/data/mini
tmp=$(mktemp -d) || exit 1
trap 'rm -rf $tmp' EXIT
ln -s $bin/ndvr $bin/ndvr-segment $tmp/
integer fails=0

# candidates LINE: the completions of LINE, one per line, in the order compadd got them.
candidates() {
  local out=$tmp/out line
  rm -f $out
  zpty z zsh -f -i
  zpty -w z "PS1=''; fpath=($src/completion \$fpath); PATH=$tmp:\$PATH; export LC_ALL=C"
  zpty -w z "autoload -U compinit; compinit -u -D"
  zpty -w z 'compadd () { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi; typeset -a hits; builtin compadd -A hits "$@"; local r=$?; (( $#hits )) && print -l -r -- "<<${^hits}>>" >>'$out'; builtin compadd "$@"; return r }'
  zpty -w z "$1"$'\t'
  integer i size=-1
  for (( i = 0; i < 100; i++ )); do  # up to 20 s on a loaded machine
    sleep 0.2
    while zpty -r -t z line 2>/dev/null; do :; done
    [[ -s $out && $(wc -c <$out) -eq $size ]] && break
    [[ -s $out ]] && size=$(wc -c <$out)
  done
  zpty -d z
  sed -n 's/^<<\(.*\)>>$/\1/p' $out 2>/dev/null
}

expect() {
  local want=$1 line=$2 got
  got=${(j: :)${(f)"$(candidates $line)"}}
  if [[ $got != $want ]]; then
    print -r -- "FAIL: $line"$'\n'"  want: $want"$'\n'"  got:  $got"
    (( fails++ ))
  fi
}

expect "show" "ndvr --corpus $mini sh"
expect "bookmarks cat check help image import ls outline print refs search show" "ndvr help "
# addresses (quoted by zsh: # is special with EXTENDED_GLOB), papers, countries
expect 'A/74/90\#experts.NOR A/74/90\#experts.NOR.1' "ndvr --corpus $mini show A/74/90#experts.N"
expect "GE-NDV/2018/4 GE-NDV/2018/12 GE-NDV/2018/16" "ndvr --corpus $mini cat GE"
expect "ARG" "ndvr --corpus $mini AR"
expect "NOR" "ndvr --corpus $mini NO"
expect "-r --json --help" "ndvr ls -"
expect "pdf text html" "ndvr print --format "
expect "--symbol" "ndvr-segment --s"
(( fails == 0 )) && print "completion_zsh: ok"
exit $(( fails > 0 ))
