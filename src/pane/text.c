/* The text pane: continuous reading through a document, node after node, each laid out
 * once per width by the layout cache; headings styled, numbers in the margin, footnote
 * markers, links and search matches highlighted. */
#include "pane/pane_text.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "app/app.h"
#include "text/width.h"
#include "util/xalloc.h"

struct text_data {
    struct text_link *links;  /* the links on screen, top to bottom, left to right */
    size_t nlinks, cap;
    const struct node **shown;  /* the nodes on screen, in order */
    size_t nshown, shown_cap;
};

static enum ui_style
base_style(enum block_style style)
{
    switch (style) {
    case BLOCK_TITLE:
        return UI_TITLE;
    case BLOCK_HEADING:
        return UI_HEADING;
    case BLOCK_META:
        return UI_META;
    case BLOCK_BODY:
    case BLOCK_FOOTNOTE:
        break;
    }
    return UI_NORMAL;
}

/* --- Spans of a line -------------------------------------------------------------------- */

/* Where the byte `orig` of the node's text lands in the block's display text: markers
 * written as plain digits became superscripts, which are longer. */
static size_t
display_offset(const struct block *b, size_t orig)
{
    long delta = 0;
    for (size_t i = 0; i < b->nlinks; i++) {
        const struct ref *r = b->links[i].ref;
        if (r->at + r->len <= orig)
            delta += (long)(b->links[i].span.end - b->links[i].span.start) - (long)r->len;
    }
    return (size_t)((long)orig + delta);
}

struct span_style {
    size_t start, end;
    enum ui_style style;
};

struct span_list {
    struct span_style v[64];
    size_t n;
};

static void
add_span(struct span_list *l, size_t start, size_t end, enum ui_style style)
{
    if (l->n < sizeof l->v / sizeof l->v[0] && start < end)
        l->v[l->n++] = (struct span_style){start, end, style};
}

/* The search matches of this block, as display spans. */
static void
match_spans(const struct app *app, const struct block *b, struct span_list *out)
{
    const struct search_state *s = &app->search_state;
    if (!s->active || b->style == BLOCK_META)
        return;
    for (size_t i = 0; i < s->hits.n; i++) {
        const struct search_hit *h = &s->hits.v[i];
        if (h->node != b->node)
            continue;
        bool title = h->field == SEARCH_FIELD_TITLE && b->style != BLOCK_BODY;
        bool text = h->field == SEARCH_FIELD_TEXT && b->style != BLOCK_HEADING;
        /* an expert's entry prints its name first and its role alone; a paper row its title */
        const char *field = search_field_string(h->node, h->field);
        bool same = field != NULL && strncmp(b->text, field, strlen(field)) == 0;
        bool entry = same && (h->field == SEARCH_FIELD_NAME || h->field == SEARCH_FIELD_ROLE ||
                              (h->field == SEARCH_FIELD_TITLE && b->style == BLOCK_BODY));
        if (!title && !text && !entry)
            continue;
        size_t start = text ? display_offset(b, h->offset) : h->offset;
        size_t end = text ? display_offset(b, h->offset + h->length) : h->offset + h->length;
        add_span(out, start, end, i == s->current ? UI_MATCH_CURRENT : UI_MATCH);
    }
}

static void
link_spans(const struct app *app, const struct block *b, struct span_list *out)
{
    for (size_t i = 0; i < b->nlinks; i++) {
        const struct block_link *l = &b->links[i];
        bool current = app->link_ref == l->ref && app->link_node == b->node;
        enum ui_style st = l->ref->kind == REF_FOOTNOTE ? UI_MARKER : UI_LINK;
        add_span(out, l->span.start, l->span.end, current ? UI_LINK_CURRENT : st);
    }
}

/* The style of byte i: the last span that covers it wins (matches over links). */
static enum ui_style
style_at(const struct span_list *spans, size_t i, enum ui_style base)
{
    enum ui_style st = base;
    for (size_t k = 0; k < spans->n; k++)
        if (i >= spans->v[k].start && i < spans->v[k].end)
            st = spans->v[k].style;
    return st;
}

/* --- Drawing ------------------------------------------------------------------------------ */

static void
remember_link(struct text_data *td, const struct node *node, const struct ref *ref, int y,
              int x0, int x1)
{
    for (size_t i = 0; i < td->nlinks; i++) /* a link wrapped over two lines: keep the first */
        if (td->links[i].ref == ref && td->links[i].node == node)
            return;
    td->links = xgrow(td->links, &td->cap, td->nlinks + 1, sizeof *td->links);
    td->links[td->nlinks++] = (struct text_link){node, ref, y, x0, x1};
}

static void
note_links(struct text_data *td, const struct block *b, const struct block_line *line, int y,
           int x0)
{
    for (size_t i = 0; i < b->nlinks; i++) {
        const struct block_link *l = &b->links[i];
        if (l->span.end <= line->start || l->span.start >= line->end)
            continue;
        size_t from = l->span.start > line->start ? l->span.start : line->start;
        int x = x0 + text_width(b->text + line->start, from - line->start);
        remember_link(td, b->node, l->ref, y, x, x + 2);
    }
}

