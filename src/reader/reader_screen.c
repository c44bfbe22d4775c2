/* What is on screen: the rows of the text from the reading position, the links they show, the
 * nodes they come from, and the footnote followed into the context pane. */
#include "reader/reader.h"

#include <stdlib.h>
#include <string.h>

#include "text/width.h"
#include "util/xalloc.h"

/* Which block and line row r of a laid node is; *line NULL for a blank row. */
static const struct block *
row_of(const struct laid_node *l, int r, const struct block_line **line)
{
    for (size_t i = 0; i < l->blocks.n; i++) {
        if (l->blocks.v[i].blank_before && r-- == 0) {
            *line = NULL;
            return NULL;
        }
        if (r < (int)l->nlines[i]) {
            *line = &l->lines[i][r];
            return &l->blocks.v[i];
        }
        r -= (int)l->nlines[i];
    }
    *line = NULL;
    return NULL;
}

void
reader_each_row(struct reader *rd, void (*fn)(void *arg, const struct reader_row *row), void *arg)
{
    size_t count;
    struct node *const *nodes = reader_nodes(rd, &count);
    int y = 0, r = rd->pos.row;
    for (size_t i = rd->pos.index; i < count && y < rd->rows; i++, r = 0) {
        const struct laid_node *l = reader_layout(rd, nodes[i]);
        for (; r < l->nrows && y < rd->rows; r++, y++) {
            struct reader_row row = {.y = y, .node = nodes[i], .node_row = r};
            row.block = row_of(l, r, &row.line);
            fn(arg, &row);
        }
    }
}

/* --- Links ----------------------------------------------------------------------------------- */

struct link_list {
    struct reader_link *v;
    size_t n, cap;
};

static void
add_link(struct link_list *list, const struct node *node, const struct ref *ref, int y, int x0,
         int x1)
{
    for (size_t i = 0; i < list->n; i++) /* a link wrapped over two lines: its first */
        if (list->v[i].node == node && ref_same(&list->v[i].ref, ref))
            return;
    list->v = xgrow(list->v, &list->cap, list->n + 1, sizeof *list->v);
    list->v[list->n++] = (struct reader_link){node, *ref, y, x0, x1};
}

static void
row_links(void *arg, const struct reader_row *row)
{
    const struct block *b = row->block;
    const struct block_line *line = row->line;
    if (b == NULL || line->label_only)
        return;
    if (line->first && b->label_ref != NULL) {
        int x = line->hang - b->label_cols;
        x = x < 0 ? 0 : x;
        add_link(arg, b->node, b->label_ref, row->y, x, x + text_width(b->label, strlen(b->label)));
    }
    for (size_t i = block_first_link_after(b, line->start); i < b->nlinks; i++) {
        const struct block_link *l = &b->links[i];
        if (l->span.start >= line->end)
            break;
        size_t from = l->span.start > line->start ? l->span.start : line->start;
        size_t to = l->span.end < line->end ? l->span.end : line->end;
        int x = line->hang + text_width(b->text + line->start, from - line->start);
        add_link(arg, b->node, l->ref, row->y, x, x + text_width(b->text + from, to - from));
    }
}

size_t
reader_links(struct reader *rd, struct reader_link **links)
{
    struct link_list list = {0};
    reader_each_row(rd, row_links, &list);
    *links = list.v;
    return list.n;
}

void
reader_select_link(struct reader *rd, const struct node *node, const struct ref *ref)
{
    link_pick_set(&rd->link, node, ref);
}

const struct ref *
reader_link(const struct reader *rd)
{
    return rd->link.set ? &rd->link.ref : NULL;
}

bool
reader_link_step(struct reader *rd, int dir)
{
    struct reader_link *links;
    size_t n = reader_links(rd, &links);
    size_t cur = n;
    for (size_t i = 0; i < n; i++)
        if (link_pick_is(&rd->link, links[i].node, &links[i].ref))
            cur = i;
    if (n > 0) {
        size_t next = cur == n ? (dir > 0 ? 0 : n - 1) : (cur + (dir > 0 ? 1 : n - 1)) % n;
        reader_select_link(rd, links[next].node, &links[next].ref);
    }
    free(links);
    return n > 0;
}

/* --- Nodes on screen ----------------------------------------------------------------------- */

struct shown_list {
    const struct node **v;
    size_t n, cap;
};

static void
row_node(void *arg, const struct reader_row *row)
{
    struct shown_list *list = arg;
    if (list->n > 0 && list->v[list->n - 1] == row->node)
        return;
    list->v = xgrow(list->v, &list->cap, list->n + 1, sizeof *list->v);
    list->v[list->n++] = row->node;
}

size_t
reader_shown(struct reader *rd, const struct node ***nodes)
{
    struct shown_list list = {0};
    reader_each_row(rd, row_node, &list);
    *nodes = list.v;
    return list.n;
}

struct row_query {
    const struct node *node;
    int row;
    bool found;
};

static void
row_match(void *arg, const struct reader_row *row)
{
    struct row_query *q = arg;
    q->found = q->found || (row->node == q->node && (q->row < 0 || row->node_row == q->row));
}

bool
reader_on_screen(struct reader *rd, const struct node *node, int row)
{
    struct row_query q = {node, row, false};
    reader_each_row(rd, row_match, &q);
    return q.found;
}

/* --- The footnote followed into the context pane ------------------------------------------- */

void
reader_set_note(struct reader *rd, const struct node *note, const struct node *from)
{
    rd->note = note;
    rd->note_from = note != NULL ? from : NULL;
}

const struct node *
reader_note(struct reader *rd)
{
    if (rd->note != NULL && (rd->note_from == NULL || !reader_on_screen(rd, rd->note_from, -1)))
        reader_set_note(rd, NULL, NULL); /* the reader has left the place that cites it */
    return rd->note;
}
