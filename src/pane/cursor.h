/* A cursor over rows, with the first row shown: what the outline, lists, tables and the print
 * dialog move the same way. */
#ifndef NDVR_CURSOR_H
#define NDVR_CURSOR_H

#include <stddef.h>

#include "pane/pane.h"

struct row_cursor {
    size_t n;   /* rows */
    size_t cur; /* the row under the cursor (0 when n is 0) */
    size_t top; /* the first row shown */
};

/* Moves by n steps of m within rows shown `page` at a time; returns REACT_REDRAW, or
 * REACT_NONE when it did not move. */
unsigned cursor_move(struct row_cursor *c, enum motion m, int n, int page);
/* Puts the cursor on row i (clamped). */
void cursor_set(struct row_cursor *c, size_t i);
/* Sets the number of rows, keeping the cursor inside. */
void cursor_resize(struct row_cursor *c, size_t n);
/* Scrolls so that the cursor shows among `page` rows. */
void cursor_show(struct row_cursor *c, int page);
/* The row shown at line y of `page` rows, or (size_t)-1 for none. */
size_t cursor_row_at(const struct row_cursor *c, int y);

#endif
