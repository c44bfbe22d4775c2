/* A scrollable view of blocks with links. */
#include "pane/blockview.h"

#include <stdlib.h>
#include <string.h>

#include "pane/lines.h"
#include "text/width.h"
#include "util/xalloc.h"

/* A link of the blocks: block `block`'s label (link < 0) or its links[link]. */
struct link_at {
    size_t block;
    long link;
};

struct link_array {
    struct link_at *v;
    size_t n, cap;
};

void
blockview_init(struct blockview *bv)
{
    memset(bv, 0, sizeof *bv);
}

static void
free_lines(struct blockview *bv)
{
    for (size_t i = 0; bv->lines != NULL && i < bv->blocks.n; i++)
        free(bv->lines[i]);
    free(bv->lines);
    free(bv->nlines);
    bv->lines = NULL;
    bv->nlines = NULL;
    bv->width = bv->nrows = 0;
}

void
blockview_fini(struct blockview *bv)
{
    free_lines(bv);
    block_list_free(&bv->blocks);
    memset(bv, 0, sizeof *bv);
}

static const struct ref *
link_ref(const struct block *b, long k)
{
    return k < 0 ? b->label_ref : b->links[k].ref;
}

static void
push_link(struct link_array *a, size_t block, long link)
{
    a->v = xgrow(a->v, &a->cap, a->n + 1, sizeof *a->v);
    a->v[a->n++] = (struct link_at){block, link};
}

/* Every link in reading order: a block's label, then its text's links. */
static void
all_links(const struct blockview *bv, struct link_array *a)
{
    for (size_t i = 0; i < bv->blocks.n; i++) {
        const struct block *b = &bv->blocks.v[i];
        if (b->label_ref != NULL)
            push_link(a, i, -1);
        for (size_t k = 0; k < b->nlinks; k++)
            push_link(a, i, (long)k);
    }
}

/* The index among all_links() of block `block`'s link `link`. */
static size_t
link_index(const struct blockview *bv, size_t block, long link)
{
    size_t n = 0;
    for (size_t i = 0; i < block; i++)
        n += (bv->blocks.v[i].label_ref != NULL) + bv->blocks.v[i].nlinks;
    return n + (bv->blocks.v[block].label_ref != NULL) + (size_t)link;
}

size_t
blockview_nlinks(const struct blockview *bv)
{
    struct link_array a = {0};
    all_links(bv, &a);
    free(a.v);
    return a.n;
}

static bool
is_picked(const struct blockview *bv, const struct link_at *at)
{
    const struct block *b = &bv->blocks.v[at->block];
    return link_pick_is(&bv->pick, b->node, link_ref(b, at->link));
}

/* The index of the picked link in a, or a->n: where it was, if it is still there (the same
 * link may be shown twice, as a card's paper in two relations), else the first like it. */
static size_t
picked_index(const struct blockview *bv, const struct link_array *a)
{
    if (bv->pick_at < a->n && is_picked(bv, &a->v[bv->pick_at]))
        return bv->pick_at;
    for (size_t i = 0; i < a->n; i++)
        if (is_picked(bv, &a->v[i]))
            return i;
    return a->n;
}

void
blockview_set(struct blockview *bv, struct block_list *blocks, bool keep)
{
    free_lines(bv);
    block_list_free(&bv->blocks);
    bv->blocks = *blocks;
    memset(blocks, 0, sizeof *blocks);
    struct link_array a = {0};
    all_links(bv, &a);
    bool still = keep && picked_index(bv, &a) < a.n;
    free(a.v);
    if (!still)
        link_pick_clear(&bv->pick);
    if (!keep)
        bv->top = 0;
}

int
blockview_layout(struct blockview *bv, int width)
{
    width = width > 1 ? width : 1;
    if (bv->lines != NULL && bv->width == width)
        return bv->nrows;
    free_lines(bv);
    size_t n = bv->blocks.n;
    bv->lines = xcalloc(n ? n : 1, sizeof *bv->lines);
    bv->nlines = xcalloc(n ? n : 1, sizeof *bv->nlines);
    bv->width = width;
    for (size_t i = 0; i < n; i++) {
        bv->nlines[i] = block_layout(&bv->blocks.v[i], width, &bv->lines[i]);
        bv->nrows += (i > 0 && bv->blocks.v[i].blank_before) + (int)bv->nlines[i];
    }
    return bv->nrows;
}

/* The first row of block i. */
static int
block_row(const struct blockview *bv, size_t i)
{
    int row = 0;
    for (size_t k = 0; k <= i && k < bv->blocks.n; k++) {
        row += k > 0 && bv->blocks.v[k].blank_before;
        if (k < i)
            row += (int)bv->nlines[k];
    }
    return row;
}

