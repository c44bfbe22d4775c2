/* Panes: the reader's own three (outline, text, context) and the views pushed over them (lists,
 * tables, cards, the print dialog, the footnote popup). Every pane is an object behind one small
 * interface, as tmux's window modes are: it draws itself, names its key tables, carries its own
 * commands, and answers the generic moves (a line, a page, Tab to the next link, Enter).
 *
 * Commands never draw and never lay the screen out: they change the reading model or a pane
 * and return what they did (enum react); one dispatch loop in app/ acts on that. Panes know the
 * reading model and the drawing API, never the application.
 *
 * Ownership: a pane owns its window and its data (freed through ops->free); whoever holds a
 * pane (the workspace for the reader's three and for the view stack) frees it with pane_free. */
#ifndef NDVR_PANE_H
#define NDVR_PANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reader/reader.h"
#include "ui/ui.h"

/* What a command did, for the dispatch loop. Bits; REACT_NONE: nothing to show. */
enum react {
    REACT_NONE = 0,
    REACT_REDRAW = 1 << 0,   /* something on screen changed */
    REACT_RELAYOUT = 1 << 1, /* panes appear, go or change size */
    REACT_POP = 1 << 2,      /* close the view the command ran in */
    REACT_QUIT = 1 << 3,     /* leave the reader */
    REACT_READER = 1 << 4,   /* the reading place moved: close every view, focus the text */
    REACT_FOLLOW = 1 << 5,   /* follow the link the pane has just selected (Enter, a click) */
    REACT_REPAINT = 1 << 6,  /* repaint the whole terminal */
    REACT_SUSPEND = 1 << 7,  /* stop the process until fg */
};

/* How far a move goes; the direction and count come with it. */
enum motion {
    MOTION_LINE,
    MOTION_HALF, /* half a screen */
    MOTION_PAGE, /* a screen, less one line of context */
    MOTION_END,  /* the first or the last */
};

struct workspace; /* view/workspace.h: what commands act on besides the pane and the reader */
struct pane;

/* What a command runs on. */
struct cmd_ctx {
    struct workspace *ws;
    struct reader *rd;
    struct pane *pane; /* the view on top, or the focused pane of the reader */
    const char *args;  /* the binding's or the prompt's arguments; "" when none */
    int count;         /* a leading number of args ("scroll-down 3"), else 1 */
    char message[256]; /* what the command says on the message line ("" for nothing) */
    bool message_error;
};

typedef unsigned (*cmd_fn)(struct cmd_ctx *ctx);

/* A named command: keymaps bind keys to the name, `:` runs it, help and the man page list it. */
struct cmd_def {
    const char *name;
    cmd_fn exec;
    const char *help; /* one line, no trailing period */
};

/* Where a pane goes on the screen. */
enum pane_place {
    PLACE_TILE,  /* one of the reader's side-by-side panes */
    PLACE_FULL,  /* a view in place of the reader's panes */
    PLACE_POPUP, /* a box over the text, or over the view beneath */
};

enum { PANE_MAX_TABLES = 4 };

struct pane_ops {
    const char *name;                    /* its own key table, and the status line's word */
    const char *tables[PANE_MAX_TABLES]; /* more key tables, searched in order after its own and
                                            before global; unused ones NULL */
    const struct cmd_def *cmds;          /* its own commands (NULL when none) */
    size_t ncmds;
    const struct cmd_def *kind_cmds; /* those of its kind (every list, every table) */
    size_t nkind_cmds;
    enum pane_place place;
    const char *enter_help; /* what Enter does here, for the help screen */
    void (*draw)(struct pane *pane, struct reader *rd);
    /* A move of the cursor or of the contents, by n steps of m (negative: back); NULL: the
     * move is the reading place's. */
    unsigned (*move)(struct pane *pane, struct cmd_ctx *ctx, enum motion m, int n);
    /* Selects the next (dir > 0) or previous link it shows; NULL: the text's links. */
    unsigned (*step_link)(struct pane *pane, struct cmd_ctx *ctx, int dir);
    /* The link it has selected, for follow-link (NULL hook or result: none of its own). */
    const struct link_pick *(*picked)(struct pane *pane);
    /* Enter on a list's row, a dialog's field, the outline's entry; NULL: follow the link.
     * REACT_FOLLOW in the result asks for its picked link to be followed. */
    unsigned (*activate)(struct pane *pane, struct cmd_ctx *ctx);
    /* A click at (y, x) inside the pane; NULL: clicks do nothing here. */
    unsigned (*click)(struct pane *pane, struct cmd_ctx *ctx, int y, int x);
    /* The rows a popup wants at this width; NULL for other placements. */
    int (*want_rows)(struct pane *pane, int cols);
    /* The node the pane is about (a card's, the row under a cursor), or NULL: what E, W and D
     * open at. */
    const struct node *(*subject)(struct pane *pane, struct reader *rd);
    void (*free)(struct pane *pane);
};

struct pane {
    const struct pane_ops *ops;
    struct ui_win *win; /* owned; NULL until placed */
    int y, x, rows, cols;
    bool focused;
    /* Set by the loop before each draw: the terminal still shows, in the pane's place, what it
     * drew last (same place, no repaint, nothing drawn over it since). Only then may a pane
     * move what is on screen instead of drawing it again. */
    bool intact;
    struct pane_key *drawn; /* what the pane's window shows (pane_key_unchanged), or NULL */
    void *data;             /* the pane's own state, freed by ops->free */
};

/* What a pane's drawing depends on, as a list of values (pointers, numbers, flags), so that a
 * pane whose inputs did not change is not drawn again: its window still holds the drawing. */
struct pane_key {
    uintptr_t *v;
    size_t n, cap;
};

/* Appends a value to the key. */
void pane_key_add(struct pane_key *key, uintptr_t value);
/* Appends the parts of a link that make it the same link (ref_same). */
void pane_key_add_ref(struct pane_key *key, const struct ref *ref);
/*
 * Whether the pane's window already holds what key (with the pane's window, place and focus)
 * says; when it does, the window is marked to be staged whole if something covered it since
 * (the pane is not intact), and the pane need not draw. The pane keeps the key for the next
 * call; key is left empty, its buffer the caller's to free.
 */
bool pane_key_unchanged(struct pane *pane, struct pane_key *key);
/* The next draw draws everything (C-l, a resize): no key is unchanged. */
void pane_key_forget(struct pane *pane);

/* A pane with no window yet (pane_place makes it). */
struct pane *pane_new(const struct pane_ops *ops, void *data);
/* Frees the data, the window and the pane; NULL is a no-op. Call before the UI ends. */
void pane_free(struct pane *pane);
/* Gives the pane a place on the screen, making or moving its window. */
void pane_place(struct pane *pane, int y, int x, int rows, int cols);
/* Sizes the pane without a window: for the reader's logic when no terminal is there. */
void pane_size(struct pane *pane, int rows, int cols);
/* Whether (y, x) of the screen is inside the pane. */
bool pane_contains(const struct pane *pane, int y, int x);
/* The command of that name among the pane's own and its kind's, or NULL. */
const struct cmd_def *pane_command(const struct pane_ops *ops, const char *name);
/* The key tables the pane searches, in order, global last; returns how many (at most
 * PANE_MAX_TABLES + 2). */
size_t pane_tables(const struct pane_ops *ops, const char **tables);
/* Rows a move of n steps of m goes in a list of `page` rows. */
long pane_motion_rows(enum motion m, int n, int page);
/* Puts a message for the message line into the command's context (printf-style). */
void cmd_say(struct cmd_ctx *ctx, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
