#!/bin/sh
# The layering of src/, checked by grep (style.md §5.1; the code review's first defect):
# modules include only the layers below them. Prints file:line: what for each violation and
# exits 1 when there is one. Usage: layering.sh SRC_DIR
set -u
src=${1:?usage: layering.sh SRC_DIR}
bad=0

# forbid DIR REGEX WHY: no file under $src/DIR may include a header matching REGEX.
forbid() {
    [ -d "$src/$1" ] || return 0
    hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($2)" "$src/$1" \
           --include='*.c' --include='*.h' || true)
    if [ -n "$hits" ]; then
        printf '%s\n' "$hits" | sed "s|^$src/||; s|\$|: $3|"
        bad=1
    fi
}

# The application's header is the application's: panes, views and commands never see it.
for d in pane view cmd reader render corpus text search print state input ui util segment; do
    forbid "$d" 'app/' "only src/app and src/cli include the application's header"
done
# Panes know the reading model and the drawing API, not the views, commands or application.
forbid pane 'view/|cmd/|cli/' "panes never include views, commands or the CLI"
# Views know panes and the workspace, not the commands' dispatch or the CLI.
forbid view 'cmd/|cli/' "views never include commands or the CLI"
forbid cmd 'cli/' "commands never include the CLI"
# The reading model and everything under it know nothing of the terminal or the UI.
for d in reader render corpus text search print state util; do
    forbid "$d" 'ui/|pane/|view/|cmd/|input/|cli/' "the model knows nothing of the UI"
done
# Only the terminal module speaks curses (keyname.c checks the key codes against it).
for d in app cli cmd pane view reader render corpus text search print state util segment; do
    forbid "$d" 'n?curses|ncursesw/|term\.h' "only src/ui talks to curses"
done
# Only the loaders and writers of files know JSON.
for d in app cmd pane view reader render text search print ui input util; do
    forbid "$d" 'cjson/' "only corpus, state, cli and segment know JSON"
done
# Only the PDF device knows cairo and pango: everything else measures through text/measure.h.
for d in app cli cmd pane view reader render corpus text search state input ui util segment; do
    forbid "$d" 'cairo|pango' "only src/print/pdf.c knows cairo and pango"
done
if [ -d "$src/print" ]; then
    hits=$(grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](cairo|pango)' \
           "$src"/print/*.[ch] 2>/dev/null | grep -v "^$src/print/pdf\.c:" || true)
    if [ -n "$hits" ]; then
        printf '%s\n' "$hits" | sed "s|^$src/||; s|\$|: only src/print/pdf.c knows cairo and pango|"
        bad=1
    fi
fi
exit $bad