/* Which block and line row r is; false for a blank row or past the end. */
static bool
row_line(const struct blockview *bv, int r, size_t *block, size_t *line)
{
    for (size_t i = 0; i < bv->blocks.n; i++) {
        if (i > 0 && bv->blocks.v[i].blank_before && r-- == 0)
            return false;
        if (r < (int)bv->nlines[i]) {
            *block = i;
            *line = (size_t)r;
            return true;
        }
        r -= (int)bv->nlines[i];
    }
    return false;
}

/* The block showing the picked link, or blocks.n: only it shows the link as picked, where a
 * card shows the same link twice. */
static size_t
picked_block(const struct blockview *bv)
{
    struct link_array a = {0};
    all_links(bv, &a);
    size_t at = picked_index(bv, &a);
    size_t block = at < a.n ? a.v[at].block : bv->blocks.n;
    free(a.v);
    return block;
}

void
blockview_draw(struct blockview *bv, struct ui_win *w, int y0, int x0, int rows, int cols)
{
    blockview_layout(bv, cols);
    size_t picked = picked_block(bv);
    for (int y = 0; y < rows; y++) {
        size_t i, k;
        if (!row_line(bv, bv->top + y, &i, &k))
            continue;
        const struct block *b = &bv->blocks.v[i];
        const struct link_pick *pick = i == picked ? &bv->pick : NULL;
        const struct block_line *line = &bv->lines[i][k];
        struct span_list spans = {0};
        spans_links(&spans, b, pick, line->start, line->end);
        lines_draw(w, y0 + y, x0, cols, b, line, &spans, pick);
        spans_fini(&spans);
    }
}

static int
max_top(const struct blockview *bv, int rows)
{
    return bv->nrows > rows ? bv->nrows - rows : 0;
}

unsigned
blockview_scroll(struct blockview *bv, enum motion m, int n, int rows)
{
    long top = bv->top + pane_motion_rows(m, n, rows > 2 ? rows - 1 : rows);
    int before = bv->top, last = max_top(bv, rows);
    bv->top = (int)(top < 0 ? 0 : top > last ? last : top);
    return bv->top != before ? REACT_REDRAW : REACT_NONE;
}

/* The row of the block's line that shows the link (the label's: the first). */
static int
link_row(const struct blockview *bv, const struct link_at *at)
{
    int row = block_row(bv, at->block);
    if (at->link < 0)
        return row;
    size_t start = bv->blocks.v[at->block].links[at->link].span.start;
    for (size_t k = 0; k + 1 < bv->nlines[at->block]; k++)
        if (start < bv->lines[at->block][k + 1].start)
            return row + (int)k;
    return row + (int)(bv->nlines[at->block] ? bv->nlines[at->block] - 1 : 0);
}

bool
blockview_step_link(struct blockview *bv, int dir, int rows)
{
    struct link_array a = {0};
    all_links(bv, &a);
    if (a.n == 0)
        return false;
    size_t cur = picked_index(bv, &a);
    size_t next = cur == a.n ? (dir > 0 ? 0 : a.n - 1) : (cur + (dir > 0 ? 1 : a.n - 1)) % a.n;
    const struct block *b = &bv->blocks.v[a.v[next].block];
    link_pick_set(&bv->pick, b->node, link_ref(b, a.v[next].link));
    bv->pick_at = next;
    if (bv->width > 0) {
        int row = link_row(bv, &a.v[next]);
        if (row < bv->top || row >= bv->top + rows)
            bv->top = row - (rows > 2 ? rows / 3 : 0); /* with some context above it */
        bv->top = bv->top < 0 ? 0 : bv->top > max_top(bv, rows) ? max_top(bv, rows) : bv->top;
    }
    free(a.v);
    return true;
}

const struct link_pick *
blockview_picked(const struct blockview *bv)
{
    return bv->pick.set ? &bv->pick : NULL;
}

/* Whether column x of line `line` of block b falls on link k (the label when k < 0). */
static bool
link_at_column(const struct block *b, const struct block_line *line, long k, int x)
{
    if (k < 0) {
        int x1 = line->hang, x0 = x1 - b->label_cols;
        return line->first && x >= x0 && x < x1;
    }
    const struct wrap_span *s = &b->links[k].span;
    if (s->end <= line->start || s->start >= line->end)
        return false;
    size_t from = s->start > line->start ? s->start : line->start;
    size_t to = s->end < line->end ? s->end : line->end;
    int x0 = line->hang + text_width(b->text + line->start, from - line->start);
    return x >= x0 && x < x0 + text_width(b->text + from, to - from);
}

bool
blockview_click(struct blockview *bv, int y, int x)
{
    size_t i, k;
    if (bv->width == 0 || !row_line(bv, bv->top + y, &i, &k))
        return false;
    const struct block *b = &bv->blocks.v[i];
    for (long l = b->label_ref != NULL ? -1 : 0; l < (long)b->nlinks; l++)
        if (link_at_column(b, &bv->lines[i][k], l, x)) {
            link_pick_set(&bv->pick, b->node, link_ref(b, l));
            bv->pick_at = link_index(bv, i, l);
            return true;
        }
    return false;
}