/* Draws text[start, end) of the block from column x, span by span. */
static void
draw_text(struct ui_win *w, int y, int x, int maxx, const struct block *b, size_t start,
          size_t end, const struct span_list *spans)
{
    enum ui_style base = base_style(b->style);
    size_t i = start;
    while (i < end && x < maxx) {
        enum ui_style st = style_at(spans, i, base);
        size_t j = i;
        while (j < end && b->text[j] != '\t' && style_at(spans, j, base) == st)
            j++;
        if (j == i) { /* a tab: blanks to the next multiple of 8 */
            int stop = x + 8 - (x % 8);
            ui_fill(w, y, x, stop - x, st);
            x = stop;
            i++;
            continue;
        }
        x += ui_put(w, y, x, b->text + i, j - i, st, maxx - x);
        i = j;
    }
}

static void
draw_line(struct app *app, struct text_data *td, struct ui_win *w, int y,
          const struct block *b, const struct block_line *line)
{
    int cols = ui_win_cols(w);
    if (line->label_only) {
        ui_put(w, y, line->hang, b->label + line->start, line->end - line->start, UI_LABEL,
               cols - line->hang);
        return;
    }
    if (line->first && b->label != NULL) {
        int x = line->hang - b->label_cols;
        enum ui_style st = b->style == BLOCK_FOOTNOTE ? UI_MARKER : UI_LABEL;
        if (b->style == BLOCK_HEADING || b->style == BLOCK_TITLE)
            st = base_style(b->style);
        ui_put(w, y, x < 0 ? 0 : x, b->label, strlen(b->label), st, cols);
    }
    size_t end = line->end;
    while (end > line->start && (b->text[end - 1] == ' ' || b->text[end - 1] == '\n'))
        end--;
    struct span_list spans = {.n = 0};
    link_spans(app, b, &spans);
    match_spans(app, b, &spans);
    draw_text(w, y, line->hang, cols, b, line->start, end, &spans);
    note_links(td, b, line, y, line->hang);
}

/* Which block and line row r of a laid node is: *line_index -1 for a blank row. */
static const struct block *
row_of(const struct laid_node *l, int r, size_t *line_index)
{
    for (size_t i = 0; i < l->blocks.n; i++) {
        if (l->blocks.v[i].blank_before) {
            if (r == 0) {
                *line_index = (size_t)-1;
                return &l->blocks.v[i];
            }
            r--;
        }
        if (r < (int)l->nlines[i]) {
            *line_index = (size_t)r;
            return &l->blocks.v[i];
        }
        r -= (int)l->nlines[i];
    }
    return NULL;
}

static void
remember_shown(struct text_data *td, const struct node *node)
{
    td->shown = xgrow(td->shown, &td->shown_cap, td->nshown + 1, sizeof *td->shown);
    td->shown[td->nshown++] = node;
}

static void
text_draw(struct pane *pane, struct app *app)
{
    struct text_data *td = pane->data;
    td->nlinks = td->nshown = 0;
    ui_win_erase(pane->win);
    size_t count;
    struct node *const *nodes = app_nodes(app, &count);
    int y = 0, row = app->pos.row;
    for (size_t i = app->pos.index; i < count && y < pane->rows; i++, row = 0) {
        const struct laid_node *l = app_layout(app, nodes[i]);
        if (l->nrows > 0)
            remember_shown(td, nodes[i]);
        for (int r = row; r < l->nrows && y < pane->rows; r++, y++) {
            size_t li;
            const struct block *b = row_of(l, r, &li);
            if (b != NULL && li != (size_t)-1)
                draw_line(app, td, pane->win, y, b, &l->lines[b - l->blocks.v][li]);
        }
    }
    if (y == 0 && count == 0)
        ui_put(pane->win, 0, 0, "(empty)", 7, UI_META, pane->cols);
}

/* A click on a link selects and follows it. */
static bool
text_key(struct pane *pane, struct app *app, key_code key, int y, int x)
{
    struct text_data *td = pane->data;
    if (key != KEYC_MOUSE_CLICK)
        return false;
    for (size_t i = 0; i < td->nlinks; i++) {
        const struct text_link *l = &td->links[i];
        if (l->y == y && x >= l->x0 - 1 && x <= l->x1 + 8) {
            app->link_node = l->node;
            app->link_ref = l->ref;
            app_run_command(app, "follow-link", "");
            return true;
        }
    }
    return false;
}

static void
text_free(struct pane *pane)
{
    struct text_data *td = pane->data;
    free(td->links);
    free(td->shown);
    free(td);
}

static const struct pane_ops text_ops = {
    .name = "text",
    .draw = text_draw,
    .key = text_key,
    .command = NULL,
    .resize = NULL,
    .free = text_free,
};

struct pane *
pane_text_new(void)
{
    return pane_new(&text_ops, xcalloc(1, sizeof(struct text_data)));
}

size_t
pane_text_links(const struct pane *pane, const struct text_link **links)
{
    const struct text_data *td = pane->data;
    *links = td->links;
    return td->nlinks;
}

size_t
pane_text_shown(const struct pane *pane, const struct node *const **nodes)
{
    const struct text_data *td = pane->data;
    *nodes = td->shown;
    return td->nshown;
}
