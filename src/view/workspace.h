/* The workspace: what the reader's commands and views act on besides the reading model and
 * the pane they run in. It holds the reader's three panes and how they tile, the stack of views
 * pushed over them, the prompt and the message line, the state files and the print settings.
 * The application (app/) owns one, lays it out and draws it; commands, views and panes never
 * see the application itself.
 *
 * The view stack: full-screen views (help, search results, bookmarks, experts, papers, cards,
 * the print dialog) and popups (a footnote) are pushed and popped, as neomutt's dialogs and
 * tmux's pane modes are; closing one shows the view beneath, and the reader's panes are at the
 * bottom. The top view, or else the focused tile, has the focus.
 *
 * Ownership: the workspace owns its panes (tiles and views) and frees them in ws_fini, which
 * must run before the terminal is given back. It borrows the corpus, the reader, the state and
 * the keymap. */
#ifndef NDVR_WORKSPACE_H
#define NDVR_WORKSPACE_H

#include <stdbool.h>
#include <stddef.h>

#include "input/keymap.h"
#include "pane/pane.h"
#include "pane/tiling.h"
#include "print/print.h"
#include "reader/reader.h"
#include "view/prompt.h"

struct state;

/* The print dialog's choices, remembered across runs (print.conf in the state directory). */
struct print_settings {
    struct print_opts opts;
    enum print_dest_kind dest;
    char dest_arg[512]; /* printer name, file or command */
};

/* A print job sent in the background. */
struct print_run {
    struct print_settings settings;
    struct print_job job;
    bool running;
    char what[256]; /* "12 pages to lp", for the message line */
};

struct workspace {
    const struct corpus *corpus;  /* borrowed */
    struct reader *rd;            /* borrowed */
    struct state *state;          /* borrowed; NULL: nothing is remembered */
    const struct keymap *keymap;  /* borrowed */
    const struct cmd_def *global; /* the global commands (cmd/commands.h) */
    size_t nglobal;
    struct pane *tiles[TILE_COUNT]; /* owned: outline, text, context */
    struct tiling tiling;
    struct pane **views; /* owned: the stack, bottom first */
    size_t nviews, cap;
    struct prompt prompt;
    char message[512];
    bool message_error;
    struct print_run print;
    struct position search_from; /* where the search being typed started */
    bool search_backward;
    bool clipboard;           /* copying to the terminal's clipboard is on */
    char clipboard_out[1024]; /* text for the app to copy after the command, or "" */
    int rows, cols;           /* the screen */
};

void ws_init(struct workspace *ws, const struct corpus *corpus, struct reader *rd);
/* Frees every pane (views and tiles). */
void ws_fini(struct workspace *ws);

/* Sets the message line (printf-style); error messages are shown as errors. */
void ws_message(struct workspace *ws, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* --- The view stack ------------------------------------------------------------------------ */

/* Pushes a view on top; it takes the focus. Takes ownership. */
void ws_push(struct workspace *ws, struct pane *view);
/* Removes the view (wherever it is in the stack) and frees it; the one beneath shows again. */
void ws_remove(struct workspace *ws, struct pane *view);
/* Closes every view: the reader's panes show. */
void ws_pop_all(struct workspace *ws);
/* The view on top, or NULL when the reader's panes show. */
struct pane *ws_top(const struct workspace *ws);
/* The highest view that is not a popup (the one the popups above it are drawn over), or NULL
 * for the reader's panes. */
size_t ws_base(const struct workspace *ws);
/* The pane with the focus: the top view, else the focused tile. */
struct pane *ws_focus(const struct workspace *ws);
/* Whether a view of these operations is on the stack (the first from the top, or NULL). */
struct pane *ws_find(const struct workspace *ws, const struct pane_ops *ops);

/* --- The reader's panes ------------------------------------------------------------------ */

/* Whether the tile shows at the current screen size (not hidden, not crowded out). */
bool ws_tile_shown(const struct workspace *ws, enum tile which);

#endif
