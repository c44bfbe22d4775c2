/* The list: a title and rows under a cursor, filtered as the user types (folded like search:
 * case and width insensitive). Help, search results and bookmarks are lists (in view/).
 * A list view's pane data starts with a struct list, so that what every list view shares
 * (view/views.h: the filter) finds it. */
#ifndef NDVR_LIST_H
#define NDVR_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "pane/cursor.h"
#include "pane/pane.h"
#include "search/fold.h"

struct list_row {
    char *text;        /* one line, owned; NULL until filled for a row added by list_add_lazy() */
    size_t id;         /* what the row stands for, the view's to interpret */
    size_t mark_start; /* bytes of text to highlight (a search match), or equal */
    size_t mark_end;
    bool heading;        /* a section title: not a row the cursor stops on */
    struct fold_key key; /* the filter's view of text; NULL key until the first filter */
};

struct list;
/* Makes the text of a lazy row (list_add_lazy()) with list_row_set(); arg is the list's. */
typedef void list_fill_fn(struct list *l, struct list_row *r, void *arg);

struct list {
    char *title;        /* owned */
    list_fill_fn *fill; /* for lazy rows, NULL when there are none */
    void *fill_arg;
    struct list_row *rows;
    size_t n, cap;
    size_t *shown;       /* rows passing the filter, in order */
    struct row_cursor c; /* over shown[] */
    char filter[256];
};

void list_init(struct list *l, const char *title);
void list_fini(struct list *l);
/* Empties the list and sets its title. */
void list_reset(struct list *l, const char *title);
/* Appends a row (text copied, line breaks and tabs made spaces). */
void list_add(struct list *l, const char *text, size_t id);
/* The same, with text bytes [start, end) highlighted. */
void list_add_marked(struct list *l, const char *text, size_t id, size_t start, size_t end);
/* A row whose text fill (set on the list) makes when the row is first drawn or filtered: for
 * long lists, most of whose rows are never seen (the search results). */
void list_add_lazy(struct list *l, size_t id);
/* Gives a row its text (copied, as list_add_marked() does), for a list_fill_fn. */
void list_row_set(struct list_row *r, const char *text, size_t start, size_t end);
/* A section title inside the list. */
void list_add_heading(struct list *l, const char *text);
/* Drops every row from row n on (before any filter is set). */
void list_truncate(struct list *l, size_t n);
/* Keeps the rows whose text contains `text` (folded), and the headings. */
void list_filter(struct list *l, const char *text);
/* The row under the cursor, or NULL. */
const struct list_row *list_current(const struct list *l);
/* Puts the cursor on the first row with this id. */
void list_select_id(struct list *l, size_t id);
/* Draws into the pane: the title (with the filter), then the rows from the cursor's page. */
void list_draw(struct list *l, struct pane *pane);
/* Moves the cursor (headings are skipped). */
unsigned list_move(struct list *l, const struct pane *pane, enum motion m, int n);
/* Puts the cursor on the row drawn at pane row y; false when there is none. */
bool list_click(struct list *l, int y);
/* Rows of the pane that show rows (the title takes one). */
int list_page(const struct pane *pane);

#endif
