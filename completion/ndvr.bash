# bash completion for ndvr(1) and ndvr-segment(1).
#
# Commands and options come from the program's own help (`ndvr --help`, `ndvr help CMD`), so
# they never drift from its command table; addresses from `ndvr ls` and `ndvr ls -r DOC` at
# completion time, from the corpus that --corpus and --no-user-corpus on the line select.
# Installed as .../bash-completion/completions/ndvr and .../ndvr-segment.

# The program being completed, with the corpus options already on the line.
_ndvr_run()
{
    command "${_ndvr_prog[@]}" "$@" 2>/dev/null
}

# Every address of the corpus: documents, their nodes, working papers, and the countries (the
# codes of the responses, DOC#NOR, and of the experts' lists, DOC#experts.NOR).
_ndvr_addresses()
{
    local docs doc
    docs=$(_ndvr_run ls | cut -f1)
    {
        printf '%s\n' $docs
        for doc in $docs; do
            _ndvr_run ls -r "$doc" | cut -f1
        done
    } | sed -e 'p' -e 's/^.*#\(experts\.\)\{0,1\}\([A-Z]\{2,3\}\)$/\2/;t' -e d | sort -u
}

_ndvr_commands()
{
    _ndvr_run --help | sed -n '/^Commands:/,$ s/^  \([a-z][a-z-]*\).*/\1/p'
}

_ndvr_global_options()
{
    _ndvr_run --help | sed -n '/^Options:/,/^Commands:/ s/^  \(--[a-z-]*\).*/\1/p'
}

# The options in a command's usage line: `usage: ndvr ls [-r] [--json] [ADDRESS]`.
_ndvr_command_options()
{
    _ndvr_run help "$1" | sed -n '1 s/^usage: //p' | tr ' []|' '\n\n\n\n' | grep -- '^-' |
        sed 's/\.\.\.$//'
    printf '%s\n' --help
}

_ndvr_reply()
{
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$1" -- "$2"))
}

_ndvr_files()
{
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$1"))
    compopt -o filenames 2>/dev/null
}

# The value of the option prev, if it takes one; returns 1 when prev takes none.
_ndvr_option_value()
{
    local prev=$1 cur=$2
    case $prev in
    --corpus)
        local IFS=$'\n'
        COMPREPLY=($(compgen -d -- "$cur"))
        compopt -o filenames 2>/dev/null ;;
    --keymap | --to | --output | -o | --facts) _ndvr_files "$cur" ;;
    --ambiguous-width) _ndvr_reply $'1\n2' "$cur" ;;
    --format) _ndvr_reply $'pdf\ntext\nhtml' "$cur" ;;
    --paper) _ndvr_reply $'a4\nletter' "$cur" ;;
    --in) _ndvr_reply "$(_ndvr_addresses)" "$cur" ;;
    --printer) _ndvr_reply "$(lpstat -e 2>/dev/null)" "$cur" ;;
    --command)
        local IFS=$'\n'
        COMPREPLY=($(compgen -c -- "$cur")) ;;
    --remove) _ndvr_reply "$(_ndvr_run import --list | cut -f1)" "$cur" ;;
    --width | --page-lines | --symbol) COMPREPLY=() ;;
    *) return 1 ;;
    esac
    return 0
}

_ndvr()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local -a _ndvr_prog=("${COMP_WORDS[0]}")
    local i w cmd=
    # the command is the first word that is neither a global option nor its value
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        case $w in
        --corpus) _ndvr_prog+=("$w" "${COMP_WORDS[i + 1]}") && ((i++)) ;;
        --keymap | --ambiguous-width) ((i++)) ;;
        --corpus=* | --no-user-corpus) _ndvr_prog+=("$w") ;;
        -*) ;;
        *) cmd=$w && break ;;
        esac
    done
    _ndvr_option_value "$prev" "$cur" && return 0
    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            _ndvr_reply "$(_ndvr_global_options)" "$cur"
        else # a command, or an address to open the reader at
            _ndvr_reply "$(_ndvr_commands; _ndvr_addresses)" "$cur"
        fi
        return 0
    fi
    if [[ $cur == -* ]]; then
        _ndvr_reply "$(_ndvr_command_options "$cmd")" "$cur"
        return 0
    fi
    case $cmd in
    help) _ndvr_reply "$(_ndvr_commands)" "$cur" ;;
    check | import) _ndvr_files "$cur" ;;
    ls | show | cat | print | refs) _ndvr_reply "$(_ndvr_addresses)" "$cur" ;;
    *) COMPREPLY=() ;;
    esac
    return 0
}

_ndvr_segment()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    _ndvr_option_value "$prev" "$cur" && return 0
    if [[ $cur == -* ]]; then
        _ndvr_reply $'--facts\n--symbol\n-o\n--help\n--version' "$cur"
    else
        _ndvr_files "$cur"
    fi
    return 0
}

complete -F _ndvr ndvr
complete -F _ndvr_segment ndvr-segment
