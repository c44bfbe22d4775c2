/* The interactive reader: one struct app owns the corpus view, the panes, the keymap, the
 * reading position and its history; the event loop reads a key, runs the command the keymap
 * binds to it, and redraws once. Nothing runs while the user is idle. */
#ifndef NDVR_APP_H
#define NDVR_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "input/keymap.h"
#include "pane/pane.h"
#include "print/print.h"
#include "render/layout_cache.h"
#include "search/search.h"

/* A place in a document: the node at the top of the text pane and the row inside it. */
struct position {
    const struct node *root;  /* what is being read: a document, or a country's card */
    size_t index;             /* node at the top: corpus_subtree(root)[index] */
    int row;                  /* rows of that node scrolled past */
};

/* The browser-like history of places, with exact positions. */
struct history {
    struct position *v;
    size_t n, cap;
    size_t cur;  /* v[cur] is where the reader is; back goes to cur - 1 */
};

enum pane_id {
    PANE_OUTLINE,
    PANE_TEXT,
    PANE_CONTEXT,
    PANE_LIST,
    PANE_TABLE,
    PANE_PRINT,
    PANE_COUNT
};

enum prompt_kind {
    PROMPT_NONE,
    PROMPT_GOTO,
    PROMPT_COMMAND,
    PROMPT_SEARCH,
    PROMPT_FILTER,
    PROMPT_BOOKMARK,  /* the name of a new bookmark (Enter alone: the address) */
    PROMPT_RENAME,    /* a bookmark's new name */
    PROMPT_PRINT_ARG, /* the printer, file or command of the print dialog */
    PROMPT_PRINT_WIDTH,
    PROMPT_PRINT_LINES,
};

/* The print dialog's choices, remembered across runs (print.conf in the state directory). */
struct print_settings {
    struct print_opts opts;
    enum print_dest_kind dest;
    char dest_arg[512];  /* printer name, file or command */
};

struct prompt {
    enum prompt_kind kind;
    bool backward;        /* search: ? instead of / */
    char text[512];       /* what the user typed (UTF-8) */
    size_t len;
    struct position before;  /* where an incremental search started */
};

/* The current search: every hit in the corpus, in document order. */
struct search_state {
    char query[512];
    struct search_hits hits;
    size_t current;       /* index of the current hit, or hits.n when none */
    bool active;
};

struct app_options {
    const char *keymap_file;   /* --keymap, or NULL for keymaps/default.keys */
    bool ascii_borders;
    bool mouse;
    bool clipboard;            /* OSC 52 copying enabled */
    bool color;
};

struct state;

struct app {
    const struct corpus *corpus;   /* borrowed */
    struct state *state;           /* bookmarks, positions, history across runs (owned) */
    char rename_id[32];            /* the bookmark being renamed */
    bool *tagged;                  /* by node order: nodes tagged for printing */
    size_t ntagged;                /* how many are tagged */
    bool range_active;             /* a range starts at range_node, byte range_offset */
    const struct node *range_node;
    size_t range_offset;
    struct print_settings print;
    struct print_job job;
    bool job_running;
    char job_what[256];            /* "12 pages to lp", for the message line */
    bool offset_pending;           /* pos.row must be found from pending_offset once the */
    size_t pending_offset;         /* text pane has a width (start-up, resize) */
    struct app_options opts;
    struct layout_cache *cache;    /* text pane layouts, per (node, width) */
    struct search_index *search;   /* built on the first search */
    struct keymap *keymap;
    struct pane *panes[PANE_COUNT];
    struct ui_win *frame;          /* the whole screen: borders, status and message lines */
    enum pane_id focus;
    bool show_outline, show_context, zoomed;
    int outline_cols, context_cols;  /* widths chosen by the user, 0 for automatic */
    struct position pos;
    struct history history;
    struct search_state search_state;
    struct prompt prompt;
    char message[512];
    bool message_error;
    bool quit;
    bool too_small;
    /* The selected link of the text pane, kept across redraws. */
    const struct node *link_node;
    const struct ref *link_ref;
    /* The footnote shown in the context pane (followed or peeked), or NULL. */
    const struct node *context_note;
    bool peek;  /* show context_note in a popup over the text */
};

/* Runs the reader on the corpus, starting at `start` (NULL: where the user left off, else
 * A/74/90's summary, else the first document). Returns the
 * exit status. Keymap errors and other start-up problems are reported on the message line;
 * a terminal that cannot be used is reported on stderr, and the text is printed as `ndvr cat`
 * would instead (never ncurses' own abort). */
int app_run(const struct corpus *corpus, const struct node *start, const struct app_options *opts);

/* --- For commands and panes ---------------------------------------------------------------- */

/* Sets the message line (printf-style); error messages are shown as errors. */
void app_message(struct app *app, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The nodes of what is being read, in document order. */
struct node *const *app_nodes(const struct app *app, size_t *count);
/* The text pane's width for layout (its columns). */
int app_text_width(const struct app *app);
/* Laid out at the text pane's width. */
const struct laid_node *app_layout(struct app *app, const struct node *node);
/* Moves the reading position to node (pushing the old place on the history). */
void app_goto_node(struct app *app, const struct node *node, bool remember);
/* Moves back or forward in the history; false when there is nowhere to go. */
bool app_history_move(struct app *app, int delta);
/* Scrolls the text by n rows (negative: up), stopping at the ends. */
void app_scroll(struct app *app, int n);
/* The first row of node's layout that is not the blank line separating it from the node
 * before: where the text pane starts when it goes to node. */
int app_first_row(struct app *app, const struct node *node);
/* The node at the top of the text pane. */
const struct node *app_top_node(const struct app *app);
/* Rows of the text pane. */
int app_text_rows(const struct app *app);
/* Recomputes the pane layout for the terminal's size. */
void app_layout_panes(struct app *app);
/* Starts a prompt on the message line. */
void app_prompt(struct app *app, enum prompt_kind kind, bool backward);
/* Runs a command by name with its arguments, as the keymap or the `:` prompt does. */
bool app_run_command(struct app *app, const char *name, const char *args);
/* The reading position as an address and a byte offset into that node's text (for the state
 * files), and back: the row of node that shows that offset. APP_OFFSET_NONE: the top row is
 * above the node's text (a heading, a card's title). */
#define APP_OFFSET_NONE ((size_t)-1)
size_t app_position_offset(struct app *app);
int app_row_for_offset(struct app *app, const struct node *node, size_t offset);
/* Goes to a stored position (address + offset); false when the address is gone. */
bool app_goto_stored(struct app *app, const char *address, size_t offset, bool remember);
/* Bookmarks the place being read, named `name` (NULL: its address). */
void app_bookmark_here(struct app *app, const char *name);
/* The print selection: the tagged nodes, else the range, else the section being read. */
void app_print_selection(struct app *app, struct print_selection *sel);
/* Starts sending the selection in the background; the message line follows it. */
void app_print_start(struct app *app);
/* Opens the print dialog. */
void app_print_dialog(struct app *app);
/* After SIGCHLD: reports how a print job ended. */
void app_print_check(struct app *app);
/* The dialog's settings, from and to print.conf in the state directory. */
void app_print_load_settings(struct app *app);
void app_print_save_settings(struct app *app);
/* Tags node (and with `subtree`, every node inside it) for printing, or untags it. */
void app_tag(struct app *app, const struct node *node, bool subtree);
/* Shows the bookmarks in the list pane. */
void app_show_bookmarks(struct app *app);
/* The breadcrumb of the status line: "A/74/90 › 三 › B › ¶38 · 82%". */
void app_breadcrumb(const struct app *app, char *buf, size_t bufsize);

#endif
