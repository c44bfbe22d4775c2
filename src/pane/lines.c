/* One laid-out line of a block, drawn with its spans. */
#include "pane/lines.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

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

void
spans_add(struct span_list *l, size_t start, size_t end, enum ui_style style)
{
    if (start >= end)
        return;
    l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
    l->v[l->n++] = (struct span_style){start, end, style};
}

void
spans_fini(struct span_list *l)
{
    free(l->v);
    *l = (struct span_list){0};
}

void
spans_links(struct span_list *l, const struct block *b, const struct link_pick *pick, size_t start,
            size_t end)
{
    for (size_t i = block_first_link_after(b, start); i < b->nlinks; i++) {
        const struct block_link *k = &b->links[i];
        if (k->span.start >= end)
            break;
        bool picked = pick != NULL && link_pick_is(pick, b->node, k->ref);
        enum ui_style st = k->ref->kind == REF_FOOTNOTE ? UI_MARKER : UI_LINK;
        spans_add(l, k->span.start, k->span.end, picked ? UI_LINK_CURRENT : st);
    }
}

/* The style of byte i: the last span that covers it wins (matches over links). */
static enum ui_style
style_at(const struct span_list *spans, size_t i, enum ui_style base)
{
    enum ui_style st = base;
    for (size_t k = 0; spans != NULL && k < spans->n; k++)
        if (i >= spans->v[k].start && i < spans->v[k].end)
            st = spans->v[k].style;
    return st;
}

/* Draws text[start, end) of the block from column x to maxx, run by run of one style. */
static void
draw_text(struct ui_win *w, int y, int x, int maxx, const struct block *b, size_t start, size_t end,
          const struct span_list *spans)
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
            ui_fill(w, y, x, (stop < maxx ? stop : maxx) - x, st);
            x = stop;
            i++;
            continue;
        }
        x += ui_put(w, y, x, b->text + i, j - i, st, maxx - x);
        i = j;
    }
}

static enum ui_style
label_style(const struct block *b, const struct link_pick *pick)
{
    if (b->label_ref != NULL)
        return pick != NULL && link_pick_is(pick, b->node, b->label_ref) ? UI_LINK_CURRENT
                                                                         : UI_LINK;
    if (b->style == BLOCK_HEADING || b->style == BLOCK_TITLE)
        return base_style(b->style);
    return b->style == BLOCK_FOOTNOTE ? UI_MARKER : UI_LABEL;
}

void
lines_draw(struct ui_win *w, int y, int x0, int cols, const struct block *b,
           const struct block_line *line, const struct span_list *spans,
           const struct link_pick *pick)
{
    int maxx = x0 + cols;
    if (line->label_only) {
        ui_put(w, y, x0 + line->hang, b->label + line->start, line->end - line->start,
               label_style(b, pick), cols - line->hang);
        return;
    }
    if (line->first && b->label != NULL) {
        int x = line->hang - b->label_cols;
        ui_put(w, y, x0 + (x < 0 ? 0 : x), b->label, strlen(b->label), label_style(b, pick),
               cols - (x < 0 ? 0 : x));
    }
    size_t end = line->end;
    while (end > line->start && (b->text[end - 1] == ' ' || b->text[end - 1] == '\n'))
        end--;
    draw_text(w, y, x0 + line->hang, maxx, b, line->start, end, spans);
}
