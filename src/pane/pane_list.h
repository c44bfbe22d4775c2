/* The list pane: search results or the help screen, one row per item; Enter opens an
 * item's target. */
#ifndef NDVR_PANE_LIST_H
#define NDVR_PANE_LIST_H

#include <stddef.h>

#include "corpus/corpus.h"
#include "pane/pane.h"

/* Empties the list and gives it a title (copied). */
void pane_list_reset(struct pane *pane, const char *title);
/* Appends a row (text copied); target may be NULL; `hit` is the search hit it shows, or
 * (size_t)-1. */
void pane_list_add(struct pane *pane, const char *text, const struct node *target, size_t hit);
size_t pane_list_count(const struct pane *pane);
const char *pane_list_title(const struct pane *pane);
/* Puts the cursor on row i. */
void pane_list_select(struct pane *pane, size_t i);
/* The row under the cursor. */
size_t pane_list_cursor(const struct pane *pane);
/* What Enter (or a click) does with a row instead of going to its target; reset by
 * pane_list_reset. */
void pane_list_set_opener(struct pane *pane, void (*open)(struct app *app, size_t row));

#endif
