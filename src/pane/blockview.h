/* A scrollable view of blocks with links: what the context pane, the cards (an expert, a
 * working paper, a country's dossier) and the footnote popup show. It lays its blocks out at
 * the width it is drawn at, scrolls, and keeps a selected link that Tab moves (scrolling to
 * show it) and Enter follows. No terminal needed except to draw.
 *
 * Ownership: the blockview owns the blocks given to blockview_set. */
#ifndef NDVR_BLOCKVIEW_H
#define NDVR_BLOCKVIEW_H

#include <stdbool.h>

#include "pane/pane.h"
#include "render/blocks.h"

struct blockview {
    struct block_list blocks;  /* owned */
    struct block_line **lines; /* lines[i]: block i's lines at `width` */
    size_t *nlines;
    int width; /* 0: not laid out */
    int nrows;
    int top;               /* the first row shown */
    struct link_pick pick; /* the selected link (kept by value across new blocks) */
    size_t pick_at;        /* where it was among the links: a card may show one link twice */
};

void blockview_init(struct blockview *bv);
void blockview_fini(struct blockview *bv);
/* Shows these blocks (taken; *blocks is left empty). The scroll and the selected link stay
 * when `keep` and the link is still there, else both start over. */
void blockview_set(struct blockview *bv, struct block_list *blocks, bool keep);
/* Lays out at width (if it changed); returns the rows of all the blocks. */
int blockview_layout(struct blockview *bv, int width);
/* Draws rows [top, top + rows) into w at (y0, x0), cols wide. */
void blockview_draw(struct blockview *bv, struct ui_win *w, int y0, int x0, int rows, int cols);
/* Scrolls by n steps of m in a window of `rows` rows; REACT_REDRAW when it moved. */
unsigned blockview_scroll(struct blockview *bv, enum motion m, int n, int rows);
/* Selects the next (dir > 0) or previous link, wrapping, and scrolls it into the `rows` shown;
 * false when there are no links. */
bool blockview_step_link(struct blockview *bv, int dir, int rows);
/* The selected link, or NULL. */
const struct link_pick *blockview_picked(const struct blockview *bv);
/* Selects the link drawn at (y, x) of the view; false when there is none. */
bool blockview_click(struct blockview *bv, int y, int x);
/* How many links the blocks have. */
size_t blockview_nlinks(const struct blockview *bv);

#endif
