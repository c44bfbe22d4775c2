/* The text pane: continuous reading through a document, node after node, each laid out once
 * per width by the reading model's cache; headings styled, numbers in the margin, footnote
 * markers, links and search matches highlighted. Moving and link cycling are the reading
 * model's own (pane_ops.move and .step_link are NULL). */
#include "pane/tiles.h"

#include <stdlib.h>
#include <string.h>

#include "pane/lines.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Which row of the text a screen row shows: what scrolling compares. */
struct row_id {
    const struct node *node; /* NULL: nothing on that row */
    int node_row;
};

/* The text pane's own state: the rows it showed last. */
struct text_data {
    struct row_id *shown; /* one per row of the pane */
    int nshown;
};

/* The span of hit i when it is not in the node's text: a heading's title, an expert's name
 * and role, a paper row's title. */
static void
field_span(const struct reader_search *s, const struct block *b, size_t i, struct span_list *out)
{
    const struct search_hit *h = &s->hits.v[i];
    bool title = h->field == SEARCH_FIELD_TITLE && b->style != BLOCK_BODY;
    /* an expert's entry prints its name first and its role alone; a paper row its title */
    bool entry = h->field == SEARCH_FIELD_NAME || h->field == SEARCH_FIELD_ROLE ||
                 (h->field == SEARCH_FIELD_TITLE && b->style == BLOCK_BODY);
    if (!title && entry) {
        const char *field = search_field_string(h->node, h->field);
        entry = field != NULL && strncmp(b->text, field, strlen(field)) == 0;
    }
    if (title || entry)
        spans_add(out, h->offset, h->offset + h->length,
                  i == s->current ? UI_MATCH_CURRENT : UI_MATCH);
}

/* The first of the text hits [lo, hi) (in offset order) that ends after display byte at. */
static size_t
text_hit_after(const struct reader_search *s, const struct block *b, size_t lo, size_t hi,
               size_t at)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct search_hit *h = &s->hits.v[mid];
        if (block_display_offset(b, h->offset + h->length) <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The search matches on one line of this block, as display spans. The node's hits are found
 * by binary search, and its text hits by offset, so that a line costs the same whether its
 * node has one hit or a hundred thousand. */
static void
match_spans(const struct reader *rd, const struct block *b, const struct block_line *line,
            struct span_list *out)
{
    const struct reader_search *s = &rd->search;
    if (!s->active || !s->highlight || b->style == BLOCK_META)
        return;
    size_t first, n = reader_hits_in(rd, b->node, &first), end = first + n, i = first;
    for (; i < end && s->hits.v[i].field != SEARCH_FIELD_TEXT; i++) /* fields come first */
        field_span(s, b, i, out);
    if (b->style == BLOCK_HEADING || line->label_only)
        return;
    for (i = text_hit_after(s, b, i, end, line->start); i < end; i++) {
        const struct search_hit *h = &s->hits.v[i];
        size_t start = block_display_offset(b, h->offset);
        if (start >= line->end)
            break;
        spans_add(out, start, block_display_offset(b, h->offset + h->length),
                  i == s->current ? UI_MATCH_CURRENT : UI_MATCH);
    }
}

struct draw_arg {
    struct pane *pane;
    struct reader *rd;
    int drawn;
};

static void
draw_row(void *arg, const struct reader_row *row)
{
    struct draw_arg *a = arg;
    a->drawn++;
    if (row->block == NULL)
        return;
    struct span_list spans = {0};
    spans_links(&spans, row->block, &a->rd->link, row->line->start, row->line->end);
    match_spans(a->rd, row->block, row->line, &spans);
    lines_draw(a->pane->win, row->y, 0, a->pane->cols, row->block, row->line, &spans, &a->rd->link);
    spans_fini(&spans);
}

struct row_ids {
    struct row_id *v;
    int n;
};

static void
note_row(void *arg, const struct reader_row *row)
{
    struct row_ids *ids = arg;
    if (row->y >= 0 && row->y < ids->n)
        ids->v[row->y] = (struct row_id){row->node, row->node_row};
}

static bool
same_rows(const struct row_id *a, const struct row_id *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i].node != b[i].node || a[i].node_row != b[i].node_row || a[i].node == NULL)
            return false;
    return true;
}

/* How many rows the text moved from was to now (positive: up, as a line down moves it), or 0
 * when it did not simply move, or moved more than half the pane: a page keeps a line or two,
 * which saves fewer bytes than the scroll and its own write() cost in time. */
static int
rows_moved(const struct row_id *was, const struct row_id *now, int rows)
{
    for (int k = 1; k <= rows / 2; k++) {
        if (same_rows(now, was + k, rows - k))
            return k;
        if (same_rows(now + k, was, rows - k))
            return -k;
    }
    return 0;
}

/* When the text only moved by a few rows, the terminal is asked to move what it shows by as
 * many (within margins, beside the other panes, where it has them), so that the redraw that
 * follows sends only the rows that came in. The rows shown are noted on every frame: the
 * margins may be confirmed after the first. */
static void
scroll_screen(struct pane *pane, struct reader *rd)
{
    struct text_data *td = pane->data;
    struct row_id *now = xcalloc((size_t)pane->rows, sizeof *now);
    struct row_ids ids = {now, pane->rows};
    reader_each_row(rd, note_row, &ids);
    int moved = 0;
    if (pane->intact && td->nshown == pane->rows && ui_has_margins())
        moved = rows_moved(td->shown, now, pane->rows);
    if (moved != 0)
        ui_win_scroll_screen(pane->win, moved);
    free(td->shown);
    td->shown = now;
    td->nshown = pane->rows;
}

static void
text_draw(struct pane *pane, struct reader *rd)
{
    scroll_screen(pane, rd);
    ui_win_erase(pane->win);
    struct draw_arg a = {pane, rd, 0};
    reader_each_row(rd, draw_row, &a);
    if (a.drawn == 0)
        ui_put(pane->win, 0, 0, _("(empty)"), strlen(_("(empty)")), UI_META, pane->cols);
}

static void
text_free(struct pane *pane)
{
    struct text_data *td = pane->data;
    free(td->shown);
    free(td);
}

/* A click on a link (or just beside it: markers are narrow) selects and follows it. */
static unsigned
text_click(struct pane *pane, struct cmd_ctx *ctx, int y, int x)
{
    (void)pane;
    struct reader_link *links;
    size_t n = reader_links(ctx->rd, &links);
    unsigned r = REACT_NONE;
    for (size_t i = 0; i < n && r == REACT_NONE; i++)
        if (links[i].y == y && x >= links[i].x0 - 1 && x <= links[i].x1) {
            reader_select_link(ctx->rd, links[i].node, &links[i].ref);
            r = REACT_FOLLOW | REACT_REDRAW;
        }
    free(links);
    return r;
}

const struct pane_ops text_ops = {
    .name = N_("text"),
    .place = PLACE_TILE,
    .enter_help = N_("follow the selected link"),
    .draw = text_draw,
    .click = text_click,
    .free = text_free,
};

struct pane *
pane_text_new(void)
{
    return pane_new(&text_ops, xcalloc(1, sizeof(struct text_data)));
}
