/* The table: rows of cells under a header, sorted by a chosen column (numbers inside cells
 * compare as numbers, so GE-NDV/2018/9 comes before GE-NDV/2018/15), filtered as the user
 * types (folded like search: case and width insensitive), with a cursor. The experts and
 * working-papers views are tables (view/experts.c, view/papers.c); a table view's pane data
 * starts with a struct table. */
#ifndef NDVR_TABLE_H
#define NDVR_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus/corpus.h"
#include "pane/cursor.h"
#include "pane/pane.h"
#include "search/fold.h"

enum { TABLE_MAX_COLS = 8 };

struct table_column {
    const char *title; /* header */
    int min_cols;      /* columns it gets at least (the last column takes what is left) */
};

struct table_row {
    const struct node *node;
    char *cells[TABLE_MAX_COLS]; /* owned */
    struct fold_key key;         /* folded filter text */
};

struct table {
    char *title; /* owned */
    struct table_column cols[TABLE_MAX_COLS];
    size_t ncols;
    struct table_row *rows;
    size_t nrows, cap;
    size_t *shown;       /* the rows passing the filter, in sort order */
    struct row_cursor c; /* over shown[] */
    size_t sort_col;
    char filter[256];
};

void table_init(struct table *t, const char *title, const struct table_column *cols, size_t ncols);
void table_fini(struct table *t);
/* Appends a row: ncols cell strings (copied) for node; `filter_text` is what typing matches. */
void table_add_row(struct table *t, const struct node *node, const char *const *cells,
                   const char *filter_text);
/* Sorts by column c (stable; empty cells last). */
void table_sort(struct table *t, size_t c);
/* Keeps the rows whose filter text contains `text` (folded). */
void table_filter(struct table *t, const char *text);
/* The node under the cursor, or NULL. */
const struct node *table_current(const struct table *t);
/* Puts the cursor on node's row; false when it is not shown. */
bool table_select(struct table *t, const struct node *node);
/* Draws the title line, the header (the sort column marked) and the rows. */
void table_draw(struct table *t, struct pane *pane);
unsigned table_move(struct table *t, const struct pane *pane, enum motion m, int n);
/* Puts the cursor on the row drawn at pane row y; false when there is none. */
bool table_click(struct table *t, int y);
/* Compares two cells as the sort does: <0, 0, >0. */
int table_compare_cells(const char *a, const char *b);

#endif
