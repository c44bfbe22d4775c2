/* The table pane: rows of cells under a header, sorted by a chosen column, filtered as the
 * user types, with a cursor; Enter and a second key act on the row. The experts view and the
 * working-papers view are tables (views.c). */
#ifndef NDVR_PANE_TABLE_H
#define NDVR_PANE_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "pane/pane.h"

struct app;

enum { TABLE_MAX_COLS = 8 };

struct table_column {
    const char *title;  /* header */
    int min_cols;       /* columns it gets at least (the last column takes what is left) */
};

/* What the keys do with a row: open (Enter) and the second action (its key is named in the
 * title line). */
typedef void (*table_action)(struct app *app, const struct node *node, int which);

/* A table pane (empty until table_reset). */
struct pane *pane_table_new(void);
/* Empties the table and sets its title, columns and action. */
void table_reset(struct pane *pane, const char *title, const struct table_column *cols,
                 size_t ncols, table_action action, const char *second_action_help);
/* Appends a row: ncols cell strings (copied) for node; `filter_text` is what typing matches
 * (folded like search: case and width insensitive). */
void table_add_row(struct pane *pane, const struct node *node, const char *const *cells,
                   const char *filter_text);
/* Sorts by column c (stable; numbers compare as numbers, empty cells last). */
void table_sort(struct pane *pane, size_t c);
/* Sets the filter (folded), keeps rows whose filter text contains it. */
void table_filter(struct pane *pane, const char *text);
const char *table_filter_text(const struct pane *pane);
/* Rows shown now (after the filter) and the node under the cursor. */
size_t table_visible_rows(const struct pane *pane);
const struct node *table_cursor_node(const struct pane *pane);

#endif
