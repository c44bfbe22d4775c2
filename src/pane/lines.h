/* Drawing one laid-out line of a block: its label, its text, and spans of other styles over
 * the text (links, the selected link, search matches). The text pane and every view that shows
 * blocks (the context pane, cards, the footnote popup) draw their lines with it. */
#ifndef NDVR_LINES_H
#define NDVR_LINES_H

#include <stddef.h>

#include "render/blocks.h"
#include "ui/ui.h"

/* A style over display bytes [start, end) of a block's text. */
struct span_style {
    size_t start, end;
    enum ui_style style;
};

/* The spans of one line of a block; later spans win where they overlap. Owns its array:
 * start with {0}, end with spans_fini(). */
struct span_list {
    struct span_style *v;
    size_t n, cap;
};

void spans_add(struct span_list *l, size_t start, size_t end, enum ui_style style);
void spans_fini(struct span_list *l);
/* The block's links on display bytes [start, end) (a line): footnote markers, references, the
 * picked one (pick may be NULL). Found by binary search, so that a line of a paragraph with
 * thousands of links costs the links it shows. */
void spans_links(struct span_list *l, const struct block *b, const struct link_pick *pick,
                 size_t start, size_t end);

/* Draws line of b at row y of w, its columns shifted right by x0 and cut at x0 + cols. The
 * label is a link when the block says so (pick: the selected link, or NULL). */
void lines_draw(struct ui_win *w, int y, int x0, int cols, const struct block *b,
                const struct block_line *line, const struct span_list *spans,
                const struct link_pick *pick);

#endif
